import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { runPrepared } from './prepared-query.ts';
import { qualifiedPractitioners } from '../../domain/scheduling/qualified-practitioners.ts';
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings, type ClinicInfo, type ServiceRow } from './availability.repository.ts';

/**
 * Everything an availability or booking request reads, in ONE round trip: the clinic, its
 * booking rules, the service, who gives it (with names), their weekly hours and
 * exceptions, closures, rooms of the service's kind, and the bookings that could clash;
 * optionally counting rate-limit events in the same statement. On this hot path each
 * round trip costs more than the engine itself, so the reads are one SQL statement of
 * sub-selects, each an index lookup, returned as JSON.
 */
export interface SnapshotQuery {
  where: { slug: string } | { clinicId: string };
  serviceId: string;
  /** Only this practitioner (still only if they give the service). */
  practitionerId?: string;
  /** Dates (`YYYY-MM-DD`) whose hours, exceptions and closures are needed; widen by a day for zones. */
  dateFrom: string;
  dateTo: string;
  /** Instants whose bookings are needed. */
  from: Date;
  to: Date;
  /** Holds that expired before this instant no longer block. */
  now: Date;
  excludeBookingId?: string;
  /** Rate-limit keys to count one event against, in fixed windows of `rateWindowSec`. */
  rateKeys?: readonly string[];
  rateWindowSec?: number;
}

export interface Snapshot {
  clinic: ClinicInfo | null;
  settings: BookingSettings;
  service: ServiceRow | null;
  /** Who gives the service and may be booked for it (see qualified-practitioners.ts). */
  practitioners: { id: string; name: string }[];
  /** Who gives the service but may not be booked for it: a facial service without a verified facial qualification. */
  unqualifiedPractitionerIds: string[];
  hours: { practitionerId: string; weekday: number; startMinute: number; endMinute: number }[];
  exceptions: { practitionerId: string; kind: 'time_off' | 'extra_hours'; startDate: string; endDate: string; startMinute: number | null; endMinute: number | null }[];
  closures: string[];
  roomIds: string[];
  /** Buffer-inclusive blocked ranges as epoch milliseconds. */
  bookings: { practitionerId: string | null; roomId: string | null; start: number; end: number }[];
  /** Busy times from the practitioners' outside calendars (busy_times), epoch milliseconds. */
  busy: { practitionerId: string; start: number; end: number }[];
  /** When the first held booking read here stops blocking (it lapses without a write), or null. */
  nextHoldExpiry: number | null;
  limits: { key: string; count: number; retryAfterSec: number }[];
  /** The clinic's scheduling version when read (see migration 0007); 0 without a clinic. */
  schedulingVersion: number;
}

/** A PostgreSQL array literal for a `::text[]` parameter (drizzle expands JS arrays into lists). */
export const pgTextArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

const ACTIVE = sql.raw(`('held','confirmed','arrived','completed')`);

export async function loadSnapshot(q: Queryable, query: SnapshotQuery): Promise<Snapshot> {
  const clinicWhere = 'slug' in query.where ? sql`slug = ${query.where.slug}` : sql`id = ${query.where.clinicId}::uuid`;
  const windowSec = query.rateWindowSec ?? 3600;
  const nowMs = Date.now();
  const windowStart = new Date(Math.floor(nowMs / (windowSec * 1000)) * windowSec * 1000);
  const keys = query.rateKeys ?? [];
  const pid = query.practitionerId ?? null;
  const rateCte = keys.length
    ? sql`rl as (
        insert into rate_limits (key, window_start, count)
        select k, ${windowStart.toISOString()}::timestamptz, 1 from unnest(${pgTextArray(keys)}::text[]) as k
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning key, count),`
    : sql`rl as (select null::text as key, 0 as count where false),`;
  const active = sql`b.status in ${ACTIVE}
              and (b.status <> 'held' or b.hold_expires_at > ${query.now.toISOString()}::timestamptz)
              and tstzrange(b.blocked_start, b.blocked_end, '[)') && tstzrange(${query.from.toISOString()}::timestamptz, ${query.to.toISOString()}::timestamptz, '[)')
              and (${query.excludeBookingId ?? null}::uuid is null or b.id <> ${query.excludeBookingId ?? null}::uuid)`;
  const [found] = await runPrepared<Record<string, unknown>>(q, sql`
    with ${rateCte}
    c as (select id, slug, name, time_zone, currency, email, phone, address_line1, town, postcode, scheduling_version from clinics where ${clinicWhere}),
    g as (
      select sp.practitioner_id as id, u.name,
        -- The facts the verified-qualification rule needs, read with who gives the service.
        exists (select 1 from qualifications q where q.clinic_id = sp.clinic_id and q.user_id = sp.practitioner_id
                  and q.is_facial_acupuncture and q.verified_at is not null) as verified_facial
      from service_practitioners sp
      join c on sp.clinic_id = c.id join users u on u.id = sp.practitioner_id
      -- Staff who left (deactivated) are no longer offered or bookable.
      join memberships m on m.clinic_id = sp.clinic_id and m.user_id = sp.practitioner_id and m.deactivated_at is null
      where sp.service_id = ${query.serviceId}::uuid and (${pid}::uuid is null or sp.practitioner_id = ${pid}::uuid)),
    -- Those who may be booked: facial services only with a verified facial qualification,
    -- unless the clinic turned the rule off (the same rule as qualified-practitioners.ts,
    -- here so that hours, exceptions and bookings are read only for them).
    p as (
      select g.id, g.name from g join c on true
      left join clinic_booking_settings st on st.clinic_id = c.id
      left join services sv on sv.clinic_id = c.id and sv.id = ${query.serviceId}::uuid
      where g.verified_facial or sv.kind is distinct from 'facial' or not coalesce(st.require_verified_facial_qualification, true)),
    r as (
      select rm.id, rm.sort_order, rm.name from rooms rm join c on rm.clinic_id = c.id
      join services s on s.clinic_id = c.id and s.id = ${query.serviceId}::uuid
      where rm.active and rm.kind = s.room_kind)
    select
      (select json_agg(json_build_array(key, count)) from rl) as limits,
      (select row_to_json(c) from c) as clinic,
      (select row_to_json(st) from clinic_booking_settings st join c on st.clinic_id = c.id) as settings,
      (select row_to_json(s) from services s join c on s.clinic_id = c.id where s.id = ${query.serviceId}::uuid) as service,
      (select json_agg(json_build_array(g.id, g.name, g.verified_facial) order by g.id) from g) as practitioners,
      (select json_agg(json_build_array(h.practitioner_id, h.weekday, h.start_minute, h.end_minute))
         from practitioner_weekly_hours h join c on h.clinic_id = c.id where h.practitioner_id in (select id from p)) as hours,
      (select json_agg(json_build_array(x.practitioner_id, x.kind, x.start_date, x.end_date, x.start_minute, x.end_minute))
         from schedule_exceptions x join c on x.clinic_id = c.id
        where x.practitioner_id in (select id from p) and x.end_date >= ${query.dateFrom}::date and x.start_date <= ${query.dateTo}::date) as exceptions,
      (select json_agg(cc.date) from clinic_closures cc join c on cc.clinic_id = c.id
        where cc.date between ${query.dateFrom}::date and ${query.dateTo}::date) as closures,
      (select json_agg(r.id order by r.sort_order, r.name) from r) as rooms,
      (select json_agg(json_build_array(bb.practitioner_id, bb.room_id,
                (extract(epoch from bb.blocked_start) * 1000)::bigint, (extract(epoch from bb.blocked_end) * 1000)::bigint,
                (extract(epoch from bb.hold_until) * 1000)::bigint))
         from (
           -- One GiST index lookup (the exclusion constraints' indexes) per practitioner and
           -- per room, never a scan of the clinic's bookings.
           select b.id, b.practitioner_id, b.room_id, b.blocked_start, b.blocked_end, case when b.status = 'held' then b.hold_expires_at end as hold_until
             from c cross join p cross join lateral (
               select * from bookings b where b.clinic_id = c.id and b.practitioner_id = p.id and ${active} offset 0) b
           union
           select b.id, b.practitioner_id, b.room_id, b.blocked_start, b.blocked_end, case when b.status = 'held' then b.hold_expires_at end as hold_until
             from c cross join r cross join lateral (
               select * from bookings b where b.clinic_id = c.id and b.room_id = r.id and ${active} offset 0) b) bb) as bookings,
      (select json_agg(json_build_array(bt.practitioner_id, (extract(epoch from bt.starts_at) * 1000)::bigint, (extract(epoch from bt.ends_at) * 1000)::bigint))
         from busy_times bt join c on bt.clinic_id = c.id
        where bt.practitioner_id in (select id from p)
          and bt.starts_at < ${query.to.toISOString()}::timestamptz and bt.ends_at > ${query.from.toISOString()}::timestamptz) as busy
  `);
  const row = (found ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const retryAfterSec = Math.max(1, Math.ceil((windowStart.getTime() + windowSec * 1000 - nowMs) / 1000));
  const c = row.clinic;
  const st = row.settings;
  const s = row.service;
  const givers: { id: string; name: string; verifiedFacial: boolean }[] = (row.practitioners ?? [])
    .map(([id, name, verifiedFacial]: [string, string, boolean]) => ({ id, name, verifiedFacial }));
  const qualified = new Set(s ? qualifiedPractitioners(s.kind, givers, { requireVerifiedFacialQualification: st ? st.require_verified_facial_qualification : true }).map((p) => p.id) : []);
  return {
    clinic: c ? { id: c.id, slug: c.slug, name: c.name, timeZone: c.time_zone, currency: c.currency, email: c.email, phone: c.phone, addressLine1: c.address_line1, town: c.town, postcode: c.postcode } : null,
    settings: st
      ? {
        minimumNoticeMin: st.minimum_notice_min, horizonDays: st.horizon_days, slotStepMin: st.slot_step_min, cancellationWindowHours: st.cancellation_window_hours,
        reminderLeadMin: st.reminder_lead_min, widgetOrigins: st.widget_origins, requireVerifiedFacialQualification: st.require_verified_facial_qualification,
      }
      : DEFAULT_BOOKING_SETTINGS,
    service: s ? {
      clinicId: s.clinic_id, id: s.id, slug: s.slug, name: s.name, kind: s.kind, description: s.description, durationMin: s.duration_min, priceMinor: s.price_minor,
      bufferBeforeMin: s.buffer_before_min, bufferAfterMin: s.buffer_after_min, bookableOnline: s.bookable_online, requiresConsultation: s.requires_consultation,
      newClientsOnly: s.new_clients_only, roomKind: s.room_kind, active: s.active, sortOrder: s.sort_order,
      onlinePayment: s.online_payment, depositMinor: s.deposit_minor,
    } : null,
    practitioners: givers.filter((p) => qualified.has(p.id)).map(({ id, name }) => ({ id, name })),
    unqualifiedPractitionerIds: givers.filter((p) => !qualified.has(p.id)).map((p) => p.id),
    hours: (row.hours ?? []).map(([practitionerId, weekday, startMinute, endMinute]: [string, number, number, number]) => ({ practitionerId, weekday, startMinute, endMinute })),
    exceptions: (row.exceptions ?? []).map(([practitionerId, kind, startDate, endDate, startMinute, endMinute]: [string, 'time_off' | 'extra_hours', string, string, number | null, number | null]) => ({ practitionerId, kind, startDate, endDate, startMinute, endMinute })),
    closures: row.closures ?? [],
    roomIds: row.rooms ?? [],
    bookings: (row.bookings ?? []).map(([practitionerId, roomId, start, end]: [string | null, string | null, number, number]) => ({ practitionerId, roomId, start: Number(start), end: Number(end) })),
    busy: (row.busy ?? []).map(([practitionerId, start, end]: [string, number, number]) => ({ practitionerId, start: Number(start), end: Number(end) })),
    nextHoldExpiry: (row.bookings ?? []).reduce((first: number | null, b: unknown[]) => (b[4] == null ? first : Math.min(first ?? Infinity, Number(b[4]))), null),
    limits: (row.limits ?? []).map(([key, count]: [string, number]) => ({ key, count, retryAfterSec })),
    schedulingVersion: c?.scheduling_version ?? 0,
  };
}
