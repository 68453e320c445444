import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * The owner's home (issue 13): "At a glance" shows today and this week, each figure with a
 * label, a number and a link to the list behind it. The demo's numbers depend on the day,
 * so this checks the figures are there and lead somewhere, not their values (those are
 * tested at fixed instants in src/features/reports/at-a-glance.test.ts).
 */

const FIGURES = ['Appointments booked', 'Free time', 'No-shows', 'New clients', 'Consultations booked'];

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('The owner sees today and this week at a glance and follows a figure to the diary', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'owner@jadeleaf.example');
  const glance = page.getByRole('region', { name: 'At a glance' });
  await expect(glance).toBeVisible();
  const today = glance.getByRole('region', { name: /^Today/ });
  const week = glance.getByRole('region', { name: /^This week/ });
  for (const group of [today, week]) {
    for (const label of FIGURES) await expect(group.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) })).toBeVisible();
    await expect(group.getByRole('definition').first()).toHaveText(/^\d+$/);
  }
  await expect(today.getByText(/% of .* working time|No working hours today/)).toBeVisible();
  await expect(week.getByRole('link', { name: /^See the newest client/ })).toHaveAttribute('href', '/app/clients?sort=newest');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'owner-home-desktop');

  await page.setViewportSize({ width: 390, height: 844 });
  await glance.scrollIntoViewIfNeeded();
  await shoot(page, 'owner-home-phone');

  await week.getByRole('link', { name: 'Open this week’s diary' }).first().click();
  await expect(page).toHaveURL(/\/app\/diary\?view=week&date=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible();

  await page.goBack();
  await today.getByRole('link', { name: 'Open today’s diary' }).first().click();
  await expect(page).toHaveURL(/\/app\/diary\?date=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible();

  await page.goBack();
  await week.getByRole('link', { name: /^See the newest client/ }).click();
  await expect(page).toHaveURL(/\/app\/clients\?sort=newest$/);
  await expect(page.getByRole('status')).toContainText('newest first');
  await expect(page.getByRole('link', { name: 'Sort A to Z' })).toBeVisible();
});

test('Reception does not see the owner’s figures, and the server refuses them', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByText('You are signed in as reception.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'At a glance' })).toHaveCount(0);
  expect((await page.request.get('/api/v1/clinics/jade-leaf-bath/at-a-glance')).status()).toBe(403);
});
