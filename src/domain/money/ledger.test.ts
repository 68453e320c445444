import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyCredit, applyPayments, applyRefund, dueOf, invoiceState, isRefusal, outstandingOf, paidOf, type InvoiceLedger,
} from './ledger.ts';

type Op =
  | { kind: 'pay'; inv: number; amounts: number[] }
  | { kind: 'refund'; inv: number; payment: number; amount: number }
  | { kind: 'credit'; inv: number; amount: number };

const amount = fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(0, -1, -500, 0.5, 99.99, Number.NaN));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), inv: fc.nat(4), amounts: fc.array(amount, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('refund' as const), inv: fc.nat(4), payment: fc.nat(6), amount }),
  fc.record({ kind: fc.constant('credit' as const), inv: fc.nat(4), amount }),
);

describe('the invoice ledger (property-based)', () => {
  it('stays balanced over random invoices, split payments, refunds and credit notes', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 5, maxLength: 5 }), fc.array(op, { maxLength: 60 }), (totals, ops) => {
      let ledgers: InvoiceLedger[] = totals.map((t) => ({ totalMinor: t, creditedMinor: 0, payments: [] }));
      // An independent cash book of every accepted movement, to check the ledger against.
      const book = totals.map(() => ({ received: 0, refunded: 0, credited: 0 }));
      let next = 0;
      for (const o of ops) {
        const before = ledgers[o.inv]!;
        let after;
        if (o.kind === 'pay') after = applyPayments(before, o.amounts.map((a) => ({ id: `p${next++}`, amountMinor: a })));
        else if (o.kind === 'refund') after = applyRefund(before, before.payments[o.payment]?.id ?? 'none', o.amount);
        else after = applyCredit(before, o.amount);
        if (isRefusal(after)) {
          // A refused change leaves everything as it was; its amount was bad or too much.
          const amounts = o.kind === 'pay' ? o.amounts : [o.amount];
          const bad = amounts.some((a) => !Number.isSafeInteger(a) || a <= 0);
          if (after.code === 'bad-amount') expect(bad).toBe(true);
          if (o.kind === 'pay' && !bad) expect(o.amounts.reduce((s, a) => s + a, 0)).toBeGreaterThan(outstandingOf(before));
          continue;
        }
        const b = book[o.inv]!;
        if (o.kind === 'pay') b.received += o.amounts.reduce((s, a) => s + a, 0);
        else if (o.kind === 'refund') b.refunded += o.amount;
        else b.credited += o.amount;
        ledgers = ledgers.map((l, i) => (i === o.inv ? after : l));
        // A payment never takes more than was owed.
        if (o.kind === 'pay') expect(outstandingOf(after)).toBeGreaterThanOrEqual(0);
      }
      ledgers.forEach((l, i) => {
        const b = book[i]!;
        expect(l.creditedMinor).toBe(b.credited);
        expect(paidOf(l)).toBe(b.received - b.refunded);
        expect(outstandingOf(l)).toBe(l.totalMinor - b.credited - b.received + b.refunded);
        expect(l.creditedMinor).toBeLessThanOrEqual(l.totalMinor);
        expect(dueOf(l)).toBeGreaterThanOrEqual(0);
        expect(paidOf(l)).toBeGreaterThanOrEqual(0);
        for (const p of l.payments) {
          expect(p.refundedMinor).toBeGreaterThanOrEqual(0);
          expect(p.refundedMinor).toBeLessThanOrEqual(p.amountMinor);
          expect(Number.isSafeInteger(p.amountMinor)).toBe(true);
        }
        // Without credit notes the client never pays more than the invoice.
        if (l.creditedMinor === 0) expect(paidOf(l)).toBeLessThanOrEqual(l.totalMinor);
        expect(invoiceState(l) === 'in_credit').toBe(outstandingOf(l) < 0);
      });
      // The clinic's whole book adds up: what is owed is what was charged less what was corrected and settled.
      const owed = ledgers.reduce((s, l) => s + outstandingOf(l), 0);
      const charged = totals.reduce((s, t) => s + t, 0);
      const moved = book.reduce((s, b) => s + b.credited + b.received - b.refunded, 0);
      expect(owed).toBe(charged - moved);
    }), { numRuns: 400, seed: 20261206 });
  });

  it('refuses a second refund of money already given back', () => {
    const l = applyPayments({ totalMinor: 9500, creditedMinor: 0, payments: [] }, [{ id: 'a', amountMinor: 9500 }]) as InvoiceLedger;
    const once = applyRefund(l, 'a', 9500) as InvoiceLedger;
    expect(isRefusal(once)).toBe(false);
    expect(applyRefund(once, 'a', 1)).toMatchObject({ code: 'over-refund' });
  });

  it('takes a split payment only when the parts together are not more than is owed', () => {
    const l: InvoiceLedger = { totalMinor: 6500, creditedMinor: 0, payments: [] };
    expect(applyPayments(l, [{ id: 'a', amountMinor: 4000 }, { id: 'b', amountMinor: 2501 }])).toMatchObject({ code: 'overpayment' });
    const paid = applyPayments(l, [{ id: 'a', amountMinor: 4000 }, { id: 'b', amountMinor: 2500 }]) as InvoiceLedger;
    expect(invoiceState(paid)).toBe('paid');
  });

  it('leaves the client in credit when an invoice paid in full is corrected', () => {
    const paid = applyPayments({ totalMinor: 85000, creditedMinor: 0, payments: [] }, [{ id: 'a', amountMinor: 85000 }]) as InvoiceLedger;
    const credited = applyCredit(paid, 17000) as InvoiceLedger;
    expect(outstandingOf(credited)).toBe(-17000);
    expect(invoiceState(credited)).toBe('in_credit');
    expect(applyCredit(credited, 68001)).toMatchObject({ code: 'over-credit' });
  });

  it('calls an invoice credited in full, with what was paid given back, credited rather than paid', () => {
    const deposit = applyPayments({ totalMinor: 6500, creditedMinor: 0, payments: [] }, [{ id: 'a', amountMinor: 2000 }]) as InvoiceLedger;
    const refunded = applyRefund(deposit, 'a', 2000) as InvoiceLedger;
    const cancelled = applyCredit(refunded, 6500) as InvoiceLedger;
    expect(outstandingOf(cancelled)).toBe(0);
    expect(invoiceState(cancelled)).toBe('credited');
    // Part credited and the rest paid is still paid.
    expect(invoiceState(applyPayments(applyCredit({ totalMinor: 6500, creditedMinor: 0, payments: [] }, 1500) as InvoiceLedger, [{ id: 'b', amountMinor: 5000 }]) as InvoiceLedger)).toBe('paid');
  });
});
