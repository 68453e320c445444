import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clients, clinics } from './clinics.ts';
import { bookings } from './scheduling.ts';
import { MERIDIANS, REGIONS } from '../../domain/acupoints/library.ts';
import { CLINIC_POINT_LIMITS as L } from '../../domain/acupoints/clinic-points.ts';
import {
  ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES, NOTE_STATUSES, NOTE_TEMPLATES, type AmendedField, type NeedleDiscrepancy, type NotePoint,
} from '../../domain/notes/note-kinds.ts';
import { PLAN_LIMITS as TP, PLAN_STATUSES, type ComplementaryCare, type Maintenance } from '../../domain/plans/treatment-plan.ts';
import { CONSULTATION_LIMITS as CL } from '../../domain/plans/consultation.ts';
import { RECORD_SHARE_LIMITS } from '../../domain/fhir/record-share.ts';
import { PROTOCOL_KINDS, PROTOCOL_LIMITS as P, type ProtocolPoint } from '../../domain/protocols/protocols.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));
const maxLength = (column: unknown, max: number) => sql`char_length(${column}) <= ${sql.raw(String(max))}`;

/**
 * A clinic's own acupoints, beside the library that ships as data
 * (src/domain/acupoints): a point the library lacks, under the clinic's own code. A point
 * is archived rather than deleted, so records that name it keep their meaning. `code_key`
 * is the code as compared (ST-36 and St 36 read as ST36): no two current points of a
 * clinic share one, and none takes a library code (checked by the service).
 */
export const clinicAcupoints = pgTable(
  'clinic_acupoints',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    code: text().notNull(),
    codeKey: text().notNull(),
    pinyin: text().notNull().default(''),
    english: text().notNull(),
    meridian: text().notNull().default('Extra'),
    region: text().notNull(),
    location: text().notNull(),
    uses: text().notNull().default(''),
    cautions: text().notNull().default(''),
    pregnancyCaution: boolean().notNull().default(false),
    source: text().notNull().default(''),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
    archivedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('clinic_acupoints_code_uq').on(t.clinicId, t.codeKey).where(sql`${t.archivedAt} is null`),
    index('clinic_acupoints_clinic_idx').on(t.clinicId, t.createdAt),
    check('clinic_acupoints_region_ck', sql`${t.region} in (${inList(REGIONS)})`),
    check('clinic_acupoints_meridian_ck', sql`${t.meridian} in (${inList(MERIDIANS)})`),
    check('clinic_acupoints_code_ck', sql`char_length(${t.code}) between 1 and ${sql.raw(String(L.code))} and char_length(${t.codeKey}) >= 1`),
    check('clinic_acupoints_text_ck', sql`char_length(${t.english}) between 1 and ${sql.raw(String(L.name))}
      and ${maxLength(t.pinyin, L.name)} and char_length(${t.location}) between 1 and ${sql.raw(String(L.location))}
      and ${maxLength(t.uses, L.uses)} and ${maxLength(t.cautions, L.cautions)} and ${maxLength(t.source, L.source)}`),
  ],
);

/**
 * A clinic's protocols: reusable point sets a session starts from. The points are a jsonb
 * array on the row, not a child table: a protocol is read and written whole, its order is
 * the array's order (no position column to renumber), no query looks inside it, and a
 * session copies the points when it starts from a protocol. The service checks the points
 * (src/domain/protocols); the database that they are an array. Archived, never deleted.
 */
export const clinicProtocols = pgTable(
  'clinic_protocols',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    kind: text().notNull(),
    description: text().notNull().default(''),
    points: jsonb().$type<ProtocolPoint[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
    archivedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('clinic_protocols_name_uq').on(t.clinicId, sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`),
    check('clinic_protocols_kind_ck', sql`${t.kind} in (${inList(PROTOCOL_KINDS)})`),
    check('clinic_protocols_text_ck', sql`char_length(${t.name}) between 1 and ${sql.raw(String(P.name))} and ${maxLength(t.description, P.description)}`),
    check('clinic_protocols_points_ck', sql`jsonb_typeof(${t.points}) = 'array' and jsonb_array_length(${t.points}) <= ${sql.raw(String(P.points))}`),
  ],
);

/**
 * A session note: the clinical record of one appointment (at most one per booking), written
 * by its practitioner. Structured fields follow the service's template (`fields`, a jsonb
 * object of strings: the template decides which keys); the points needled are a jsonb array
 * like a protocol's. Needle safety lives in columns (brand, size, lot, count in and out,
 * the discrepancy record) because the sign rule and the register read them. A signed note
 * is never updated again: corrections are rows of `note_amendments`. `revision` is bumped
 * on every draft save, so an autosave from a stale tab cannot overwrite a newer one.
 */
export const sessionNotes = pgTable(
  'session_notes',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    bookingId: uuid().notNull(),
    clientId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    template: text().notNull(),
    fields: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    points: jsonb().$type<NotePoint[]>().notNull().default(sql`'[]'::jsonb`),
    /** The protocol the session started from, if any (its points were copied then adapted). */
    protocolId: uuid(),
    needleBrand: text(),
    needleSize: text(),
    needleLot: text(),
    needlesIn: integer(),
    needlesOut: integer(),
    discrepancy: jsonb().$type<NeedleDiscrepancy>(),
    status: text().notNull().default('draft'),
    revision: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp({ withTimezone: true }),
    signedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    uniqueIndex('session_notes_booking_uq').on(t.clinicId, t.bookingId),
    index('session_notes_client_idx').on(t.clinicId, t.clientId, t.createdAt),
    check('session_notes_template_ck', sql`${t.template} in (${inList(NOTE_TEMPLATES)})`),
    check('session_notes_status_ck', sql`${t.status} in (${inList(NOTE_STATUSES)})`),
    check('session_notes_signed_ck', sql`(${t.status} = 'signed') = (${t.signedAt} is not null)`),
    check('session_notes_counts_ck', sql`coalesce(${t.needlesIn}, 0) between 0 and 500 and coalesce(${t.needlesOut}, 0) between 0 and 500`),
    check('session_notes_shape_ck', sql`jsonb_typeof(${t.fields}) = 'object' and jsonb_typeof(${t.points}) = 'array'`),
  ],
);

/** A correction of a signed note: the original stays; this says who changed what and why. */
export const noteAmendments = pgTable(
  'note_amendments',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    noteId: uuid().notNull(),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    reason: text().notNull(),
    changes: jsonb().$type<AmendedField[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.noteId], foreignColumns: [sessionNotes.clinicId, sessionNotes.id] }).onDelete('cascade'),
    index('note_amendments_note_idx').on(t.clinicId, t.noteId, t.createdAt),
    check('note_amendments_reason_ck', sql`char_length(${t.reason}) between 1 and 1000`),
  ],
);

/**
 * An adverse event of a session. Rows, not a jsonb list on the note, because the owner's
 * register filters and counts them across the clinic (type, severity, practitioner,
 * period). While the note is a draft they are replaced with each save; once signed, new
 * ones come only through an amendment (`amendment_id`). `occurred_at` is the session's start.
 */
export const adverseEvents = pgTable(
  'adverse_events',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    noteId: uuid().notNull(),
    bookingId: uuid().notNull(),
    clientId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    severity: text().notNull(),
    description: text().notNull().default(''),
    actionTaken: text().notNull().default(''),
    amendmentId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.noteId], foreignColumns: [sessionNotes.clinicId, sessionNotes.id] }).onDelete('cascade'),
    index('adverse_events_period_idx').on(t.clinicId, t.occurredAt),
    index('adverse_events_note_idx').on(t.clinicId, t.noteId),
    check('adverse_events_kind_ck', sql`${t.kind} in (${inList(ADVERSE_EVENT_KINDS)})`),
    check('adverse_events_severity_ck', sql`${t.severity} in (${inList(ADVERSE_EVENT_SEVERITIES)})`),
    check('adverse_events_text_ck', sql`char_length(${t.description}) <= 1000 and char_length(${t.actionTaken}) <= 1000`),
  ],
);

/**
 * A treatment plan proposed to a client: a course of one service (sessions, interval,
 * practitioner, first date and preferred time), complementary care and a maintenance
 * rhythm (jsonb: read and written whole, never queried inside), and the course price in
 * minor units of the clinic's currency. Booking the course links it to the series of
 * bookings (`series_id`), from which its progress is derived. Never deleted: withdrawn.
 */
export const treatmentPlans = pgTable(
  'treatment_plans',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    serviceId: uuid().notNull(),
    title: text().notNull(),
    sessions: integer().notNull(),
    intervalDays: integer().notNull(),
    firstDate: date({ mode: 'string' }).notNull(),
    /** Preferred local start, HH:MM. */
    preferredTime: text().notNull(),
    complementary: jsonb().$type<ComplementaryCare[]>().notNull().default(sql`'[]'::jsonb`),
    maintenance: jsonb().$type<Maintenance>(),
    priceMinor: integer().notNull(),
    currency: text().notNull(),
    /** What the practitioner tells the client about the plan. */
    explanation: text().notNull().default(''),
    status: text().notNull().default('proposed'),
    seriesId: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
    bookedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    index('treatment_plans_client_idx').on(t.clinicId, t.clientId, t.createdAt),
    uniqueIndex('treatment_plans_series_uq').on(t.clinicId, t.seriesId),
    check('treatment_plans_status_ck', sql`${t.status} in (${inList(PLAN_STATUSES)})`),
    check('treatment_plans_numbers_ck', sql`${t.sessions} between 1 and ${sql.raw(String(TP.sessions))} and ${t.intervalDays} between 1 and ${sql.raw(String(TP.intervalDays))}
      and ${t.priceMinor} between 0 and ${sql.raw(String(TP.priceMinor))}`),
    check('treatment_plans_text_ck', sql`char_length(${t.title}) between 1 and ${sql.raw(String(TP.title))} and ${maxLength(t.explanation, TP.explanation)}`),
    check('treatment_plans_shape_ck', sql`jsonb_typeof(${t.complementary}) = 'array'`),
  ],
);

/**
 * A client's consultation record (one per client, kept current): concerns and goals
 * (prefilled from the health questions), the assessment, and the plan proposed. The
 * screening findings it shows are the live ones with their decisions (screening_decisions).
 */
export const consultationRecords = pgTable(
  'consultation_records',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    clientId: uuid().notNull(),
    concerns: text().notNull().default(''),
    goals: text().notNull().default(''),
    pattern: text().notNull().default(''),
    tongue: text().notNull().default(''),
    pulse: text().notNull().default(''),
    skin: text().notNull().default(''),
    /** Clinician-rated: Glogau photo-ageing type (I–IV) and WSRS nasolabial fold grade (1–5) per side; '' until rated. */
    glogau: text().notNull().default(''),
    foldLeft: text().notNull().default(''),
    foldRight: text().notNull().default(''),
    planId: uuid(),
    revision: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.clientId] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    check('consultation_records_text_ck', sql`${maxLength(t.concerns, CL.concerns)} and ${maxLength(t.goals, CL.goals)} and ${maxLength(t.pattern, CL.pattern)}
      and ${maxLength(t.tongue, CL.tongue)} and ${maxLength(t.pulse, CL.pulse)} and ${maxLength(t.skin, CL.skin)}`),
    check('consultation_records_scales_ck', sql`${t.glogau} in ('', 'I', 'II', 'III', 'IV') and ${t.foldLeft} in ('', '1', '2', '3', '4', '5')
      and ${t.foldRight} in ('', '1', '2', '3', '4', '5')`),
  ],
);


/**
 * A client's record leaving the clinic (the FHIR R4 export): to whom, for what, who
 * recorded that the client agreed, and when. Kept as the consent behind each export; the
 * export itself is not stored (it is made again from the record on request).
 */
export const recordShares = pgTable(
  'record_shares',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientId: uuid().notNull(),
    recipient: text().notNull(),
    purpose: text().notNull(),
    format: text({ enum: ['fhir-r4'] }).notNull().default('fhir-r4'),
    /** The member of staff who confirmed the client agreed. */
    recordedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    index('record_shares_client_idx').on(t.clinicId, t.clientId, t.createdAt),
    check('record_shares_text_ck', sql`char_length(${t.recipient}) between 1 and ${sql.raw(String(RECORD_SHARE_LIMITS.recipient))}
      and char_length(${t.purpose}) between 1 and ${sql.raw(String(RECORD_SHARE_LIMITS.purpose))}`),
  ],
);
