import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clinics } from './clinics.ts';
import { MERIDIANS, REGIONS } from '../../domain/acupoints/library.ts';
import { CLINIC_POINT_LIMITS as L } from '../../domain/acupoints/clinic-points.ts';
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
