import type { FastifyRequest } from 'fastify';
import { requesterOf, type Actor, type Requester } from './access.ts';
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
export async function recordAudit(q: Queryable, who: Actor | Requester | FastifyRequest | null, entry: AuditEntry) {
  const actor = who && isActor(who) ? who : null;
  const request = who && !actor && !isRequester(who) ? (who as FastifyRequest) : null;
  // A request's session counts even before its second factor (e.g. a wrong two-factor code).
  const requester = request ? { ...requesterOf(request), userId: request.session?.userId ?? null } : who && !actor ? (who as Requester) : null;
  await q.insert(auditLog).values({
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    clinicId: entry.clinicId ?? actor?.clinicId ?? null,
    actorUserId: entry.actorUserId ?? actor?.userId ?? requester?.userId ?? null,
    actorRole: entry.actorRole ?? actor?.role ?? null,
    ip: (actor ?? requester)?.ip ?? null,
    userAgent: (actor ?? requester)?.userAgent ?? null,
    details: entry.details ?? null,
  });
}

/** An Actor is resolved by the access module; a Requester is who asks before any clinic; a request still has to be read. */
function isActor(who: FastifyRequest | Actor | Requester): who is Actor {
  return 'clinicId' in who && 'role' in who && !('raw' in who);
}
const isRequester = (who: FastifyRequest | Actor | Requester): who is Requester => 'sessionUser' in who && !('raw' in who);
