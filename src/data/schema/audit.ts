import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of who did what to which record, from where. A trigger (migration
 * 0001) refuses UPDATE and DELETE. `details` never holds health data, only identifiers.
 * Rows about account events (sign-in, password change) have no clinic.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    clinicId: uuid('clinic_id'),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_clinic_at_idx').on(t.clinicId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_clinic_actor_at_idx').on(t.clinicId, t.actorUserId, t.at),
    // "Who looked" at a client's clinical record: rows whose details name the client.
    index('audit_log_clinic_client_at_idx').on(t.clinicId, sql`(${t.details}->>'clientId')`, t.at, t.id),
  ],
);
