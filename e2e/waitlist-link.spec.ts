import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, serviceId } from './support/booking.ts';
import { waitForEmail } from './support/outbox.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * Issue 13 bug 5: the waiting list's e-mail link used to land at the top of the clinic
 * page. It opens booking at that service and day, with the time that came free first.
 */

const ZONE = 'Europe/London';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).setLocale('en-GB');

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('The waiting list’s e-mail opens booking on that treatment and day, with the freed time first', async ({ page }) => {
  // Reception books someone by phone at a free time of traditional acupuncture, six days or more ahead.
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const staff = await asSignedIn(page);
  const service = await serviceId(page.request, 'traditional-acupuncture');
  const from = new Date(Date.now() + 6 * 24 * 3_600_000).toISOString();
  const to = new Date(Date.now() + 27 * 24 * 3_600_000).toISOString();
  const free = (await staff.get<{ slots: { start: string; practitionerId: string }[] }>(`/clinics/${CLINIC}/diary/free-times?${new URLSearchParams({ serviceId: service, from, to })}`)).slots;
  // A time in the day (not the first of it), so "first" means something on the page.
  const slot = free.find((s) => local(s.start).hour >= 11 && local(s.start).hour < 17)!;
  expect(slot, 'a free time of traditional acupuncture').toBeDefined();
  const date = local(slot.start).toISODate()!;
  const time = local(slot.start).toFormat('HH:mm');
  const booked = await staff.post<{ id: string }>(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: service, practitionerId: slot.practitionerId, start: slot.start,
    client: { name: 'Walter Freed', email: uniqueEmail('walter.freed'), phone: '07700 900765' },
  });
  await page.context().clearCookies();

  // Olivia waits for that day.
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  const entry = await (await asSignedIn(page)).post<{ id: string }>(`/clinics/${CLINIC}/waitlist`, { serviceId: service, date });
  await page.context().clearCookies();

  // Walter cancels by phone: the time goes to the waiting list.
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const csrf = ((await (await page.request.get('/api/v1/auth/session')).json()) as { csrfToken: string }).csrfToken;
  const cancelled = await page.request.post(`/api/v1/clinics/${CLINIC}/bookings/${booked.id}/cancel`, { data: {}, headers: { 'X-CSRF-Token': csrf } });
  expect(cancelled.status()).toBe(200);
  await page.context().clearCookies();

  const day = local(slot.start).toFormat('cccc d LLLL');
  const mail = await waitForEmail('client@jadeleaf.example', `A time has opened up at Jade Leaf Acupuncture on ${day}`);
  expect(mail.text).toContain(`One just has, at ${time}.`);
  const link = /https?:\/\/\S+\/clinics\/[a-z0-9-]+\/book\?\S+/.exec(mail.text)?.[0];
  expect(link, 'the booking link').toBeDefined();
  const url = new URL(link!);
  expect(url.pathname).toBe(`/clinics/${CLINIC}/book`);
  expect(Object.fromEntries(url.searchParams)).toEqual({ service, date, time });

  // Following it (as the visitor Olivia is on this browser) opens booking there at once.
  await page.goto(url.pathname + url.search);
  await expect(page.getByRole('heading', { level: 1, name: 'Book an appointment' })).toBeVisible();
  await expect(page.getByTestId('book-preselected')).toHaveText(`Free times for Traditional acupuncture from ${local(slot.start).toFormat('cccc d LLLL yyyy')}, with ${time} first.`);
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeVisible();
  await expect(page.getByText('Traditional acupuncture with any qualified practitioner.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^${local(slot.start).toFormat('cccc d LLLL yyyy')}, \\d+ times?$`) })).toHaveAttribute('aria-pressed', 'true');
  const justFree = page.getByRole('heading', { level: 4, name: 'Just come free' });
  await expect(justFree).toBeVisible();
  // The freed time is the first time offered on that day.
  const firstTime = page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${local(slot.start).toFormat('cccc d LLLL yyyy')}$`) }).first();
  await expect(firstTime).toHaveText(new RegExp(`^${time}`));
  expect(await seriousViolations(page), 'booking page from the waiting list').toEqual([]);
  await shoot(page, 'desktop-waitlist-link-booking');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'phone-waitlist-link-booking');

  await firstTime.click();
  await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
  await expect(page.getByText(`${local(slot.start).toFormat('cccc d LLLL yyyy')} at ${time}`)).toBeVisible();

  // Olivia leaves the list again, so the clinic's waiting list is as other tests expect it.
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  const session = await (await page.request.get('/api/v1/auth/session')).json() as { csrfToken: string };
  const left = await page.request.delete(`/api/v1/clinics/${CLINIC}/waitlist/${entry.id}`, { headers: { 'X-CSRF-Token': session.csrfToken } });
  expect(left.status()).toBe(204);
});
