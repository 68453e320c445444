import { test, expect } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';

test('Visitor opens the home page and a clinic page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Find a qualified facial acupuncturist' })).toBeVisible();
  const clinics = page.getByRole('region', { name: 'Clinics' });
  await expect(clinics.getByRole('link', { name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(clinics.getByRole('link', { name: 'Willow Tree Clinic' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await clinics.getByRole('link', { name: 'Jade Leaf Acupuncture' }).click();
  await expect(page).toHaveURL(/\/clinics\/jade-leaf-bath$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();

  const treatments = page.getByRole('region', { name: 'Treatments and prices' });
  const consultation = treatments.getByRole('listitem').filter({ hasText: 'Free facial acupuncture consultation' });
  await expect(consultation).toContainText('30 minutes');
  await expect(consultation).toContainText('Free');
  await expect(treatments.getByRole('listitem').filter({ hasText: 'Facial acupuncture session' })).toContainText('£95.00');
  await expect(treatments.getByRole('listitem').filter({ hasText: 'Sports massage (60 minutes)' })).toContainText('£65.00');

  const practitioners = page.getByRole('region', { name: 'Practitioners' });
  for (const name of ['Mei Lin Chen', 'Tom Hughes', 'Priya Shah']) {
    await expect(practitioners.getByRole('heading', { name })).toBeVisible();
  }
  await expect(practitioners.getByText('Verified by the clinic').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hygiene and licensing' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'hello@jadeleaf.example' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('Visitor following a broken link gets a helpful page', async ({ page }) => {
  const response = await page.goto('/clinics/no-such-clinic');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find a qualified facial acupuncturist' })).toBeVisible();
});
