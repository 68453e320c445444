import type Stripe from 'stripe';
import { and, eq, isNull } from 'drizzle-orm';
import { bookingPayments, bookings, clients, payments, services } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor, Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { payOnlineOf, splitDue } from '../../domain/money/booking-payment.ts';
import type { ServiceRow } from '../scheduling/availability.repository.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { findBooking, issueLinkToken, loadBookingDetails } from '../booking/booking.repository.ts';
import { paidAfterReleaseEmail } from '../booking/booking-emails.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { confirmHeld } from '../booking/booking.service.ts';
import { billingOf } from './billing.service.ts';
import { issueVisitInvoice, moneyProblem } from './invoices.service.ts';
import { spendVoucher, usableVoucher } from './payments.service.ts';
import { settleCancelledBooking } from './cancel-refund.service.ts';
import { callStripe, expireIfOpen, keysOf, stripeDown, stripeFor } from './stripe.service.ts';
import { openKeys } from './billing.service.ts';

/**
 * Paying at online booking: a service may ask for a deposit or its full price, and only a
 * clinic with Stripe keys asks. The slot is held first; then a gift voucher pays what it
 * can and Stripe's hosted Checkout page the rest (card data never reaches Yintang). The
 * booking is confirmed when the payment arrives (the signed webhook or the client's
 * return page, whichever is first, once), and the money is recorded against the visit's
 * invoice so the desk sees what is left to pay. Unpaid, the hold runs out like any other.
 */

type Who = Actor | Requester | null;

export interface PaymentPlan {
  kind: 'deposit' | 'full';
  dueMinor: number;
  voucherId: string | null;
  voucherMinor: number;
  cardMinor: number;
  currency: string;
}

/** What the booker is told: what is paid now and how, and where to pay by card (null when the voucher covered it). */
export interface PaymentView {
  kind: 'deposit' | 'full';
  dueMinor: number;
  voucherMinor: number;
  cardMinor: number;
  currency: string;
  checkoutUrl: string | null;
}

/**
 * Before the slot is held: what booking `service` online asks to pay now, and the
 * voucher's part; null when nothing is paid online (a voucher code then is a 422). A bad
 * voucher code is a 422 and nothing is held.
 */
export async function planBookingPayment(ctx: AppContext, clinicId: string, service: ServiceRow, voucherCode: string | undefined): Promise<PaymentPlan | null> {
  if (service.onlinePayment === 'none' && !voucherCode) return null;
  const billing = await billingOf(ctx.database.db, clinicId);
  const pay = payOnlineOf(service, Boolean(billing.stripeSecretKey && billing.stripeWebhookSecret));
  if (!pay) {
    if (voucherCode) throw moneyProblem('voucher-not-needed', 'Nothing is paid online for this booking: please bring your voucher to the clinic.', 'voucherCode');
    return null;
  }
  const voucher = voucherCode
    ? await usableVoucher(ctx.database.db, clinicId, voucherCode, { currency: billing.currency, now: new Date(nowOf(ctx)), covers: (id) => id === service.id }, 'voucherCode')
    : null;
  if (voucher && voucher.balanceMinor === 0) throw moneyProblem('voucher-empty', 'This voucher has nothing left on it.', 'voucherCode');
  return { kind: pay.kind, dueMinor: pay.amountMinor, voucherId: voucher?.id ?? null, ...splitDue(pay.amountMinor, voucher?.balanceMinor ?? null), currency: billing.currency };
}

/** Stripe keeps a Checkout page open for at least 30 minutes, so a hold that waits for a card payment lasts a little longer. */
export const paymentHoldMinutes = (configured: number) => Math.max(configured, 31);

const viewOf = (plan: PaymentPlan, checkoutUrl: string | null): PaymentView => ({
  kind: plan.kind, dueMinor: plan.dueMinor, voucherMinor: plan.voucherMinor, cardMinor: plan.cardMinor, currency: plan.currency, checkoutUrl,
});

/**
 * After the slot is held: a voucher that covers it all pays at once (the booking is
 * confirmed now); otherwise a Checkout Session is opened for the card's part, expiring
 * with the hold. If Stripe does not answer or the voucher was just spent elsewhere, the
 * hold is released and the error answered: nothing is left half done.
 */
export async function startBookingPayment(
  ctx: AppContext, who: Who, clinic: { id: string; slug: string }, b: { id: string; holdExpiresAt: Date; serviceName: string; email: string }, plan: PaymentPlan,
): Promise<PaymentView> {
  const row = { clinicId: clinic.id, bookingId: b.id, dueMinor: plan.dueMinor, voucherId: plan.voucherId, voucherMinor: plan.voucherMinor, cardMinor: plan.cardMinor, currency: plan.currency };
  try {
    if (plan.cardMinor === 0) {
      await ctx.database.transaction(async (tx) => {
        await tx.insert(bookingPayments).values(row);
        await settleBookingPayment(tx, ctx, clinic.id, b.id, null, who, true);
      });
      return viewOf(plan, null);
    }
    const keys = keysOf(ctx, clinic.id, await billingOf(ctx.database.db, clinic.id));
    const back = `${ctx.config.publicUrl}/clinics/${clinic.slug}/book`;
    const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: plan.currency.toLowerCase(), unit_amount: plan.cardMinor, product_data: { name: `${plan.kind === 'deposit' ? 'Deposit' : 'Payment'} for ${b.serviceName}` } } }],
      customer_email: b.email,
      client_reference_id: b.id,
      metadata: { clinicId: clinic.id, bookingId: b.id },
      // The page closes with the hold, so no one pays for a time already given to someone else.
      expires_at: Math.floor(b.holdExpiresAt.getTime() / 1000),
      success_url: `${back}/paid?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${back}?payment=cancelled`,
    }, { idempotencyKey: `yintang-booking-${b.id}` }));
    if (!session.url) throw stripeDown();
    await ctx.database.db.insert(bookingPayments).values({ ...row, sessionId: session.id, checkoutUrl: session.url });
    return viewOf(plan, session.url);
  } catch (error) {
    await releaseUnpaid(ctx, who, clinic.id, b.id);
    throw error;
  }
}

/** The held booking given up (Stripe did not answer, the voucher was spent meanwhile): its slot is free again at once. */
async function releaseUnpaid(ctx: AppContext, who: Who, clinicId: string, bookingId: string) {
  await ctx.database.transaction(async (tx) => {
    const now = new Date(nowOf(ctx));
    const [done] = await tx.update(bookings).set({ status: 'cancelled', cancelledAt: now, cancelledBy: 'system', updatedAt: now })
      .where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId), eq(bookings.status, 'held'))).returning({ id: bookings.id });
    if (done) await recordAudit(tx, who, { action: 'booking.release_unpaid', entityType: 'booking', entityId: bookingId, clinicId, actorRole: 'client' });
  });
}

/**
 * A held booking cancelled while its Stripe payment page may still be open: the page is
 * closed at Stripe so the client cannot pay for a time they gave up. Best effort after the
 * cancellation has committed: if Stripe does not answer, a payment that still comes is
 * refunded at once (settleBookingPayment), and Stripe closes the page when the hold would
 * have run out anyway.
 */
export async function closeHeldCheckout(ctx: AppContext, clinicId: string, bookingId: string) {
  const [bp] = await ctx.database.db.select({ sessionId: bookingPayments.sessionId }).from(bookingPayments)
    .where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId), isNull(bookingPayments.invoiceId)));
  if (!bp?.sessionId) return;
  const keys = openKeys(ctx.config, clinicId, await billingOf(ctx.database.db, clinicId));
  if (!keys) return;
  try {
    await expireIfOpen(stripeFor(ctx, keys.secretKey), bp.sessionId);
  } catch {
    // Stripe did not answer: see above.
  }
}

/** Whether a booking still waits for its payment online (then the e-mail link does not confirm it). */
export async function awaitsPayment(q: Queryable, clinicId: string, bookingId: string) {
  const [row] = await q.select({ id: bookingPayments.bookingId }).from(bookingPayments)
    .where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId), isNull(bookingPayments.invoiceId)));
  return Boolean(row);
}

/** The payment view of a booking (for a repeated request with the same Idempotency-Key), or null. */
export async function paymentOfBooking(q: Queryable, clinicId: string, bookingId: string): Promise<PaymentView | null> {
  const [bp] = await q.select().from(bookingPayments).where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId)));
  if (!bp) return null;
  return { kind: bp.dueMinor < (await priceOf(q, clinicId, bookingId)) ? 'deposit' : 'full', dueMinor: bp.dueMinor, voucherMinor: bp.voucherMinor, cardMinor: bp.cardMinor, currency: bp.currency, checkoutUrl: bp.invoiceId ? null : bp.checkoutUrl };
}

async function priceOf(q: Queryable, clinicId: string, bookingId: string) {
  const [row] = await q.select({ price: services.priceMinor }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId))).where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, bookingId)));
  return row?.price ?? 0;
}

/**
 * Records a booking's payment, once (its row is locked; paid already: nothing changes).
 * With a Checkout Session it must be the booking's, paid, for the card's part in the
 * clinic's currency. Issues the visit's invoice, spends the voucher's part, records the
 * card's part, and confirms the booking if it is still held. A voucher spent elsewhere
 * meanwhile is left out (`strictVoucher`: refused with 409 instead) and the invoice shows
 * it as still to pay. A booking no longer held (cancelled, or its hold ran out) when its
 * payment arrives is refunded at once, in full, and the client told by e-mail; all audited.
 */
export async function settleBookingPayment(tx: Tx, ctx: AppContext, clinicId: string, bookingId: string, session: Stripe.Checkout.Session | null, who: Who, strictVoucher = false) {
  const [bp] = await tx.select().from(bookingPayments).where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId))).for('update');
  if (!bp || (session && session.id !== bp.sessionId)) return null;
  if (bp.invoiceId) return { paid: true };
  if (session) {
    if (session.payment_status !== 'paid') return { paid: false };
    if (session.currency?.toUpperCase() !== bp.currency || session.amount_total !== bp.cardMinor) {
      await recordAudit(tx, who, { action: 'payment.online_mismatch', entityType: 'booking', entityId: bookingId, clinicId, details: { sessionId: session.id, amountTotal: session.amount_total } });
      return { paid: false };
    }
  }
  const now = new Date(nowOf(ctx));
  const b = (await findBooking(tx, clinicId, bookingId, true))!;
  const [svc] = await tx.select().from(services).where(and(eq(services.clinicId, clinicId), eq(services.id, b.serviceId!)));
  const [client] = await tx.select().from(clients).where(and(eq(clients.clinicId, clinicId), eq(clients.id, b.clientId!)));
  const invoiceId = await issueVisitInvoice(tx, clinicId, await billingOf(tx, clinicId), client!, svc!, b.id, now);
  const record = async (method: 'voucher' | 'online_card', amountMinor: number, links: { voucherId?: string; reference?: string | null }) => {
    const [p] = await tx.insert(payments).values({
      clinicId, invoiceId, kind: 'payment', method, amountMinor, currency: bp.currency, voucherId: links.voucherId ?? null, reference: links.reference ?? null, recordedAt: now, recordedBy: null,
    }).returning({ id: payments.id });
    await recordAudit(tx, who, { action: 'payment.record', entityType: 'payment', entityId: p!.id, clinicId, details: { invoiceId, method, amountMinor, bookingId, sessionId: session?.id } });
  };
  if (bp.voucherId && bp.voucherMinor > 0) {
    try {
      await spendVoucher(tx, null, clinicId, bp.voucherId, bp.voucherMinor, now, invoiceId, 'voucherCode');
      await record('voucher', bp.voucherMinor, { voucherId: bp.voucherId });
    } catch (error) {
      if (strictVoucher || !(error instanceof AppError)) throw error;
      await recordAudit(tx, who, { action: 'payment.voucher_unavailable', entityType: 'booking', entityId: bookingId, clinicId, details: { voucherMinor: bp.voucherMinor } });
    }
  }
  if (session && bp.cardMinor > 0) {
    const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id ?? null;
    await record('online_card', bp.cardMinor, { reference: intent });
  }
  await tx.update(bookingPayments).set({ invoiceId, paidAt: now }).where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId)));
  if (b.status !== 'held') {
    await recordAudit(tx, who, { action: 'booking.paid_after_release', entityType: 'booking', entityId: b.id, clinicId, details: { invoiceId, status: b.status } });
    // Cancelled while its payment page was still open, or its hold ran out, then paid: it all goes
    // back at once, as for a cancellation in time (a Stripe failure undoes this delivery, and Stripe
    // sends it again), and the client is told by e-mail why and how much.
    if (b.status === 'cancelled' || b.status === 'expired') {
      const money = await settleCancelledBooking(tx, ctx, who, clinicId, b.id, { late: false, by: b.cancelledBy ?? 'system' });
      const details = await loadBookingDetails(tx, clinicId, b.id);
      if (money && money.refundedMinor > 0 && details?.clientEmail) await enqueueEmail(tx, paidAfterReleaseEmail(ctx.config, details, money));
    }
    return { paid: true };
  }
  const { clinic, settings } = (await loadClinicAndService(tx, { clinicId }, null))!;
  await confirmHeld(tx, ctx, who, clinic, settings, b, await issueLinkToken(tx, clinicId, b.id));
  return { paid: true };
}

/**
 * The client's return from Stripe's page: asks Stripe about the session and records the
 * payment if it has not come by webhook yet. The session id (unguessable, from Stripe's
 * redirect) opens only its own booking's state.
 */
export async function reconcileBookingPayment(ctx: AppContext, who: Who, clinicId: string, sessionId: string) {
  const [bp] = await ctx.database.db.select().from(bookingPayments).where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.sessionId, sessionId)));
  if (!bp) throw notFound('The payment');
  if (!bp.invoiceId) {
    const keys = keysOf(ctx, clinicId, await billingOf(ctx.database.db, clinicId));
    const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.retrieve(sessionId));
    await ctx.database.transaction((tx) => settleBookingPayment(tx, ctx, clinicId, bp.bookingId, session, who));
  }
  const [after] = await ctx.database.db.select({ paid: bookingPayments.invoiceId, status: bookings.status, startsAt: bookings.startsAt, serviceName: services.name, cardMinor: bookingPayments.cardMinor, voucherMinor: bookingPayments.voucherMinor, currency: bookingPayments.currency })
    .from(bookingPayments)
    .innerJoin(bookings, and(eq(bookings.clinicId, bookingPayments.clinicId), eq(bookings.id, bookingPayments.bookingId)))
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bp.bookingId)));
  // What went back to the client of what they paid at booking (a payment that came after the booking was released).
  const refunds = after!.paid ? await ctx.database.db.select({ amountMinor: payments.amountMinor }).from(payments)
    .where(and(eq(payments.clinicId, clinicId), eq(payments.invoiceId, after!.paid), eq(payments.kind, 'refund'))) : [];
  return { ...after!, paid: after!.paid !== null, refundedMinor: refunds.reduce((sum, r) => sum + r.amountMinor, 0) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A webhook's completed session that names a booking of this clinic: settled once (see `settleBookingPayment`). */
export async function settleFromWebhook(tx: Tx, ctx: AppContext, clinicId: string, session: Stripe.Checkout.Session) {
  const bookingId = session.metadata?.bookingId;
  if (bookingId && UUID.test(bookingId)) await settleBookingPayment(tx, ctx, clinicId, bookingId, session, null);
}
