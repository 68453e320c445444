import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clinics } from './clinics.ts';

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
