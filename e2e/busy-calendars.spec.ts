import http from 'node:http';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn, signOut } from './support/app.ts';
import { E2E_PORT, SCREENSHOT_DIR } from './support/env.ts';

/**
 * A practitioner who also works elsewhere adds the private address of that calendar
 * (issue 17, item 4). A local server stands in for the calendar service; its one event
 * lies at night, outside working hours, so other journeys' free slots stay as they were.
 */

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const night = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 30, 3, 0));
const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Other clinic//EN', 'BEGIN:VEVENT', 'UID:night@other', `DTSTAMP:${stamp(night)}`,
  `DTSTART:${stamp(night)}`, `DTEND:${stamp(new Date(night.getTime() + 3_600_000))}`, 'SUMMARY:Private appointment', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
let failing = false;
const server = http.createServer((req, res) => {
  if (failing || req.url !== '/private-e2e/basic.ics') return res.writeHead(503).end();
  res.writeHead(200, { 'content-type': 'text/calendar' }).end(ics);
});
const PORT = E2E_PORT + 1001;
test.beforeAll(async () => { await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve)); });
test.afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

test('A practitioner adds their other calendar; when it fails, they and the owner see it failing', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'My profile' }).click();
  const section = page.getByRole('region', { name: 'Busy times from other calendars' });
  const add = section.getByRole('region', { name: 'Add another calendar' });
  await add.getByLabel('Name').fill('Other clinic');
  await add.getByLabel('Private calendar address').fill(`http://127.0.0.1:${PORT}/private-e2e/basic.ics`);
  await add.getByRole('button', { name: 'Add calendar' }).click();

  const row = section.getByRole('listitem', { name: 'Other clinic' });
  await expect(row).toContainText('Working');
  await expect(row).toContainText('1 busy time ahead');
  // The secret part of the address is never shown back.
  await expect(row).toContainText(`127.0.0.1:${PORT}/…/basic.ics`);
  await expect(section).not.toContainText('private-e2e');
  await expect(section.getByText(/Other clinic added: 1 busy time now blocks/)).toBeVisible();
  await shoot(page, 'busy-calendars-working');

  failing = true;
  await row.getByRole('button', { name: 'Check now Other clinic' }).click();
  await expect(row).toContainText('Failing');
  await expect(row).toContainText('The calendar service answered 503.');
  await expect(row).toContainText(/It last worked on/);
  await shoot(page, 'busy-calendars-failing');
  await signOut(page);

  // The owner sees the same on Tom's page.
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Profile and qualifications of Tom Hughes' }).click();
  const ownerRow = page.getByRole('region', { name: 'Busy times from other calendars' }).getByRole('listitem', { name: 'Other clinic' });
  await expect(ownerRow).toContainText('Failing');
  await ownerRow.getByRole('button', { name: 'Remove Other clinic' }).click();
  await expect(ownerRow).toHaveCount(0);
});
