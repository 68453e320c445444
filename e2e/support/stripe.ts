import Stripe from 'stripe';
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { completedEvent, FakeStripe, SECRET, WEBHOOK } from '../../src/features/money/stripe.test-helpers.ts';
import { E2E_BASE_URL, E2E_PORT } from './env.ts';

/**
 * The journeys that take card payments share these steps. Stripe stands outside Yintang: a local
 * server answers its API where the app's STRIPE_API_BASE points (playwright.config.ts), and the
 * hosted checkout page is answered by the test.
 */

/** Starts the local Stripe for this spec file's journeys and stops it after them. */
export function useFakeStripe() {
  const fake = new FakeStripe();
  test.beforeAll(async () => { await fake.listen(E2E_PORT + 1000); });
  test.afterAll(async () => { await new Promise((resolve) => fake.server.close(resolve)); });
  return fake;
}

/**
 * On the owner's Money page: turns card payments on with the test keys, unless an earlier
 * journey on the same server already has (same keys, so nothing to change).
 */
export async function turnOnCardPayments(page: Page) {
  const online = page.getByRole('region', { name: 'Card payments online (Stripe)' });
  await expect(online.getByRole('button', { name: /^(Turn on|Replace keys)$/ })).toBeVisible();
  if (await online.getByRole('button', { name: 'Turn on' }).isVisible()) {
    await online.getByLabel('Secret key').fill(SECRET);
    await online.getByLabel('Webhook signing secret').fill(WEBHOOK);
    await online.getByRole('button', { name: 'Turn on' }).click();
    await expect(online.getByLabel('Secret key')).toHaveValue('');
  }
  await expect(online.getByText('Secret key ending 1234')).toBeVisible();
}

/** Stands in for Stripe's hosted checkout page, which the browser is sent to. */
export async function answerForStripeCheckout(page: Page) {
  await page.route('https://checkout.stripe.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Stripe Checkout</title><h1>Pay by card</h1></html>' }));
}

/** The checkout session the browser was sent to (the last part of the hosted page's address). */
export function checkoutSessionOf(page: Page) {
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;
  expect(sessionId).toMatch(/^cs_test_/);
  return sessionId;
}

/** The card is paid on Stripe, and Stripe tells the clinic with a signed `checkout.session.completed`. */
export async function payAndNotify(request: APIRequestContext, fake: FakeStripe, sessionId: string, clinicSlug = 'jade-leaf-bath') {
  const payload = completedEvent(fake.pay(sessionId), `evt_e2e_${sessionId}`);
  const signature = new Stripe('sk_test_signer').webhooks.generateTestHeaderString({ payload, secret: WEBHOOK });
  const hook = await request.post(`${E2E_BASE_URL}/api/v1/clinics/${clinicSlug}/stripe/webhook`, {
    data: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
  expect(hook.status()).toBe(200);
}
