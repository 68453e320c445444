import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('Owner sees that a practitioner opened a client’s details, filtered by that person, and downloads it as CSV', async ({ page }) => {
  // Two sign-ins, two accessibility scans and two full-page screenshots: more than the default minute on a busy machine.
  test.slow();
  // Tom opens James Wilson, a client in his care: the clinic's log records it.
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'My clients' }).click();
  await page.getByRole('link', { name: /James Wilson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'James Wilson' })).toBeVisible();
  await page.context().clearCookies();

  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeFocused();

  await page.getByLabel('Person').selectOption({ label: 'Tom Hughes (Practitioner)' });
  await page.getByLabel('Record type').selectOption({ label: 'Client' });
  await page.getByRole('button', { name: 'Show entries' }).click();
  await expect(page).toHaveURL(/person=[0-9a-f-]{36}&type=client/);

  const table = page.getByRole('table', { name: 'Audit log entries, newest first' });
  const row = table.getByRole('row').filter({ hasText: 'Viewed a client’s details' }).first();
  await expect(row).toContainText('Tom Hughes');
  await expect(row).toContainText('tom@jadeleaf.example');
  await expect(row).toContainText('Client: James Wilson');
  await expect(row).toContainText('127.0.0.1');
  await expect(row.getByRole('cell').first()).toHaveText(/^\d{1,2} \w+ \d{4}, \d\d:\d\d$/);
  // Only Tom's entries are listed.
  for (const r of await table.getByRole('row').all()) {
    if (await r.getByRole('columnheader').count()) continue;
    await expect(r).toContainText('Tom Hughes');
  }
  expect(await seriousViolations(page), 'audit log').toEqual([]);

  for (const [name, width, height] of [['desktop', 1280, 800], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `${name}-audit-log`);
  }
  // On a phone the entries are cards, each field named.
  const card = page.getByRole('list', { name: 'Audit log entries, newest first' }).getByRole('listitem').filter({ hasText: 'Viewed a client’s details' }).first();
  await expect(card).toContainText('Client: James Wilson');
  expect(await seriousViolations(page), 'audit log on a phone').toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  const link = page.getByRole('link', { name: 'Download CSV' });
  await expect(link).toHaveAttribute('href', /audit\.csv\?personId=[0-9a-f-]{36}&entityType=client$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-jade-leaf-bath-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('When (UTC),When (clinic time),Who,E-mail,Role,Action,What,Record type,Record id,Record,IP address,Device,Details');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(',Tom Hughes,tom@jadeleaf.example,'))).toBe(true);
  expect(lines.some((l) => l.includes(',client.view,Viewed a client’s details,Client,') && l.includes(',James Wilson,'))).toBe(true);
});
