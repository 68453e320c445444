import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, busyCalendars, busyTimes, clinics } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { BusyCalendarJobs } from './busy-calendar-jobs.ts';

/** A local calendar service: each path answers what the test put there. */
const served: Record<string, { status: number; body: string; etag?: string }> = {};
let requests: { path: string; ifNoneMatch?: string }[] = [];
const server = http.createServer((req, res) => {
  requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
  const answer = served[req.url ?? ''];
  if (!answer) return res.writeHead(404).end('not found');
  if (answer.etag && req.headers['if-none-match'] === answer.etag) return res.writeHead(304).end();
  res.writeHead(answer.status, { 'content-type': 'text/calendar', ...(answer.etag ? { etag: answer.etag } : {}) }).end(answer.body);
});

let t: TestContext;
let f: ClinicFixture;
let base: string;
const url = (path = '') => `/api/v1/clinics/${f.slug}${path}`;
const ics = (...events: { start: string; end: string; extra?: string[] }[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Other clinic//EN',
  ...events.flatMap((e, i) => ['BEGIN:VEVENT', `UID:e${i}@other`, 'DTSTAMP:20270101T000000Z', 'SUMMARY:Mrs Smith, knee pain', 'LOCATION:Other clinic',
    `DTSTART:${DateTime.fromISO(e.start).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`, `DTEND:${DateTime.fromISO(e.end).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`, ...(e.extra ?? []), 'END:VEVENT']),
  'END:VCALENDAR'].join('\r\n');

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await buildTestApp({ BUSY_CALENDAR_ALLOW_PRIVATE: 'true' });
  f = await createClinicFixture(t);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

const busyStart = () => localSlot(f.timeZone, 3, '10:00');
const slotsAt = async (date: string) => {
  const res = await t.client().get(url(`/availability?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${date}&to=${date}`));
  expect(res.statusCode).toBe(200);
  return (res.json().slots as { start: string }[]).map((s) => s.start);
};

describe('POST /api/v1/clinics/:slug/members/:userId/busy-calendars', () => {
  it('blocks the practitioner\'s free slots with the busy times of their other calendar, and never shows its address or event details', async () => {
    const start = busyStart();
    const end = DateTime.fromISO(start).plus({ hours: 1 }).toISO()!;
    const date = localDate(start, f.timeZone);
    const before = await slotsAt(date);
    expect(before).toContain(new Date(start).toISOString());
    const version = async () => (await t.database.db.select({ v: clinics.pageVersion }).from(clinics).where(eq(clinics.id, f.clinicId)))[0]!.v;
    const v0 = await version();

    served['/private-abc123/basic.ics'] = { status: 200, body: ics({ start, end }, { start: DateTime.fromISO(start).plus({ hours: 5 }).toISO()!, end: DateTime.fromISO(start).plus({ hours: 6 }).toISO()!, extra: ['TRANSP:TRANSPARENT'] }), etag: '"v1"' };
    const pat = await f.signIn('practitioner');
    const added = await pat.post(url(`/members/${f.practitionerId}/busy-calendars`), { label: 'Other clinic', url: `${base}/private-abc123/basic.ics` });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ label: 'Other clinic', status: 'ok', lastError: null, busyCount: 1, urlHint: `${new URL(base).host}/…/basic.ics` });
    expect(added.body).not.toContain('private-abc123');
    expect(await version()).toBeGreaterThan(v0);

    // The hour and the slots whose buffer runs into it are gone; the free (transparent) event blocks nothing.
    const after = await slotsAt(date);
    expect(after).not.toContain(new Date(start).toISOString());
    expect(after).not.toContain(DateTime.fromISO(start).minus({ minutes: 30 }).toUTC().toISO());
    expect(after).toContain(DateTime.fromISO(start).plus({ hours: 5 }).toUTC().toISO());
    expect(after).toContain(DateTime.fromISO(start).plus({ hours: 1 }).toUTC().toISO());

    // Only times and a hash are stored; the audit row names the host, never the address.
    const stored = await t.database.db.select().from(busyTimes).where(eq(busyTimes.practitionerId, f.practitionerId));
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0]!).sort()).toEqual(['calendarId', 'clinicId', 'endsAt', 'hash', 'practitionerId', 'startsAt']);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'busy_calendar.add'));
    expect(JSON.stringify(audits)).not.toContain('private-abc123');
    // The address is kept encrypted: a copy of the database alone does not give it away.
    const [calendar] = await t.database.db.select({ urlSecret: busyCalendars.urlSecret }).from(busyCalendars).where(eq(busyCalendars.practitionerId, f.practitionerId));
    expect(calendar!.urlSecret).toMatch(/^enc:v1:/);
    expect(calendar!.urlSecret).not.toContain('private-abc123');

    // Booking the busy time is refused, by the visitor's path and the front desk's alike.
    const booked = await t.client().post(url('/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '07700 900123' },
    });
    expect(booked.statusCode).toBe(422);
    expect(booked.json().type).toMatch(/practitioner-busy$/);
    const owner = await f.signIn('owner');
    const client = await owner.post(url('/clients'), { name: 'Desk Client', email: 'desk@example.com' });
    const desk = await owner.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start, clientId: client.json().id });
    expect(desk.statusCode).toBe(422);
  });

  it('fetches again with the ETag, and a changed calendar frees the time at once', async () => {
    const start = busyStart();
    const date = localDate(start, f.timeZone);
    const owner = await f.signIn('owner');
    const [cal] = (await owner.get(url(`/members/${f.practitionerId}/busy-calendars`))).json().items;
    requests = [];
    const same = await owner.post(url(`/members/${f.practitionerId}/busy-calendars/${cal.id}/refresh`));
    expect(same.json()).toMatchObject({ status: 'ok', busyCount: 1 });
    expect(requests[0]!.ifNoneMatch).toBe('"v1"');

    served['/private-abc123/basic.ics'] = { status: 200, body: ics({ start, end: DateTime.fromISO(start).plus({ hours: 1 }).toISO()!, extra: ['STATUS:CANCELLED'] }), etag: '"v2"' };
    const fresh = await owner.post(url(`/members/${f.practitionerId}/busy-calendars/${cal.id}/refresh`));
    expect(fresh.json()).toMatchObject({ status: 'ok', busyCount: 0 });
    expect(await slotsAt(date)).toContain(new Date(start).toISOString());
  });

  it('shows a calendar that fails as failing, with when it last worked, to the practitioner and the owner', async () => {
    const pat = await f.signIn('practitioner');
    served['/gone.ics'] = { status: 200, body: ics({ start: busyStart(), end: DateTime.fromISO(busyStart()).plus({ hours: 2 }).toISO()! }) };
    const added = (await pat.post(url(`/members/${f.practitionerId}/busy-calendars`), { label: 'Hospital rota', url: `${base}/gone.ics` })).json();
    expect(added.status).toBe('ok');

    served['/gone.ics'] = { status: 200, body: '<html>Please sign in</html>' };
    const jobs = new BusyCalendarJobs(t.database, t.config, t.app.log);
    const run = await jobs.runOnce(Date.now() + 10 * 60_000);
    expect(run.failed).toBeGreaterThanOrEqual(1);
    const owner = await f.signIn('owner');
    const listed = (await owner.get(url(`/members/${f.practitionerId}/busy-calendars`))).json().items.find((c: { id: string }) => c.id === added.id);
    expect(listed).toMatchObject({ status: 'failing', lastSuccessAt: added.lastSuccessAt, busyCount: 1 });
    expect(listed.lastError).toMatch(/not return an iCalendar/);

    delete served['/gone.ics'];
    const notFound = (await owner.post(url(`/members/${f.practitionerId}/busy-calendars/${added.id}/refresh`))).json();
    expect(notFound).toMatchObject({ status: 'failing', lastError: expect.stringMatching(/answered 404/) });

    // Removing it frees its busy times.
    expect((await pat.delete(url(`/members/${f.practitionerId}/busy-calendars/${added.id}`))).statusCode).toBe(200);
    const left = (await pat.get(url(`/members/${f.practitionerId}/busy-calendars`))).json().items;
    expect(left.map((c: { id: string }) => c.id)).not.toContain(added.id);
  });

  it('refuses addresses that are not http(s) or on a private network, and other people\'s calendars', async () => {
    const pat = await f.signIn('practitioner');
    const path = url(`/members/${f.practitionerId}/busy-calendars`);
    const bad = await pat.post(path, { label: 'x', url: 'ftp://example.com/cal.ics' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await pat.post(path, { label: '', url: 'https://example.com/a.ics' })).statusCode).toBe(400);
    // Another practitioner's calendars are not theirs to see (404, as for any record not their own).
    expect((await pat.get(url(`/members/${f.secondId}/busy-calendars`))).statusCode).toBe(404);
    expect((await (await f.signIn('reception')).get(path)).statusCode).toBe(403);

    // Without the test flag, loopback and private addresses are refused.
    const strict = await buildTestApp();
    try {
      const g = await createClinicFixture(strict);
      const me = await g.signIn('practitioner');
      for (const address of [`${base}/basic.ics`, 'http://localhost/cal.ics', 'https://10.0.0.8/cal.ics', 'https://[::1]/cal.ics']) {
        const res = await me.post(`/api/v1/clinics/${g.slug}/members/${g.practitionerId}/busy-calendars`, { label: 'Other', url: address });
        expect(res.statusCode, address).toBe(422);
        expect(res.json().detail).toMatch(/private network/);
      }
    } finally {
      await strict.close();
    }
  });
});
