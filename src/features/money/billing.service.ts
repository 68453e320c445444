import { eq, isNotNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { clinicBilling, clinics } from '../../data/schema/index.ts';
import type { Database, Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import type { Config } from '../../server/config.ts';
import { isSealed, secretBoxOf } from '../../server/secret-box.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import type { billingSettings, billingSettingsBody } from './money.schema.ts';

type BillingRow = typeof clinicBilling.$inferSelect;

/** The clinic's billing row, or the defaults a clinic has before its owner saves any (legal name and address from the clinic). */
export async function billingOf(q: Queryable, clinicId: string) {
  const [row] = await q.select({ b: clinicBilling, c: clinics }).from(clinics).leftJoin(clinicBilling, eq(clinicBilling.clinicId, clinics.id)).where(eq(clinics.id, clinicId));
  const c = row!.c;
  const b: Omit<BillingRow, 'clinicId' | 'updatedAt' | 'nextInvoiceNumber' | 'nextCreditNoteNumber'> = row!.b ?? {
    legalName: '', legalAddress: '', companyNumber: null, vatRegistered: false, vatNumber: null, vatRateBp: 2000, invoicePrefix: 'INV', creditNotePrefix: 'CN',
    lateCancelDrawsCredit: true, noShowDrawsCredit: true, voucherValidityMonths: 12, sellVouchersOnline: false, stripeSecretKey: null, stripeWebhookSecret: null,
  };
  const address = [c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ');
  return {
    ...b,
    currency: c.currency,
    timeZone: c.timeZone,
    seller: {
      name: b.legalName || c.name,
      address: b.legalAddress || address,
      companyNumber: b.companyNumber,
      vatNumber: b.vatRegistered ? b.vatNumber : null,
      email: c.email,
    },
    /** The VAT rate applied to new lines: 0 unless the clinic is VAT registered. */
    rateBp: b.vatRegistered ? b.vatRateBp : 0,
  };
}

export type Billing = Awaited<ReturnType<typeof billingOf>>;

/** Whether the clinic takes card payments online (it has set its Stripe keys). */
export async function takesCardsOnline(q: Queryable, clinicId: string) {
  const [row] = await q.select({ on: sql<boolean>`${clinicBilling.stripeSecretKey} is not null and ${clinicBilling.stripeWebhookSecret} is not null` })
    .from(clinicBilling).where(eq(clinicBilling.clinicId, clinicId));
  return row?.on ?? false;
}

/**
 * Takes the next number of an invoice or credit note, inside the sale's transaction. The
 * upsert locks the clinic's billing row until the transaction ends, so concurrent sales
 * (from any number of app instances) queue for it, and a rolled-back sale gives its number
 * back: numbers run 1, 2, 3… with no gap and no repeat.
 */
export async function takeNumber(tx: Tx, clinicId: string, kind: 'invoice' | 'credit_note'): Promise<number> {
  const column = kind === 'invoice' ? clinicBilling.nextInvoiceNumber : clinicBilling.nextCreditNoteNumber;
  const [row] = await tx.insert(clinicBilling)
    .values({ clinicId, ...(kind === 'invoice' ? { nextInvoiceNumber: 2 } : { nextCreditNoteNumber: 2 }) })
    .onConflictDoUpdate({ target: clinicBilling.clinicId, set: kind === 'invoice' ? { nextInvoiceNumber: sql`${column} + 1` } : { nextCreditNoteNumber: sql`${column} + 1` } })
    .returning({ next: column });
  return row!.next - 1;
}

/** The clinic page links the gift voucher shop when it is open: a change of either setting renders it afresh. */
async function showOnPublicPages(tx: Tx, clinicId: string) {
  await tx.update(clinics).set({ pageVersion: sql`${clinics.pageVersion} + 1` }).where(eq(clinics.id, clinicId));
}

export async function getSettings(ctx: AppContext, actor: Actor): Promise<z.infer<typeof billingSettings>> {
  const b = await billingOf(ctx.database.db, actor.clinicId);
  return {
    legalName: b.legalName, legalAddress: b.legalAddress, companyNumber: b.companyNumber, vatRegistered: b.vatRegistered, vatNumber: b.vatNumber,
    vatRateBp: b.vatRateBp, invoicePrefix: b.invoicePrefix, creditNotePrefix: b.creditNotePrefix, lateCancelDrawsCredit: b.lateCancelDrawsCredit,
    noShowDrawsCredit: b.noShowDrawsCredit, voucherValidityMonths: b.voucherValidityMonths, sellVouchersOnline: b.sellVouchersOnline, currency: b.currency,
    onlinePayments: onlinePaymentsOf(openKeys(ctx.config, actor.clinicId, b)),
  };
}

/** The owner saves the legal details, VAT status and money policies. Audited; the counters are never touched here. */
export async function saveSettings(ctx: AppContext, actor: Actor, body: z.infer<typeof billingSettingsBody>) {
  const values = { ...body, vatNumber: body.vatNumber ? body.vatNumber.replace(/^(?!GB)/, 'GB') : null, updatedAt: new Date() };
  await ctx.database.transaction(async (tx) => {
    await tx.insert(clinicBilling).values({ clinicId: actor.clinicId, ...values }).onConflictDoUpdate({ target: clinicBilling.clinicId, set: values });
    await showOnPublicPages(tx, actor.clinicId);
    await recordAudit(tx, actor, { action: 'billing.settings_update', entityType: 'clinic', entityId: actor.clinicId, details: { vatRegistered: body.vatRegistered, vatRateBp: body.vatRateBp, sellVouchersOnline: body.sellVouchersOnline } });
  });
  return getSettings(ctx, actor);
}

/** Whether the clinic takes card payments online, and the last four characters of its keys (never more leaves the server). */
export function onlinePaymentsOf(keys: { secretKey: string; webhookSecret: string } | null) {
  return { enabled: keys !== null, secretKeyEnding: keys?.secretKey.slice(-4) ?? null, webhookSecretEnding: keys?.webhookSecret.slice(-4) ?? null };
}

/** Where each key is stored: the associated data of its ciphertext (another clinic's row does not open it). */
const place = (clinicId: string, column: 'stripe_secret_key' | 'stripe_webhook_secret') => `clinic_billing:${clinicId}:${column}`;

/** The clinic's Stripe keys in clear, for the server's own calls only; null when it has none. */
export function openKeys(config: Config, clinicId: string, b: { stripeSecretKey: string | null; stripeWebhookSecret: string | null }) {
  if (!b.stripeSecretKey || !b.stripeWebhookSecret) return null;
  const box = secretBoxOf(config);
  return { secretKey: box.open(b.stripeSecretKey, place(clinicId, 'stripe_secret_key')), webhookSecret: box.open(b.stripeWebhookSecret, place(clinicId, 'stripe_webhook_secret')) };
}

/** The owner sets (or, with nulls, removes) the clinic's Stripe keys, stored encrypted. Audited without the keys. */
export async function saveStripeKeys(ctx: AppContext, actor: Actor, keys: { secretKey: string; webhookSecret: string } | null) {
  const box = secretBoxOf(ctx.config);
  const values = {
    stripeSecretKey: keys ? box.seal(keys.secretKey, place(actor.clinicId, 'stripe_secret_key')) : null,
    stripeWebhookSecret: keys ? box.seal(keys.webhookSecret, place(actor.clinicId, 'stripe_webhook_secret')) : null,
    updatedAt: new Date(),
  };
  await ctx.database.transaction(async (tx) => {
    await tx.insert(clinicBilling).values({ clinicId: actor.clinicId, ...values }).onConflictDoUpdate({ target: clinicBilling.clinicId, set: values });
    await showOnPublicPages(tx, actor.clinicId);
    await recordAudit(tx, actor, { action: keys ? 'billing.stripe_keys_set' : 'billing.stripe_keys_remove', entityType: 'clinic', entityId: actor.clinicId, details: { secretKeyEnding: keys?.secretKey.slice(-4) ?? null } });
  });
  return getSettings(ctx, actor);
}

/**
 * The data step of the online-vouchers migration, run at every start after the SQL
 * migrations: keys stored in clear (before encryption existed) are sealed. Idempotent.
 * Returns how many clinics' keys it sealed.
 */
export async function sealStoredStripeKeys(database: Database, config: Config) {
  const box = secretBoxOf(config);
  const rows = await database.db.select({ clinicId: clinicBilling.clinicId, s: clinicBilling.stripeSecretKey, w: clinicBilling.stripeWebhookSecret }).from(clinicBilling)
    .where(or(isNotNull(clinicBilling.stripeSecretKey), isNotNull(clinicBilling.stripeWebhookSecret)));
  let sealed = 0;
  for (const r of rows) {
    const seal = (v: string | null, column: 'stripe_secret_key' | 'stripe_webhook_secret') => (v && !isSealed(v) ? box.seal(v, place(r.clinicId, column)) : v);
    if ((r.s && !isSealed(r.s)) || (r.w && !isSealed(r.w))) {
      await database.db.update(clinicBilling).set({ stripeSecretKey: seal(r.s, 'stripe_secret_key'), stripeWebhookSecret: seal(r.w, 'stripe_webhook_secret') }).where(eq(clinicBilling.clinicId, r.clinicId));
      sealed++;
    }
  }
  return sealed;
}
