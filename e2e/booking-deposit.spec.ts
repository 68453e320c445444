import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn, signOut, uniqueEmail } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { bookingLink, spreadPick } from './support/booking.ts';
import { waitForEmail } from './support/outbox.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { answerForStripeCheckout, checkoutSessionOf, payAndNotify, turnOnCardPayments, useFakeStripe } from './support/stripe.ts';

/**
 * A deposit at online booking (issue 14): the owner turns on card payments and asks a £20
 * deposit for traditional acupuncture; a visitor books it on the clinic's booking page, is
 * sent to Stripe's page (the test stands in for it: the local Stripe-like server marks the
 * session paid and the test posts the signed webhook), comes back booked in, then cancels
 * from the e-mail and is told the deposit was refunded (or kept, when late).
 */

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const fake = useFakeStripe();

test('A visitor pays a deposit by card when booking, and is booked in once it arrives', async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 1400 });
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Money', exact: true }).click();
  await turnOnCardPayments(page);

  await mainNav(page).getByRole('link', { name: 'Services', exact: true }).click();
  await page.getByRole('button', { name: 'Edit Traditional acupuncture' }).click();
  await page.getByLabel('Payment when booked online').selectOption('deposit');
  await page.getByLabel('Deposit (£)').fill('20');
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'booking-deposit-owner');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Deposit £20.00 online')).toBeVisible();
  await signOut(page);

  await page.goto('/clinics/jade-leaf-bath/book');
  await expect(page.getByText('A deposit of £20.00 is paid by card when you book; the rest at the clinic.')).toBeVisible();
  await page.getByRole('button', { name: 'Choose a time for Traditional acupuncture' }).click();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  await expect(days.first()).toBeVisible();
  await days.nth(1 + spreadPick((await days.count()) - 1, 3)).click();
  const times = page.getByRole('button', { name: /^\d\d:\d\d on / });
  await times.nth(spreadPick(await times.count(), 5)).click();
  await expect(page.getByRole('heading', { name: 'Your details' })).toBeFocused();
  await page.getByLabel('Full name').fill('Dora Deposit');
  const email = uniqueEmail('deposit');
  await page.getByLabel('E-mail address').fill(email);
  await expect(page.getByText(/A deposit of £20.00 is paid now by card on Stripe’s secure page; the rest \(£45.00\) at the clinic/)).toBeVisible();
  await expect(page.getByLabel('Gift voucher code (optional)')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'booking-deposit-details');

  // Stripe's hosted page stands outside Yintang: the test answers for it.
  await answerForStripeCheckout(page);
  await page.getByRole('button', { name: 'Book and pay' }).click();
  await expect(page.getByRole('heading', { name: 'Pay by card' })).toBeVisible();
  const sessionId = checkoutSessionOf(page);
  expect(fake.sessions.get(sessionId)!.amount_total).toBe(2000);

  await payAndNotify(request, fake, sessionId);

  await page.goto(`/clinics/jade-leaf-bath/book/paid?session=${sessionId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'You are booked in' })).toBeVisible();
  await expect(page.getByText(/we received £20.00 by card for Traditional acupuncture/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'booking-deposit-paid');

  // Plans change: the visitor cancels from the confirmation e-mail. In the free-cancellation
  // window the deposit goes back to the card through Stripe at once (inside it, it is kept).
  const confirmation = await waitForEmail(email, 'Your booking at Jade Leaf Acupuncture: ');
  await page.goto(bookingLink(confirmation, 'manage', 'cancel'));
  await expect(page.getByRole('heading', { name: 'Cancel this booking?' })).toBeFocused();
  const late = await page.getByText('This cancellation will be recorded as late.').isVisible();
  // Told before deciding what happens to the money paid online.
  await expect(page.getByText(late ? 'As it is late, the clinic keeps the £20.00 you paid online' : 'The £20.00 you paid online will be refunded the way you paid it.')).toBeVisible();
  await page.getByRole('button', { name: 'Yes, cancel my booking' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your booking is cancelled' })).toBeVisible();
  const said = late ? 'the clinic keeps the £20.00 you paid online' : 'The £20.00 you paid online has been refunded the way you paid it';
  await expect(page.getByText(said)).toBeVisible();
  expect(fake.refunds).toEqual(late ? [] : [{ payment_intent: `pi_${sessionId.slice(3)}`, amount: 2000 }]);
  expect((await waitForEmail(email, 'Cancelled: your booking')).text).toContain(said);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'booking-deposit-cancelled');

  // Leave the demo as other journeys expect it: traditional acupuncture paid at the clinic.
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Services', exact: true }).click();
  await page.getByRole('button', { name: 'Edit Traditional acupuncture' }).click();
  await page.getByLabel('Payment when booked online').selectOption('none');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Traditional acupuncture is saved.')).toBeVisible();
});
