import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * Screenshots of every public page type on a phone and a desktop, for people to look at
 * when the design changes. Not compared automatically.
 */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

async function shoot(page: Page, viewport: string, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport}-public-${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  test(`Public pages look calm on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const pages: [string, string, string][] = [
      ['home', '/', 'Find a qualified facial acupuncturist'],
      ['directory', '/find?treatment=facial-acupuncture&where=BA1', 'Find a clinic or practitioner'],
      ['directory-empty', '/find?where=Atlantis', 'Find a clinic or practitioner'],
      ['clinic', '/clinics/jade-leaf-bath', 'Jade Leaf Acupuncture'],
      ['treatment-facial', '/clinics/jade-leaf-bath/treatments/facial-acupuncture', 'Facial acupuncture'],
      ['treatment-knee', '/clinics/jade-leaf-bath/treatments/knee-pain', 'Knee-pain care'],
      ['treatment-traditional', '/clinics/jade-leaf-bath/treatments/traditional-acupuncture', 'Traditional acupuncture'],
      ['treatment-massage', '/clinics/jade-leaf-bath/treatments/sports-massage', 'Sports massage'],
    ];
    for (const [name, url, heading] of pages) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await shoot(page, viewport.name, name);
    }
    await page.goto('/clinics/jade-leaf-bath');
    await page.getByRole('region', { name: 'Practitioners' }).getByRole('link', { name: 'Mei Lin Chen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mei Lin Chen' })).toBeVisible();
    await shoot(page, viewport.name, 'practitioner');
  });
}
