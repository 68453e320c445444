import path from 'node:path';
import { test, expect } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

test('A visitor reads the treatment guide, finds clinics near their town and goes to one', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Treatments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Understand a treatment before you book' })).toBeVisible();
  expect(await seriousViolations(page), '/treatments').toEqual([]);

  await page.getByRole('link', { name: 'Facial acupuncture' }).click();
  await expect(page).toHaveURL(/\/treatments\/facial-acupuncture$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Facial acupuncture' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What the evidence says' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Choosing a qualified practitioner' })).toBeVisible();
  expect(await seriousViolations(page), '/treatments/facial-acupuncture').toEqual([]);

  const clinics = page.getByRole('region', { name: 'Clinics offering facial acupuncture' });
  await expect(clinics.getByRole('status').filter({ hasText: 'offer' })).toContainText('in alphabetical order');
  await clinics.getByLabel('Your town or postcode').fill('Harrogate');
  await clinics.getByRole('button', { name: 'Show the nearest' }).click();
  await expect(page).toHaveURL(/where=Harrogate#clinics$/);
  await expect(clinics.getByRole('status').filter({ hasText: 'offer' })).toContainText('nearest to Harrogate first');
  await expect(clinics.locator('li.card h3')).toHaveText(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
  await expect(clinics.getByRole('listitem').filter({ hasText: 'Willow Tree Clinic' }).first()).toContainText('miles away');
  expect(await seriousViolations(page), '/treatments/facial-acupuncture?where=Harrogate').toEqual([]);

  // Booking opens on the clinic's consultation.
  await expect(clinics.getByRole('link', { name: 'Book a consultation at Willow Tree Clinic' })).toHaveAttribute('href', /\/clinics\/willow-harrogate\/book\?service=/);
  await clinics.getByRole('link', { name: 'Willow Tree Clinic', exact: true }).click();
  await expect(page).toHaveURL(/\/clinics\/willow-harrogate$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Willow Tree Clinic');
});

test('The guide works with JavaScript off: the contents, the article and the clinic search', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/treatments/knee-pain?where=BA1');
  await expect(page.getByRole('heading', { level: 2, name: 'What the evidence says: two views' })).toBeVisible();
  const clinics = page.getByRole('region', { name: 'Clinics offering knee-pain care' });
  await expect(clinics.getByRole('status').filter({ hasText: 'offer' })).toContainText('nearest to BA1 first');
  // "Use my location" needs the browser's help, so it stays hidden without JavaScript.
  await expect(page.getByRole('button', { name: 'Use my location' })).toBeHidden();
  await context.close();
});

for (const viewport of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 800 }]) {
  test(`The treatment guide on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const [name, url] of [['guide-index', '/treatments'], ['guide-facial', '/treatments/facial-acupuncture'], ['guide-massage-bath', '/treatments/sports-massage?where=Bath#clinics']] as const) {
      await page.goto(url);
      await page.evaluate(() => document.fonts.ready);
      // Nothing is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} width`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport.name}-public-${name}.png`), fullPage: true });
    }
  });
}
