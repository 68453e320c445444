import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { spreadPick } from './support/booking.ts';

test('A signed-in client books in the widget with their account, confirmed at once, and sees it in My appointments', async ({ page }) => {
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();

  await page.goto('/clinics/jade-leaf-bath/book');
  await page.getByRole('button', { name: 'Choose a time for Sports massage (60 minutes)' }).click();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
  // A day and time away from the ones other journeys take.
  const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  await expect(days.first()).toBeVisible();
  const day = days.nth(1 + spreadPick(Math.min(6, (await days.count()) - 1), 2));
  await day.click();
  const dayLabel = (await day.getAttribute('aria-label'))!.split(',')[0]!;
  const times = page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${dayLabel}$`) });
  await expect(times.first()).toBeVisible();
  const time = times.nth(spreadPick(await times.count(), 4));
  const shown = (await time.textContent())!.slice(0, 5);
  await time.click();

  // No form to fill in: the widget says whose details it will use.
  await expect(page.getByRole('heading', { name: 'Your details' })).toBeFocused();
  await expect(page.getByText('You are signed in as Olivia Brown (client@jadeleaf.example)')).toBeVisible();
  // Nothing to pay online, so it is confirmed at once (and the words keep their space: "booking straight away").
  await expect(page.getByText('We will book with these details and confirm your booking straight away.')).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveCount(0);
  expect(await seriousViolations(page), 'widget, signed in').toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-widget-signed-in.png`), fullPage: true });
  }
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/clinics/jade-leaf-bath/bookings') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Book this time' }).click();
  const booking = await (await answer).json() as { start: string; status: string };
  expect(booking.status).toBe('confirmed');
  await expect(page.getByRole('heading', { name: 'You are booked in' })).toBeVisible();
  expect(DateTime.fromISO(booking.start, { zone: 'Europe/London' }).toFormat('HH:mm')).toBe(shown);

  await page.getByRole('link', { name: 'See it in My appointments' }).click();
  const card = page.getByRole('article', { name: `Sports massage (60 minutes), ${dayLabel} at ${shown}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Booked');
  await expect(card).not.toContainText('Awaiting confirmation');
});

test('A signed-in client may still book with other details, which waits for that address to be confirmed', async ({ page }) => {
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  await page.goto('/clinics/jade-leaf-bath/book');
  await page.getByRole('button', { name: 'Choose a time for Sports massage (30 minutes)' }).click();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  await expect(days.first()).toBeVisible();
  const day = days.nth(1 + spreadPick(Math.min(6, (await days.count()) - 1), 4));
  await day.click();
  const dayLabel = (await day.getAttribute('aria-label'))!.split(',')[0]!;
  const times = page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${dayLabel}$`) });
  await expect(times.first()).toBeVisible();
  await times.nth(spreadPick(await times.count(), 9)).click();

  await page.getByRole('button', { name: 'Book with other details' }).click();
  await page.getByLabel('Full name').fill('Harriet Brown');
  await page.getByLabel('E-mail address').fill(`harriet.${Date.now().toString(36)}@mail.example`);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/clinics/jade-leaf-bath/bookings') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Book this time' }).click();
  expect((await (await answer).json() as { status: string }).status).toBe('held');
  expect((await answer).request().headers()['x-csrf-token']).toBeUndefined();
  await expect(page.getByRole('heading', { name: 'Check your e-mail to confirm' })).toBeVisible();
});
