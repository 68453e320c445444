/**
 * Paying at online booking (pure rules). A service asks for nothing, a deposit or its full
 * price when booked online; only a clinic with Stripe keys asks at all. A gift voucher
 * pays what it can of that amount and the card the rest.
 */

export type OnlinePayment = 'none' | 'deposit' | 'full';

export interface PayableService {
  onlinePayment: OnlinePayment;
  depositMinor: number | null;
  priceMinor: number;
}

/** What booking `s` online asks to pay now, in minor units: 0 when nothing (no keys, none, or a free service). */
export function dueAtBooking(s: PayableService, onlineOn: boolean): number {
  if (!onlineOn || s.onlinePayment === 'none') return 0;
  if (s.onlinePayment === 'full') return s.priceMinor;
  return Math.min(s.depositMinor ?? 0, s.priceMinor);
}

/** What the public sees of it, or null when nothing is paid online. */
export function payOnlineOf(s: PayableService, onlineOn: boolean): { kind: 'deposit' | 'full'; amountMinor: number } | null {
  const amountMinor = dueAtBooking(s, onlineOn);
  return amountMinor > 0 ? { kind: amountMinor < s.priceMinor ? 'deposit' : 'full', amountMinor } : null;
}

/** The voucher's part (as much of its balance as the amount needs) and the card's part. */
export function splitDue(dueMinor: number, voucherBalanceMinor: number | null): { voucherMinor: number; cardMinor: number } {
  const voucherMinor = Math.max(0, Math.min(dueMinor, voucherBalanceMinor ?? 0));
  return { voucherMinor, cardMinor: dueMinor - voucherMinor };
}

/**
 * Why the owner's payment settings for a service are refused, or null: a deposit needs an
 * amount above zero and not above the price.
 */
export function paymentSettingRefusal(s: PayableService): string | null {
  if (s.onlinePayment !== 'deposit') return null;
  if (s.depositMinor === null || !Number.isSafeInteger(s.depositMinor) || s.depositMinor <= 0) return 'Enter the deposit, more than zero.';
  if (s.depositMinor > s.priceMinor) return 'The deposit cannot be more than the price of the service.';
  return null;
}

/**
 * How much of the online payment of a cancelled booking the clinic gives back: all of it
 * when the client cancelled in time (or the clinic cancelled), nothing when late, as the
 * clinic's cancellation policy says.
 */
export function refundOnCancel(paidMinor: number, cancel: { late: boolean; by: 'client' | 'staff' | 'system' }): number {
  if (cancel.by === 'client' && cancel.late) return 0;
  return paidMinor;
}
