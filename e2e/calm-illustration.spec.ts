import path from 'node:path';
import { test, expect } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

for (const viewport of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 800 }]) {
  test(`The home and clinic pages carry a calm illustration and the practitioners’ portraits on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const [name, url] of [['home-illustrated', '/'], ['clinic-illustrated', '/clinics/jade-leaf-bath']] as const) {
      await page.goto(url);
      const drawing = page.locator('main svg[viewBox="0 0 320 320"], main svg[viewBox="0 0 480 220"]').first();
      await expect(drawing).toBeVisible();
      await expect(drawing).toHaveAttribute('aria-hidden', 'true');
      expect(await seriousViolations(page), url).toEqual([]);
      await page.evaluate(() => document.fonts.ready);
      // Load the lazy practitioner portraits too, so the whole page is photographed as a visitor sees it.
      await page.evaluate(async () => {
        for (const img of Array.from(document.images)) {
          img.loading = 'eager';
          await img.decode().catch(() => undefined);
        }
      });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport.name}-public-${name}.png`), fullPage: name === 'clinic-illustrated' });
    }
  });
}
