import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { lazyPackage } from '../../server/lazy-package.ts';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { clients, clinics, invoiceLines, packageTypes, payments, stripeCheckouts, stripeEvents } from '../../data/schema/index.ts';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import type { Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { billingOf, openKeys, takeNumber, type Billing } from './billing.service.ts';
import { holdPackage, insertDocument, issueCreditNote, ledgerOf, lockInvoice } from './invoices.service.ts';
import { issueOnlineVoucher } from './online-voucher-issue.ts';
import { outstandingOf } from '../../domain/money/ledger.ts';
import { emitIfPaid } from './invoice-paid-event.ts';
import { documentNumber, priceLine, type Currency } from '../../domain/money/money.ts';
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
const stripeSdk = lazyPackage<typeof Stripe>('stripe');

export function stripeFor(ctx: { config: Config }, secretKey: string) {
  const base = ctx.config.NODE_ENV === 'test' && ctx.config.STRIPE_API_BASE ? new URL(ctx.config.STRIPE_API_BASE) : null;
  const Sdk = stripeSdk();
  return new Sdk(secretKey, {
    maxNetworkRetries: 1,
    timeout: 20_000,
    ...(base ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

/** Closes a Checkout Session at Stripe if it is still open (so it can no longer be paid); the session as Stripe last showed it. */
export async function expireIfOpen(stripe: Stripe, sessionId: string) {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  return session.status === 'open' ? stripe.checkout.sessions.expire(sessionId) : session;
}

/** The clinic's keys (decrypted, for the server's own calls), or a 409 when it has none. */
export function keysOf(ctx: { config: Config }, clinicId: string, billing: Billing) {
  const keys = openKeys(ctx.config, clinicId, billing);
  if (!keys) throw onlineOff();
  return keys;
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
 * A client starts buying a package online: a Checkout Session is opened for its price and
 * remembered with the package and the client. Nothing is issued yet: the invoice (with its
 * number) is issued when the payment arrives, so an abandoned checkout leaves no invoice
 * and the numbering no gap. Audited.
 */
export async function startCheckout(ctx: AppContext, actor: Actor, packageTypeId: string) {
  if (!actor.clientId) throw notFound('Your client record');
  const clientId = actor.clientId;
  const billing = await billingOf(ctx.database.db, actor.clinicId);
  const keys = keysOf(ctx, actor.clinicId, billing);
  const [type] = await ctx.database.db.select().from(packageTypes)
    .where(and(eq(packageTypes.clinicId, actor.clinicId), eq(packageTypes.id, packageTypeId), eq(packageTypes.active, true), eq(packageTypes.sellOnline, true)));
  if (!type) throw notFound('The package');
  // Stripe first: if Stripe does not answer, nothing is written.
  const back = `${ctx.config.publicUrl}/app/my-money`;
  const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: billing.currency.toLowerCase(), unit_amount: type.priceMinor, product_data: { name: `${type.name} (${type.sessions} sessions)` } } }],
    customer_email: actor.email,
    client_reference_id: clientId,
    metadata: { clinicId: actor.clinicId, packageTypeId: type.id },
    success_url: `${back}?checkout={CHECKOUT_SESSION_ID}`,
    cancel_url: `${back}?checkout=cancelled`,
  }, { idempotencyKey: `yintang-checkout-${randomUUID()}` }));
  if (!session.url) throw stripeDown();
  await ctx.database.transaction(async (tx) => {
    await tx.insert(stripeCheckouts).values({ clinicId: actor.clinicId, sessionId: session.id, purpose: 'package', clientId, packageTypeId: type.id });
    await recordAudit(tx, actor, { action: 'payment.online_start', entityType: 'client', entityId: clientId, details: { sessionId: session.id, packageTypeId: type.id, totalMinor: type.priceMinor } });
  });
  return { url: session.url, sessionId: session.id };
}

/**
 * A package bought online, once its payment has arrived (inside the transaction that
 * records it): the invoice is issued now, its number taken now, at the price the session
 * charged (the price when the client started, even if the owner changed it meanwhile).
 */
async function issueOnlinePackageInvoice(tx: Tx, clinicId: string, billing: Billing, type: typeof packageTypes.$inferSelect, clientId: string, priceMinor: number, now: Date) {
  const [client] = await tx.select().from(clients).where(and(eq(clients.clinicId, clinicId), eq(clients.id, clientId)));
  const line = { ...priceLine({ description: `${type.name} (${type.sessions} sessions, valid ${type.validityMonths} months)`, quantity: 1, unitPriceMinor: priceMinor }, billing.rateBp), kind: 'package' as const, refId: type.id };
  const number = await takeNumber(tx, clinicId, 'invoice');
  return insertDocument(tx, stripeActor(clinicId), billing, { kind: 'invoice', number, numberText: documentNumber(billing.invoicePrefix, number), client: client!, lines: [line], issuedAt: now });
}

/**
 * Records a completed Checkout Session's payment, once: the session must be one this clinic
 * opened (another clinic's or an unknown one is ignored), still open here, paid, and for the
 * amount owed in the clinic's currency. A package invoice was issued at the start: the client
 * gets its packages. A gift voucher's invoice is issued now, with the voucher and its e-mails.
 * Returns whether the session is (now or already) paid.
 */
export async function settle(tx: Tx, ctx: AppContext, clinicId: string, session: Stripe.Checkout.Session, who: Actor | null) {
  const [checkout] = await tx.select().from(stripeCheckouts).where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, session.id))).for('update');
  if (!checkout) return null;
  if (checkout.status !== 'open') return { paid: checkout.status === 'paid', invoiceId: checkout.invoiceId };
  if (session.payment_status !== 'paid') return { paid: false, invoiceId: checkout.invoiceId };
  const mismatch = async (entityId: string) => {
    await recordAudit(tx, who, { action: 'payment.online_mismatch', entityType: 'invoice', entityId, clinicId, details: { sessionId: session.id, amountTotal: session.amount_total } });
    return { paid: false, invoiceId: checkout.invoiceId };
  };
  const now = new Date(nowOf(ctx));
  const billing = await billingOf(tx, clinicId);
  let invoiceId = checkout.invoiceId;
  let clientId = checkout.clientId;
  if (checkout.purpose === 'voucher') {
    const order = checkout.voucherOrder!;
    if (session.currency?.toUpperCase() !== billing.currency || session.amount_total !== order.totalMinor) return mismatch(clinicId);
    ({ invoiceId, clientId } = await issueOnlineVoucher(tx, ctx, clinicId, billing, order, now));
  } else if (!invoiceId) {
    const [type] = await tx.select().from(packageTypes).where(and(eq(packageTypes.clinicId, clinicId), eq(packageTypes.id, checkout.packageTypeId!)));
    if (!type || session.currency?.toUpperCase() !== billing.currency || !session.amount_total || session.amount_total <= 0) return mismatch(clinicId);
    invoiceId = await issueOnlinePackageInvoice(tx, clinicId, billing, type, clientId!, session.amount_total, now);
  }
  const inv = await lockInvoice(tx, clinicId, invoiceId!);
  const ledger = await ledgerOf(tx, clinicId, inv);
  if (session.currency?.toUpperCase() !== inv.currency || session.amount_total !== outstandingOf(ledger)) return mismatch(inv.id);
  const intent = typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id ?? null;
  const [row] = await tx.insert(payments).values({
    clinicId, invoiceId: inv.id, kind: 'payment', method: 'online_card', amountMinor: session.amount_total, currency: inv.currency, reference: intent, recordedAt: now, recordedBy: null,
  }).returning({ id: payments.id });
  await tx.update(stripeCheckouts).set({ paymentId: row!.id, invoiceId: inv.id, clientId, status: 'paid', closedAt: now })
    .where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, session.id)));
  await recordAudit(tx, who, { action: 'payment.record', entityType: 'payment', entityId: row!.id, clinicId, details: { invoiceId: inv.id, method: 'online_card', amountMinor: session.amount_total, sessionId: session.id } });
  await emitIfPaid(tx, clinicId, inv, now);
  const lines = await tx.select().from(invoiceLines).where(and(eq(invoiceLines.clinicId, clinicId), eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.kind, 'package')));
  for (const line of lines) {
    const [type] = await tx.select().from(packageTypes).where(and(eq(packageTypes.clinicId, clinicId), eq(packageTypes.id, line.refId!)));
    if (type) await holdPackage(tx, who, clinicId, billing, { ...type, priceMinor: line.unitPriceMinor }, clientId!, inv.id, now);
  }
  return { paid: true, invoiceId: inv.id };
}

/** Who closes an abandoned checkout: Stripe or the sweep, no person (audit rows carry no user). */
const stripeActor = (clinicId: string): Actor => ({
  userId: null, name: 'Stripe', email: '', clinicId, clinicSlug: '', timeZone: 'UTC', role: null, clientId: null, seesAllClients: false, ip: null, userAgent: null,
}) as unknown as Actor;

/**
 * Closes a checkout that was never paid (Stripe's session expired, or the sweep found it
 * abandoned), once. Nothing was issued for it: only the checkout is closed. (A package
 * checkout from before migration 0038 had its invoice issued at the start; issued invoices
 * are never edited, so a credit note for what it still owes cancels it.) Audited.
 */
export async function abandon(tx: Tx, ctx: AppContext, clinicId: string, sessionId: string, why: 'expired' | 'swept') {
  const [checkout] = await tx.select().from(stripeCheckouts).where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, sessionId))).for('update');
  if (!checkout || checkout.status !== 'open') return false;
  const now = new Date(nowOf(ctx));
  await tx.update(stripeCheckouts).set({ status: 'expired', closedAt: now }).where(and(eq(stripeCheckouts.clinicId, clinicId), eq(stripeCheckouts.sessionId, sessionId)));
  let creditNoteId: string | null = null;
  if (checkout.invoiceId) {
    const inv = await lockInvoice(tx, clinicId, checkout.invoiceId);
    const owed = outstandingOf(await ledgerOf(tx, clinicId, inv));
    if (owed > 0) {
      creditNoteId = await issueCreditNote(ctx, stripeActor(clinicId), inv.id, { amountMinor: owed, currency: inv.currency as Currency, reason: 'Online payment not completed (checkout abandoned)' }, tx);
    }
  }
  await recordAudit(tx, null, { action: 'payment.online_abandon', entityType: 'invoice', entityId: checkout.invoiceId ?? clinicId, clinicId, details: { sessionId, why, purpose: checkout.purpose, creditNoteId } });
  return true;
}

/** Stripe closes an unpaid Checkout Session after 24 hours; a session still open here after this long was abandoned. */
export const ABANDONED_AFTER_MS = 25 * 60 * 60 * 1000;

/**
 * The sweep for checkouts whose `checkout.session.expired` webhook never came: each one
 * open for longer than Stripe keeps a session is asked of Stripe; a paid one is recorded
 * (its webhook was lost too), an unpaid one is expired at Stripe (so it can no longer be
 * paid) and closed here. Safe on several instances at once (rows are locked and re-checked).
 */
export async function sweepAbandonedCheckouts(database: Database, config: Config, now = new Date()) {
  const ctx: AppContext = { database, config, now: () => now.getTime() };
  const stale = await database.db.select({ clinicId: stripeCheckouts.clinicId, sessionId: stripeCheckouts.sessionId }).from(stripeCheckouts)
    .where(and(eq(stripeCheckouts.status, 'open'), lt(stripeCheckouts.createdAt, new Date(now.getTime() - ABANDONED_AFTER_MS)))).limit(100);
  let closed = 0;
  for (const c of stale) {
    const keys = openKeys(config, c.clinicId, await billingOf(database.db, c.clinicId));
    // Without keys Stripe cannot be asked; the session cannot be paid to this clinic any more either.
    let session: Stripe.Checkout.Session | null = null;
    if (keys) {
      try {
        session = await expireIfOpen(stripeFor(ctx, keys.secretKey), c.sessionId);
      } catch {
        continue; // Stripe did not answer: try again on the next pass.
      }
    }
    const done = await database.transaction(async (tx) => {
      if (session?.payment_status === 'paid') return Boolean((await settle(tx, ctx, c.clinicId, session, null))?.paid);
      return abandon(tx, ctx, c.clinicId, c.sessionId, 'swept');
    });
    if (done) closed++;
  }
  return closed;
}

/** The client's return page: asks Stripe about the session and records it if paid (the webhook may not have come yet). */
export async function reconcileCheckout(ctx: AppContext, actor: Actor, sessionId: string) {
  const [checkout] = await ctx.database.db.select().from(stripeCheckouts).where(and(eq(stripeCheckouts.clinicId, actor.clinicId), eq(stripeCheckouts.sessionId, sessionId)));
  if (!checkout || checkout.purpose !== 'package' || checkout.clientId !== actor.clientId) throw notFound('The payment');
  if (checkout.paymentId) return { paid: true, invoiceId: checkout.invoiceId };
  const keys = keysOf(ctx, actor.clinicId, await billingOf(ctx.database.db, actor.clinicId));
  const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.retrieve(sessionId));
  const state = (await ctx.database.transaction((tx) => settle(tx, ctx, actor.clinicId, session, actor)))!;
  return { paid: state.paid, invoiceId: state.invoiceId };
}

/**
 * A Stripe webhook delivery for one clinic: the signature is checked against the clinic's
 * signing secret on the raw body (400 when wrong); each event is processed once (its id is
 * stored in the same transaction), so a repeated delivery changes nothing.
 */
export async function receiveWebhook(ctx: AppContext, request: FastifyRequest, clinicSlug: string, rawBody: Buffer, signature: string | undefined) {
  const [clinic] = await ctx.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, clinicSlug));
  if (!clinic) throw notFound('The clinic');
  const keys = openKeys(ctx.config, clinic.id, await billingOf(ctx.database.db, clinic.id));
  if (!keys) throw notFound('Online payment at this clinic');
  let event: Stripe.Event;
  try {
    event = stripeFor(ctx, keys.secretKey).webhooks.constructEvent(rawBody, signature ?? '', keys.webhookSecret);
  } catch {
    throw new AppError(400, 'bad-signature', 'The signature does not match', 'The Stripe-Signature header does not match this clinic’s webhook signing secret.');
  }
  return ctx.database.transaction(async (tx) => {
    const [fresh] = await tx.insert(stripeEvents).values({ clinicId: clinic.id, eventId: event.id, type: event.type }).onConflictDoNothing().returning({ id: stripeEvents.eventId });
    if (!fresh) return { received: true, duplicate: true };
    if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
      const session = event.data.object;
      // A booking's deposit or price (booking-payment.service), or a package or voucher bought online.
      if (session.metadata?.clinicId === clinic.id && session.metadata.bookingId) await settleFromWebhook(tx, ctx, clinic.id, session);
      else if (session.metadata?.clinicId === clinic.id) await settle(tx, ctx, clinic.id, session, null);
    } else if (event.type === 'checkout.session.expired') {
      // A booking's unpaid hold runs out on its own; packages and vouchers are closed here.
      const session = event.data.object;
      if (session.metadata?.clinicId === clinic.id && !session.metadata.bookingId && session.payment_status !== 'paid') await abandon(tx, ctx, clinic.id, session.id, 'expired');
    }
    await recordAudit(tx, request, { action: 'stripe.webhook', entityType: 'clinic', entityId: clinic.id, clinicId: clinic.id, details: { eventId: event.id, type: event.type } });
    return { received: true, duplicate: false };
  });
}

/** Gives back (part of) an online card payment through Stripe; returns Stripe's refund id for the ledger's reference. */
export async function refundOnline(ctx: AppContext, clinicId: string, paymentIntent: string | null, amountMinor: number, q: Tx, idempotencyKey?: string) {
  const keys = openKeys(ctx.config, clinicId, await billingOf(q, clinicId));
  if (!keys || !paymentIntent) {
    throw new AppError(409, 'online-payments-off', 'Cannot refund online', 'This card payment was taken online through Stripe; set the clinic’s Stripe keys again to refund it.');
  }
  const refund = await callStripe(() => stripeFor(ctx, keys.secretKey).refunds.create({ payment_intent: paymentIntent, amount: amountMinor }, idempotencyKey ? { idempotencyKey } : undefined));
  return refund.id;
}
