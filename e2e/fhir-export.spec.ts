import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { findClient, mainNav, signIn } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

test('A practitioner shares James Wilson’s record as FHIR with his agreement and downloads the Bundle', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'My clients' }).click();
  await page.getByRole('link', { name: /James Wilson/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'James Wilson' })).toBeVisible();

  const panel = page.getByRole('region', { name: 'Share the record (FHIR)' });
  await panel.scrollIntoViewIfNeeded();
  // Nothing leaves without saying to whom, why, and that he agreed.
  await panel.getByRole('button', { name: 'Download FHIR record' }).click();
  await expect(panel.getByText('Say who receives the record')).toBeVisible();
  await expect(panel.getByText('Confirm that James Wilson agreed to share their record')).toBeVisible();

  await panel.getByLabel('Shared with').fill('Dr Amy Shaw, Bath GP surgery');
  await panel.getByLabel('What for').fill('Referral for knee pain');
  await panel.getByLabel('James Wilson agreed to share their record with them for this').check();
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download FHIR record' }).click()]);
  expect(download.suggestedFilename()).toBe('fhir-record-james-wilson.json');
  const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('collection');
  const types = new Set(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType));
  for (const type of ['Patient', 'Appointment', 'Encounter', 'Procedure', 'Consent']) expect(types.has(type), type).toBe(true);
  await expect(panel.getByRole('status')).toContainText('James Wilson’s agreement to share with Dr Amy Shaw, Bath GP surgery is recorded.');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'client-record-fhir-export-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'client-record-fhir-export-phone');
});

test('Reception sees no FHIR export on a client and its API answers 404', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clients' }).click();
  await (await findClient(page, 'James Wilson')).click();
  await expect(page.getByRole('heading', { level: 1, name: 'James Wilson' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Visits' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Share the record (FHIR)' })).toHaveCount(0);
  const clientId = page.url().split('/').pop()!;
  const csrf = (await (await page.request.get('/api/v1/auth/session')).json()).csrfToken;
  const res = await page.request.post(`/api/v1/clinics/jade-leaf-bath/clients/${clientId}/fhir-export`, {
    headers: { 'X-CSRF-Token': csrf }, data: { recipient: 'Someone', purpose: 'Curiosity', clientAgreed: true },
  });
  expect(res.status()).toBe(404);
});
