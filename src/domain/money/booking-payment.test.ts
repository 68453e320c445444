import { describe, expect, it } from 'vitest';
import { cancelPaymentWarning, cancelSettlement, dueAtBooking, payOnlineOf, paymentSettingRefusal, refundOnCancel, splitDue } from './booking-payment.ts';

const facial = { onlinePayment: 'deposit' as const, depositMinor: 2500, priceMinor: 9500 };

describe('paying at online booking', () => {
  it('asks nothing without the clinic’s keys, for none, or for a free service', () => {
    expect(dueAtBooking(facial, false)).toBe(0);
    expect(dueAtBooking({ ...facial, onlinePayment: 'none', depositMinor: null }, true)).toBe(0);
    expect(dueAtBooking({ onlinePayment: 'full', depositMinor: null, priceMinor: 0 }, true)).toBe(0);
    expect(payOnlineOf(facial, false)).toBeNull();
  });

  it('asks the deposit or the full price; a deposit never above the price', () => {
    expect(payOnlineOf(facial, true)).toEqual({ kind: 'deposit', amountMinor: 2500 });
    expect(payOnlineOf({ ...facial, onlinePayment: 'full', depositMinor: null }, true)).toEqual({ kind: 'full', amountMinor: 9500 });
    expect(dueAtBooking({ ...facial, priceMinor: 2000 }, true)).toBe(2000);
  });

  it('a voucher pays what it can and the card the rest', () => {
    expect(splitDue(2500, null)).toEqual({ voucherMinor: 0, cardMinor: 2500 });
    expect(splitDue(2500, 1000)).toEqual({ voucherMinor: 1000, cardMinor: 1500 });
    expect(splitDue(2500, 10_000)).toEqual({ voucherMinor: 2500, cardMinor: 0 });
    for (let due = 1; due < 500; due += 37) for (let bal = 0; bal < 600; bal += 53) {
      const s = splitDue(due, bal);
      expect(s.voucherMinor + s.cardMinor).toBe(due);
      expect(s.voucherMinor).toBeLessThanOrEqual(bal);
    }
  });

  it('refuses a deposit of nothing or above the price', () => {
    expect(paymentSettingRefusal(facial)).toBeNull();
    expect(paymentSettingRefusal({ ...facial, depositMinor: null })).toMatch(/more than zero/);
    expect(paymentSettingRefusal({ ...facial, depositMinor: 0 })).toMatch(/more than zero/);
    expect(paymentSettingRefusal({ ...facial, depositMinor: 9501 })).toMatch(/more than the price/);
    expect(paymentSettingRefusal({ onlinePayment: 'full', depositMinor: null, priceMinor: 100 })).toBeNull();
  });

  it('gives the money back on a cancellation in time or by the clinic, not on a late one by the client', () => {
    expect(refundOnCancel(2500, { late: false, by: 'client' })).toBe(2500);
    expect(refundOnCancel(2500, { late: true, by: 'client' })).toBe(0);
    expect(refundOnCancel(2500, { late: true, by: 'staff' })).toBe(2500);
  });

  it('settles a cancelled visit: in time everything back and the invoice credited in full; late the deposit kept and only the rest credited', () => {
    const taken = [{ id: 'v', amountMinor: 1000, refundedMinor: 0 }, { id: 'c', amountMinor: 1500, refundedMinor: 0 }];
    expect(cancelSettlement(taken, { dueMinor: 9500, paidMinor: 2500 }, { late: false, by: 'client' })).toEqual({
      refunds: [{ paymentId: 'v', amountMinor: 1000 }, { paymentId: 'c', amountMinor: 1500 }], refundedMinor: 2500, keptMinor: 0, creditMinor: 9500,
    });
    expect(cancelSettlement(taken, { dueMinor: 9500, paidMinor: 2500 }, { late: true, by: 'client' })).toEqual({ refunds: [], refundedMinor: 0, keptMinor: 2500, creditMinor: 7000 });
    // Paid in full and cancelled late: kept, nothing left to credit. Part refunded already: only the rest goes back.
    expect(cancelSettlement([{ id: 'c', amountMinor: 9500, refundedMinor: 0 }], { dueMinor: 9500, paidMinor: 9500 }, { late: true, by: 'client' }).creditMinor).toBe(0);
    expect(cancelSettlement([{ id: 'c', amountMinor: 9500, refundedMinor: 500 }], { dueMinor: 9500, paidMinor: 9000 }, { late: true, by: 'staff' }))
      .toEqual({ refunds: [{ paymentId: 'c', amountMinor: 9000 }], refundedMinor: 9000, keptMinor: 0, creditMinor: 9500 });
  });
});

describe('what a client is told before cancelling a booking paid online', () => {
  it('says the payment goes back in time, is kept when late, and says nothing when nothing was paid', () => {
    const paid = { amountMinor: 2000, currency: 'GBP' };
    expect(cancelPaymentWarning(paid, false)).toBe('The £20.00 you paid online will be refunded the way you paid it.');
    expect(cancelPaymentWarning(paid, true)).toBe('As it is late, the clinic keeps the £20.00 you paid online, as its cancellation policy says.');
    expect(cancelPaymentWarning(null, true)).toBeNull();
  });
});
