import { sql } from 'drizzle-orm';
import {
  boolean, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { clients, clinics, services, SERVICE_KINDS } from './clinics.ts';
import { bookings } from './scheduling.ts';

/**
 * Health questions, screening, consent and aftercare: health data. Every table is
 * clinic-owned (`clinic_id` leads each key) and every read and write of it is audited by
 * the services. The JSON shapes are defined by the pure domain (src/domain/intake and
 * src/domain/screening) and validated there before anything is stored.
 */

/** Binary data. PGlite answers a Uint8Array and node-postgres a Buffer; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A clinic's form as clients see it: the default questions plus the clinic's own. Each
 * change saves a new version; a version never changes, so every answer set names the exact
 * questions it answered.
 */
export const formVersions = pgTable(
  'form_versions',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    formKey: text().notNull(),
    version: integer().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.formKey, t.version] }), check('form_versions_version_ck', sql`${t.version} >= 1`)],
);

export const RESPONSE_STATUSES = ['draft', 'submitted'] as const;
/** Who entered the answers: the client, staff on the client's behalf, or staff copying a paper form. */
export const RESPONSE_SOURCES = ['client', 'staff', 'paper'] as const;

/**
 * A client's answers to a form. A draft saves as they go; submitting closes it as a
 * version, and a later update starts the next version from a copy, so earlier answers are
 * never overwritten and the practitioner can see what changed since the last visit. A
 * practitioner may lock a submitted version for a visit (then it cannot change).
 */
export const formResponses = pgTable(
  'form_responses',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    formKey: text().notNull(),
    formVersion: integer().notNull(),
    /** 1, 2, 3 … per client and form, in the order they were started. */
    version: integer().notNull(),
    status: text({ enum: RESPONSE_STATUSES }).notNull().default('draft'),
    answers: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    source: text({ enum: RESPONSE_SOURCES }).notNull().default('client'),
    /** The user who last wrote the answers (the client, or staff entering them for the client). */
    enteredBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true }),
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: uuid(),
    /** The visit the practitioner locked these answers for; the client cannot change them until `lockedUntil`. */
    lockedForBookingId: uuid(),
    /** The end of the clinic's day of that visit. */
    lockedUntil: timestamp({ withTimezone: true }),
    /** Reception recorded a paper form received from the client (answers may be entered later). */
    paperReceivedAt: timestamp({ withTimezone: true }),
    paperReceivedBy: uuid(),
    /** Set when staff entered these answers on the client's behalf (from a paper form or by phone). */
    enteredByStaff: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.formKey, t.formVersion], foreignColumns: [formVersions.clinicId, formVersions.formKey, formVersions.version] }),
    unique('form_responses_version_uq').on(t.clinicId, t.clientId, t.formKey, t.version),
    // At most one draft per client and form: the one that saves as they go.
    uniqueIndex('form_responses_one_draft_uq').on(t.clinicId, t.clientId, t.formKey).where(sql`status = 'draft'`),
    check('form_responses_submitted_ck', sql`(${t.status} = 'draft') = (${t.submittedAt} is null)`),
  ],
);

/**
 * A clinic's screening rules, versioned: each change saves the whole set as a new version
 * (who, when, why), so every finding can name the rules it came from.
 */
export const screeningRuleSets = pgTable(
  'screening_rule_sets',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    rules: jsonb().$type<unknown[]>().notNull(),
    note: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.version] }), check('screening_rule_sets_version_ck', sql`${t.version} >= 1`)],
);

export const SCREENING_DECISIONS = ['acknowledged', 'cleared', 'declined'] as const;

/**
 * A practitioner's recorded decision on one finding for one answer set: a review flag
 * acknowledged before the visit, or a "refer" cleared so staff may book (or declined).
 */
export const screeningDecisions = pgTable(
  'screening_decisions',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    responseId: uuid().notNull(),
    ruleId: text().notNull(),
    /** The service kind the decision is for (a facial clearance says nothing about massage). */
    serviceKind: text({ enum: SERVICE_KINDS }).notNull(),
    decision: text({ enum: SCREENING_DECISIONS }).notNull(),
    note: text(),
    decidedBy: uuid().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.responseId], foreignColumns: [formResponses.clinicId, formResponses.id] }).onDelete('cascade'),
    index('screening_decisions_client_idx').on(t.clinicId, t.clientId, t.decidedAt),
  ],
);

/**
 * What a consent form is about: a kind of treatment, or `photos`, the separate and
 * revocable consent to progress photos (issue 12). Text in SQL, so no migration is needed
 * when a form is added; the services keep their own list of kinds.
 */
export const CONSENT_FORM_KINDS = [...SERVICE_KINDS, 'photos'] as const;
export type ConsentFormKind = (typeof CONSENT_FORM_KINDS)[number];

/**
 * Consent texts per clinic and service kind, versioned. `material` marks a change that
 * needs everyone who signed an earlier version to sign again; `text_hash` is the SHA-256
 * of the exact Markdown shown.
 */
export const consentTemplates = pgTable(
  'consent_templates',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    serviceKind: text({ enum: CONSENT_FORM_KINDS }).notNull(),
    version: integer().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    textHash: text().notNull(),
    material: boolean().notNull().default(true),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.serviceKind, t.version] }), check('consent_templates_version_ck', sql`${t.version} >= 1`)],
);

/**
 * A client's signed consent: the typed name, the drawn signature (a small PNG, or none when
 * they signed with the keyboard alternative) and the exact version of the text they saw,
 * with its hash.
 */
export const consents = pgTable(
  'consents',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    serviceKind: text({ enum: CONSENT_FORM_KINDS }).notNull(),
    templateVersion: integer().notNull(),
    textHash: text().notNull(),
    typedName: text().notNull(),
    /** Null when the client signed with the keyboard alternative: typed name plus "I agree". */
    signaturePng: bytea(),
    signedBy: uuid(),
    signedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ip: text(),
    userAgent: text(),
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.serviceKind, t.templateVersion], foreignColumns: [consentTemplates.clinicId, consentTemplates.serviceKind, consentTemplates.version] }),
    index('consents_client_idx').on(t.clinicId, t.clientId, t.serviceKind),
    check('consents_signature_size_ck', sql`octet_length(${t.signaturePng}) between 1 and 262144`),
  ],
);

/**
 * A service's aftercare advice (Markdown): e-mailed after a visit and kept in the client's
 * portal. Apart from `services` so the booking path never reads it and editing it does not
 * invalidate the availability cache.
 */
export const serviceAftercare = pgTable(
  'service_aftercare',
  {
    clinicId: uuid().notNull(),
    serviceId: uuid().notNull(),
    body: text().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.serviceId] }),
    foreignKey({ columns: [t.clinicId, t.serviceId], foreignColumns: [services.clinicId, services.id] }).onDelete('cascade'),
  ],
);

/**
 * Aftercare advice sent after a visit and kept in the client's portal: one row per
 * completed booking whose service has advice, so it is e-mailed once (several instances).
 */
export const aftercareSent = pgTable(
  'aftercare_sent',
  {
    clinicId: uuid().notNull(),
    bookingId: uuid().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.bookingId] }),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
  ],
);

export const CLOSURE_STATUSES = ['requested', 'done', 'withdrawn'] as const;

/**
 * A client's request to close their account with a clinic (UK GDPR erasure). The clinic
 * keeps clinical records for the legal retention period and says so; contact details and
 * everything else are erased when the request is done.
 */
export const accountClosureRequests = pgTable(
  'account_closure_requests',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    requestedBy: uuid(),
    reason: text(),
    status: text({ enum: CLOSURE_STATUSES }).notNull().default('requested'),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    handledBy: uuid(),
    handledAt: timestamp({ withTimezone: true }),
    /** Clinical records are kept until this date (the clinic's retention rule), then erased. */
    retainUntil: date({ mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    uniqueIndex('account_closure_open_uq').on(t.clinicId, t.clientId).where(sql`status = 'requested'`),
  ],
);
