import { test, expect } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';

// Issue 13 bug 8: booking from a practitioner's profile must keep that practitioner.
test('Booking from a practitioner’s profile chooses them and offers only their treatments', async ({ page }) => {
  await page.goto('/clinics/jade-leaf-bath');
  await page.getByRole('region', { name: 'Practitioners' }).getByRole('link', { name: 'Priya Shah' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Priya Shah' })).toBeVisible();
  await page.getByRole('link', { name: 'Book a consultation' }).first().click();

  await expect(page).toHaveURL(/\/clinics\/jade-leaf-bath\/book\?practitioner=[0-9a-f-]{36}$/);
  await expect(page.getByText('Booking with Priya Shah')).toBeVisible();
  const treatments = page.getByRole('region', { name: 'Treatments with Priya Shah' });
  await expect(treatments.getByRole('heading', { level: 3 })).toHaveText(['Sports massage (30 minutes)', 'Sports massage (60 minutes)']);
  expect(await seriousViolations(page), 'booking page with a practitioner').toEqual([]);

  // The widget opens on the times with her: no "any practitioner" step.
  await treatments.getByRole('button', { name: 'Choose a time for Sports massage (60 minutes)' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
  await expect(page.getByText('Sports massage (60 minutes) with Priya Shah.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Any qualified practitioner/ })).toHaveCount(0);

  // Changing treatment inside the widget still offers only hers, with a way to see every one.
  await page.getByRole('button', { name: 'Change practitioner' }).click();
  await page.getByRole('button', { name: 'Change treatment' }).click();
  await expect(page.getByText('With Priya Shah.')).toBeVisible();
  await expect(page.locator('.yw-option-title')).toHaveText(['Sports massage (30 minutes)', 'Sports massage (60 minutes)']);
  await page.getByRole('button', { name: 'Show every treatment' }).click();
  await expect(page.locator('.yw-option-title')).toHaveCount(6);
});
