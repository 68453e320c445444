import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';

test('Owner adds a qualification for a practitioner, verifies it, and the public profile shows it', async ({ page }) => {
  // A title no earlier run has used, so the row found below is this run's.
  const title = `Diploma in Facial Acupuncture ${Date.now().toString(36)}`;
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();

  await page.getByRole('link', { name: 'Profile and qualifications of Tom Hughes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Hughes' })).toBeVisible();
  const tomUserId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(tomUserId).toMatch(/^[0-9a-f-]{36}$/);

  const add = page.getByRole('region', { name: 'Add a qualification or membership' });
  await add.getByLabel('Type').selectOption('qualification');
  await add.getByLabel('Qualification', { exact: true }).fill(title);
  await add.getByLabel('Awarded by').fill('Northern College of Acupuncture');
  await add.getByLabel('Year (optional)').fill('2019');
  await add.getByLabel('This is a facial acupuncture qualification').check();
  await add.getByRole('button', { name: 'Add' }).click();

  const row = page.getByRole('listitem', { name: title });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Not yet verified');
  await row.getByLabel(/Verified: I have checked the certificate or register entry/).check();
  await expect(row).toContainText('Verified by the clinic');
  await expect(page.getByRole('status').filter({ hasText: 'is now shown as verified by the clinic' })).toBeVisible();

  await page.goto(`/clinics/jade-leaf-bath/practitioners/${tomUserId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Hughes' })).toBeVisible();
  const publicRow = page.getByRole('listitem').filter({ hasText: title });
  await expect(publicRow).toBeVisible();
  await expect(publicRow).toContainText('Northern College of Acupuncture, 2019');
  await expect(publicRow).toContainText('Verified by the clinic');
});
