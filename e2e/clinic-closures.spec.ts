import { test, expect } from '@playwright/test';
import { signIn, ukDate } from './support/app.ts';

test('The owner closes the clinic for a training day; the clinic page says so, and reopening takes it away', async ({ page }) => {
  // Seven weeks ahead: inside the 60 days the clinic page lists, clear of the days other journeys book.
  const day = new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10);
  await signIn(page, 'owner@willowtree.example');
  await page.goto('/app/booking-settings');
  await page.getByLabel('Date', { exact: true }).fill(ukDate(day));
  await page.getByLabel('Reason').fill('Staff training day');
  await page.getByRole('button', { name: 'Close the clinic' }).click();
  await expect(page.getByText('Staff training day')).toBeVisible();

  await page.goto('/clinics/willow-harrogate');
  const hours = page.getByRole('region', { name: 'Opening hours' });
  await expect(hours.getByRole('heading', { name: 'Closed on' })).toBeVisible();
  await expect(hours.getByText('Staff training day')).toBeVisible();
  await expect(hours.locator(`time[datetime="${day}"]`)).toBeVisible();

  await page.goto('/app/booking-settings');
  await page.getByRole('listitem').filter({ hasText: 'Staff training day' }).getByRole('button', { name: /^Reopen/ }).click();
  await expect(page.getByText('Staff training day')).toHaveCount(0);
});
