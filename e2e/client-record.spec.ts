import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

async function openClient(page: Page, name: string) {
  await mainNav(page).getByRole('link', { name: /Clients/ }).click();
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('Reception sees a client’s visits, counts, waiting list and links to the diary', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await openClient(page, 'Olivia Brown');
  const visits = page.getByRole('region', { name: 'Visits' });
  await expect(visits).toBeVisible();
  // The demo gives Olivia completed visits in the past; the counts say so in words.
  await expect(visits.getByTestId('visit-counts')).toContainText(/\d+ completed visits?/);
  await expect(visits.getByRole('heading', { name: 'Upcoming' })).toBeVisible();
  await expect(visits.getByRole('heading', { name: 'Past visits and cancellations' })).toBeVisible();
  await expect(visits.getByRole('heading', { name: 'Waiting list' })).toBeVisible();
  const past = visits.getByRole('list', { name: 'Past visits and cancellations' });
  await expect(past.getByRole('listitem').first()).toContainText('with');
  await expect(past.getByText('Completed').first()).toBeVisible();
  // No health data for reception, and no placeholder any more.
  await expect(page.getByText('will appear here')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'client-record-visits-phone');
  await page.setViewportSize({ width: 1280, height: 1400 });
  await shot(page, 'client-record-visits-desktop');

  // A visit links to its day in the diary.
  const link = past.getByRole('link').first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/app\/diary\?date=\d{4}-\d{2}-\d{2}$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`date=${href!.split('=')[1]}`));
});

test('A practitioner sees the visits of a client they treat', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'My clients' }).click();
  await page.getByRole('link', { name: /James Wilson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'James Wilson' })).toBeVisible();
  const visits = page.getByRole('region', { name: 'Visits' });
  await expect(visits.getByTestId('visit-counts')).toBeVisible();
  await expect(visits.getByRole('heading', { name: 'Upcoming' })).toBeVisible();
  await expect(visits.getByRole('heading', { name: 'Past visits and cancellations' })).toBeVisible();
});
