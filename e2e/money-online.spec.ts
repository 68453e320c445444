import path from 'node:path';
import Stripe from 'stripe';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn, signOut } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { E2E_BASE_URL, E2E_PORT, SCREENSHOT_DIR } from './support/env.ts';
import { completedEvent, FakeStripe, SECRET, WEBHOOK } from '../src/features/money/stripe.test-helpers.ts';

/**
 * Paying online (issue 14): the owner sets the clinic's Stripe keys and sells a package
 * online; a client buys it from the portal. Stripe's hosted page is outside Yintang, so the
 * test stands in for it: the local Stripe-like server marks the session paid and the test
 * posts the signed `checkout.session.completed` webhook, then the portal shows the package.
 */

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const fake = new FakeStripe();
test.beforeAll(async () => { await fake.listen(E2E_PORT + 1000); });
test.afterAll(async () => { await new Promise((resolve) => fake.server.close(resolve)); });

test('The owner turns on online payment; a client buys a package by card and the portal shows it', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Money', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeFocused();

  const online = page.getByRole('region', { name: 'Card payments online (Stripe)' });
  await online.getByLabel('Secret key').fill(SECRET);
  await online.getByLabel('Webhook signing secret').fill(WEBHOOK);
  await online.getByRole('button', { name: 'Turn on' }).click();
  await expect(online.getByText('Secret key ending 1234')).toBeVisible();
  await expect(online.getByLabel('Secret key')).toHaveValue('');

  const name = `Online facial course (${Date.now().toString(36)})`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Sessions').fill('10');
  await page.getByLabel('Price (£)').fill('850');
  await page.getByLabel('Valid for (months)').fill('6');
  await page.getByLabel('Facial acupuncture session').check();
  await page.getByLabel('Clients can buy it online').check();
  await page.getByRole('button', { name: 'Add package' }).click();
  await expect(page.getByText(`${name} is on sale.`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'money-online-owner');
  await signOut(page);

  await signIn(page, 'client@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Invoices and packages' }).click();
  const shop = page.getByRole('region', { name: 'Buy a package' });
  await expect(shop.getByText(name, { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'money-online-client-shop');

  // Stripe's hosted page stands outside Yintang: the test answers for it.
  await page.route('https://checkout.stripe.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Stripe Checkout</title><h1>Pay by card</h1></html>' }));
  await shop.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: /Buy and pay by card/ }).click();
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;
  expect(sessionId).toMatch(/^cs_test_/);

  // The card is paid on Stripe; Stripe tells the clinic with a signed webhook.
  const payload = completedEvent(fake.pay(sessionId), `evt_e2e_${sessionId}`);
  const signer = new Stripe('sk_test_signer');
  const hook = await request.post(`${E2E_BASE_URL}/api/v1/clinics/jade-leaf-bath/stripe/webhook`, {
    data: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK }) },
  });
  expect(hook.status()).toBe(200);

  // Back from Stripe: the return page confirms, and the package is there with all its sessions.
  await page.goto(`/app/my-money?checkout=${sessionId}`);
  await expect(page.getByText('Thank you: your payment arrived and your package is ready to use.')).toBeVisible();
  const mine = page.getByRole('region', { name: 'My packages' }).getByRole('listitem').filter({ hasText: name });
  await expect(mine.getByText('10 of 10 sessions left')).toBeVisible();
  await expect(page.getByRole('region', { name: 'My invoices' }).getByText('Paid').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'money-online-client-paid');
});
