import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { findClient, mainNav, signIn, signOut } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { answerForStripeCheckout, checkoutSessionOf, payAndNotify, turnOnCardPayments, useFakeStripe } from './support/stripe.ts';

/**
 * Gift vouchers bought online (issue 14): the owner puts vouchers on sale; anyone buys one
 * on the clinic's public page (on a phone), pays on Stripe's page (answered here by the
 * test, with the local Stripe-like server and a signed webhook), and comes back to a
 * thank-you page. The buyer is then a client with a paid invoice, which the owner corrects
 * with a credit note from the client's money panel.
 */

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const fake = useFakeStripe();

test('Someone buys a gift voucher on the clinic’s page by card; the owner issues a credit note on its invoice', async ({ page, request }) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const buyer = `Grace Giver ${run}`;
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Money', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeFocused();
  await turnOnCardPayments(page);
  await page.reload();
  const billing = page.getByRole('region', { name: 'Invoices, VAT and policies' });
  await billing.getByLabel('Name on invoices').fill('Jade Leaf Acupuncture Ltd');
  await billing.getByLabel('Address on invoices').fill('12 Milsom Street, Bath, BA1 1DN');
  await billing.getByLabel('Sell gift vouchers on our public page').check();
  await billing.getByRole('button', { name: 'Save' }).click();
  await expect(billing.getByText(/^Saved\./)).toBeVisible();
  await signOut(page);

  // A visitor on a phone: the clinic page links the shop.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/clinics/jade-leaf-bath');
  await page.getByRole('link', { name: 'Gift vouchers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Give a gift voucher' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('alert')).toContainText('Please check 3 answers');
  await expect(page.getByLabel('Their name')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'gift-voucher-errors-phone');

  await page.getByLabel('Amount in pounds').fill('60');
  await page.getByLabel('Their name').fill('Ann Lee');
  await page.getByLabel('Their e-mail address (optional)').fill(`ann.${run}@example.org`);
  await page.getByLabel('A message (optional)').fill('Happy birthday, Ann! Enjoy a calm hour.');
  await page.getByLabel('Your name').fill(buyer);
  await page.getByLabel('Your e-mail address').fill(`grace.${run}@example.org`);
  await shoot(page, 'gift-voucher-form-phone');

  // Stripe's hosted page stands outside Yintang: the test answers for it.
  await answerForStripeCheckout(page);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check and pay' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'gift-voucher-check-phone');
  await page.getByRole('link', { name: 'Pay £60.00 by card' }).click();
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
  const sessionId = checkoutSessionOf(page);
  expect(fake.sessions.get(sessionId)).toMatchObject({ amount_total: 6000, metadata: { purpose: 'voucher' } });

  await payAndNotify(request, fake, sessionId);
  await page.goto(`/clinics/jade-leaf-bath/gift-vouchers/thanks?session=${sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you: your gift voucher is on its way' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(`sent to grace.${run}@example.org, and the voucher to ann.${run}@example.org`);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'gift-voucher-thanks-phone');

  // The desk: the buyer is a client with the paid invoice and the voucher; the owner credits part of it.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clients', exact: true }).click();
  await (await findClient(page, buyer)).click();
  const money = page.getByRole('region', { name: 'Packages, invoices and payments' });
  const invoice = money.getByRole('listitem').filter({ hasText: '£60.00' }).first();
  await expect(invoice.getByText('Paid')).toBeVisible();
  await invoice.getByRole('button', { name: /^Details/ }).click();
  const details = money.getByRole('region', { name: /^Invoice INV-/ });
  await expect(details.getByText(/Gift voucher code [A-Z2-9]{4}-/)).toBeVisible();
  await details.getByRole('button', { name: /Issue a credit note/ }).click();
  const form = details.getByRole('form', { name: /Credit note for INV-/ });
  await expect(form.getByLabel('Amount to credit (£)')).toHaveValue('60.00');
  await form.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(form.getByRole('alert')).toContainText('Say why');
  await form.getByLabel('Amount to credit (£)').fill('10');
  await form.getByLabel('Why (printed on the credit note)').fill('Goodwill: voucher e-mail arrived late');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'money-credit-note-form');
  await form.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(money.getByText(/^CN-\d+ issued: £10\.00 credited on INV-/)).toBeVisible();
  await expect(money.getByText('Credit note', { exact: true })).toBeVisible();
  await shoot(page, 'money-credit-note-issued');
});
