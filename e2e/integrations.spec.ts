import http from 'node:http';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { mainNav, signIn, uniqueEmail } from './support/app.ts';
import { E2E_PORT, SCREENSHOT_DIR } from './support/env.ts';

/** A clinic's other system: verifies each request with standardwebhooks and counts deliveries by webhook-id. */
const received: { id: string; type: string }[] = [];
let secret = '';
const receiver = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  req.on('end', () => {
    try {
      const body = new Webhook(secret).verify(raw, req.headers as Record<string, string>) as { type: string };
      received.push({ id: String(req.headers['webhook-id']), type: body.type });
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
});
const RECEIVER_PORT = E2E_PORT + 1100;
test.beforeAll(async () => { await new Promise<void>((resolve) => receiver.listen(RECEIVER_PORT, '127.0.0.1', resolve)); });
test.afterAll(() => { receiver.close(); });

test('Owner creates an API key, sees it once, and revokes it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Integrations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeFocused();

  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByRole('button', { name: 'Create key' }).click();
  await expect(keys.getByText('Choose at least one thing the key may do')).toBeVisible();
  const name = `Accounts ${Date.now()}`;
  await keys.getByLabel('Name').fill(name);
  await keys.getByLabel(/Read the diary/).check();
  await keys.getByLabel(/Read clients’ contact details|Read clients' contact details/).check();
  await keys.getByRole('button', { name: 'Create key' }).click();
  const secretBox = keys.getByTestId('secret');
  await expect(secretBox).toHaveText(/^yt_live_/);
  await keys.getByRole('button', { name: 'Copy' }).click();
  await expect(keys.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secretBox.textContent());

  const row = keys.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Never');
  await expect(row).toContainText('diary:read, clients:read');
  // Revoking cannot be undone, so it is asked first; "Keep it" changes nothing.
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toBeVisible();
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByRole('dialog')).toContainText('cannot be turned back on');
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(row.getByText('Revoked')).toBeVisible();
  // Once the page is left, the secret is gone for good.
  await page.reload();
  await expect(page.getByTestId('secret')).toHaveCount(0);
});

test('Owner subscribes an endpoint, sees a signed delivery arrive and sends it again', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/integrations');
  const hooks = page.getByRole('region', { name: 'Webhooks' });
  // Every event's payload is shown before subscribing.
  await hooks.getByText('Example payload of client.created').click();
  await expect(hooks.locator('details[open] pre')).toContainText('"clientId"');

  const address = `http://127.0.0.1:${RECEIVER_PORT}/yintang`;
  await hooks.getByLabel('Address (https)').fill(address);
  await hooks.getByLabel(/client\.created/).check();
  await hooks.getByRole('button', { name: 'Add endpoint' }).click();
  secret = (await hooks.getByTestId('secret').textContent())!;
  expect(secret).toMatch(/^whsec_/);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'integrations-webhook-added.png'), fullPage: true });

  // A client added at the desk is an event.
  await page.goto('/app/clients/new');
  await page.getByLabel('Full name').fill('Webhook Person');
  await page.getByLabel('E-mail address').fill(uniqueEmail('webhook.person'));
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook Person' })).toBeVisible();
  await expect.poll(() => received.filter((r) => r.type === 'client.created').length).toBeGreaterThan(0);

  await page.goto('/app/integrations');
  const endpoint = page.getByRole('article', { name: address });
  const delivery = endpoint.getByRole('row').filter({ hasText: 'client.created' }).first();
  await expect(delivery).toContainText('Delivered');
  await expect(delivery).toContainText('answered 204');
  // The endpoints come first, the long form to add one after them.
  const listTop = (await endpoint.boundingBox())!.y;
  expect(listTop).toBeLessThan((await hooks.getByRole('heading', { name: 'Add an endpoint' }).boundingBox())!.y);
  const first = received.at(-1)!;
  await delivery.getByRole('button', { name: 'Send client.created again' }).click();
  await expect.poll(() => received.filter((r) => r.id === first.id).length).toBe(2);
  await endpoint.getByRole('button', { name: 'Refresh deliveries' }).click();
  await expect(endpoint.getByRole('row').filter({ hasText: 'client.created' }).first().getByText('answered 204')).toHaveCount(2);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'integrations-deliveries.png'), fullPage: true });
  // Leave the shared demo clinic as it was.
  await endpoint.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove endpoint' }).click();
  await expect(page.getByRole('article', { name: address })).toHaveCount(0);
});
