/**
 * The money figures of the practice report: takings, outstanding invoices and what the
 * clinic still owes its clients in package sessions and gift vouchers. Integer minor units
 * (pence) throughout; the ledger rules behind them are documented atop
 * src/data/schema/money.ts.
 *
 * - takings: money received (card terminal, cash, bank transfer, card online) recorded in
 *   the range, less the refunds of such money recorded in the range, by the local day it
 *   was recorded, by method and by the practitioner of the visit invoiced. A package or
 *   voucher sale is takings when sold; paying with a package session or a voucher later
 *   moves no money (it is shown apart as "paid from packages and vouchers");
 * - outstanding: invoices issued by the report's moment (the end of the range, or now if
 *   sooner) that were not fully paid then (total − credit notes − payments + refunds),
 *   with their age in days (summed by age band in SQL, the oldest 200 listed);
 * - liability at the same moment: sessions left on packages bought and not expired, each
 *   at the package's price shared equally (floored: the remainder went with the first
 *   sessions), and the balances of gift vouchers not expired.
 */

import { addDays } from './at-a-glance.ts';
import { periodStartOf, periodsOf, rangeDays, type Granularity, type ReportRange } from './report-period.ts';

/** Methods that move money, in the order the report shows them. */
export const MONEY_METHODS = ['card_terminal', 'cash', 'bank_transfer', 'online_card'] as const;
export type MoneyMethod = (typeof MONEY_METHODS)[number];
const isMoney = (m: string): m is MoneyMethod => (MONEY_METHODS as readonly string[]).includes(m);

/** Charts show days up to this many days; weeks or months beyond. */
export const DAILY_CHART_DAYS = 62;

/** Payments and refunds of one method, summed for one local day or for one practitioner. */
export interface TakingsRow {
  /** The local date, for a by-day row; null for a by-practitioner row. */
  readonly date: string | null;
  /** The visit's practitioner, for a by-practitioner row (null: the invoice was for no visit). */
  readonly practitionerId: string | null;
  readonly method: string;
  readonly paymentsMinor: number;
  readonly refundsMinor: number;
}

/** An invoice with something left to pay at the report's moment. */
export interface OutstandingRow {
  readonly id: string;
  readonly number: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly issuedAt: number;
  readonly totalMinor: number;
  readonly outstandingMinor: number;
}

/** Packages of one name still holding sessions at the report's moment. */
export interface PackageLiabilityRow {
  readonly name: string;
  readonly packages: number;
  readonly sessionsLeft: number;
  readonly liabilityMinor: number;
}

export interface Sums { paymentsMinor: number; refundsMinor: number; netMinor: number }
export type ByMethod = Record<MoneyMethod, number>;

const sums = (): Sums => ({ paymentsMinor: 0, refundsMinor: 0, netMinor: 0 });
const byMethod = (): ByMethod => ({ card_terminal: 0, cash: 0, bank_transfer: 0, online_card: 0 });
function addTo(s: Sums, r: TakingsRow) {
  s.paymentsMinor += r.paymentsMinor;
  s.refundsMinor += r.refundsMinor;
  s.netMinor += r.paymentsMinor - r.refundsMinor;
}

/** Age bands of outstanding invoices, in days since issue. */
export const AGE_BANDS = [
  { label: '0–30 days', max: 30 },
  { label: '31–60 days', max: 60 },
  { label: '61–90 days', max: 90 },
  { label: 'Over 90 days', max: Infinity },
] as const;

/** At most this many outstanding invoices are listed (oldest first); the totals count them all. */
export const OUTSTANDING_LISTED = 200;

/** Takings by day (and by chart period), method and practitioner, and what was paid without money. */
export function takings(input: {
  readonly range: ReportRange;
  readonly granularity: Granularity;
  readonly practitioners: readonly { readonly id: string; readonly name: string }[];
  readonly rows: readonly TakingsRow[];
}) {
  const total = sums();
  const methods = new Map(MONEY_METHODS.map((m) => [m, sums()]));
  const days = new Map<string, ByMethod & { netMinor: number }>();
  const byPractitioner = new Map<string | null, Sums>();
  const redeemed = { voucherMinor: 0, packageCreditMinor: 0 };
  for (const r of input.rows) {
    if (r.date !== null) {
      if (r.date < input.range.startDate || r.date > input.range.endDate) continue;
      const net = r.paymentsMinor - r.refundsMinor;
      if (!isMoney(r.method)) {
        if (r.method === 'voucher') redeemed.voucherMinor += net;
        if (r.method === 'package_credit') redeemed.packageCreditMinor += net;
        continue;
      }
      addTo(total, r);
      addTo(methods.get(r.method)!, r);
      const day = days.get(r.date) ?? { ...byMethod(), netMinor: 0 };
      day[r.method] += net;
      day.netMinor += net;
      days.set(r.date, day);
    } else if (isMoney(r.method)) {
      const s = byPractitioner.get(r.practitionerId) ?? sums();
      addTo(s, r);
      byPractitioner.set(r.practitionerId, s);
    }
  }
  const named = new Map(input.practitioners.map((p) => [p.id, p.name]));
  const practitioners = [
    // Everyone listed (in the order given) who took money, then anyone no longer listed,
    // then the sales that were for no visit (packages, vouchers).
    ...input.practitioners.filter((p) => byPractitioner.has(p.id)).map((p) => ({ id: p.id as string | null, name: p.name, ...byPractitioner.get(p.id)! })),
    ...[...byPractitioner].filter(([id]) => id !== null && !named.has(id)).map(([id, s]) => ({ id, name: 'A former practitioner', ...s })),
    ...(byPractitioner.has(null) ? [{ id: null, name: 'Not for a visit (packages, vouchers)', ...byPractitioner.get(null)! }] : []),
  ];
  const dayList = [...days].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d }));
  // The chart: every day of a short range (empty days too), else weeks or months.
  const daily = rangeDays(input.range) <= DAILY_CHART_DAYS;
  const chartKeys = daily ? everyDay(input.range) : periodsOf(input.range, input.granularity);
  const chart = new Map(chartKeys.map((k) => [k, { ...byMethod(), netMinor: 0 }]));
  for (const d of dayList) {
    const c = chart.get(daily ? d.date : periodStartOf(d.date, input.granularity))!;
    for (const m of MONEY_METHODS) c[m] += d[m];
    c.netMinor += d.netMinor;
  }
  return {
    total,
    methods: MONEY_METHODS.map((method) => ({ method, ...methods.get(method)! })),
    practitioners,
    days: dayList,
    chart: { unit: daily ? ('day' as const) : input.granularity, periods: [...chart].map(([start, c]) => ({ start, ...c })) },
    redeemed,
  };
}

function everyDay(range: ReportRange): string[] {
  const out: string[] = [];
  for (let d = range.startDate; d <= range.endDate; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Whole days from `issuedAt` to `asOf` (an invoice issued today is 0 days old). */
export const ageInDays = (issuedAt: number, asOf: number) => Math.max(0, Math.floor((asOf - issuedAt) / 86_400_000));

/** Outstanding invoices of one age band (its index in AGE_BANDS): how many, and what they owe. */
export interface OutstandingBand {
  readonly band: number;
  readonly count: number;
  readonly totalMinor: number;
}

/**
 * Outstanding invoices at a moment, summed by age band, with at least the
 * OUTSTANDING_LISTED oldest of them: every invoice issued no later than the last of those,
 * so that ties at the edge are all there to sort.
 */
export interface OutstandingSummary {
  readonly bands: readonly OutstandingBand[];
  readonly oldest: readonly OutstandingRow[];
}

/**
 * Where the age bands begin after the first, in whole days (31, 61, 91): an invoice's band
 * is how many of these its age reaches (SQL's width_bucket).
 */
export const AGE_BAND_STARTS = AGE_BANDS.slice(0, -1).map((b) => b.max + 1);

/** Outstanding invoices at `asOf`: count, total, age bands, and the oldest listed. */
export function outstanding(summary: OutstandingSummary, asOf: number) {
  const listed = summary.oldest.filter((r) => r.outstandingMinor > 0).map((r) => ({ ...r, ageDays: ageInDays(r.issuedAt, asOf) }));
  listed.sort((a, b) => a.issuedAt - b.issuedAt || a.number.localeCompare(b.number));
  const bands = AGE_BANDS.map((b) => ({ label: b.label, count: 0, totalMinor: 0 }));
  for (const b of summary.bands) {
    bands[b.band]!.count += b.count;
    bands[b.band]!.totalMinor += b.totalMinor;
  }
  return {
    count: bands.reduce((s, b) => s + b.count, 0),
    totalMinor: bands.reduce((s, b) => s + b.totalMinor, 0),
    bands,
    invoices: listed.slice(0, OUTSTANDING_LISTED).map(({ issuedAt, ...r }) => ({ ...r, issuedAt: new Date(issuedAt).toISOString() })),
  };
}

/** What the clinic owes in sessions and vouchers at `asOf`. */
export function liability(packages: readonly PackageLiabilityRow[], vouchers: { count: number; balanceMinor: number }) {
  const byPackage = [...packages].filter((p) => p.sessionsLeft > 0).sort((a, b) => b.liabilityMinor - a.liabilityMinor || a.name.localeCompare(b.name));
  const packagesMinor = byPackage.reduce((s, p) => s + p.liabilityMinor, 0);
  return {
    totalMinor: packagesMinor + vouchers.balanceMinor,
    packages: {
      count: byPackage.reduce((s, p) => s + p.packages, 0),
      sessionsLeft: byPackage.reduce((s, p) => s + p.sessionsLeft, 0),
      liabilityMinor: packagesMinor,
      byPackage,
    },
    vouchers,
  };
}
