import type { Tx } from '../../data/db.ts';
import type { invoices } from '../../data/schema/index.ts';
import { outstandingOf } from '../../domain/money/ledger.ts';
import { emitEvent } from '../webhooks/webhook-events.repository.ts';
import { ledgerOf } from './invoices.service.ts';

/**
 * The `invoice.paid` webhook event, written in the payment's transaction when that payment
 * leaves nothing outstanding (a part payment sends nothing).
 */
export async function emitIfPaid(tx: Tx, clinicId: string, invoice: typeof invoices.$inferSelect, paidAt: Date) {
  const ledger = await ledgerOf(tx, clinicId, invoice);
  if (outstandingOf(ledger) > 0) return;
  await emitEvent(tx, clinicId, 'invoice.paid', {
    invoiceId: invoice.id, clientId: invoice.clientId, bookingId: invoice.bookingId, totalMinor: invoice.totalMinor, currency: invoice.currency, paidAt,
  });
}
