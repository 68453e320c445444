import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
