import { parseMoney } from './money.ts';

/**
 * A gift voucher order as typed on a clinic's public page, checked without any I/O: a
 * value between the limits, or one of the clinic's priced treatments; who it is for; who
 * pays. Errors are per field, in words for the person typing.
 */

/** A value voucher sold online: at least £5, at most £1,000 (a larger gift is a desk sale). */
export const ONLINE_VOUCHER_MIN_MINOR = 500;
export const ONLINE_VOUCHER_MAX_MINOR = 100_000;

export interface VoucherOrderFields {
  choice?: string; amount?: string; serviceId?: string; recipientName?: string; recipientEmail?: string; message?: string; buyerName?: string; buyerEmail?: string;
}

export interface ParsedVoucherOrder {
  buyerName: string; buyerEmail: string; recipientName: string; recipientEmail: string | null; message: string | null;
  amountMinor: number | null; serviceId: string | null; totalMinor: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseVoucherOrder(f: VoucherOrderFields, treatments: { id: string; priceMinor: number }[]):
  { ok: true; order: ParsedVoucherOrder } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (v: string | undefined) => (v ?? '').trim();
  const choice = f.choice === 'treatment' ? 'treatment' : 'value';
  let amountMinor: number | null = null;
  let serviceId: string | null = null;
  let totalMinor = 0;
  if (choice === 'value') {
    const minor = parseMoney(text(f.amount));
    if (minor === null) errors.amount = 'Enter an amount in pounds, for example 50';
    else if (minor < ONLINE_VOUCHER_MIN_MINOR || minor > ONLINE_VOUCHER_MAX_MINOR) errors.amount = 'Choose an amount from £5 to £1,000';
    else if (minor % 100 !== 0) errors.amount = 'Choose a whole number of pounds';
    else totalMinor = amountMinor = minor;
  } else {
    const svc = treatments.find((t) => t.id === text(f.serviceId));
    if (!svc) errors.serviceId = 'Choose the treatment the voucher is for';
    else { serviceId = svc.id; totalMinor = svc.priceMinor; }
  }
  const recipientName = text(f.recipientName);
  if (!recipientName) errors.recipientName = 'Enter the name of the person the voucher is for';
  else if (recipientName.length > 120) errors.recipientName = 'Use at most 120 characters';
  const recipientEmail = text(f.recipientEmail).toLowerCase();
  if (recipientEmail && (recipientEmail.length > 254 || !EMAIL.test(recipientEmail))) errors.recipientEmail = 'Enter a valid e-mail address, or leave it empty to pass the voucher on yourself';
  const message = text(f.message);
  if (message.length > 300) errors.message = 'Keep the message to 300 characters';
  const buyerName = text(f.buyerName);
  if (!buyerName) errors.buyerName = 'Enter your name';
  else if (buyerName.length > 120) errors.buyerName = 'Use at most 120 characters';
  const buyerEmail = text(f.buyerEmail).toLowerCase();
  if (!EMAIL.test(buyerEmail) || buyerEmail.length > 254) errors.buyerEmail = 'Enter your e-mail address: the voucher and receipt are sent there';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, order: { buyerName, buyerEmail, recipientName, recipientEmail: recipientEmail || null, message: message || null, amountMinor, serviceId, totalMinor } };
}
