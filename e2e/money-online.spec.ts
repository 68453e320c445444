import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { findClient, mainNav, signIn, signOut, ukDate } from './support/app.ts';
import { choose, dialog, moneyPanel } from './support/money.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { answerForStripeCheckout, checkoutSessionOf, payAndNotify, turnOnCardPayments, useFakeStripe } from './support/stripe.ts';

/**
 * Paying online, and the whole money journey (issue 14, "Done means"): the owner
 * sets the clinic's Stripe keys and sells a package online; a client buys it from the
 * portal. Stripe's hosted page is outside Yintang, so the test stands in for it: the local
 * Stripe-like server marks the session paid and the test posts the signed
 * `checkout.session.completed` webhook, then the portal shows the package. Reception then
 * sees the balance, pays a facial session with one of its credits and takes a card payment
 * for a sports massage; the owner refunds part of the package (back through Stripe); a gift
 * voucher is sold at the desk and half spent; and the owner's reports show all of it, checked
 * as the change in today's figures (other journeys may have taken money today too).
 */

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const fake = useFakeStripe();

type Money = { takings: { total: { netMinor: number }; methods: { method: string; netMinor: number }[]; redeemed: { voucherMinor: number; packageCreditMinor: number } }; liability: { packages: { liabilityMinor: number; sessionsLeft: number }; vouchers: { balanceMinor: number } } };
const today = DateTime.now().setZone('Europe/London').toISODate()!;
const todaysMoney = async (page: Page): Promise<Money> => {
  const res = await page.request.get(`/api/v1/clinics/jade-leaf-bath/reports/practice?startDate=${today}&endDate=${today}`);
  expect(res.status()).toBe(200);
  return (await res.json() as { money: Money }).money;
};
const methodNet = (m: Money, method: string) => m.takings.methods.find((x) => x.method === method)!.netMinor;

test('A client buys a package online, uses a credit, pays at the desk, gets part refunded, a voucher is half spent, and the owner’s reports show it', async ({ page, request }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Money', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeFocused();
  const before = await todaysMoney(page);

  await turnOnCardPayments(page);

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
  await answerForStripeCheckout(page);
  await shop.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: /Buy and pay by card/ }).click();
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
  const sessionId = checkoutSessionOf(page);

  // The card is paid on Stripe; Stripe tells the clinic with a signed webhook.
  await payAndNotify(request, fake, sessionId);

  // Back from Stripe: the return page confirms, and the package is there with all its sessions.
  await page.goto(`/app/my-money?checkout=${sessionId}`);
  await expect(page.getByText('Thank you: your payment arrived and your package is ready to use.')).toBeVisible();
  const mine = page.getByRole('region', { name: 'My packages' }).getByRole('listitem').filter({ hasText: name });
  await expect(mine.getByText('10 of 10 sessions left')).toBeVisible();
  await expect(page.getByRole('region', { name: 'My invoices' }).getByText('Paid').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'money-online-client-paid');

  await signOut(page);

  // Reception sees the balance on the client's record, pays a facial session with one of the
  // package's credits, and takes a sports massage by card terminal.
  await signIn(page, 'reception@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clients', exact: true }).click();
  await (await findClient(page, 'Olivia Brown')).click();
  const held = moneyPanel(page).getByRole('listitem').filter({ hasText: name });
  await expect(held).toContainText('10 of 10 sessions left');
  await choose(page, 'Facial acupuncture session');
  await moneyPanel(page).getByRole('button', { name: 'Sell and issue invoice' }).click();
  await dialog(page).getByLabel('Method').selectOption('package_credit');
  await dialog(page).getByLabel('Package').selectOption({ label: `${name}: 10 of 10 left` });
  await dialog(page).getByRole('button', { name: 'Take £95.00' }).click();
  await expect(held).toContainText('9 of 10 sessions left');
  await choose(page, 'Sports massage (60 minutes)');
  await moneyPanel(page).getByRole('button', { name: 'Sell and issue invoice' }).click();
  await dialog(page).getByLabel('Receipt or reference (optional)').fill('T-2001');
  await dialog(page).getByRole('button', { name: 'Take £65.00' }).click();
  await expect(moneyPanel(page).getByText(/£65\.00 taken for INV-/)).toBeVisible();

  // A £100 gift voucher sold at the desk in cash, then half of it spent on a massage.
  await choose(page, 'A gift voucher');
  await moneyPanel(page).getByLabel('Voucher value (£)').fill('100');
  await moneyPanel(page).getByRole('button', { name: 'Sell and issue invoice' }).click();
  await dialog(page).getByLabel('Method').selectOption('cash');
  await dialog(page).getByRole('button', { name: 'Take £100.00' }).click();
  await expect(moneyPanel(page).getByText(/£100\.00 taken for INV-/)).toBeVisible();
  await moneyPanel(page).getByRole('listitem').filter({ hasText: '£100.00' }).filter({ hasText: 'Paid' }).first().getByRole('button', { name: /Details/ }).click();
  const code = (await page.getByRole('region', { name: /Invoice INV-/ }).locator('strong.font-mono').textContent())!.trim();
  await choose(page, 'Sports massage (60 minutes)');
  await moneyPanel(page).getByRole('button', { name: 'Sell and issue invoice' }).click();
  await dialog(page).getByLabel('Method').selectOption('voucher');
  await dialog(page).getByLabel('Voucher code').fill(code);
  await dialog(page).getByLabel('Amount (£)').fill('50');
  await dialog(page).getByRole('button', { name: 'Split: add a part' }).click();
  await dialog(page).getByLabel('Method').nth(1).selectOption('card_terminal');
  await dialog(page).getByRole('button', { name: 'Take £65.00' }).click();
  await expect(moneyPanel(page).getByText(/£65\.00 taken for INV-/).first()).toBeVisible();
  await signOut(page);

  // The owner refunds two of the package's sessions: £170 goes back through Stripe.
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clients', exact: true }).click();
  await (await findClient(page, 'Olivia Brown')).click();
  const ownersView = moneyPanel(page).getByRole('listitem').filter({ hasText: name });
  await ownersView.getByRole('button', { name: 'Refund sessions' }).click();
  await ownersView.getByLabel('Sessions to refund').fill('2');
  await ownersView.getByLabel('Money back (£)').fill('170');
  await ownersView.getByLabel('Why').fill('Moving away');
  await ownersView.getByRole('button', { name: 'Refund sessions' }).click();
  await expect(moneyPanel(page).getByText('2 session(s) refunded: £170.00 back to the client.')).toBeVisible();
  await expect(ownersView).toContainText('7 of 10 sessions left');
  expect(fake.refunds.at(-1)?.amount).toBe(17000);

  // Today's reports: online 850 − 170, card terminal 65 + 15, cash 100; £50 paid from the
  // voucher and one package session; 7 sessions at £85 and £50 on the voucher still owed.
  const after = await todaysMoney(page);
  expect(after.takings.total.netMinor - before.takings.total.netMinor).toBe(85000 - 17000 + 6500 + 1500 + 10000);
  expect(methodNet(after, 'online_card') - methodNet(before, 'online_card')).toBe(68000);
  expect(methodNet(after, 'card_terminal') - methodNet(before, 'card_terminal')).toBe(8000);
  expect(methodNet(after, 'cash') - methodNet(before, 'cash')).toBe(10000);
  expect(after.takings.redeemed.voucherMinor - before.takings.redeemed.voucherMinor).toBe(5000);
  expect(after.takings.redeemed.packageCreditMinor - before.takings.redeemed.packageCreditMinor).toBe(9500);
  expect(after.liability.packages.liabilityMinor - before.liability.packages.liabilityMinor).toBe(7 * 8500);
  expect(after.liability.packages.sessionsLeft - before.liability.packages.sessionsLeft).toBe(7);
  expect(after.liability.vouchers.balanceMinor - before.liability.vouchers.balanceMinor).toBe(5000);

  // And the owner reads them on the Reports page, for today.
  await mainNav(page).getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByLabel('From').fill(ukDate(today));
  await page.getByLabel('To (included)').fill(ukDate(today));
  await page.getByRole('button', { name: 'Show reports' }).click();
  const takings = page.getByRole('region', { name: 'Takings', exact: true });
  await expect(takings.getByRole('img', { name: /^Takings per day: / })).toBeVisible();
  await takings.getByText('Show as a table').click();
  await expect(takings.getByRole('table', { name: 'Takings by method' }).getByRole('rowheader', { name: 'Card (online)' })).toBeVisible();
  const liability = page.getByRole('region', { name: 'Owed to clients in sessions and vouchers' });
  await expect(liability.getByRole('table', { name: 'Sessions left by package' }).getByRole('rowheader', { name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Invoices still owed' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await takings.scrollIntoViewIfNeeded();
  await shoot(page, 'practice-reports-money');
});
