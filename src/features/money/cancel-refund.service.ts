import { and, eq, sql } from 'drizzle-orm';
import { bookingPayments, payments, vouchers } from '../../data/schema/index.ts';
import type { Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import type { Actor, Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { cancelSettlement } from '../../domain/money/booking-payment.ts';
import { dueOf, paidOf } from '../../domain/money/ledger.ts';
import type { Currency } from '../../domain/money/money.ts';
import { issueCreditNote, ledgerOf, lockInvoice } from './invoices.service.ts';
import { refundOnline } from './stripe.service.ts';

/** What the client is told of their online payment when a booking is cancelled. */
export interface CancelMoney { paidMinor: number; refundedMinor: number; keptMinor: number; currency: string }

/** The clinic's own bookkeeping when no member of staff acts (a client's cancellation by link): audit rows carry no user. */
const clinicActor = (clinicId: string): Actor => ({
  userId: null, name: 'Yintang', email: '', clinicId, clinicSlug: '', timeZone: 'UTC', role: null, clientId: null, seesAllClients: false, ip: null, userAgent: null,
}) as unknown as Actor;

/**
 * The money of a booking paid online (deposit or full price, card and gift voucher) when it
 * is cancelled, inside the cancellation's transaction: in the free-cancellation window, or
 * by the clinic, everything goes back (the card's part through Stripe's refunds API, the
 * voucher's part onto the voucher); a client's late cancellation keeps it, as the policy
 * says. The visit's invoice is then credited down to what the clinic keeps, so nobody is
 * chased for a visit that will not happen. Runs once per booking: its payment row and
 * invoice are locked, and a payment already refunded holds nothing more to give back.
 * Stripe is asked with an idempotency key per PaymentIntent (the same on every attempt),
 * so a retry after a failed commit never refunds twice; if Stripe does not answer, the whole cancellation is undone (502).
 * Returns null when nothing was paid online.
 */
export async function settleCancelledBooking(
  tx: Tx, ctx: AppContext, who: Actor | Requester | null, clinicId: string, bookingId: string, cancel: { late: boolean; by: 'client' | 'staff' | 'system' },
): Promise<CancelMoney | null> {
  const [bp] = await tx.select().from(bookingPayments).where(and(eq(bookingPayments.clinicId, clinicId), eq(bookingPayments.bookingId, bookingId))).for('update');
  if (!bp?.invoiceId) return null;
  const inv = await lockInvoice(tx, clinicId, bp.invoiceId);
  const ledger = await ledgerOf(tx, clinicId, inv);
  // The payments taken at booking: recorded without a member of staff, by card online or from a voucher.
  const taken = ledger.payments.filter((p) => {
    const row = ledger.rows.find((r) => r.id === p.id)!;
    return row.recordedBy === null && (row.method === 'online_card' || row.method === 'voucher');
  });
  const plan = cancelSettlement(taken, { dueMinor: dueOf(ledger), paidMinor: paidOf(ledger) }, cancel);
  const now = new Date(nowOf(ctx));
  const actor = who && 'role' in who ? who : null;
  const reason = cancel.late && cancel.by === 'client' ? 'Booking cancelled late' : 'Booking cancelled in time';
  for (const r of plan.refunds) {
    const p = ledger.rows.find((row) => row.id === r.paymentId)!;
    const stripeRefund = p.method === 'online_card' ? await refundOnline(ctx, clinicId, p.reference, r.amountMinor, tx, `yintang-cancel-refund-${p.reference}`) : null;
    const [row] = await tx.insert(payments).values({
      clinicId, invoiceId: inv.id, kind: 'refund', method: p.method, amountMinor: r.amountMinor, currency: inv.currency, refundOf: p.id,
      voucherId: p.voucherId, reason, reference: stripeRefund, recordedAt: now, recordedBy: actor?.userId ?? null,
    }).returning({ id: payments.id });
    if (p.voucherId) {
      await tx.update(vouchers).set({ balanceMinor: sql`${vouchers.balanceMinor} + ${r.amountMinor}` }).where(and(eq(vouchers.clinicId, clinicId), eq(vouchers.id, p.voucherId)));
    }
    await recordAudit(tx, who, { action: 'payment.refund', entityType: 'payment', entityId: row!.id, clinicId, details: { invoiceId: inv.id, refundOf: p.id, method: p.method, amountMinor: r.amountMinor, bookingId, automatic: true } });
  }
  const creditNoteId = plan.creditMinor > 0
    ? await issueCreditNote(ctx, actor ?? clinicActor(clinicId), inv.id, { amountMinor: plan.creditMinor, currency: inv.currency as Currency, reason }, tx)
    : null;
  const paidMinor = taken.reduce((s, p) => s + p.amountMinor - p.refundedMinor, 0);
  await recordAudit(tx, who, {
    action: plan.refundedMinor > 0 ? 'booking.refund_on_cancel' : 'booking.deposit_kept', entityType: 'booking', entityId: bookingId, clinicId,
    details: { invoiceId: inv.id, paidMinor, refundedMinor: plan.refundedMinor, keptMinor: plan.keptMinor, creditNoteId, late: cancel.late, by: cancel.by },
  });
  return paidMinor > 0 ? { paidMinor, refundedMinor: plan.refundedMinor, keptMinor: plan.keptMinor, currency: inv.currency } : null;
}

