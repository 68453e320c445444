import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, unique, uuid,
} from 'drizzle-orm/pg-core';
import { clients, clinics, memberships, services } from './clinics.ts';

/**
 * Scheduling and booking. Every table is clinic-owned: `clinic_id` leads each primary,
 * unique and foreign key so the schema can be distributed by clinic.
 *
 * Wall-clock rules (weekly hours, exceptions, closures) are stored as local dates and
 * minutes since local midnight, and resolved to instants by the availability engine in
 * the clinic's time zone, so they follow daylight-saving changes. Bookings are instants.
 */

/** A treatment room. `kind` matches `services.room_kind` (e.g. `treatment`, `massage`). */
export const rooms = pgTable(
  'rooms',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    kind: text().notNull(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), unique('rooms_clinic_name_uq').on(t.clinicId, t.name)],
);

/**
 * A practitioner's recurring working hours: one row per interval per weekday
 * (0 = Sunday … 6 = Saturday), so a break is the gap between two intervals of a day.
 * Minutes since local midnight, `end_minute` up to 1440.
 */
export const practitionerWeeklyHours = pgTable(
  'practitioner_weekly_hours',
  {
    clinicId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    weekday: smallint().notNull(),
    startMinute: integer().notNull(),
    endMinute: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.practitionerId, t.weekday, t.startMinute] }),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    check('weekly_hours_weekday_ck', sql`${t.weekday} between 0 and 6`),
    check('weekly_hours_minutes_ck', sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
  ],
);

export const EXCEPTION_KINDS = ['time_off', 'extra_hours'] as const;

/**
 * One-off changes to a practitioner's hours. `time_off` covers whole days from
 * `start_date` to `end_date` when the minutes are null, or the same minutes of each of
 * those days (an afternoon off); `extra_hours` adds an interval to one date.
 */
export const scheduleExceptions = pgTable(
  'schedule_exceptions',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    practitionerId: uuid().notNull(),
    kind: text({ enum: EXCEPTION_KINDS }).notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    startMinute: integer(),
    endMinute: integer(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    index('schedule_exceptions_lookup_idx').on(t.clinicId, t.practitionerId, t.endDate),
    check('schedule_exceptions_dates_ck', sql`${t.startDate} <= ${t.endDate}`),
    check('schedule_exceptions_minutes_ck', sql`(${t.startMinute} is null and ${t.endMinute} is null and ${t.kind} = 'time_off')
      or (${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute})`),
  ],
);

/** Days the whole clinic is closed (bank holidays): no practitioner is bookable. */
export const clinicClosures = pgTable(
  'clinic_closures',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    name: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.date] })],
);

/**
 * A clinic's booking rules. A clinic without a row uses the defaults below (the same
 * values as the column defaults, see `DEFAULT_BOOKING_SETTINGS`).
 */
export const clinicBookingSettings = pgTable(
  'clinic_booking_settings',
  {
    clinicId: uuid().primaryKey().references(() => clinics.id, { onDelete: 'cascade' }),
    minimumNoticeMin: integer().notNull().default(120),
    horizonDays: integer().notNull().default(84),
    slotStepMin: integer().notNull().default(15),
    /** Cancelling later than this many hours before the start is allowed but marked late. */
    cancellationWindowHours: integer().notNull().default(24),
    reminderLeadMin: integer().notNull().default(1440),
    /** Origins (scheme://host[:port]) allowed to embed the booking widget (CORS). */
    widgetOrigins: text().array().notNull().default(sql`'{}'::text[]`),
    /** Facial services are booked only with practitioners whose facial qualification the owner verified. */
    requireVerifiedFacialQualification: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('booking_settings_ranges_ck', sql`${t.minimumNoticeMin} >= 0 and ${t.horizonDays} between 1 and 730
      and ${t.slotStepMin} between 5 and 240 and ${t.cancellationWindowHours} between 0 and 720 and ${t.reminderLeadMin} between 0 and 10080`),
  ],
);

export const BOOKING_STATUSES = ['held', 'confirmed', 'arrived', 'completed', 'cancelled', 'no_show', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/**
 * Statuses that occupy time. The exclusion constraints (migration 0003) apply only to
 * these, so cancelled, no-show and expired rows never block a slot. A `held` row past
 * its `hold_expires_at` still blocks until it is swept to `expired`; the booking service
 * sweeps overlapping expired holds and retries when an insert hits one.
 */
export const ACTIVE_BOOKING_STATUSES = ['held', 'confirmed', 'arrived', 'completed'] as const satisfies readonly BookingStatus[];

/**
 * Appointments and staff-blocked time in one table, so the database itself refuses any
 * overlap between them: exclusion constraints on (clinic_id, practitioner_id) and
 * (clinic_id, room_id) over `tstzrange(blocked_start, blocked_end)`, which includes the
 * buffers recorded at booking time (cleaning and needle disposal).
 */
export const bookings = pgTable(
  'bookings',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: ['appointment', 'block'] }).notNull().default('appointment'),
    serviceId: uuid(),
    /** Null only for a block of a room alone (e.g. the room is out of use). */
    practitionerId: uuid(),
    clientId: uuid(),
    roomId: uuid(),
    /** Sessions booked together as a course share one id. */
    seriesId: uuid(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    bufferBeforeMin: integer().notNull().default(0),
    bufferAfterMin: integer().notNull().default(0),
    /** `starts_at − buffer_before`, `ends_at + buffer_after`: the time the booking occupies. */
    blockedStart: timestamp({ withTimezone: true }).notNull(),
    blockedEnd: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: BOOKING_STATUSES }).notNull(),
    /** A held booking (e-mail not yet confirmed) stops blocking its slot after this instant. */
    holdExpiresAt: timestamp({ withTimezone: true }),
    source: text({ enum: ['online', 'staff'] }).notNull(),
    /** The client's `Idempotency-Key`: a retried request returns this booking instead of booking twice. */
    idempotencyKey: text(),
    /** SHA-256 of the secret in the client's confirm, reschedule and cancel links; replaced whenever a new link is sent. */
    manageTokenHash: text(),
    /** A block's label (e.g. "Training"); never clinical content. */
    note: text(),
    /**
     * The cancellation notice (hours) of the clinic's policy when this was booked: a later
     * change of the policy does not apply to it. Null for bookings made before it was kept
     * (the clinic's current notice applies to those) and for blocks.
     */
    cancellationWindowHours: integer(),
    lateCancellation: boolean().notNull().default(false),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: text({ enum: ['client', 'staff', 'system'] }),
    reminderSentAt: timestamp({ withTimezone: true }),
    /** Bumped on every change; the diary sends it back as `If-Match` so two people cannot move one booking at once. */
    version: integer().notNull().default(1),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.roomId], foreignColumns: [rooms.clinicId, rooms.id] }),
    unique('bookings_idempotency_uq').on(t.clinicId, t.idempotencyKey),
    unique('bookings_manage_token_uq').on(t.clinicId, t.manageTokenHash),
    index('bookings_client_idx').on(t.clinicId, t.clientId, t.startsAt),
    index('bookings_diary_idx').on(t.clinicId, t.startsAt),
    index('bookings_series_idx').on(t.clinicId, t.seriesId),
    index('bookings_reminder_due_idx').on(t.startsAt).where(sql`${t.status} = 'confirmed' and ${t.reminderSentAt} is null`),
    index('bookings_hold_expiry_idx').on(t.holdExpiresAt).where(sql`${t.status} = 'held'`),
    check('bookings_times_ck', sql`${t.startsAt} < ${t.endsAt} and ${t.blockedStart} <= ${t.startsAt} and ${t.blockedEnd} >= ${t.endsAt}`),
    check('bookings_kind_ck', sql`(${t.kind} = 'appointment' and ${t.serviceId} is not null and ${t.practitionerId} is not null and ${t.clientId} is not null)
      or (${t.kind} = 'block' and ${t.clientId} is null and (${t.practitionerId} is not null or ${t.roomId} is not null))`),
    check('bookings_hold_ck', sql`${t.status} <> 'held' or ${t.holdExpiresAt} is not null`),
  ],
);

/** A client waiting for a slot of a service on a date; e-mailed when one frees up. */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    serviceId: uuid().notNull(),
    /** Null: any practitioner who gives the service. */
    practitionerId: uuid(),
    date: date({ mode: 'string' }).notNull(),
    status: text({ enum: ['waiting', 'booked', 'removed'] }).notNull().default('waiting'),
    lastNotifiedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }).onDelete('cascade'),
    unique('waitlist_client_day_uq').on(t.clinicId, t.clientId, t.serviceId, t.date),
    index('waitlist_day_idx').on(t.clinicId, t.date, t.status),
  ],
);

/** A practitioner's secret iCalendar feed; only the token's SHA-256 is kept. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    clinicId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.practitionerId] }),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    unique('calendar_feeds_token_uq').on(t.clinicId, t.tokenHash),
  ],
);

/**
 * Further secrets for a booking's links, issued after the first one (kept on the booking
 * as `manage_token_hash`): a reminder or a move made by staff sends fresh links while the
 * links in earlier e-mails keep working. Only SHA-256 hashes are stored.
 */
export const bookingLinkTokens = pgTable(
  'booking_link_tokens',
  {
    clinicId: uuid().notNull(),
    tokenHash: text().notNull(),
    bookingId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.tokenHash] }),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
  ],
);
