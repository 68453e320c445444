import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn, signOut } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * The owner's practice reports (issue 14) over the demo's months of history (issue 13).
 * The demo is placed around the day it loads, so this checks that every report shows
 * figures, a chart, a table and a CSV, not their values (those are tested at fixed
 * instants in src/features/reports/practice-report.test.ts).
 */

const REPORTS = ['Diary utilisation', 'No-shows and late cancellations', 'Consultations that became a course', 'Clients who came back', 'New clients'];

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('The owner reads the practice reports, as charts and tables, and downloads a CSV', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Reports', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice reports' })).toBeFocused();
  for (const name of REPORTS) await expect(page.getByRole('region', { name })).toBeVisible();
  const utilisation = page.getByRole('region', { name: 'Diary utilisation' });
  await expect(utilisation.getByRole('img', { name: /^Booked time as a share of available time: .*Mei Lin Chen \d/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'No-shows and late cancellations' }).getByRole('term').filter({ hasText: /^No-shows$/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'practice-reports-desktop');

  // The table alternative of a chart.
  await utilisation.getByText('Show as a table').click();
  await expect(utilisation.getByRole('table', { name: 'Utilisation by practitioner' }).getByRole('rowheader', { name: 'Tom Hughes' })).toBeVisible();

  // Another range: last month, by a quick range; the address keeps it.
  await page.getByRole('button', { name: 'Last month' }).click();
  await expect(page).toHaveURL(/startDate=\d{4}-\d{2}-01&endDate=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByRole('region', { name: 'New clients' })).toBeVisible();

  // Dates with no takings (years before the demo's history): a calm word, not a chart with a £0–£4 scale.
  await page.goto('/app/reports?startDate=2020-01-01&endDate=2020-01-31');
  const takings = page.getByRole('region', { name: 'Takings', exact: true });
  await expect(takings.getByText('No takings in this period')).toBeVisible();
  await expect(takings.getByRole('img')).toHaveCount(0);
  await expect(takings.getByText('Show as a table')).toHaveCount(0);
  // The same for appointments and new clients: no chart with a 0–4 axis for nothing.
  const attendance = page.getByRole('region', { name: 'No-shows and late cancellations' });
  await expect(attendance.getByText('No appointments in this period')).toBeVisible();
  await expect(attendance.getByRole('img')).toHaveCount(0);
  const newClients = page.getByRole('region', { name: 'New clients' });
  await expect(newClients.getByText('No new clients in this period')).toBeVisible();
  await expect(newClients.getByRole('img')).toHaveCount(0);
  await shoot(page, 'practice-reports-no-takings');

  const download = page.waitForEvent('download');
  await page.getByRole('region', { name: 'No-shows and late cancellations' }).getByRole('link', { name: 'CSV of no-shows and late cancellations' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^jade-leaf-bath-attendance-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Last 12 weeks' }).click();
  await expect(utilisation).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'practice-reports-phone');
});

test('Reception sees Reports only once the owner shares them', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(mainNav(page).getByRole('link', { name: 'Reports', exact: true })).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clinic settings', exact: true }).click();
  const share = page.getByRole('checkbox', { name: 'Share the practice reports with reception' });
  await share.check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();
  await signOut(page);

  try {
    await signIn(page, 'reception@jadeleaf.example');
    await mainNav(page).getByRole('link', { name: 'Reports', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Diary utilisation' })).toBeVisible();
    await signOut(page);
  } finally {
    // Leave the demo as it was for the other specs (reception's menu is checked elsewhere).
    await signIn(page, 'owner@jadeleaf.example');
    await mainNav(page).getByRole('link', { name: 'Clinic settings', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Share the practice reports with reception' }).uncheck();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText(/saved/i).first()).toBeVisible();
  }
});
