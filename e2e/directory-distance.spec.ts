import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

const results = (page: Page) => page.getByRole('region', { name: 'Results' });
const card = (page: Page, name: string) => results(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });

// Issue 13 bug 9: distance worked only in postcode areas that already had a clinic.
test('A postcode district with no clinic lists the nearest clinics with their distance', async ({ page }) => {
  await page.goto('/find');
  await page.getByLabel('Town or postcode').fill('LS1');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/where=LS1/);
  await expect(page.getByRole('status').filter({ hasText: '2 clinics' })).toContainText('near LS1, nearest first');
  await expect(page.getByText('measured from the centre of Leeds')).toBeVisible();
  await expect(results(page).locator('li.card h2')).toHaveText(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
  await expect(card(page, 'Willow Tree Clinic')).toContainText(/1\d miles away/);
  await expect(card(page, 'Jade Leaf Acupuncture')).toContainText(/\d{3} miles away/);
  expect(await seriousViolations(page), '/find LS1').toEqual([]);
});

test('"Bath" within 5 miles keeps the Bath clinic and leaves out Harrogate', async ({ page }) => {
  await page.goto('/find');
  await page.getByLabel('Town or postcode').fill('Bath');
  await page.getByLabel('Distance').selectOption({ label: 'Within 5 miles' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 clinic' })).toContainText('within 5 miles of Bath, nearest first');
  await expect(results(page).locator('li.card h2')).toHaveText(['Jade Leaf Acupuncture']);
  await expect(card(page, 'Jade Leaf Acupuncture')).toContainText('0.6 miles away');
});

test('"Use my location" searches from the browser’s position, only when pressed', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 53.99, longitude: -1.54 });
  await page.goto('/find');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page).toHaveURL(/[?&]near=53\.990%2C-1\.540/);
  await expect(results(page).locator('li.card h2')).toHaveText(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
  await expect(card(page, 'Willow Tree Clinic')).toContainText('miles away');
});

for (const viewport of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 800 }]) {
  test(`The directory by distance on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const [name, url] of [['directory-leeds', '/find?where=LS1'], ['directory-bath-5-miles', '/find?where=Bath&within=5'], ['directory-none-within', '/find?where=Leeds&within=5']] as const) {
      await page.goto(url);
      await expect(page.getByRole('button', { name: 'Use my location' })).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport.name}-public-${name}.png`), fullPage: true });
    }
  });
}
