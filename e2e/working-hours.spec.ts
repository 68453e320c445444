import { test, expect } from '@playwright/test';
import { signIn } from './support/app.ts';

// An American browser: its own time boxes would show "09:00 AM" and cut it off ("09:00 AN").
test.use({ locale: 'en-US' });

test('Working hours read in the clinic’s 24-hour format in an en-US browser, and typed times are tidied', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/booking-settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Hours and booking' })).toBeVisible();

  // Mei Lin's demo week (another test may have invited a new practitioner, who sorts first).
  await page.getByLabel('Practitioner', { exact: true }).selectOption({ label: 'Mei Lin Chen' });
  const tuesdayFrom = page.getByLabel('Tuesday, session 1, from');
  await expect(tuesdayFrom).toHaveValue(/^([01]\d|2[0-3]):[0-5]\d$/);
  const before = await tuesdayFrom.inputValue();
  // A receptionist types "930" and moves on: it reads 09:30.
  await tuesdayFrom.fill('930');
  await tuesdayFrom.blur();
  await expect(tuesdayFrom).toHaveValue('09:30');
  // Put it back as it was (nothing is saved: this test leaves the demo's week alone).
  await tuesdayFrom.fill(before);
  await tuesdayFrom.blur();
  await expect(tuesdayFrom).toHaveValue(before);

  const timeOffFrom = page.getByRole('textbox', { name: /^From/ });
  await timeOffFrom.fill('1745');
  await timeOffFrom.blur();
  await expect(timeOffFrom).toHaveValue('17:45');
});
