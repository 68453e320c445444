import path from 'node:path';
import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

test('The owner opens System and reads how the database, disk, backups and e-mail are doing', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'System', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeFocused();
  const checks = page.getByRole('list', { name: 'System checks' });
  for (const title of ['Database', 'Disk space', 'Backups', 'E-mail', 'Errors']) {
    await expect(checks.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  await expect(checks.getByText(/^Working: the embedded database \(on this computer\), \d+ MB\.$/)).toBeVisible();
  await expect(checks.getByText(/free of/)).toBeVisible();
  // The demo server has no mail server: it says so, and what to do.
  await expect(checks.getByText('No mail server is connected: e-mails are kept in the Outbox instead of being sent.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'system-page.png'), fullPage: true });
});

test('Reception does not see System in the menu and is refused its address', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(mainNav(page).getByRole('link', { name: 'Outbox' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'System', exact: true })).toHaveCount(0);
  const res = await page.request.get('/api/v1/clinics/jade-leaf-bath/system');
  expect(res.status()).toBe(403);
});

test('A visitor and a load balancer get plain answers from the health checks', async ({ request }) => {
  const live = await request.get('/health/live');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });
  const ready = await request.get('/health/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ok' });
});
