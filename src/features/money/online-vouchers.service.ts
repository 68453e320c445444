import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt } from 'drizzle-orm';
import { clinics, services, stripeCheckouts, vouchers } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../../server/audit.ts';
import { AppError } from '../../server/errors.ts';
import { countEvent } from '../../server/rate-limit.ts';
import { formatMoney } from '../../domain/money/money.ts';
import type { ParsedVoucherOrder } from '../../domain/money/voucher-order.ts';
import { billingOf, openKeys } from './billing.service.ts';
import { callStripe, settle, stripeFor } from './stripe.service.ts';

/**
 * Gift vouchers bought by anyone on a clinic's public page, paid on Stripe's hosted
 * Checkout page. The shop exists only while the owner sells vouchers online and the clinic
 * has its Stripe keys. Nothing but the checkout is written until the payment arrives (see
 * `settle` and online-voucher-issue.ts).
 */

export interface VoucherShop {
  clinic: { id: string; slug: string; name: string; currency: string; timeZone: string };
  validityMonths: number;
  /** The treatments a voucher may be for: the clinic's priced services, cheapest first. */
  treatments: { id: string; name: string; priceMinor: number; durationMin: number }[];
}

/** The clinic's voucher shop, or null when it sells none online (no such clinic, switched off, or no Stripe keys). */
export async function voucherShopOf(q: Queryable, slug: string): Promise<VoucherShop | null> {
  const [clinic] = await q.select({ id: clinics.id, slug: clinics.slug, name: clinics.name, currency: clinics.currency, timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.slug, slug));
  if (!clinic) return null;
  const billing = await billingOf(q, clinic.id);
  if (!billing.sellVouchersOnline || !billing.stripeSecretKey || !billing.stripeWebhookSecret) return null;
  const treatments = await q.select({ id: services.id, name: services.name, priceMinor: services.priceMinor, durationMin: services.durationMin }).from(services)
    .where(and(eq(services.clinicId, clinic.id), eq(services.active, true), gt(services.priceMinor, 0))).orderBy(asc(services.priceMinor), asc(services.name));
  return { clinic, validityMonths: billing.voucherValidityMonths, treatments };
}

const tooMany = () => new AppError(429, 'too-many-vouchers', 'Too many attempts', 'Too many voucher purchases were started from this address. Please try again in an hour.');

/**
 * Opens a Stripe Checkout Session for the order and keeps it as an open checkout; returns
 * Stripe's page to send the buyer to. Stripe first: if it does not answer, nothing is written.
 */
export async function startVoucherCheckout(ctx: AppContext, shop: VoucherShop, order: ParsedVoucherOrder, ip: string) {
  const limit = await countEvent(ctx.database.db, `voucher-shop:ip:${ip}`, 3600);
  if (limit.count > ctx.config.BOOKING_PER_IP_PER_HOUR) throw tooMany();
  const keys = openKeys(ctx.config, shop.clinic.id, await billingOf(ctx.database.db, shop.clinic.id));
  if (!keys) throw new AppError(409, 'online-payments-off', 'Online payment is not available', 'This clinic does not take payment online.');
  const treatment = shop.treatments.find((t) => t.id === order.serviceId);
  const page = `${ctx.config.publicUrl}/clinics/${shop.clinic.slug}/gift-vouchers`;
  const ref = randomUUID();
  const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: {
      currency: shop.clinic.currency.toLowerCase(), unit_amount: order.totalMinor,
      product_data: { name: treatment ? `Gift voucher: ${treatment.name}` : `Gift voucher (${formatMoney(order.totalMinor, shop.clinic.currency)})`, description: `For ${order.recipientName}, valid ${shop.validityMonths} months` },
    } }],
    customer_email: order.buyerEmail,
    client_reference_id: ref,
    metadata: { clinicId: shop.clinic.id, purpose: 'voucher' },
    success_url: `${page}/thanks?session={CHECKOUT_SESSION_ID}`,
    cancel_url: `${page}?cancelled=1`,
  }, { idempotencyKey: `yintang-voucher-${ref}` }));
  if (!session.url) throw new AppError(502, 'stripe-unavailable', 'The card payment service did not answer', 'Nothing was charged; please try again in a moment.');
  await ctx.database.transaction(async (tx) => {
    await tx.insert(stripeCheckouts).values({ clinicId: shop.clinic.id, sessionId: session.id, purpose: 'voucher', voucherOrder: order });
    await recordAudit(tx, null, { action: 'payment.online_start', entityType: 'clinic', entityId: shop.clinic.id, clinicId: shop.clinic.id, details: { sessionId: session.id, purpose: 'voucher', totalMinor: order.totalMinor } });
  });
  return session.url;
}

/**
 * The buyer's return from Stripe: asks Stripe about the session (the webhook may not have
 * come yet) and records the payment if it is paid. Only a session this clinic opened for a
 * voucher is looked at; the page shows the value and expiry, never the code (it is e-mailed).
 */
export async function voucherReturn(ctx: AppContext, shop: VoucherShop, sessionId: string) {
  const where = and(eq(stripeCheckouts.clinicId, shop.clinic.id), eq(stripeCheckouts.sessionId, sessionId), eq(stripeCheckouts.purpose, 'voucher'));
  const [checkout] = await ctx.database.db.select().from(stripeCheckouts).where(where);
  if (!checkout) return null;
  if (checkout.status === 'open') {
    const keys = openKeys(ctx.config, shop.clinic.id, await billingOf(ctx.database.db, shop.clinic.id));
    if (keys) {
      const session = await callStripe(() => stripeFor(ctx, keys.secretKey).checkout.sessions.retrieve(sessionId));
      await ctx.database.transaction((tx) => settle(tx, ctx, shop.clinic.id, session, null));
    }
  }
  const [after] = await ctx.database.db.select().from(stripeCheckouts).where(where);
  const [voucher] = after!.invoiceId
    ? await ctx.database.db.select({ expiresAt: vouchers.expiresAt }).from(vouchers).where(and(eq(vouchers.clinicId, shop.clinic.id), eq(vouchers.invoiceId, after!.invoiceId)))
    : [];
  return { status: after!.status, order: after!.voucherOrder!, expiresAt: voucher?.expiresAt ?? null };
}
