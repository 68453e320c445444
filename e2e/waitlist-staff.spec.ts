import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { mainNav, signIn, ukDate } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, serviceId } from './support/booking.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('Reception sees a waiting client with how to reach them, removes them, and adds another', async ({ page }) => {
  const date = DateTime.now().setZone('Europe/London').plus({ days: 4 });
  const day = date.setLocale('en-GB').toFormat('cccc d LLLL yyyy');

  // Olivia joins the waiting list for traditional acupuncture that day.
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  const olivia = await asSignedIn(page);
  await olivia.post(`/clinics/${CLINIC}/waitlist`, { serviceId: await serviceId(page.request, 'traditional-acupuncture'), date: date.toISODate() });
  await page.context().clearCookies();

  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Waiting list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waiting list' })).toBeFocused();
  const dayList = page.getByRole('region', { name: day, exact: true });
  const service = dayList.getByRole('region', { name: `Traditional acupuncture, ${day}` });
  const entry = service.getByRole('listitem').filter({ hasText: 'Olivia Brown' });
  await expect(entry).toContainText('Any practitioner');
  await expect(entry).toContainText('07700 900101');
  await expect(entry).toContainText('client@jadeleaf.example');
  await expect(entry).toContainText(/joined \d{1,2} \w+ \d{4}, \d\d:\d\d/);
  await expect(entry).toContainText('Not e-mailed yet');
  await expect(dayList.getByRole('link', { name: 'Open the diary for this day' })).toHaveAttribute('href', `/app/diary?date=${date.toISODate()}`);
  expect(await seriousViolations(page), 'waiting list').toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `${name}-waitlist`);
  }

  await entry.getByRole('button', { name: 'Remove Olivia Brown from the waiting list' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from the waiting list?' });
  await expect(dialog).toContainText(`Olivia Brown, waiting for traditional acupuncture on ${day}`);
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Olivia Brown is no longer waiting' })).toBeVisible();
  // The demo has regulars waiting too, so only Olivia's entry is checked, not an empty list.
  await expect(service.getByRole('listitem').filter({ hasText: 'Olivia Brown' })).toHaveCount(0);

  // Reception adds a client who called, for that day with Tom.
  await page.getByRole('button', { name: 'Add a client' }).click();
  const add = page.getByRole('dialog', { name: 'Add a client to the waiting list' });
  await add.getByLabel('Client').fill('James');
  await add.getByRole('radio', { name: /James Wilson/ }).check();
  await add.getByLabel('Treatment').selectOption({ label: 'Traditional acupuncture' });
  await add.getByLabel('Day').fill(ukDate(date.toISODate()!));
  await add.getByLabel('Practitioner').selectOption({ label: 'Tom Hughes' });
  expect(await seriousViolations(page), 'add dialog').toEqual([]);
  await shoot(page, 'desktop-waitlist-add');
  await add.getByRole('button', { name: 'Add to the waiting list' }).click();
  await expect(page.getByRole('status').filter({ hasText: `James Wilson is on the waiting list for traditional acupuncture on ${day}` })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'James Wilson' })).toContainText('Wants Tom Hughes');

  // The diary links each day to who is waiting for it.
  await page.goto(`/app/diary?date=${date.toISODate()}`);
  await page.getByRole('link', { name: 'Who is waiting for this day' }).click();
  await expect(page.getByText(`Showing ${day} only.`)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'James Wilson' })).toBeVisible();
});
