/**
 * No-shows and late cancellations, with their rates, for appointments starting in the range.
 *
 * - kept: confirmed, arrived or completed;
 * - no-show: marked no-show;
 * - late cancellation: cancelled inside the clinic's notice period (the booking's own
 *   `late_cancellation` flag, set under the policy it was booked with);
 * - cancelled in time: cancelled with enough notice (the slot could be offered again);
 * - due: kept + no-shows + late cancellations, the appointments still expected once the
 *   notice period began. Both rates are shares of the due appointments, so cancellations
 *   made in good time do not dilute them.
 *
 * Holds never confirmed and expired holds are not appointments and are not counted.
 */

import { percentOf, periodStartOf, periodsOf, type Granularity, type ReportRange } from './report-period.ts';

export type AttendanceStatus = 'held' | 'confirmed' | 'arrived' | 'completed' | 'cancelled' | 'no_show' | 'expired';

/** Appointments of one local day, practitioner and outcome (an aggregate row). */
export interface AttendanceCount {
  /** The local date the appointments start on. */
  readonly date: string;
  readonly practitionerId: string;
  readonly status: AttendanceStatus;
  readonly lateCancellation: boolean;
  readonly count: number;
}

export interface AttendanceFigures {
  readonly due: number;
  readonly kept: number;
  readonly noShows: number;
  readonly lateCancellations: number;
  readonly cancelledInTime: number;
  /** No-shows over due appointments, one decimal; null when none were due. */
  readonly noShowPercent: number | null;
  readonly lateCancellationPercent: number | null;
}

export interface Attendance {
  readonly total: AttendanceFigures;
  readonly practitioners: (AttendanceFigures & { readonly id: string; readonly name: string })[];
  /** One entry per week or month, by its first day. */
  readonly periods: (AttendanceFigures & { readonly start: string })[];
}

interface Tally { kept: number; noShows: number; late: number; inTime: number }

const empty = (): Tally => ({ kept: 0, noShows: 0, late: 0, inTime: 0 });

function add(t: Tally, row: AttendanceCount) {
  switch (row.status) {
    case 'confirmed': case 'arrived': case 'completed': t.kept += row.count; break;
    case 'no_show': t.noShows += row.count; break;
    case 'cancelled': if (row.lateCancellation) t.late += row.count; else t.inTime += row.count; break;
    default: break;
  }
}

function figures(t: Tally): AttendanceFigures {
  const due = t.kept + t.noShows + t.late;
  return {
    due, kept: t.kept, noShows: t.noShows, lateCancellations: t.late, cancelledInTime: t.inTime,
    noShowPercent: percentOf(t.noShows, due), lateCancellationPercent: percentOf(t.late, due),
  };
}

/** Totals, per practitioner (in the order given) and per period of the range. */
export function attendance(input: {
  readonly range: ReportRange;
  readonly granularity: Granularity;
  readonly practitioners: readonly { readonly id: string; readonly name: string }[];
  readonly counts: readonly AttendanceCount[];
}): Attendance {
  const total = empty();
  const byPractitioner = new Map(input.practitioners.map((p) => [p.id, empty()]));
  const periods = periodsOf(input.range, input.granularity);
  const byPeriod = new Map(periods.map((p) => [p, empty()]));
  for (const row of input.counts) {
    if (row.date < input.range.startDate || row.date > input.range.endDate) continue;
    add(total, row);
    const p = byPractitioner.get(row.practitionerId);
    if (p) add(p, row);
    add(byPeriod.get(periodStartOf(row.date, input.granularity))!, row);
  }
  return {
    total: figures(total),
    practitioners: input.practitioners.map((p) => ({ id: p.id, name: p.name, ...figures(byPractitioner.get(p.id)!) })),
    periods: periods.map((start) => ({ start, ...figures(byPeriod.get(start)!) })),
  };
}
