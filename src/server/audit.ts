import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../data/db.ts';
import { auditLog } from '../data/schema/index.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  clinicId?: string | null;
  actorUserId?: string | null;
  actorRole?: string | null;
  /** Identifiers and flags only: never health data. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change (or reads the
 * record) so the audit and the change commit together or not at all.
 */
export async function recordAudit(q: Queryable, request: FastifyRequest | null, entry: AuditEntry) {
  await q.insert(auditLog).values({
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    clinicId: entry.clinicId ?? null,
    actorUserId: entry.actorUserId ?? request?.session?.userId ?? null,
    actorRole: entry.actorRole ?? null,
    ip: request?.ip ?? null,
    userAgent: request?.headers['user-agent']?.slice(0, 300) ?? null,
    details: entry.details ?? null,
  });
}
