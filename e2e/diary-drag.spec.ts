import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail, ukDate } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId, spreadPick } from './support/booking.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * The staff diary's pointer ways: dragging an appointment to another time or practitioner
 * (confirmed, then moved with If-Match), what the diary says when someone else got there
 * first, and rooms out of use. The keyboard way (open, Move) is in booking-staff.spec.ts.
 */

const ZONE = 'Europe/London';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).setLocale('en-GB');
const minutesOf = (iso: string) => local(iso).hour * 60 + local(iso).minute;
/** The day view's scale at the demo clinic's 15-minute step (see pixelsPerMinute). */
const PPM = 1.6;

/** Drags an appointment button with the mouse, by `minutes` down the grid, into the column `to`. */
async function drag(page: Page, entry: ReturnType<Page['getByRole']>, to: ReturnType<Page['getByRole']>, minutes: number, beforeDrop?: () => Promise<void>) {
  const from = (await entry.boundingBox())!;
  const column = (await to.boundingBox())!;
  const grab = { x: from.x + from.width / 2, y: from.y + 8 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 10, grab.y + 10, { steps: 3 });
  await page.mouse.move(column.x + column.width / 2, grab.y + minutes * PPM, { steps: 8 });
  await beforeDrop?.();
  await page.mouse.up();
}

/** A new client booked by phone with `practitionerId` at `start`, as reception would. */
async function bookByPhone(page: Page, start: string, practitionerId: string, name: string) {
  const staff = await asSignedIn(page);
  return staff.post<{ id: string; version: number }>(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'traditional-acupuncture'), practitionerId, start,
    client: { name, email: uniqueEmail(name.toLowerCase().replace(/\W+/g, '.')), phone: '07700 900321' },
  });
}

/** Pairs of free times on one day, the second at least `gapMin` minutes after the first; a fixed one picked for each journey. */
function pickPair<T extends { start: string }>(first: T[], second: T[], gapMin: number, offset: number): { a: T; b: T } {
  const pairs = first.flatMap((a) => second.filter((b) => local(b.start).toISODate() === local(a.start).toISODate() && minutesOf(b.start) - minutesOf(a.start) >= gapMin)
    .map((b) => ({ a, b })));
  expect(pairs.length, 'two free times on one day').toBeGreaterThan(0);
  return pairs[spreadPick(Math.min(pairs.length, 30), offset)]!;
}

/** Confirms a dropped move that the server refuses, checks what the dialog says, and goes back to the diary. */
async function confirmRefused(page: Page, client: string, says: string) {
  const confirm = page.getByRole('dialog', { name: `Move ${client}?` });
  await confirm.getByRole('button', { name: 'Move appointment' }).click();
  await expect(confirm.getByRole('alert')).toContainText(says);
  await confirm.getByRole('button', { name: 'Back to the diary' }).click();
}

test.beforeEach(async ({ page }) => {
  // Tall enough that the whole day fits: the drag never needs to scroll the page.
  await page.setViewportSize({ width: 1280, height: 1700 });
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
});

test('Reception drags an appointment to another practitioner and time, confirms, and it stays there', async ({ page }) => {
  // Tom's appointment, and a time the same day when Mei Lin is free for it.
  const toms = await freeSlots(page.request, 'traditional-acupuncture', 72, 'Tom Hughes');
  const meis = await freeSlots(page.request, 'traditional-acupuncture', 72, 'Mei Lin Chen');
  const { a: from, b: to } = pickPair(toms, meis, 60, 3);
  await bookByPhone(page, from.start, from.practitionerId, 'Edith Crane');
  const day = local(from.start).toISODate()!;

  await page.goto(`/app/diary?date=${day}`);
  const tom = page.getByRole('group', { name: 'Tom Hughes’s day' });
  const mei = page.getByRole('group', { name: 'Mei Lin Chen’s day' });
  const entry = tom.getByRole('button', { name: new RegExp(`^${local(from.start).toFormat('HH:mm')} to .*Edith Crane, Traditional acupuncture, Booked`) });
  await expect(entry).toBeVisible();

  const newTime = local(to.start).toFormat('HH:mm');
  await drag(page, entry, mei, minutesOf(to.start) - minutesOf(from.start), async () => {
    // While dragging, the diary shows where it would land.
    await expect(mei.getByText(new RegExp(`^${newTime}–`))).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-diary-dragging.png') });
  });

  const confirm = page.getByRole('dialog', { name: 'Move Edith Crane?' });
  const when = `${local(to.start).toFormat('cccc d LLLL yyyy')} at ${newTime}`;
  await expect(confirm).toContainText(`${when} with Mei Lin Chen`);
  await expect(confirm).toContainText(`${local(from.start).toFormat('cccc d LLLL yyyy')} at ${local(from.start).toFormat('HH:mm')} with Tom Hughes`);
  await confirm.getByRole('button', { name: 'Move appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Edith Crane moved to' })).toContainText(`${when} with Mei Lin Chen`);

  await page.reload();
  await expect(mei.getByRole('button', { name: new RegExp(`^${newTime} to .*Edith Crane`) })).toBeVisible();
  await expect(tom.getByRole('button', { name: /Edith Crane/ })).toHaveCount(0);
});

test('Dropping where the diary can see a clash moves nothing, and a time taken meanwhile gets a clear message', async ({ page }) => {
  const toms = await freeSlots(page.request, 'traditional-acupuncture', 96, 'Tom Hughes');
  // Two free times of Tom's on one day, at least two hours apart.
  const { a, b } = pickPair(toms, toms, 120, 7);
  await bookByPhone(page, a.start, a.practitionerId, 'Felix Harper');
  const day = local(a.start).toISODate()!;
  await page.goto(`/app/diary?date=${day}`);
  const tom = page.getByRole('group', { name: 'Tom Hughes’s day' });
  const entry = tom.getByRole('button', { name: new RegExp(`^${local(a.start).toFormat('HH:mm')} to .*Felix Harper`) });
  await expect(entry).toBeVisible();

  // Priya does not give acupuncture: the diary says so and nothing moves.
  await drag(page, entry, page.getByRole('group', { name: 'Priya Shah’s day' }), 0);
  await expect(page.getByText('Felix Harper was not moved. Priya Shah does not give Traditional acupuncture.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Someone books Tom's later time by phone while this diary is open: the server refuses (409).
  await bookByPhone(page, b.start, b.practitionerId, 'Greta Olsen');
  await drag(page, entry, tom, minutesOf(b.start) - minutesOf(a.start));
  await confirmRefused(page, 'Felix Harper', 'That time is no longer free');
  // The diary has loaded again and shows who took it.
  await expect(tom.getByRole('button', { name: new RegExp(`^${local(b.start).toFormat('HH:mm')} to .*Greta Olsen`) })).toBeVisible();
  await expect(tom.getByRole('button', { name: new RegExp(`^${local(a.start).toFormat('HH:mm')} to .*Felix Harper`) })).toBeVisible();
});

test('Moving an appointment someone else changed meanwhile answers that it changed (412)', async ({ page }) => {
  const toms = await freeSlots(page.request, 'traditional-acupuncture', 96, 'Tom Hughes');
  const { a, b } = pickPair(toms, toms, 180, 13);
  const booked = await bookByPhone(page, a.start, a.practitionerId, 'Hugo Lamb');
  await page.goto(`/app/diary?date=${local(a.start).toISODate()}`);
  const tom = page.getByRole('group', { name: 'Tom Hughes’s day' });
  const entry = tom.getByRole('button', { name: new RegExp(`^${local(a.start).toFormat('HH:mm')} to .*Hugo Lamb`) });
  await expect(entry).toBeVisible();

  // A colleague moves it to the later time from another screen; this diary still shows the earlier one.
  const staff = await asSignedIn(page);
  await staff.patch(`/clinics/${CLINIC}/bookings/${booked.id}`, { start: b.start });
  await drag(page, entry, tom, minutesOf(b.start) - minutesOf(a.start));
  await confirmRefused(page, 'Hugo Lamb', 'Someone else changed this appointment');
  await expect(tom.getByRole('button', { name: new RegExp(`^${local(b.start).toFormat('HH:mm')} to .*Hugo Lamb`) })).toBeVisible();
  await expect(tom.getByRole('button', { name: /Hugo Lamb/ })).toHaveCount(1);
});

test('A room out of use shows in the diary, with its name, and can be made bookable again', async ({ page }) => {
  // A Tuesday five weeks ahead, when the owner and Tom both work.
  let date = DateTime.now().setZone(ZONE).plus({ weeks: 5 });
  while (date.weekday !== 2) date = date.plus({ days: 1 });
  const day = date.toISODate()!;
  await page.goto(`/app/diary?date=${day}`);
  await page.getByRole('button', { name: 'Block time' }).click();
  const dialog = page.getByRole('dialog', { name: 'Block time' });
  await dialog.getByLabel('Practitioner').selectOption({ label: 'No one: a room only' });
  await dialog.getByLabel('Room', { exact: true }).selectOption({ label: 'Treatment room 1' });
  await dialog.getByLabel('Date').fill(ukDate(day));
  await dialog.getByLabel('From').fill('10:00');
  await dialog.getByLabel('To').fill('11:30');
  await dialog.getByLabel('Note (optional)').fill('Boiler service');
  await dialog.getByRole('button', { name: 'Block time' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Time blocked for Treatment room 1' })).toBeVisible();

  await page.reload();
  const rooms = page.getByRole('region', { name: 'Rooms out of use' });
  await expect(rooms).toContainText('Treatment room 1: 10:00 to 11:30 (Boiler service)');
  const marker = page.getByRole('group', { name: 'Rooms out of use' }).getByRole('button', { name: 'Treatment room 1 out of use, 10:00 to 11:30: Boiler service' });
  await expect(marker).toBeVisible();
  expect(await seriousViolations(page), 'day view with a room out of use').toEqual([]);

  await page.evaluate(() => document.fonts.ready);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-diary-day.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(rooms).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-diary-day.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 1700 });

  // The week shows it too.
  await page.getByRole('button', { name: 'Week' }).click();
  await expect(page.getByRole('group', { name: date.setLocale('en-GB').toFormat('cccc d LLLL yyyy') }).getByRole('button', { name: /^Treatment room 1 out of use/ })).toBeVisible();
  expect(await seriousViolations(page), 'week view with a room out of use').toEqual([]);
  await page.goto(`/app/diary?date=${day}`);

  await marker.click();
  const details = page.getByRole('dialog', { name: 'Treatment room 1 out of use: Boiler service' });
  await details.getByRole('button', { name: 'Remove block' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Treatment room 1 can be booked again.' })).toBeVisible();
  await expect(rooms).toHaveCount(0);
});

test('In the week view, reception drags an appointment to the next day at the same time, and it stays there', async ({ page }) => {
  const toms = await freeSlots(page.request, 'traditional-acupuncture', 72, 'Tom Hughes');
  // The same time on two following days of one week (Monday to Saturday), both free for Tom.
  const pairs = toms.flatMap((a) => toms.filter((b) => local(a.start).weekday < 6 && local(b.start).toISODate() === local(a.start).plus({ days: 1 }).toISODate()
    && minutesOf(b.start) === minutesOf(a.start)).map((b) => ({ a, b })));
  expect(pairs.length, 'the same free time on two following days').toBeGreaterThan(0);
  const { a, b } = pairs[spreadPick(Math.min(pairs.length, 30), 11)]!;
  // A name of its own, so a retry on the same server finds only this appointment.
  const client = `Iris Wong ${Date.now() % 100_000}`;
  await bookByPhone(page, a.start, a.practitionerId, client);

  await page.goto(`/app/diary?date=${local(a.start).toISODate()}&view=week`);
  const dayOf = (iso: string) => page.getByRole('group', { name: local(iso).toFormat('cccc d LLLL yyyy') });
  const entry = dayOf(a.start).getByRole('button', { name: new RegExp(client) });
  await expect(entry).toBeVisible();
  await drag(page, entry, dayOf(b.start), 0);

  const confirm = page.getByRole('dialog', { name: `Move ${client}?` });
  await expect(confirm).toContainText(`${local(b.start).toFormat('cccc d LLLL yyyy')} at ${local(b.start).toFormat('HH:mm')} with Tom Hughes`);
  await confirm.getByRole('button', { name: 'Move appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${client} moved to` })).toBeVisible();

  await page.reload();
  await expect(dayOf(b.start).getByRole('button', { name: new RegExp(client) })).toBeVisible();
  await expect(dayOf(a.start).getByRole('button', { name: new RegExp(client) })).toHaveCount(0);
});
