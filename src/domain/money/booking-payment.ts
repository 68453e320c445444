import { formatMoney } from './money.ts';

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

/**
 * What the client is told before cancelling a booking they paid for online: whether the
 * payment goes back or the clinic keeps it (the same rule as `refundOnCancel`, for a client).
 */
export function cancelPaymentWarning(paidOnline: { amountMinor: number; currency: string } | null, late: boolean): string | null {
  if (!paidOnline || paidOnline.amountMinor <= 0) return null;
  const amount = formatMoney(paidOnline.amountMinor, paidOnline.currency);
  return refundOnCancel(paidOnline.amountMinor, { late, by: 'client' }) === 0
    ? `As it is late, the clinic keeps the ${amount} you paid online, as its cancellation policy says.`
    : `The ${amount} you paid online will be refunded the way you paid it.`;
}

export interface CancelSettlement {
  /** What goes back, payment by payment (each in full of what it still holds, or nothing). */
  refunds: { paymentId: string; amountMinor: number }[];
  refundedMinor: number;
  /** What the clinic keeps of the online payment (a late cancellation's deposit). */
  keptMinor: number;
  /** A credit note for the rest of the visit's invoice: the visit will not take place, so nothing more is owed. */
  creditMinor: number;
}

/**
 * What happens to the money of a cancelled booking that was paid online: `taken` are the
 * payments made at booking (card and voucher) with what is left of each; `due` and `paid`
 * the visit invoice's totals (after credit notes; net of refunds). What the policy gives
 * back is refunded, and the invoice is credited down to what the clinic keeps.
 */
export function cancelSettlement(
  taken: readonly { id: string; amountMinor: number; refundedMinor: number }[], invoice: { dueMinor: number; paidMinor: number },
  cancel: { late: boolean; by: 'client' | 'staff' | 'system' },
): CancelSettlement {
  const held = taken.map((p) => ({ paymentId: p.id, amountMinor: p.amountMinor - p.refundedMinor })).filter((p) => p.amountMinor > 0);
  const paidOnline = held.reduce((s, p) => s + p.amountMinor, 0);
  const refundedMinor = refundOnCancel(paidOnline, cancel);
  const refunds = refundedMinor === 0 ? [] : held;
  const keptMinor = paidOnline - refundedMinor;
  const creditMinor = Math.max(0, invoice.dueMinor - (invoice.paidMinor - refundedMinor));
  return { refunds, refundedMinor, keptMinor, creditMinor };
}

/**
 * What the client is told of their online payment when their booking is cancelled (the
 * cancellation e-mail and the portal say the same).
 */
export function refundSentence(p: { paidMinor: number; refundedMinor: number; keptMinor: number; currency: string }): string {
  if (p.refundedMinor > 0 && p.keptMinor === 0) {
    return `The ${formatMoney(p.refundedMinor, p.currency)} you paid online has been refunded the way you paid it (a card refund usually reaches your account within 5 to 10 working days).`;
  }
  if (p.refundedMinor > 0) return `${formatMoney(p.refundedMinor, p.currency)} of the ${formatMoney(p.paidMinor, p.currency)} you paid online has been refunded; the clinic keeps ${formatMoney(p.keptMinor, p.currency)}.`;
  return `As the cancellation was late, the clinic keeps the ${formatMoney(p.keptMinor, p.currency)} you paid online, as its cancellation policy says.`;
}
