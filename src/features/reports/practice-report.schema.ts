import { z } from 'zod';
import { dateField } from '../scheduling/scheduling.schema.ts';

/** The sections of the practice report that export as CSV, one table each. */
export const REPORT_SECTIONS = ['utilisation', 'attendance', 'new-clients', 'conversion', 'retention'] as const;

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
  // Takings, outstanding invoices and package liability join here as further sections
  // once invoices and payments exist (issue 14); the page and CSV export take them the same way.
});
export type PracticeReport = z.infer<typeof practiceReportResponse>;
