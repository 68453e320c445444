/**
 * The ledger of one invoice: what was charged, credited, paid and refunded, and the
 * rules every money change must keep. Pure, so the same rules guard the server and a
 * property-based test (ledger.test.ts) that runs thousands of random histories.
 *
 *   due         = total − credited                 (credit notes correct the invoice)
 *   paid        = Σ payments − Σ refunds
 *   outstanding = due − paid                        (negative: the clinic owes the client)
 *
 * A payment never takes more than is outstanding; a refund never returns more than its
 * payment still holds; a credit note never credits more than is still due.
 */

export interface LedgerPayment {
  id: string;
  amountMinor: number;
  /** Refunded so far from this payment. */
  refundedMinor: number;
}

export interface InvoiceLedger {
  totalMinor: number;
  creditedMinor: number;
  payments: LedgerPayment[];
}

export type LedgerRefusal =
  | { code: 'bad-amount'; detail: string }
  | { code: 'overpayment'; detail: string }
  | { code: 'over-refund'; detail: string }
  | { code: 'over-credit'; detail: string };

export const paidOf = (l: InvoiceLedger) => l.payments.reduce((s, p) => s + p.amountMinor - p.refundedMinor, 0);
export const dueOf = (l: InvoiceLedger) => l.totalMinor - l.creditedMinor;
export const outstandingOf = (l: InvoiceLedger) => dueOf(l) - paidOf(l);

const positive = (amount: number): LedgerRefusal | null =>
  Number.isSafeInteger(amount) && amount > 0 ? null : { code: 'bad-amount', detail: 'The amount must be a whole number of pence above zero.' };

/** Why payments of `amounts` (a split payment, all or none) cannot be taken, or null. */
export function paymentRefusal(l: InvoiceLedger, amounts: readonly number[]): LedgerRefusal | null {
  for (const a of amounts) {
    const bad = positive(a);
    if (bad) return bad;
  }
  const sum = amounts.reduce((s, a) => s + a, 0);
  const outstanding = outstandingOf(l);
  if (sum > outstanding) {
    return { code: 'overpayment', detail: outstanding <= 0 ? 'This invoice has nothing left to pay.' : `Only ${outstanding} pence is left to pay on this invoice.` };
  }
  return null;
}

/** Why `amount` cannot be refunded from payment `paymentId`, or null. */
export function refundRefusal(l: InvoiceLedger, paymentId: string, amount: number): LedgerRefusal | null {
  const bad = positive(amount);
  if (bad) return bad;
  const p = l.payments.find((x) => x.id === paymentId);
  const left = p ? p.amountMinor - p.refundedMinor : 0;
  if (amount > left) {
    return { code: 'over-refund', detail: left === 0 ? 'This payment has already been refunded in full.' : `Only ${left} pence of this payment is left to refund.` };
  }
  return null;
}

/** Why a credit note of `amount` cannot correct the invoice, or null. */
export function creditRefusal(l: InvoiceLedger, amount: number): LedgerRefusal | null {
  const bad = positive(amount);
  if (bad) return bad;
  if (amount > dueOf(l)) return { code: 'over-credit', detail: `Only ${dueOf(l)} pence of this invoice is left to credit.` };
  return null;
}

/** The ledger after payments (ids given), or the refusal. */
export function applyPayments(l: InvoiceLedger, parts: readonly { id: string; amountMinor: number }[]): InvoiceLedger | LedgerRefusal {
  const refusal = paymentRefusal(l, parts.map((p) => p.amountMinor));
  if (refusal) return refusal;
  return { ...l, payments: [...l.payments, ...parts.map((p) => ({ id: p.id, amountMinor: p.amountMinor, refundedMinor: 0 }))] };
}

/** The ledger after a refund, or the refusal. */
export function applyRefund(l: InvoiceLedger, paymentId: string, amount: number): InvoiceLedger | LedgerRefusal {
  const refusal = refundRefusal(l, paymentId, amount);
  if (refusal) return refusal;
  return { ...l, payments: l.payments.map((p) => (p.id === paymentId ? { ...p, refundedMinor: p.refundedMinor + amount } : p)) };
}

/** The ledger after a credit note, or the refusal. */
export function applyCredit(l: InvoiceLedger, amount: number): InvoiceLedger | LedgerRefusal {
  const refusal = creditRefusal(l, amount);
  if (refusal) return refusal;
  return { ...l, creditedMinor: l.creditedMinor + amount };
}

export const isRefusal = (x: InvoiceLedger | LedgerRefusal): x is LedgerRefusal => 'code' in x;

/**
 * Paid, part paid, unpaid, in credit (the clinic owes the client money back), or credited:
 * a credit note cancelled all of it and nothing paid stays on it (a cancelled visit whose
 * deposit went back), which must not read "Paid".
 */
export function invoiceState(l: InvoiceLedger): 'paid' | 'part_paid' | 'unpaid' | 'in_credit' | 'credited' {
  const o = outstandingOf(l);
  if (o < 0) return 'in_credit';
  if (o === 0) return l.totalMinor > 0 && dueOf(l) === 0 ? 'credited' : 'paid';
  return paidOf(l) > 0 ? 'part_paid' : 'unpaid';
}
