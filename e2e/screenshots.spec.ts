import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn, findClient } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * Screenshots of the main screens on a phone and a desktop, for people to look at when
 * the design changes. They are not compared automatically.
 */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

async function shoot(page: Page, viewport: string, name: string) {
  // Let web fonts finish so the picture shows the real type.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport}-${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  test(`Main screens look calm on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shoot(page, viewport.name, 'home');

    await page.goto('/clinics/jade-leaf-bath');
    await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
    await shoot(page, viewport.name, 'clinic');

    await page.goto('/app/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await shoot(page, viewport.name, 'sign-in');

    await signIn(page, 'owner@jadeleaf.example');
    await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
    await shoot(page, viewport.name, 'app-owner');

    if (viewport.name === 'phone') {
      await page.getByRole('button', { name: 'Menu' }).click();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await shoot(page, viewport.name, 'app-menu');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    } else {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
    }
    await expect(await findClient(page, 'Olivia Brown')).toBeVisible();
    await shoot(page, viewport.name, 'clients');

    await page.goto('/app/staff');
    await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
    await expect(page.getByText('Mei Lin Chen (you)')).toBeVisible();
    await shoot(page, viewport.name, 'staff');

    await page.goto('/app/outbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
    await shoot(page, viewport.name, 'outbox');

    await page.goto('/app/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
    await shoot(page, viewport.name, 'account');
  });
}
