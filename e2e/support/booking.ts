import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { decodeQuotedPrintable, type KeptEmail } from './outbox.ts';
import { signIn } from './app.ts';

/**
 * Helpers for the booking journeys: links and calendar attachments in the booking
 * e-mails, and setting up an appointment through the API as staff would by phone.
 */

export const CLINIC = 'jade-leaf-bath';

/**
 * A fixed choice among `count` (0-based), spread by `offset` so journeys reach for
 * different days and times; a retry moves on, as the first try may have taken it.
 */
export function spreadPick(count: number, offset: number): number {
  if (count < 1) throw new Error('Nothing to choose from');
  return (offset + test.info().retry * 7) % count;
}

/** A booking link of the given page in an e-mail, as a path (`/app/bookings/manage?token=…&clinic=…&action=cancel`). */
export function bookingLink(email: KeptEmail, page: 'confirm' | 'manage', action?: 'cancel' | 'reschedule'): string {
  const tail = action ? `&action=${action}` : '(?![&\\w])';
  const match = new RegExp(`https?://[^\\s"<>]+/app/bookings/${page}\\?token=[A-Za-z0-9_-]+&clinic=[a-z0-9-]+${tail}`).exec(email.text);
  if (!match) throw new Error(`No ${page} link${action ? ` (${action})` : ''} in the e-mail "${email.subject}":\n${email.text}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

/** The decoded attachments of a kept e-mail, by file name (walks nested multiparts). */
export function attachments(email: KeptEmail): Map<string, { type: string; content: string }> {
  const raw = readFileSync(email.file, 'utf8');
  const found = new Map<string, { type: string; content: string }>();
  const walk = (part: string) => {
    const split = part.search(/\r?\n\r?\n/);
    const head = (split === -1 ? part : part.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
    const body = split === -1 ? '' : part.slice(split).replace(/^\r?\n\r?\n/, '');
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
    const type = header('content-type');
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const piece of body.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        walk(piece.replace(/^\r?\n/, ''));
      }
      return;
    }
    const name = /filename="?([^";]+)"?/i.exec(header('content-disposition'))?.[1] ?? /name="?([^";]+)"?/i.exec(type)?.[1];
    if (!name) return;
    const encoding = header('content-transfer-encoding').toLowerCase();
    const content = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
    found.set(name, { type, content });
  };
  walk(raw);
  return found;
}

/** An iCalendar property's value, unfolded (RFC 5545 §3.1). */
export function icsValue(ics: string, property: string): string | undefined {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  return new RegExp(`^${property}(?:;[^:]*)?:(.*)$`, 'm').exec(unfolded)?.[1]?.trim();
}

/** `2026-11-27T09:00:00.000Z` → `20261127T090000Z`, as iCalendar writes UTC times. */
export const icsUtc = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Requests as the signed-in person of `page` (its cookies), with the session's CSRF token on writes. */
export async function asSignedIn(page: Page) {
  const session = await (await page.request.get('/api/v1/auth/session')).json() as { csrfToken: string };
  const headers = { 'X-CSRF-Token': session.csrfToken };
  return {
    get: async <T>(path: string) => {
      const r = await page.request.get(`/api/v1${path}`);
      expect(r.status(), `GET ${path}`).toBe(200);
      return (await r.json()) as T;
    },
    patch: async <T>(path: string, data: unknown) => {
      const r = await page.request.patch(`/api/v1${path}`, { data, headers });
      expect(r.status(), `PATCH ${path}: ${await r.text()}`).toBe(200);
      return (await r.json()) as T;
    },
    post: async <T>(path: string, data: unknown) => {
      const r = await page.request.post(`/api/v1${path}`, { data, headers });
      expect(r.status(), `POST ${path}: ${await r.text()}`).toBe(201);
      return (await r.json()) as T;
    },
  };
}

interface Slot { start: string; end: string; practitionerId: string }

/** Free slots of a service (by slug), from the public API, at least `hoursAhead` from now. */
export async function freeSlots(request: APIRequestContext, serviceSlug: string, hoursAhead: number, practitionerName?: string): Promise<Slot[]> {
  const services = await (await request.get(`/api/v1/clinics/${CLINIC}/services`)).json() as { items: { id: string; slug: string }[] };
  const service = services.items.find((s) => s.slug === serviceSlug)!;
  let practitionerId: string | undefined;
  if (practitionerName) {
    const people = await (await request.get(`/api/v1/clinics/${CLINIC}/practitioners`)).json() as { items: { id: string; name: string }[] };
    practitionerId = people.items.find((p) => p.name === practitionerName)!.id;
  }
  const from = new Date(Date.now() + hoursAhead * 3_600_000).toISOString();
  const to = new Date(Date.now() + (hoursAhead + 24 * 21) * 3_600_000).toISOString();
  const q = new URLSearchParams({ serviceId: service.id, from, to, ...(practitionerId ? { practitionerId } : {}) });
  const answer = await (await request.get(`/api/v1/clinics/${CLINIC}/availability?${q}`)).json() as { slots: Slot[] };
  expect(answer.slots.length, `free slots of ${serviceSlug}`).toBeGreaterThan(0);
  return answer.slots;
}

/** The id of a service by slug. */
export async function serviceId(request: APIRequestContext, slug: string): Promise<string> {
  const services = await (await request.get(`/api/v1/clinics/${CLINIC}/services`)).json() as { items: { id: string; slug: string }[] };
  return services.items.find((s) => s.slug === slug)!.id;
}

/**
 * A clinic's own website for the widget, served by a small server of the test's own on this
 * machine, and listed by the owner as allowed to take bookings. Close it when done.
 */
export async function clinicWebsite(page: Page, html: string) {
  const host = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const owner = await asSignedIn(page);
  const rules = await owner.get<{ widgetOrigins: string[] }>(`/clinics/${CLINIC}/settings/booking`);
  await owner.patch(`/clinics/${CLINIC}/settings/booking`, { widgetOrigins: [...rules.widgetOrigins.filter((o) => o.startsWith('https:')), site] });
  await page.context().clearCookies();
  return { site, close: () => host.close() };
}
