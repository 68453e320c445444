import path from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { signIn, mainNav } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });

test('The owner opens the clinic outcome report and downloads it as CSV', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Outcome report', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outcome report' })).toBeVisible();
  await expect(page.getByText('How to read this report')).toBeVisible();
  await expect(page.getByText(/Groups of fewer than 5 clients are not shown/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Courses that started / })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-outcome-report.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^outcome-report-jade-leaf-bath-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('Mean change from baseline,95% CI low,95% CI high');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-outcome-report.png'), fullPage: true });
});
