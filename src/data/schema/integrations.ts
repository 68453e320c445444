import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clinics, memberships } from './clinics.ts';

/**
 * An API key of one clinic, for the clinic's other systems (server to server). Only the
 * SHA-256 of the secret is kept; the secret is shown once, when the key is created.
 * `scopes` is a subset of API_KEY_SCOPES (src/server/openapi/operations.ts), none of which
 * reaches clinical data. A revoked key authenticates nothing and stays for the audit trail.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    scopes: jsonb().$type<string[]>().notNull(),
    /** The first characters of the secret (`yt_live_ab12`), so the owner can tell keys apart. */
    prefix: text().notNull(),
    tokenHash: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('api_keys_token_hash_uq').on(t.tokenHash),
    index('api_keys_clinic_created_idx').on(t.clinicId, t.createdAt),
    check('api_keys_name_ck', sql`char_length(${t.name}) between 1 and 80`),
    check('api_keys_scopes_ck', sql`jsonb_typeof(${t.scopes}) = 'array' and jsonb_array_length(${t.scopes}) between 1 and 10`),
  ],
);

/** The events a webhook endpoint may subscribe to (src/features/webhooks/webhook-events.ts describes each). */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created', 'booking.moved', 'booking.cancelled', 'booking.completed', 'client.created', 'review.published', 'invoice.paid',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An HTTPS endpoint of the clinic's other systems that receives signed events (Standard
 * Webhooks). The signing secret is shown once, when the endpoint is created, and never
 * returned by the API again; it must be kept here as it is because signing needs it.
 * `failingSince` is the first failed attempt since the last success: a day of failures
 * pauses the endpoint and e-mails the owner.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    url: text().notNull(),
    description: text().notNull().default(''),
    events: jsonb().$type<WebhookEventType[]>().notNull(),
    secret: text().notNull(),
    status: text({ enum: ['active', 'paused'] }).notNull().default('active'),
    pausedReason: text({ enum: ['owner', 'failing'] }),
    failingSince: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('webhook_endpoints_events_ck', sql`jsonb_typeof(${t.events}) = 'array' and jsonb_array_length(${t.events}) between 1 and 20`),
  ],
);

/**
 * One event of a clinic, written in the same transaction as the change it reports, so a
 * change that commits always has its event and one that rolls back never does. The
 * payload holds only allow-listed fields (ids, times, the service's name).
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    type: text().$type<WebhookEventType>().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/**
 * The outbox of webhook deliveries: one row per event and subscribed endpoint, claimed by
 * the worker with a lease (as e-mails are), retried with back-off until delivered or out
 * of attempts; the owner may replay any of them.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    endpointId: uuid().notNull(),
    eventId: uuid().notNull(),
    status: text({ enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    /** Attempts since the event was written or last replayed: the back-off step. */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.endpointId], foreignColumns: [webhookEndpoints.clinicId, webhookEndpoints.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.eventId], foreignColumns: [webhookEvents.clinicId, webhookEvents.id] }).onDelete('cascade'),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.clinicId, t.endpointId, t.createdAt),
  ],
);

/** Each attempt to deliver, as the owner sees it: when, the answer's status code or what went wrong. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    deliveryId: uuid().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull(),
    ok: boolean().notNull(),
    responseStatus: integer(),
    /** What went wrong in plain words (refused address, time-out...); never the receiver's body. */
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.deliveryId], foreignColumns: [webhookDeliveries.clinicId, webhookDeliveries.id] }).onDelete('cascade'),
    index('webhook_attempts_delivery_idx').on(t.clinicId, t.deliveryId, t.attemptedAt),
  ],
);

/**
 * The private iCalendar address of a practitioner's outside calendar (Google, Outlook,
 * Apple), whose busy times block their availability here. The address is a secret (anyone
 * holding it reads that calendar): it never leaves the server, the screens show `urlHint`.
 * `status` says whether the last fetch worked; `lastSuccessAt` since when it has not.
 */
export const busyCalendars = pgTable(
  'busy_calendars',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    practitionerId: uuid().notNull(),
    label: text().notNull(),
    /** The address as given (`webcal://` read as `https://`); see `src/features/busy-calendars/feed-secret.ts`. */
    urlSecret: text().notNull(),
    /** What the screens show of the address: its host and last characters. */
    urlHint: text().notNull(),
    status: text({ enum: ['pending', 'ok', 'failing'] }).notNull().default('pending'),
    /** Why the last fetch failed, in plain words (never the response body). */
    lastError: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    etag: text(),
    lastModified: text(),
    /** When the job next fetches it; a job instance claims a feed by moving this forward. */
    nextFetchAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    index('busy_calendars_practitioner_idx').on(t.clinicId, t.practitionerId),
    index('busy_calendars_due_idx').on(t.nextFetchAt),
    check('busy_calendars_label_ck', sql`char_length(${t.label}) between 1 and 60`),
  ],
);

/**
 * One busy interval of an outside calendar: only its start, end and a hash of the two
 * (how a refresh tells what changed). Never a title, description, attendee or place.
 */
export const busyTimes = pgTable(
  'busy_times',
  {
    clinicId: uuid().notNull(),
    calendarId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    hash: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.calendarId, t.hash] }),
    foreignKey({ columns: [t.clinicId, t.calendarId], foreignColumns: [busyCalendars.clinicId, busyCalendars.id] }).onDelete('cascade'),
    // The availability read and the booking write look up one practitioner's times in a range.
    index('busy_times_lookup_idx').on(t.clinicId, t.practitionerId, t.startsAt),
    check('busy_times_range_ck', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
