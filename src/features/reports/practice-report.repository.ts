import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { queryRows } from '../site/site.repository.ts';
import type { AttendanceCount } from '../../domain/reports/attendance.ts';
import { RETENTION_DEADLINE_MARGIN_MS } from '../../domain/reports/client-figures.ts';
import type { Granularity } from '../../domain/reports/report-period.ts';

/**
 * The practice report's reads, over the roll-ups that triggers keep in step with the
 * bookings (migration 0041, decision 0010): daily totals summed over the range's local
 * dates, and per-client rows found by one index probe per client, so 100,000 bookings
 * come back as a few hundred rows without being scanned. Instants leave the database as
 * epoch milliseconds (float8), local dates as text, counts as int, so both drivers answer
 * alike. Queries only; the rules are in src/domain/reports.
 */

const at = (ms: number) => new Date(ms).toISOString();

/** A report's range: its local dates (for the daily roll-ups) and the instants bounding them. */
export interface Span { clinicId: string; startDate: string; endDate: string; from: number; to: number }

/** Booked minutes inside the range by practitioner and room (null room: none), from the daily roll-up. */
export function bookedMinutes(q: Queryable, s: Span) {
  return queryRows<{ practitionerId: string; roomId: string | null; minutes: number }>(q, sql`
    select t.practitioner_id as "practitionerId", t.room_id as "roomId", (sum(t.booked_micros)::numeric / 60000000)::float8 as minutes
    from booking_day_totals t
    where t.clinic_id = ${s.clinicId} and t.date between ${s.startDate} and ${s.endDate}
    group by t.practitioner_id, t.room_id
    having sum(t.booked_micros) > 0`);
}

/**
 * Appointments starting in the range by outcome, practitioner and chart period (week or
 * month), from the daily roll-up. Each row's date is the first day of its period, or the
 * range's first day for a period that began before it: the same period for attendance().
 */
export async function attendanceCounts(q: Queryable, s: Span, granularity: Granularity): Promise<AttendanceCount[]> {
  const rows = await queryRows<{ date: string; practitionerId: string; kept: number; noShows: number; late: number; inTime: number; other: number }>(q, sql`
    select greatest(date_trunc(${granularity}, t.date::timestamp)::date, ${s.startDate}::date)::text as date, t.practitioner_id as "practitionerId",
      sum(t.kept)::int as kept, sum(t.no_shows)::int as "noShows", sum(t.late_cancellations)::int as late, sum(t.cancelled_in_time)::int as "inTime", sum(t.other)::int as other
    from booking_day_totals t
    where t.clinic_id = ${s.clinicId} and t.date between ${s.startDate} and ${s.endDate}
    group by 1, 2`);
  // One row per outcome, as attendance() counts them ('confirmed' stands for every kept status).
  return rows.flatMap((r) => ([
    ['confirmed', false, r.kept], ['no_show', false, r.noShows], ['cancelled', true, r.late], ['cancelled', false, r.inTime], ['held', false, r.other],
  ] as const).filter(([, , count]) => count > 0)
    .map(([status, lateCancellation, count]) => ({ date: r.date, practitionerId: r.practitionerId, status, lateCancellation, count })));
}

/** The first appointment ever of each client whose first appointment starts in the range (kept per client by a trigger). */
export async function firstVisits(q: Queryable, s: Span): Promise<number[]> {
  const rows = await queryRows<{ at: number }>(q, sql`
    select (extract(epoch from f.first_at) * 1000)::float8 as at
    from client_first_appointments f
    where f.clinic_id = ${s.clinicId} and f.first_at >= ${at(s.from)}::timestamptz and f.first_at < ${at(s.to)}::timestamptz`);
  return rows.map((r) => r.at);
}

/**
 * Each client's first consultation in the range that has begun by `now`, counted by the
 * kind of the first course (series) of a treatment that client began after it (null: none
 * yet), as conversion() counts them. One probe per client in client_visits (the
 * consultation whose previous consultation came before the range: one row per client, a
 * second consultation at the same instant following the first), where a trigger keeps the
 * course after each.
 */
export function conversionCounts(q: Queryable, s: Span, now: number) {
  const until = Math.min(s.to, now);
  return queryRows<{ kind: string | null; count: number }>(q, sql`
    select case when v.course_kind <> 'consultation' and v.course_at > v.starts_at then v.course_kind end as kind, count(*)::int as count
    from client_visits v
    where v.clinic_id = ${s.clinicId} and v.consultation
      and tstzrange(v.prev_consultation_at, v.starts_at, '(]') @> ${at(s.from)}::timestamptz and v.starts_at < ${at(until)}::timestamptz
    group by 1`);
}

/**
 * Each client seen in the range (up to `now`): one probe per client in client_visits (the
 * visit whose previous visit came before the range). Clients whose retention within
 * `weeks` cannot depend on a clock change are counted here (retention()'s `decided`: back,
 * still open, or neither, with RETENTION_DEADLINE_MARGIN_MS to spare); only the others
 * come back as rows, their first visit in the range and their next visit after that.
 */
export async function retentionVisits(q: Queryable, s: Span, now: number, weeks: number) {
  const until = Math.min(s.to, now);
  // Spans of pure time (seconds, no days), so adding them to an instant moves it by exactly that.
  const span = weeks * 7 * 86_400;
  const early = `${span - RETENTION_DEADLINE_MARGIN_MS / 1000} seconds`;
  const late = `${span + RETENTION_DEADLINE_MARGIN_MS / 1000} seconds`;
  const rows = await queryRows<{ decided: 'returned' | 'open' | 'gone' | null; count: number; firstAt: number | null; nextAt: number | null }>(q, sql`
    with c as (
      select v.starts_at, n.next_at, case
        when n.next_at <= v.starts_at + ${early}::interval then 'returned'
        when n.next_at <= v.starts_at + ${late}::interval then null
        when v.starts_at + ${early}::interval > ${at(now)}::timestamptz then 'open'
        when v.starts_at + ${late}::interval <= ${at(now)}::timestamptz then 'gone'
      end as decided
      from client_visits v, lateral (select case when v.next_at <= ${at(now)}::timestamptz then v.next_at end as next_at) n
      where v.clinic_id = ${s.clinicId} and tstzrange(v.prev_at, v.starts_at, '(]') @> ${at(s.from)}::timestamptz and v.starts_at < ${at(until)}::timestamptz)
    select c.decided, count(*)::int as count, null::float8 as "firstAt", null::float8 as "nextAt"
    from c where c.decided is not null
    group by 1
    union all
    select null, 1, (extract(epoch from c.starts_at) * 1000)::float8, (extract(epoch from c.next_at) * 1000)::float8
    from c where c.decided is null`);
  const decided = { seen: 0, returned: 0, stillOpen: 0 };
  const visits: { firstAt: number; nextAt: number | null }[] = [];
  for (const r of rows) {
    // An undecided client comes back as a row of its own (count 1).
    if (r.decided === null) {
      visits.push({ firstAt: r.firstAt!, nextAt: r.nextAt });
      continue;
    }
    decided.seen += r.count;
    if (r.decided === 'returned') decided.returned += r.count;
    if (r.decided === 'open') decided.stillOpen += r.count;
  }
  return { visits, decided };
}
