import path from 'node:path';
import { test, expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

// A US browser: its own date input would show a UK clinic mm/dd/yyyy and read 3/4 as 4 March.
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

test('In a US browser the owner types a UK date (day first) and the clinic closes on that day', async ({ page }) => {
  // Nine weeks ahead, a day that is not the same number as its month (so the order shows).
  let day = DateTime.now().setZone('Europe/London').plus({ weeks: 9 }).startOf('day');
  while (day.day <= 12) day = day.plus({ days: 1 });
  const typed = `${day.day}/${day.month}/${day.year}`;
  const longDay = (d: DateTime) => d.setLocale('en-GB').toFormat('cccc d LLLL yyyy');

  await signIn(page, 'owner@willowtree.example');
  await page.goto('/app/booking-settings');
  const date = page.getByLabel('Date', { exact: true });
  await expect(date).toHaveAttribute('type', 'text');
  await expect(date).toHaveAccessibleDescription(/Day first: 27\/3\/2027/);

  // What cannot be a date is explained, in words, once the person leaves the box.
  await date.fill(`${day.month}/${day.day}/${day.year}`);
  await date.blur();
  await expect(date).toHaveAccessibleDescription(/That day does not exist: check the day and month/);
  await expect(date).toHaveAttribute('aria-invalid', 'true');

  // Day first is read back in words, and the arrow keys step a day.
  await date.fill(typed);
  await expect(page.getByText(longDay(day), { exact: true })).toBeVisible();
  await date.press('ArrowUp');
  await expect(date).toHaveValue(day.plus({ days: 1 }).toFormat('dd/LL/yyyy'));
  await date.press('ArrowDown');
  await date.blur();
  await expect(date).toHaveValue(day.toFormat('dd/LL/yyyy'));
  await expect(date).not.toHaveAttribute('aria-invalid', 'true');
  await page.locator('form').filter({ has: date }).screenshot({ path: path.join(SCREENSHOT_DIR, 'date-field-us-browser.png') });

  await page.getByLabel('Reason').fill('Practitioner conference');
  await page.getByRole('button', { name: 'Close the clinic' }).click();
  const closure = page.getByRole('listitem').filter({ hasText: 'Practitioner conference' });
  await expect(closure).toContainText(longDay(day));

  await closure.getByRole('button', { name: /^Reopen/ }).click();
  await expect(page.getByText('Practitioner conference')).toHaveCount(0);
});
