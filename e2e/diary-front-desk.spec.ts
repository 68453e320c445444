import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, serviceId } from './support/booking.ts';
import { resetServerClock, setServerClock } from './support/clock.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * The front desk in the diary on an appointment's day (issue 13 bugs 2, 3 and 6): "Mark
 * arrived" only on the day, from 30 minutes before; a no-show marked by mistake undone
 * the same day, and no longer the next; and no free time offered once it has begun.
 *
 * The appointment is booked by phone at a free time of Tom's at least three days ahead
 * (never depending on today's weekday or hour), and the server's diary clock is then
 * moved onto that day (e2e/support/clock.ts) to stand where reception would.
 */

const ZONE = 'Europe/London';
const local = (ms: number | string) => (typeof ms === 'number' ? DateTime.fromMillis(ms, { zone: ZONE }) : DateTime.fromISO(ms, { zone: ZONE })).setLocale('en-GB');
const hhmm = (ms: number) => local(ms).toFormat('HH:mm');
const MIN = 60_000;

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Staff requests with the session's CSRF token, any answer (to check refusals). */
async function staffPost(page: Page, pathname: string, data?: unknown) {
  const session = await (await page.request.get('/api/v1/auth/session')).json() as { csrfToken: string };
  return page.request.post(`/api/v1${pathname}`, { data, headers: { 'X-CSRF-Token': session.csrfToken } });
}

test.beforeEach(async ({ page }) => {
  resetServerClock();
  await page.setViewportSize({ width: 1280, height: 1700 });
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
});
test.afterEach(() => resetServerClock());

test('Reception cannot mark arrived days ahead, undoes a no-show on the day (not the day after), and is never offered a time that has begun', async ({ page }) => {
  const staff = await asSignedIn(page);
  const service = await serviceId(page.request, 'traditional-acupuncture');
  const people = await staff.get<{ items: { id: string; name: string }[] }>(`/clinics/${CLINIC}/practitioners`);
  const tomId = people.items.find((p) => p.name === 'Tom Hughes')!.id;

  // Tom's free times from three days ahead, by the staff rules: the first day with one
  // time for the appointment and a second, at least 90 minutes later, that stays free.
  const from = new Date(Date.now() + 72 * 3_600_000).toISOString();
  const to = new Date(Date.now() + 24 * 24 * 3_600_000).toISOString();
  const free = (await staff.get<{ slots: { start: string }[] }>(`/clinics/${CLINIC}/diary/free-times?${new URLSearchParams({ serviceId: service, practitionerId: tomId, from, to })}`)).slots
    .map((s) => Date.parse(s.start));
  let pair: { a: number; b: number } | undefined;
  for (const a of free) {
    const b = free.find((x) => x >= a + 90 * MIN && local(x).hasSame(local(a), 'day'));
    if (b !== undefined) { pair = { a, b }; break; }
  }
  expect(pair, 'two free times of Tom on one day').toBeDefined();
  const { a: start, b: later } = pair!;
  const day = local(start).toISODate()!;
  const name = 'Nora Desk';
  await staff.post(`/clinics/${CLINIC}/diary/bookings`, { serviceId: service, practitionerId: tomId, start: new Date(start).toISOString(), client: { name, email: uniqueEmail('nora.desk'), phone: '07700 900432' } });

  // Bug 2: days ahead there is no "Mark arrived", and the dialog says when there will be.
  await page.goto(`/app/diary?date=${day}`);
  const tom = page.getByRole('group', { name: 'Tom Hughes’s day' });
  // The label goes on with the visit's readiness ("questions missing, …") after the status.
  const entry = (status: string) => tom.getByRole('button', { name: new RegExp(`^${hhmm(start)} to .*${name}, Traditional acupuncture, ${status}(,|$)`) });
  await entry('Booked').click();
  let dialog = page.getByRole('dialog', { name });
  await expect(dialog).toContainText(`The client can be marked arrived on the day, from ${hhmm(start - 30 * MIN)}.`);
  await expect(dialog.getByRole('button', { name: 'Mark arrived' })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Move' })).toBeVisible();
  await shoot(page, 'desktop-diary-arrival-later');
  const booked = await staff.get<{ columns: { practitionerId: string; entries: { id: string; client: { name: string } | null }[] }[] }>(`/clinics/${CLINIC}/diary?date=${day}&practitionerId=${tomId}`);
  const id = booked.columns[0]!.entries.find((e) => e.client?.name === name)!.id;
  // The server holds to the same rule.
  const early = await staffPost(page, `/clinics/${CLINIC}/bookings/${id}/status`, { status: 'arrived' });
  expect(early.status()).toBe(422);
  expect((await early.json()).detail).toContain('only on the day of the appointment');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Bug 3: ten minutes after the start, the client has not come. Reception marks a no-show…
  setServerClock(start + 10 * MIN);
  await page.reload();
  await entry('Booked').click();
  dialog = page.getByRole('dialog', { name });
  await expect(dialog.getByRole('button', { name: 'Mark arrived' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark no-show' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name}: marked as a no-show.` })).toBeVisible();
  // …by mistake: she is in the waiting room. Undo, then mark her arrived.
  await entry('No-show').click();
  dialog = page.getByRole('dialog', { name });
  await expect(dialog.getByRole('button', { name: 'Mark arrived' })).toHaveCount(0);
  expect(await seriousViolations(page), 'dialog with undo').toEqual([]);
  await shoot(page, 'desktop-diary-undo-no-show');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'phone-diary-undo-no-show');
  await page.setViewportSize({ width: 1280, height: 1700 });
  await dialog.getByRole('button', { name: 'Undo no-show' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name}: no-show undone, now booked.` })).toBeVisible();
  await entry('Booked').click();
  await page.getByRole('dialog', { name }).getByRole('button', { name: 'Mark arrived' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name}: arrived.` })).toBeVisible();
  await expect(entry('Arrived')).toBeVisible();

  // Bug 6: five minutes into Tom's later free time, its first quarter hour has begun and
  // is not offered; the next one is, and nothing earlier.
  setServerClock(later + 5 * MIN);
  await page.reload();
  await expect(entry('Arrived')).toBeVisible();
  const freeNames = async () => (await tom.getByRole('button', { name: /free: book with Tom Hughes$/ }).allTextContents()).map((t) => t.slice(0, 5));
  await expect(tom.getByRole('button', { name: `${hhmm(later + 15 * MIN)} free: book with Tom Hughes` })).toBeVisible();
  await expect(tom.getByRole('button', { name: `${hhmm(later)} free: book with Tom Hughes` })).toHaveCount(0);
  for (const time of await freeNames()) expect(time > hhmm(later + 5 * MIN), `free time ${time} after ${hhmm(later + 5 * MIN)}`).toBe(true);

  // The next morning the day is over: nothing to undo any more, and the server refuses it.
  setServerClock(local(start).plus({ days: 1 }).set({ hour: 8, minute: 0 }).toMillis());
  await page.reload();
  await entry('Arrived').click();
  dialog = page.getByRole('dialog', { name });
  await expect(dialog.getByText('Arrived', { exact: true })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Undo/ })).toHaveCount(0);
  const late = await staffPost(page, `/clinics/${CLINIC}/bookings/${id}/status/undo`);
  expect(late.status()).toBe(409);
  expect((await late.json()).detail).toContain('only on the day of the appointment');
});
