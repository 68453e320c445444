import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { clinicBilling, clinics } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
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
    lateCancelDrawsCredit: true, noShowDrawsCredit: true, voucherValidityMonths: 12, stripeSecretKey: null, stripeWebhookSecret: null,
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

export async function getSettings(ctx: AppContext, actor: Actor): Promise<z.infer<typeof billingSettings>> {
  const b = await billingOf(ctx.database.db, actor.clinicId);
  return {
    legalName: b.legalName, legalAddress: b.legalAddress, companyNumber: b.companyNumber, vatRegistered: b.vatRegistered, vatNumber: b.vatNumber,
    vatRateBp: b.vatRateBp, invoicePrefix: b.invoicePrefix, creditNotePrefix: b.creditNotePrefix, lateCancelDrawsCredit: b.lateCancelDrawsCredit,
    noShowDrawsCredit: b.noShowDrawsCredit, voucherValidityMonths: b.voucherValidityMonths, currency: b.currency,
    onlinePayments: onlinePaymentsOf(b),
  };
}

/** The owner saves the legal details, VAT status and money policies. Audited; the counters are never touched here. */
export async function saveSettings(ctx: AppContext, actor: Actor, body: z.infer<typeof billingSettingsBody>) {
  const values = { ...body, vatNumber: body.vatNumber ? body.vatNumber.replace(/^(?!GB)/, 'GB') : null, updatedAt: new Date() };
  await ctx.database.transaction(async (tx) => {
    await tx.insert(clinicBilling).values({ clinicId: actor.clinicId, ...values }).onConflictDoUpdate({ target: clinicBilling.clinicId, set: values });
    await recordAudit(tx, actor, { action: 'billing.settings_update', entityType: 'clinic', entityId: actor.clinicId, details: { vatRegistered: body.vatRegistered, vatRateBp: body.vatRateBp } });
  });
  return getSettings(ctx, actor);
}

/** Whether the clinic takes card payments online, and the last four characters of its keys (never more leaves the server). */
export function onlinePaymentsOf(b: { stripeSecretKey: string | null; stripeWebhookSecret: string | null }) {
  const enabled = Boolean(b.stripeSecretKey && b.stripeWebhookSecret);
  return { enabled, secretKeyEnding: enabled ? b.stripeSecretKey!.slice(-4) : null, webhookSecretEnding: enabled ? b.stripeWebhookSecret!.slice(-4) : null };
}

/** The owner sets (or, with nulls, removes) the clinic's Stripe keys. Audited without the keys. */
export async function saveStripeKeys(ctx: AppContext, actor: Actor, keys: { secretKey: string; webhookSecret: string } | null) {
  const values = { stripeSecretKey: keys?.secretKey ?? null, stripeWebhookSecret: keys?.webhookSecret ?? null, updatedAt: new Date() };
  await ctx.database.transaction(async (tx) => {
    await tx.insert(clinicBilling).values({ clinicId: actor.clinicId, ...values }).onConflictDoUpdate({ target: clinicBilling.clinicId, set: values });
    await recordAudit(tx, actor, { action: keys ? 'billing.stripe_keys_set' : 'billing.stripe_keys_remove', entityType: 'clinic', entityId: actor.clinicId, details: { secretKeyEnding: keys?.secretKey.slice(-4) ?? null } });
  });
  return getSettings(ctx, actor);
}
