/**
 * The figures about clients: new clients, consultation-to-course conversion and retention.
 *
 * - new client: a client whose first appointment ever (booked and not cancelled, a
 *   no-show included) starts in the range; counted on the local date of that appointment;
 * - conversion: of the clients whose first consultation in the range took place
 *   (confirmed, arrived or completed, and already begun), how many went on to book a
 *   course: a series of sessions of a treatment (not a consultation) whose first session
 *   starts after that consultation. Counted up to today, so a recent consultation may
 *   still convert;
 * - retention: of the clients seen in the range (an appointment confirmed, arrived or
 *   completed that has begun), how many came back within N weeks of their first visit in
 *   the range. A client whose N weeks have not yet passed and who has not yet come back is
 *   "still open" and left out of the rate, so recent visits do not drag it down.
 *
 * Instants are epoch milliseconds; N weeks are calendar weeks in the clinic's time zone
 * (the same local time N weeks later, across a clock change).
 */

import { localDate, percentOf, periodStartOf, periodsOf, plusLocalWeeks, type Granularity, type ReportRange } from './report-period.ts';

/** New clients per period, from each new client's first appointment instant. */
export function newClients(input: {
  readonly range: ReportRange;
  readonly granularity: Granularity;
  readonly timeZone: string;
  readonly firstVisits: readonly number[];
}): { total: number; periods: { start: string; count: number }[] } {
  const periods = periodsOf(input.range, input.granularity);
  const counts = new Map(periods.map((p) => [p, 0]));
  let total = 0;
  for (const at of input.firstVisits) {
    const date = localDate(at, input.timeZone);
    if (date < input.range.startDate || date > input.range.endDate) continue;
    total += 1;
    const key = periodStartOf(date, input.granularity);
    counts.set(key, counts.get(key)! + 1);
  }
  return { total, periods: periods.map((start) => ({ start, count: counts.get(start)! })) };
}

/** A course (series) a client booked: the service kind and its first session. */
export interface CourseStart {
  readonly clientId: string;
  readonly kind: string;
  readonly startsAt: number;
}

export interface Conversion {
  /** Clients whose first consultation in the range took place. */
  readonly consultations: number;
  /** Of them, those who booked a course afterwards. */
  readonly converted: number;
  readonly percent: number | null;
  /** Converted clients by the kind of the first course they booked after it. */
  readonly byKind: { readonly kind: string; readonly count: number }[];
}

/**
 * Consultation-to-course conversion. `consultations` are each client's first consultation
 * in the range that took place; `courses` every course of any client (any time).
 */
export function conversion(input: {
  readonly consultations: readonly { readonly clientId: string; readonly at: number }[];
  readonly courses: readonly CourseStart[];
}): Conversion {
  const byClient = new Map<string, CourseStart[]>();
  for (const c of input.courses) {
    if (c.kind === 'consultation') continue;
    const list = byClient.get(c.clientId) ?? [];
    list.push(c);
    byClient.set(c.clientId, list);
  }
  const counts = new Map<string | null, number>();
  for (const consultation of input.consultations) {
    const next = (byClient.get(consultation.clientId) ?? [])
      .filter((c) => c.startsAt > consultation.at)
      .sort((a, b) => a.startsAt - b.startsAt)[0];
    const kind = next?.kind ?? null;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return conversionOfCounts([...counts].map(([kind, count]) => ({ kind, count })));
}

/**
 * Conversion from consultations already counted by the kind of the first course booked
 * after each (null: none yet), as conversion() would count them one by one.
 */
export function conversionOfCounts(counts: readonly { readonly kind: string | null; readonly count: number }[]): Conversion {
  const kinds = new Map<string, number>();
  let consultations = 0;
  let converted = 0;
  for (const { kind, count } of counts) {
    consultations += count;
    if (kind === null) continue;
    converted += count;
    kinds.set(kind, (kinds.get(kind) ?? 0) + count);
  }
  return {
    consultations,
    converted,
    percent: percentOf(converted, consultations),
    byKind: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
  };
}

export interface Retention {
  readonly weeks: number;
  /** Clients seen in the range. */
  readonly seen: number;
  /** Came back within the weeks. */
  readonly returned: number;
  /** Not back yet, and their weeks are not over. */
  readonly stillOpen: number;
  /** Returned over (seen − still open), one decimal; null when no one's weeks are over. */
  readonly percent: number | null;
}

/**
 * How far the deadline of retention() can lie from `weeks` × 7 × 24 hours after the first
 * visit: the difference of two UTC offsets, which lie between −12 and +14 hours, so at most
 * 26 hours. Two days is safely more.
 */
export const RETENTION_DEADLINE_MARGIN_MS = 2 * 86_400_000;

/**
 * Retention within `weeks`. Each row is a client's first visit in the range and their
 * next visit after it (null when there is none yet). `decided` adds clients the read
 * already counted because their outcome cannot depend on the clock changes: back more
 * than RETENTION_DEADLINE_MARGIN_MS before `weeks` × 7 days after their first visit, or
 * not back until that margin after it (still open if that margin before it is after `now`,
 * not if that margin after it is not).
 */
export function retention(input: {
  readonly timeZone: string;
  readonly weeks: number;
  readonly now: number;
  readonly visits: readonly { readonly firstAt: number; readonly nextAt: number | null }[];
  readonly decided?: { readonly seen: number; readonly returned: number; readonly stillOpen: number };
}): Retention {
  let returned = input.decided?.returned ?? 0;
  let stillOpen = input.decided?.stillOpen ?? 0;
  for (const v of input.visits) {
    const deadline = plusLocalWeeks(v.firstAt, input.weeks, input.timeZone);
    if (v.nextAt !== null && v.nextAt <= deadline) returned += 1;
    else if (deadline > input.now) stillOpen += 1;
  }
  const seen = input.visits.length + (input.decided?.seen ?? 0);
  return { weeks: input.weeks, seen, returned, stillOpen, percent: percentOf(returned, seen - stillOpen) };
}
