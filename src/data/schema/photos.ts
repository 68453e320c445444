import { sql } from 'drizzle-orm';
import { check, customType, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clients, clinics, memberships } from './clinics.ts';
import { bookings } from './scheduling.ts';

/** Binary data. PGlite answers a Uint8Array and node-postgres a Buffer; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A practitioner's profile photo, already resized to squares and re-encoded as WebP with
 * no metadata (no camera details, no GPS). Kept in the database so every app instance
 * serves it with no shared disk; PostgreSQL stores the bytes out of line (TOAST), so the
 * public pages, which read only `hash`, never touch them. The hash names the content, so
 * its addresses can be cached for ever; a new photo gets a new hash.
 */
export const practitionerPhotos = pgTable(
  'practitioner_photos',
  {
    clinicId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    /** 32 hex digits of the SHA-256 of both sizes: the photo's name in its addresses. */
    hash: text().notNull(),
    /** 480 × 480 WebP, for the profile page and Open Graph. */
    large: bytea().notNull(),
    /** 160 × 160 WebP, for cards and lists. */
    small: bytea().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.practitionerId] }),
    foreignKey({ name: 'practitioner_photos_membership_fk', columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    index('practitioner_photos_hash_idx').on(t.hash),
    check('practitioner_photos_hash_ck', sql`${t.hash} ~ '^[0-9a-f]{32}$'`),
    check('practitioner_photos_size_ck', sql`octet_length(${t.large}) between 1 and 1048576 and octet_length(${t.small}) between 1 and 262144`),
  ],
);

/**
 * Photos replaced in the last day, still served at their old addresses: a public page
 * cached before the change (five minutes, then served stale while it refreshes) shows the
 * previous photo instead of a broken image. A removed photo is not kept: whoever removes
 * it wants it gone. Rows older than a day are deleted at the next replacement.
 */
export const retiredPractitionerPhotos = pgTable(
  'retired_practitioner_photos',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    hash: text().notNull(),
    large: bytea().notNull(),
    small: bytea().notNull(),
    retiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.hash] }),
    index('retired_practitioner_photos_hash_idx').on(t.hash),
    index('retired_practitioner_photos_retired_idx').on(t.retiredAt),
  ],
);

export const CLINIC_IMAGE_KINDS = ['photo', 'logo'] as const;
export type ClinicImageKind = (typeof CLINIC_IMAGE_KINDS)[number];

/**
 * A clinic's photo (of its premises, 4:3) and logo (square, never cropped), made like the
 * practitioner photos: checked by content, re-encoded as WebP with no metadata, named by
 * their hash so their addresses can be cached for ever. `alt` is the text the owner wrote
 * for people who cannot see the image. Changes bump the clinic's page version (trigger).
 */
export const clinicImages = pgTable(
  'clinic_images',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    kind: text({ enum: CLINIC_IMAGE_KINDS }).notNull(),
    hash: text().notNull(),
    /** 480 pixels wide (photo 480 × 360, logo 480 × 480). */
    large: bytea().notNull(),
    /** 160 pixels wide, for directory cards. */
    small: bytea().notNull(),
    alt: text().notNull(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.kind] }),
    index('clinic_images_hash_idx').on(t.hash),
    check('clinic_images_hash_ck', sql`${t.hash} ~ '^[0-9a-f]{32}$'`),
    check('clinic_images_size_ck', sql`octet_length(${t.large}) between 1 and 1048576 and octet_length(${t.small}) between 1 and 262144`),
    check('clinic_images_alt_ck', sql`char_length(${t.alt}) between 1 and 200`),
  ],
);

export const PROGRESS_PHOTO_STAGES = ['baseline', 'session'] as const;
export const PROGRESS_PHOTO_VIEWS = ['front', 'left', 'right'] as const;

/**
 * A client's progress photo (issue 12): health data, never public. Taken only while the
 * client's photo consent stands (`consents` of kind `photos`); withdrawing it deletes
 * every row, bytes included. Re-encoded as JPEG with no metadata (no camera details, no
 * GPS); the uploaded file and its name are never kept. Kept in the database like the
 * practitioner photos, so any app instance serves it with no shared disk, and erasing a
 * client (cascade) erases their photos.
 */
export const progressPhotos = pgTable(
  'progress_photos',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    /** The session it was taken at, when uploaded from a session note (deleted with it, like its note). */
    bookingId: uuid(),
    stage: text({ enum: PROGRESS_PHOTO_STAGES }).notNull(),
    /** The session's number in the course; null for a baseline photo. */
    sessionNumber: integer(),
    view: text({ enum: PROGRESS_PHOTO_VIEWS }).notNull(),
    /** The day it was taken, in the clinic's time zone. */
    takenOn: date().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    /** JPEG, at most 1600 pixels on its longer side. */
    image: bytea().notNull(),
    /** JPEG, at most 400 pixels on its longer side, for lists. */
    thumbnail: bytea().notNull(),
    /** The photo consent it was taken under. */
    consentId: uuid().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    uploadedByRole: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ name: 'progress_photos_client_fk', columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ name: 'progress_photos_booking_fk', columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
    index('progress_photos_client_idx').on(t.clinicId, t.clientId, t.takenOn),
    check('progress_photos_session_ck', sql`(${t.stage} = 'baseline' and ${t.sessionNumber} is null) or (${t.stage} = 'session' and ${t.sessionNumber} between 1 and 500)`),
    check('progress_photos_size_ck', sql`octet_length(${t.image}) between 1 and 8388608 and octet_length(${t.thumbnail}) between 1 and 1048576`),
  ],
);
