import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { queryRows } from '../site/site.repository.ts';
import type { AttendanceCount } from '../../domain/reports/attendance.ts';
import type { CourseStart } from '../../domain/reports/client-figures.ts';
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
 * Each client's first consultation in the range that has begun by `now`, and the first
 * course (series) of a treatment that client began after it: its service kind and first
 * session. One probe per client in client_visits (the consultation whose previous
 * consultation came before the range), where a trigger keeps the course after each.
 */
export async function consultationsAndCourses(q: Queryable, s: Span, now: number) {
  const until = Math.min(s.to, now);
  const rows = await queryRows<{ clientId: string; at: number; kind: string | null; startsAt: number | null }>(q, sql`
    select v.client_id as "clientId", (extract(epoch from v.starts_at) * 1000)::float8 as at,
      v.course_kind as kind, (extract(epoch from v.course_at) * 1000)::float8 as "startsAt"
    from client_visits v
    where v.clinic_id = ${s.clinicId} and v.consultation
      and tstzrange(v.prev_consultation_at, v.starts_at, '(]') @> ${at(s.from)}::timestamptz and v.starts_at < ${at(until)}::timestamptz`);
  return {
    consultations: rows.map((r) => ({ clientId: r.clientId, at: r.at })),
    courses: rows.flatMap((r): CourseStart[] => (r.kind !== null && r.startsAt !== null ? [{ clientId: r.clientId, kind: r.kind, startsAt: r.startsAt }] : [])),
  };
}

/**
 * Each client seen in the range: their first visit in it and their next visit after that
 * (up to `now`). One probe per client in client_visits (the visit whose previous visit
 * came before the range).
 */
export function visitsAndReturns(q: Queryable, s: Span, now: number) {
  const until = Math.min(s.to, now);
  return queryRows<{ firstAt: number; nextAt: number | null }>(q, sql`
    select (extract(epoch from v.starts_at) * 1000)::float8 as "firstAt",
      case when v.next_at <= ${at(now)}::timestamptz then (extract(epoch from v.next_at) * 1000)::float8 end as "nextAt"
    from client_visits v
    where v.clinic_id = ${s.clinicId} and tstzrange(v.prev_at, v.starts_at, '(]') @> ${at(s.from)}::timestamptz and v.starts_at < ${at(until)}::timestamptz`);
}
