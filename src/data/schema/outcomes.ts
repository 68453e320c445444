import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients, clinics, services } from './clinics.ts';
import { bookings } from './scheduling.ts';

/**
 * Outcome measures: which measures a clinic asks per service and when, and the
 * questionnaires sent to clients with their answers and scores (health data: every read and
 * write audited, never logged). Measure definitions and scoring live in src/domain/outcomes.
 */

/** A measure the clinic asks for a service, and when (see `measureScheduleSchema`). */
export const serviceMeasures = pgTable(
  'service_measures',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    serviceId: uuid().notNull(),
    measureKey: text().notNull(),
    baseline: boolean().notNull().default(true),
    /** Before every N-th session after the first; null for never. */
    everyNSessions: integer(),
    endOfCourse: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.serviceId, t.measureKey] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }).onDelete('cascade'),
    check('service_measures_every_ck', sql`${t.everyNSessions} is null or ${t.everyNSessions} between 1 and 52`),
  ],
);

export const QUESTIONNAIRE_TIMINGS = ['baseline', 'interval', 'end', 'extra'] as const;
export const QUESTIONNAIRE_STATUSES = ['pending', 'answered', 'cancelled'] as const;

/**
 * One questionnaire asked of a client before a session: the exact questionnaire as sent
 * (form, scores, anchors: a measure's later edits do not change what was asked), and once
 * answered, the answers and scores. The questionnaires for one session share one e-mail
 * link (`token_hash`, SHA-256 of the secret), valid until `token_expires_at`.
 */
export const outcomeRequests = pgTable(
  'outcome_requests',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    bookingId: uuid().notNull(),
    serviceId: uuid().notNull(),
    measureKey: text().notNull(),
    measureVersion: integer().notNull(),
    timing: text({ enum: QUESTIONNAIRE_TIMINGS }).notNull(),
    /** The session's number among the client's sessions of the service (1 = first). */
    sessionNumber: integer().notNull(),
    questionnaire: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: QUESTIONNAIRE_STATUSES }).notNull().default('pending'),
    tokenHash: text(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    answers: jsonb().$type<Record<string, unknown>>(),
    /** Score id → score (null when too few items were answered to score). */
    scores: jsonb().$type<Record<string, number | null>>(),
    answeredAt: timestamp({ withTimezone: true }),
    /** The user who entered the answers (null when answered from the e-mail link). */
    answeredBy: uuid(),
    emailedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }),
    unique('outcome_requests_booking_measure_uq').on(t.clinicId, t.bookingId, t.measureKey),
    index('outcome_requests_client_idx').on(t.clinicId, t.clientId, t.measureKey),
    index('outcome_requests_token_idx').on(t.tokenHash),
    check('outcome_requests_answered_ck', sql`(${t.status} = 'answered') = (${t.answeredAt} is not null and ${t.answers} is not null)`),
  ],
);

/**
 * Bookings the questionnaire job has looked at: claiming a booking inserts its row (the
 * primary key makes a second instance's insert do nothing), so each session is considered
 * once, whether or not any measure was due before it.
 */
export const outcomeBookingChecks = pgTable(
  'outcome_booking_checks',
  {
    clinicId: uuid().notNull(),
    bookingId: uuid().notNull(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.bookingId] }),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
  ],
);

/**
 * A licensed instrument a clinic entered itself (MYMOP, FACE-Q …; Yintang ships no licensed
 * text): the owner's entry as typed (`entry`, for editing) and the measure it becomes
 * (`definition`, a `MeasureDefinition` for the form engine, checked on the way in). Its key
 * starts with `lic-`, so it never takes a built-in measure's. Editing keeps the key and
 * raises `version`; each questionnaire sent keeps its own copy of the version it was asked on.
 */
export const clinicMeasures = pgTable(
  'clinic_measures',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    version: integer().notNull().default(1),
    entry: jsonb().$type<Record<string, unknown>>().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The last edit (each edit is a new `version`; answers keep the questionnaire they were asked). */
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }),
    /** Retired: no longer offered or asked; its answers and scores stay in the record. */
    retiredBy: uuid(),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.key] }),
    check('clinic_measures_key_ck', sql`${t.key} ~ '^lic-[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);
