import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('A practitioner copies their calendar address, the feed is iCalendar, and replacing it stops the old one', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Account' }).click();
  const section = page.getByRole('region', { name: 'Your diary in your phone’s calendar' });
  await expect(section).toContainText('never shows treatments or any health details');
  await expect(section.getByText('You have no calendar address yet.')).toBeVisible();
  expect(await seriousViolations(page), 'no address yet').toEqual([]);

  await section.getByRole('button', { name: 'Create my calendar address' }).click();
  await expect(section.getByRole('heading', { name: 'Your new calendar address is ready' })).toBeFocused();
  const address = section.getByLabel('Your calendar address');
  const url = await address.inputValue();
  expect(url).toMatch(/\/api\/v1\/clinics\/jade-leaf-bath\/calendar-feeds\/[A-Za-z0-9_-]{20,}$/);
  await expect(section.getByRole('link', { name: 'Add to my calendar app' })).toHaveAttribute('href', url.replace(/^https?:\/\//, 'webcal://'));

  await section.getByRole('button', { name: 'Copy address' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Address copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(await seriousViolations(page), 'new address').toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `${name}-calendar-feed-new`);
  }

  // The address serves the diary as iCalendar, to anyone who has it (no sign-in).
  const feed = await page.request.get(url, { headers: { cookie: '' } });
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');

  // Later, the page says an address exists (it cannot show it again) and offers to replace it.
  await page.reload();
  await expect(section.getByText(/You created your calendar address on \d{1,2} \w+ \d{4}/)).toBeVisible();
  await expect(section.getByLabel('Your calendar address')).toHaveCount(0);
  await shoot(page, 'desktop-calendar-feed-exists');
  await section.getByRole('button', { name: 'Replace address' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace your calendar address?' });
  await expect(dialog).toContainText('stops working straight away');
  expect(await seriousViolations(page), 'replace dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Keep the current one' }).click();
  await expect(dialog).toBeHidden();
  expect((await page.request.get(url)).status()).toBe(200);

  await section.getByRole('button', { name: 'Replace address' }).click();
  await dialog.getByRole('button', { name: 'Replace address' }).click();
  await expect(section.getByRole('heading', { name: 'Your new calendar address is ready' })).toBeFocused();
  const replaced = await section.getByLabel('Your calendar address').inputValue();
  expect(replaced).not.toBe(url);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(replaced)).status()).toBe(200);
});

test('Reception has no calendar address section', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your diary in your phone’s calendar' })).toHaveCount(0);
});
