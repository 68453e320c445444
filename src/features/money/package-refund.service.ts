import type { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { issueCreditNote, ledgerOf, lockInvoice, moneyProblem } from './invoices.service.ts';
import { refundPayment } from './payments.service.ts';
import { removeSessions } from './packages.service.ts';
import type { packageRefundBody } from './money.schema.ts';

const MONEY_METHODS = new Set(['card_terminal', 'cash', 'bank_transfer', 'online_card']);

/**
 * Refunds part of a package (the owner only), never silently: the sessions come off the
 * package, a credit note corrects the package's invoice by the amount, and the money goes
 * back from the invoice's payments (newest first), all in one transaction and audited.
 */
export async function refundPackage(ctx: AppContext, actor: Actor, clientPackageId: string, body: z.infer<typeof packageRefundBody>) {
  return ctx.database.transaction(async (tx) => {
    const p = await removeSessions(tx, actor, clientPackageId, body.sessions);
    if (body.currency !== p.currency) throw moneyProblem('wrong-currency', `This package was sold in ${p.currency}.`, 'currency');
    const creditNoteId = await issueCreditNote(ctx, actor, p.invoiceId, { amountMinor: body.amountMinor, currency: body.currency, reason: body.reason }, tx);
    const inv = await lockInvoice(tx, actor.clinicId, p.invoiceId);
    const ledger = await ledgerOf(tx, actor.clinicId, inv);
    let left = body.amountMinor;
    const refunds: string[] = [];
    for (const pay of [...ledger.payments].reverse()) {
      const row = ledger.rows.find((r) => r.id === pay.id)!;
      const available = pay.amountMinor - pay.refundedMinor;
      if (!MONEY_METHODS.has(row.method) || available <= 0 || left === 0) continue;
      const amount = Math.min(left, available);
      refunds.push(await refundPayment(ctx, actor, pay.id, { amountMinor: amount, currency: body.currency, reason: body.reason }, tx));
      left -= amount;
    }
    if (left > 0) throw moneyProblem('over-refund', 'Less than that was paid for this package; refund at most what was paid.', 'amountMinor');
    await recordAudit(tx, actor, { action: 'package.refund', entityType: 'client_package', entityId: clientPackageId, details: { sessions: body.sessions, amountMinor: body.amountMinor, creditNoteId } });
    return { creditNoteId, refundIds: refunds };
  });
}
