import { z } from 'zod';
import { dateField } from '../scheduling/scheduling.schema.ts';

/** The sections of the practice report that export as CSV, one table each. */
export const REPORT_SECTIONS = ['utilisation', 'attendance', 'new-clients', 'conversion', 'retention', 'takings', 'outstanding', 'liability'] as const;

export const practiceReportQuery = z.object({
  /** First local date of the range, in the clinic's time zone (included). */
  startDate: dateField,
  /** Last local date (included); at most two years after the start. */
  endDate: dateField,
  /** Retention: came back within this many weeks of their first visit in the range. */
  retentionWeeks: z.coerce.number().int().min(1).max(52).default(8),
});

export const practiceReportCsvQuery = practiceReportQuery.extend({
  section: z.enum(REPORT_SECTIONS),
});

const share = z.number().min(0).nullable();

const utilisationRow = z.object({
  id: z.string(),
  name: z.string(),
  availableMinutes: z.int().min(0),
  bookedMinutes: z.int().min(0),
  /** Booked over available with one decimal; above 100 when booked outside working hours; null when none available. */
  percent: share,
});

const attendanceFigures = z.object({
  /** Kept + no-shows + late cancellations: the appointments still expected once the notice period began. */
  due: z.int().min(0),
  kept: z.int().min(0),
  noShows: z.int().min(0),
  lateCancellations: z.int().min(0),
  cancelledInTime: z.int().min(0),
  noShowPercent: share,
  lateCancellationPercent: share,
});

const minor = z.int();
const sums = z.object({ paymentsMinor: minor.min(0), refundsMinor: minor.min(0), netMinor: minor });
const byMethod = z.object({ card_terminal: minor, cash: minor, bank_transfer: minor, online_card: minor, netMinor: minor });

/** Takings by day, method and practitioner (integer minor units; net = payments − refunds). */
export const takingsFigures = z.object({
  total: sums,
  methods: z.array(sums.extend({ method: z.enum(['card_terminal', 'cash', 'bank_transfer', 'online_card']) })),
  /** By the practitioner of the visit invoiced; `id` null for sales that were for no visit. */
  practitioners: z.array(sums.extend({ id: z.string().nullable(), name: z.string() })),
  /** Every local day with takings or refunds, net per method. */
  days: z.array(byMethod.extend({ date: z.iso.date() })),
  /** The chart: each day of a range up to 62 days, else each week or month (by its first day). */
  chart: z.object({ unit: z.enum(['day', 'week', 'month']), periods: z.array(byMethod.extend({ start: z.iso.date() })) }),
  /** Paid from vouchers and package sessions (money taken when they were sold), net of refunds. */
  redeemed: z.object({ voucherMinor: minor, packageCreditMinor: minor }),
});

const moneyFigures = z.object({
  currency: z.string(),
  /** The moment outstanding invoices and liability are taken at: the end of the range, or now if sooner. */
  asOf: z.iso.datetime(),
  takings: takingsFigures,
  outstanding: z.object({
    count: z.int().min(0),
    totalMinor: minor.min(0),
    bands: z.array(z.object({ label: z.string(), count: z.int().min(0), totalMinor: minor.min(0) })),
    /** The oldest first, at most 200. */
    invoices: z.array(z.object({
      id: z.string(), number: z.string(), clientId: z.string(), clientName: z.string(), issuedAt: z.iso.datetime(),
      ageDays: z.int().min(0), totalMinor: minor.min(0), outstandingMinor: minor.min(0),
    })),
  }),
  liability: z.object({
    totalMinor: minor.min(0),
    packages: z.object({
      count: z.int().min(0), sessionsLeft: z.int().min(0), liabilityMinor: minor.min(0),
      byPackage: z.array(z.object({ name: z.string(), packages: z.int().min(0), sessionsLeft: z.int().min(0), liabilityMinor: minor.min(0) })),
    }),
    vouchers: z.object({ count: z.int().min(0), balanceMinor: minor.min(0) }),
  }),
});

export const practiceReportResponse = z.object({
  timeZone: z.string(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  /** The charts' periods: weeks (Monday first) up to 26 weeks, months beyond. */
  granularity: z.enum(['week', 'month']),
  utilisation: z.object({
    total: utilisationRow.omit({ id: true, name: true }),
    practitioners: z.array(utilisationRow),
    rooms: z.array(utilisationRow),
  }),
  attendance: z.object({
    total: attendanceFigures,
    practitioners: z.array(attendanceFigures.extend({ id: z.string(), name: z.string() })),
    periods: z.array(attendanceFigures.extend({ start: z.iso.date() })),
  }),
  newClients: z.object({
    total: z.int().min(0),
    periods: z.array(z.object({ start: z.iso.date(), count: z.int().min(0) })),
  }),
  conversion: z.object({
    consultations: z.int().min(0),
    converted: z.int().min(0),
    percent: share,
    byKind: z.array(z.object({ kind: z.string(), count: z.int().min(0) })),
  }),
  retention: z.object({
    weeks: z.int().min(1),
    seen: z.int().min(0),
    returned: z.int().min(0),
    stillOpen: z.int().min(0),
    percent: share,
  }),
  money: moneyFigures,
});
export type PracticeReport = z.infer<typeof practiceReportResponse>;

/** A practitioner's own takings, when the owner lets practitioners see them. */
export const myTakingsResponse = z.object({
  timeZone: z.string(),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  currency: z.string(),
  takings: takingsFigures,
});
export type MyTakings = z.infer<typeof myTakingsResponse>;
