/**
 * Money as integers of the currency's minor unit (pence), never floats. Prices at a UK
 * clinic are quoted to clients with VAT included, so a line's VAT is the part of its
 * gross amount that is tax: gross × rate / (1 + rate), rounded half up to the penny
 * (HMRC VAT Notice 700, section 17.5: rounding per line is accepted).
 */

/** Currencies a clinic may charge in (ISO 4217, two minor digits). */
export const CURRENCIES = ['GBP', 'EUR', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The largest amount one line or payment may carry: £1,000,000.00, far below 2^31. */
export const MAX_AMOUNT_MINOR = 100_000_000;

/** A VAT rate in basis points: 2000 is 20 %. */
export type RateBp = number;

/** Whether `n` is a whole, non-negative number of minor units within the limit. */
export const isAmount = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_AMOUNT_MINOR;

/** The VAT inside a VAT-inclusive gross amount, rounded half up to the minor unit. */
export function vatOfGross(grossMinor: number, rateBp: RateBp): number {
  if (rateBp <= 0) return 0;
  // Integer arithmetic only: round(gross × rate / (10000 + rate)).
  return Math.floor((grossMinor * rateBp * 2 + (10_000 + rateBp)) / ((10_000 + rateBp) * 2));
}

export interface LineInput {
  description: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface Line extends LineInput {
  totalMinor: number;
  vatMinor: number;
  netMinor: number;
}

/** A line's totals; VAT only when the clinic is VAT registered (`rateBp` > 0). */
export function priceLine(line: LineInput, rateBp: RateBp): Line {
  const totalMinor = line.quantity * line.unitPriceMinor;
  const vatMinor = vatOfGross(totalMinor, rateBp);
  return { ...line, totalMinor, vatMinor, netMinor: totalMinor - vatMinor };
}

/** The invoice's totals: the sums of its lines, so they always add up. */
export function invoiceTotals(lines: readonly Line[]) {
  return lines.reduce((t, l) => ({ totalMinor: t.totalMinor + l.totalMinor, vatMinor: t.vatMinor + l.vatMinor, netMinor: t.netMinor + l.netMinor }),
    { totalMinor: 0, vatMinor: 0, netMinor: 0 });
}

/** A document number as printed: the prefix and the number padded to six digits (INV-000042). */
export const documentNumber = (prefix: string, n: number) => `${prefix}-${String(n).padStart(6, '0')}`;

/** An amount for people: £1,234.50 (UK English). */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

/** An amount typed by a person ("85", "12.5", "£1,250.00") in minor units, without floats; null when it is not one. */
export function parseMoney(typed: string): number | null {
  const m = /^£?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$/.exec(typed.trim());
  if (!m) return null;
  const minor = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return minor <= MAX_AMOUNT_MINOR ? minor : null;
}
