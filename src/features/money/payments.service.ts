import { and, eq, gt, gte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { invoiceLines, payments, vouchers } from '../../data/schema/index.ts';
import type { Queryable, Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { paymentRefusal, refundRefusal } from '../../domain/money/ledger.ts';
import { normaliseCode } from '../../domain/money/voucher-code.ts';
import { assertCurrency, ledgerOf, lockInvoice, moneyProblem } from './invoices.service.ts';
import { drawForPayment, restoreForPayment } from './packages.service.ts';
import { refundOnline } from './stripe.service.ts';
import { emitIfPaid } from './invoice-paid-event.ts';
import type { paymentBody, refundBody } from './money.schema.ts';

type Part = z.infer<typeof paymentBody>['parts'][number];

/**
 * Records a payment at the desk, split across methods if the client wishes (all parts or
 * none). Never more than is outstanding; a voucher part spends the voucher's balance and a
 * package part one session of the client's package, in the same transaction. Audited.
 */
export async function takePayment(ctx: AppContext, actor: Actor, invoiceId: string, body: z.infer<typeof paymentBody>) {
  const now = new Date(nowOf(ctx));
  await ctx.database.transaction(async (tx) => {
    const inv = await lockInvoice(tx, actor.clinicId, invoiceId);
    if (inv.kind !== 'invoice') throw moneyProblem('not-an-invoice', 'Payments are taken against invoices, not credit notes.');
    assertCurrency({ currency: inv.currency }, body.currency);
    const ledger = await ledgerOf(tx, actor.clinicId, inv);
    const refusal = paymentRefusal(ledger, body.parts.map((p) => p.amountMinor));
    if (refusal) throw moneyProblem(refusal.code, refusal.detail, 'parts');
    for (const [i, part] of body.parts.entries()) {
      const [row] = await tx.insert(payments).values({
        clinicId: actor.clinicId, invoiceId, kind: 'payment', method: part.method, amountMinor: part.amountMinor, currency: inv.currency,
        reference: part.reference || null, recordedAt: now, recordedBy: actor.userId,
      }).returning({ id: payments.id });
      const links = await spend(tx, actor, inv, part, row!.id, i, now);
      if (links) await tx.update(payments).set(links).where(and(eq(payments.clinicId, actor.clinicId), eq(payments.id, row!.id)));
      await recordAudit(tx, actor, { action: 'payment.record', entityType: 'payment', entityId: row!.id, details: { invoiceId, method: part.method, amountMinor: part.amountMinor } });
    }
    await emitIfPaid(tx, actor.clinicId, inv, now);
  });
}

/**
 * A gift voucher of this clinic usable now, in `use.currency`; a treatment voucher only
 * where `use.covers` its treatment. 422 otherwise (a code of another clinic is unknown here).
 */
export async function usableVoucher(q: Queryable, clinicId: string, typed: string, use: { currency: string; now: Date; covers: (serviceId: string) => boolean | Promise<boolean> }, field: string) {
  const code = normaliseCode(typed);
  const [v] = code ? await q.select().from(vouchers).where(and(eq(vouchers.clinicId, clinicId), eq(vouchers.code, code))) : [];
  if (!v) throw moneyProblem('unknown-voucher', 'That is not a voucher code of this clinic. Check the 16 characters.', field);
  if (v.expiresAt.getTime() < use.now.getTime()) throw moneyProblem('voucher-expired', 'This voucher has expired.', field);
  if (v.currency !== use.currency) throw moneyProblem('wrong-currency', 'This voucher is in another currency.', field);
  if (v.kind === 'treatment' && !(await use.covers(v.serviceId!))) throw moneyProblem('voucher-not-for-this', 'This voucher is for a different treatment.', field);
  return v;
}

/**
 * Spends `amountMinor` of a voucher in one conditional update: two spends of the same code
 * at once queue on the row, and the second sees the balance the first left (409 when it no
 * longer holds that much). Audited.
 */
export async function spendVoucher(tx: Tx, who: Actor | null, clinicId: string, voucherId: string, amountMinor: number, now: Date, invoiceId: string, field: string) {
  const [spent] = await tx.update(vouchers).set({ balanceMinor: sql`${vouchers.balanceMinor} - ${amountMinor}` })
    .where(and(eq(vouchers.clinicId, clinicId), eq(vouchers.id, voucherId), gte(vouchers.balanceMinor, amountMinor), gt(vouchers.expiresAt, now)))
    .returning({ balance: vouchers.balanceMinor });
  if (!spent) throw new AppError(409, 'voucher-balance', 'Not enough on the voucher', 'This voucher does not hold that much (it may just have been used). Check its balance and try again.', { errors: [{ field, message: 'Not enough on the voucher' }] });
  await recordAudit(tx, who, { action: 'voucher.redeem', entityType: 'voucher', entityId: voucherId, clinicId, details: { invoiceId, amountMinor, balanceMinor: spent.balance } });
}

/** Spends the voucher or package session a part pays with; returns the link to store on the payment. */
async function spend(tx: Tx, actor: Actor, inv: { id: string; clientId: string; bookingId: string | null; currency: string }, part: Part, paymentId: string, i: number, now: Date) {
  if (part.method === 'voucher') {
    const field = `parts.${i}.voucherCode`;
    const v = await usableVoucher(tx, actor.clinicId, part.voucherCode ?? '', {
      currency: inv.currency, now,
      covers: async (serviceId) => (await tx.select({ p: invoiceLines.position }).from(invoiceLines)
        .where(and(eq(invoiceLines.clinicId, actor.clinicId), eq(invoiceLines.invoiceId, inv.id), eq(invoiceLines.kind, 'service'), eq(invoiceLines.refId, serviceId)))).length > 0,
    }, field);
    await spendVoucher(tx, actor, actor.clinicId, v.id, part.amountMinor, now, inv.id, field);
    return { voucherId: v.id };
  }
  if (part.method === 'package_credit') {
    const held = await drawForPayment(tx, actor, inv, part.clientPackageId!, part.amountMinor, paymentId, now, `parts.${i}.clientPackageId`);
    return { clientPackageId: held };
  }
  return null;
}

/**
 * Gives money back from one payment (the owner only): never more than the payment still
 * holds, so a second refund of the same money is refused. A voucher's refund goes back on
 * the voucher; a package session's refund gives the session back. Audited.
 */
export async function refundPayment(ctx: AppContext, actor: Actor, paymentId: string, body: z.infer<typeof refundBody>, tx?: Tx) {
  const run = async (t: Tx) => {
    const [p] = await t.select().from(payments).where(and(eq(payments.clinicId, actor.clinicId), eq(payments.id, paymentId)));
    if (!p) throw notFound('The payment');
    if (p.kind !== 'payment') throw moneyProblem('not-a-payment', 'A refund is made from a payment, not from another refund.');
    const inv = await lockInvoice(t, actor.clinicId, p.invoiceId);
    assertCurrency({ currency: inv.currency }, body.currency);
    const refusal = refundRefusal(await ledgerOf(t, actor.clinicId, inv), p.id, body.amountMinor);
    if (refusal) throw new AppError(refusal.code === 'over-refund' ? 409 : 422, refusal.code, 'Cannot refund that', refusal.detail, { errors: [{ field: 'amountMinor', message: refusal.detail }] });
    // A card payment taken online goes back through Stripe first: if Stripe refuses, nothing is recorded.
    const stripeRefund = p.method === 'online_card' ? await refundOnline(ctx, actor.clinicId, p.reference, body.amountMinor, t) : null;
    const [row] = await t.insert(payments).values({
      clinicId: actor.clinicId, invoiceId: p.invoiceId, kind: 'refund', method: p.method, amountMinor: body.amountMinor, currency: inv.currency, refundOf: p.id,
      voucherId: p.voucherId, clientPackageId: p.clientPackageId, reason: body.reason, reference: stripeRefund, recordedAt: new Date(nowOf(ctx)), recordedBy: actor.userId,
    }).returning({ id: payments.id });
    if (p.voucherId) {
      await t.update(vouchers).set({ balanceMinor: sql`${vouchers.balanceMinor} + ${body.amountMinor}` }).where(and(eq(vouchers.clinicId, actor.clinicId), eq(vouchers.id, p.voucherId)));
    }
    if (p.clientPackageId && body.amountMinor === p.amountMinor) await restoreForPayment(t, actor, p.clientPackageId, p.id);
    await recordAudit(t, actor, { action: 'payment.refund', entityType: 'payment', entityId: row!.id, details: { invoiceId: p.invoiceId, refundOf: p.id, method: p.method, amountMinor: body.amountMinor } });
    return row!.id;
  };
  return tx ? run(tx) : ctx.database.transaction(run);
}
