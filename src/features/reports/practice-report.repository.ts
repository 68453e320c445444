import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { queryRows } from '../site/site.repository.ts';
import type { AttendanceCount } from '../../domain/reports/attendance.ts';
import type { CourseStart } from '../../domain/reports/client-figures.ts';

/**
 * The practice report's reads: aggregate SQL over the bookings of one clinic and one
 * range, so 100,000 bookings come back as a few hundred rows (never one row per booking).
 * Instants leave the database as epoch milliseconds (float8), local dates as text, counts
 * as int, so both drivers answer alike. Queries only; the rules are in src/domain/reports.
 */

/** A visit that took place (or is taking place). */
const VISIT = sql`('confirmed', 'arrived', 'completed')`;

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

/** Appointments starting in the range by local date, practitioner and outcome, from the daily roll-up. */
export async function attendanceCounts(q: Queryable, s: Span): Promise<AttendanceCount[]> {
  const rows = await queryRows<{ date: string; practitionerId: string; kept: number; noShows: number; late: number; inTime: number; other: number }>(q, sql`
    select t.date::text as date, t.practitioner_id as "practitionerId", sum(t.kept)::int as kept, sum(t.no_shows)::int as "noShows",
      sum(t.late_cancellations)::int as late, sum(t.cancelled_in_time)::int as "inTime", sum(t.other)::int as other
    from booking_day_totals t
    where t.clinic_id = ${s.clinicId} and t.date between ${s.startDate} and ${s.endDate}
    group by t.date, t.practitioner_id`);
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
 * session. One index probe per consulted client (bookings_client_idx), and one per
 * candidate course to check that none of its sessions came before the consultation.
 */
export async function consultationsAndCourses(q: Queryable, s: Span, now: number) {
  const until = Math.min(s.to, now);
  const rows = await queryRows<{ clientId: string; at: number; kind: string | null; startsAt: number | null }>(q, sql`
    with c as (
      select b.client_id, min(b.starts_at) as at
      from bookings b
      join services sv on sv.clinic_id = b.clinic_id and sv.id = b.service_id
      where b.clinic_id = ${s.clinicId} and b.kind = 'appointment' and sv.kind = 'consultation' and b.status in ${VISIT}
        and b.starts_at >= ${at(s.from)}::timestamptz and b.starts_at < ${at(until)}::timestamptz
      group by b.client_id)
    select c.client_id as "clientId", (extract(epoch from c.at) * 1000)::float8 as at,
      n.kind, (extract(epoch from n.starts_at) * 1000)::float8 as "startsAt"
    from c
    left join lateral (
      select sv.kind, b.starts_at
      from bookings b
      join services sv on sv.clinic_id = b.clinic_id and sv.id = b.service_id
      where b.clinic_id = ${s.clinicId} and b.client_id = c.client_id and b.kind = 'appointment' and b.starts_at > c.at
        and b.series_id is not null and sv.kind <> 'consultation' and b.status not in ('held', 'expired')
        and not exists (select 1 from bookings e where e.clinic_id = b.clinic_id and e.series_id = b.series_id and e.starts_at <= c.at)
      order by b.starts_at
      limit 1) n on true`);
  return {
    consultations: rows.map((r) => ({ clientId: r.clientId, at: r.at })),
    courses: rows.flatMap((r): CourseStart[] => (r.kind !== null && r.startsAt !== null ? [{ clientId: r.clientId, kind: r.kind, startsAt: r.startsAt }] : [])),
  };
}

/** Each client seen in the range: their first visit in it and their next visit after that (up to `now`). */
export function visitsAndReturns(q: Queryable, s: Span, now: number) {
  const until = Math.min(s.to, now);
  return queryRows<{ firstAt: number; nextAt: number | null }>(q, sql`
    with firsts as (
      select b.client_id, min(b.starts_at) as first_at
      from bookings b
      where b.clinic_id = ${s.clinicId} and b.kind = 'appointment' and b.status in ${VISIT}
        and b.starts_at >= ${at(s.from)}::timestamptz and b.starts_at < ${at(until)}::timestamptz
      group by b.client_id)
    select (extract(epoch from f.first_at) * 1000)::float8 as "firstAt",
      (select (extract(epoch from min(n.starts_at)) * 1000)::float8 from bookings n
        where n.clinic_id = ${s.clinicId} and n.client_id = f.client_id and n.kind = 'appointment' and n.status in ${VISIT}
          and n.starts_at > f.first_at and n.starts_at <= ${at(now)}::timestamptz) as "nextAt"
    from firsts f`);
}
