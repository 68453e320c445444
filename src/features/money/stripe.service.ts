import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { clinics, invoiceLines, packageTypes, payments, stripeCheckouts, stripeEvents } from '../../data/schema/index.ts';
import type { Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { billingOf, type Billing } from './billing.service.ts';
import { holdPackage, ledgerOf, lockInvoice, sell } from './invoices.service.ts';
import { outstandingOf } from '../../domain/money/ledger.ts';
import { settleFromWebhook } from './booking-payment.service.ts';

/**
 * Card payments online through the clinic's own Stripe account: Stripe's hosted Checkout
 * page takes the card (card data never reaches Yintang); the signed webhook or the
 * client's return page records the payment, once; the owner's refunds of such a payment
 * go back through Stripe's refunds API. Without the clinic's keys none of it exists.
 */

export const onlineOff = () => new AppError(409, 'online-payments-off', 'Online payment is not available',
  'This clinic does not take payment online. Please buy at the clinic’s desk.');
export const stripeDown = () => new AppError(502, 'stripe-unavailable', 'The card payment service did not answer',
  'Stripe could not be reached or refused the request. Nothing was charged or changed; please try again in a moment.');

/** The SDK for a clinic's secret key; in tests only, pointed at a local server that answers as Stripe's API does. */
export function stripeFor(ctx: AppContext, secretKey: string) {
  const base = ctx.config.NODE_ENV === 'test' && ctx.config.STRIPE_API_BASE ? new URL(ctx.config.STRIPE_API_BASE) : null;
  return new Stripe(secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    ...(base ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

/** The clinic's keys, or a 409 when it has none. */
export function keysOf(billing: Billing) {
  if (!billing.stripeSecretKey || !billing.stripeWebhookSecret) throw onlineOff();
  return { secretKey: billing.stripeSecretKey, webhookSecret: billing.stripeWebhookSecret };
}

export async function callStripe<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw stripeDown();
  }
}

/** The packages a client can buy online: only when the clinic has keys. */
export async function shopOf(ctx: AppContext, clinicId: string) {
  const billing = await billingOf(ctx.database.db, clinicId);
  if (!billing.stripeSecretKey || !billing.stripeWebhookSecret) return null;
  const rows = await ctx.database.db.select().from(packageTypes)
    .where(and(eq(packageTypes.clinicId, clinicId), eq(packageTypes.active, true), eq(packageTypes.sellOnline, true)));
  return rows.map((r) => ({ id: r.id, name: r.name, sessions: r.sessions, priceMinor: r.priceMinor, currency: billing.currency, validityMonths: r.validityMonths, services: r.serviceIds }));
}

/**
 * A client starts buying a package online: an unpaid invoice is issued and a Checkout
 * Session opened for exactly its total. The package becomes theirs when the payment arrives.
 */
export async function startCheckout(ctx: AppContext, actor: Actor, packageTypeId: string) {
  if (!actor.clientId) throw notFound('Your client record');
  const clientId = actor.clientId;
  const billing = await billingOf(ctx.database.db, actor.clinicId);
  const keys = keysOf(billing);
  const [type] = await ctx.database.db.select().from(packageTypes)
    .where(and(eq(packageTypes.clinicId, actor.clinicId), eq(packageTypes.id, packageTypeId), eq(packageTypes.active, true), eq(packageTypes.sellOnline, true)));
  if (!type) throw notFound('The package');
  // Stripe first, for the invoice about to be issued: if Stripe does not answer, nothing is written.
  const invoiceId = randomUUID();
  const back = `${ctx.config.publicUrl}/app/my-money`;
  const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: billing.currency.toLowerCase(), unit_amount: type.priceMinor, product_data: { name: `${type.name} (${type.sessions} sessions)` } } }],
    customer_email: actor.email,
    client_reference_id: invoiceId,
    metadata: { clinicId: actor.clinicId, invoiceId },
    success_url: `${back}?checkout={CHECKOUT_SESSION_ID}`,
    cancel_url: `${back}?checkout=cancelled`,
  }, { idempotencyKey: `yintang-checkout-${invoiceId}` }));
  if (!session.url) throw stripeDown();
  await sell(ctx, actor, { clientId, items: [{ kind: 'package', packageTypeId }] }, undefined, {
    online: true, invoiceId,
    then: async (tx, id) => {
      await tx.insert(stripeCheckouts).values({ clinicId: actor.clinicId, sessionId: session.id, invoiceId: id, clientId });
      await recordAudit(tx, actor, { action: 'payment.online_start', entityType: 'invoice', entityId: id, details: { sessionId: session.id, totalMinor: type.priceMinor } });
    },
  });
  return { url: session.url, invoiceId, sessionId: session.id };
}

/**
 * Records a completed Checkout Session's payment, once: the session must be one this clinic
 * opened (another clinic's or an unknown one is ignored), paid, and for the invoice's
 * outstanding amount in its currency. Gives the client the packages the invoice sold.
 * Returns whether the session is (now or already) paid.
 */
async function settle(tx: Tx, ctx: AppContext, clinicId: string, session: Stripe.Checkout.Session, who: Actor | null) {
  const [checkout] = await tx.select().from(stripeCheckouts).where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, session.id))).for('update');
  if (!checkout) return null;
  if (checkout.paymentId) return { paid: true, invoiceId: checkout.invoiceId };
  if (session.payment_status !== 'paid') return { paid: false, invoiceId: checkout.invoiceId };
  const inv = await lockInvoice(tx, clinicId, checkout.invoiceId);
  const ledger = await ledgerOf(tx, clinicId, inv);
  if (session.currency?.toUpperCase() !== inv.currency || session.amount_total !== outstandingOf(ledger)) {
    await recordAudit(tx, who, { action: 'payment.online_mismatch', entityType: 'invoice', entityId: inv.id, clinicId, details: { sessionId: session.id, amountTotal: session.amount_total } });
    return { paid: false, invoiceId: inv.id };
  }
  const now = new Date(nowOf(ctx));
  const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id ?? null;
  const [row] = await tx.insert(payments).values({
    clinicId, invoiceId: inv.id, kind: 'payment', method: 'online_card', amountMinor: session.amount_total, currency: inv.currency, reference: intent, recordedAt: now, recordedBy: null,
  }).returning({ id: payments.id });
  await tx.update(stripeCheckouts).set({ paymentId: row!.id }).where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, session.id)));
  await recordAudit(tx, who, { action: 'payment.record', entityType: 'payment', entityId: row!.id, clinicId, details: { invoiceId: inv.id, method: 'online_card', amountMinor: session.amount_total, sessionId: session.id } });
  const billing = await billingOf(tx, clinicId);
  const lines = await tx.select().from(invoiceLines).where(and(eq(invoiceLines.clinicId, clinicId), eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.kind, 'package')));
  for (const line of lines) {
    const [type] = await tx.select().from(packageTypes).where(and(eq(packageTypes.clinicId, clinicId), eq(packageTypes.id, line.refId!)));
    if (type) await holdPackage(tx, who, clinicId, billing, { ...type, priceMinor: line.unitPriceMinor }, checkout.clientId, inv.id, now);
  }
  return { paid: true, invoiceId: inv.id };
}

/** The client's return page: asks Stripe about the session and records it if paid (the webhook may not have come yet). */
export async function reconcileCheckout(ctx: AppContext, actor: Actor, sessionId: string) {
  const [checkout] = await ctx.database.db.select().from(stripeCheckouts).where(and(eq(stripeCheckouts.clinicId, actor.clinicId), eq(stripeCheckouts.sessionId, sessionId)));
  if (!checkout || checkout.clientId !== actor.clientId) throw notFound('The payment');
  if (checkout.paymentId) return { paid: true, invoiceId: checkout.invoiceId };
  const keys = keysOf(await billingOf(ctx.database.db, actor.clinicId));
  const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.retrieve(sessionId));
  return (await ctx.database.transaction((tx) => settle(tx, ctx, actor.clinicId, session, actor)))!;
}

/**
 * A Stripe webhook delivery for one clinic: the signature is checked against the clinic's
 * signing secret on the raw body (400 when wrong); each event is processed once (its id is
 * stored in the same transaction), so a repeated delivery changes nothing.
 */
export async function receiveWebhook(ctx: AppContext, request: FastifyRequest, clinicSlug: string, rawBody: Buffer, signature: string | undefined) {
  const [clinic] = await ctx.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, clinicSlug));
  if (!clinic) throw notFound('The clinic');
  const billing = await billingOf(ctx.database.db, clinic.id);
  if (!billing.stripeSecretKey || !billing.stripeWebhookSecret) throw notFound('Online payment at this clinic');
  let event: Stripe.Event;
  try {
    event = stripeFor(ctx, billing.stripeSecretKey).webhooks.constructEvent(rawBody, signature ?? '', billing.stripeWebhookSecret);
  } catch {
    throw new AppError(400, 'bad-signature', 'The signature does not match', 'The Stripe-Signature header does not match this clinic’s webhook signing secret.');
  }
  return ctx.database.transaction(async (tx) => {
    const [fresh] = await tx.insert(stripeEvents).values({ clinicId: clinic.id, eventId: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.eventId });
    if (!fresh) return { received: true, duplicate: true };
    if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
      const session = event.data.object;
      // A booking's deposit or price (booking-payment.service), or a package bought in the portal.
      if (session.metadata?.clinicId === clinic.id && session.metadata.bookingId) await settleFromWebhook(tx, ctx, clinic.id, session);
      else if (session.metadata?.clinicId === clinic.id) await settle(tx, ctx, clinic.id, session, null);
    }
    await recordAudit(tx, request, { action: 'stripe.webhook', entityType: 'clinic', entityId: clinic.id, clinicId: clinic.id, details: { eventId: event.id, type: event.type } });
    return { received: true, duplicate: false };
  });
}

/** Gives back (part of) an online card payment through Stripe; returns Stripe's refund id for the ledger's reference. */
export async function refundOnline(ctx: AppContext, clinicId: string, paymentIntent: string | null, amountMinor: number, q: Tx) {
  const billing = await billingOf(q, clinicId);
  if (!billing.stripeSecretKey || !billing.stripeWebhookSecret || !paymentIntent) {
    throw new AppError(409, 'online-payments-off', 'Cannot refund online', 'This card payment was taken online through Stripe; set the clinic’s Stripe keys again to refund it.');
  }
  const refund = await callStripe(() => stripeFor(ctx, billing.stripeSecretKey!).refunds.create({ payment_intent: paymentIntent, amount: amountMinor }));
  return refund.id;
}
