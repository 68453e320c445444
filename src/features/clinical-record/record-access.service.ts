import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { auditLog, clients, users } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import { actionLabel, entityLabel } from '../audit/audit-labels.ts';
import { requireOwner } from './clinical-access.ts';
import type { RecordAccessPage } from './clinical-record.schema.ts';

/**
 * "Who looked": every view, change, signature, amendment and export of a client's clinical
 * record, newest first, for the owner. The clinical features write their audit rows with
 * `details.clientId` (see COMMON conventions), so one indexed-by-clinic query finds them.
 */

/** The kinds of audit row that are about a client's clinical record. */
export const CLINICAL_ENTITY_TYPES = ['session_note', 'note_amendment', 'adverse_event', 'consultation_record', 'treatment_plan', 'clinical_record'] as const;

const ROLE_LABELS: Record<string, string> = { owner: 'Owner', practitioner: 'Practitioner', reception: 'Reception', client: 'Client' };

const encodeCursor = (at: string, id: number) => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: number } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Number.isNaN(Date.parse(m[1]!))) {
    throw badRequest('The cursor is not one this list gave. Start again from the newest entries.', [{ field: 'querystring.cursor', message: 'is not a valid cursor' }]);
  }
  return { at: m[1]!, id: Number(m[2]) };
}

export async function recordAccess(ctx: AppContext, actor: Actor, clientId: string, query: { limit: number; cursor?: string }): Promise<RecordAccessPage> {
  await requireOwner(ctx, actor, 'The client', 'client', clientId);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return ctx.database.transaction(async (tx) => {
    const [client] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
    if (!client) throw notFound('The client');
    // The cursor keeps the stored microseconds, so rows in the same millisecond are not skipped.
    const rows = await tx.select({ id: auditLog.id, at: auditLog.at, position: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, actorUserId: auditLog.actorUserId, name: users.name, role: auditLog.actorRole, action: auditLog.action, entityType: auditLog.entityType })
      .from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(
        eq(auditLog.clinicId, actor.clinicId),
        sql`${auditLog.details}->>'clientId' = ${clientId}`,
        // Outcome questionnaires and scores are health data too; their rows name other record types.
        or(inArray(auditLog.entityType, [...CLINICAL_ENTITY_TYPES]), like(auditLog.action, 'outcome.%')),
        after ? sql`(${auditLog.at}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::bigint)` : undefined,
      ))
      .orderBy(desc(auditLog.at), desc(auditLog.id)).limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    // Reading who looked is itself logged (against the client, so it does not list itself).
    await recordAudit(tx, actor, { action: 'client.record_access_view', entityType: 'client', entityId: clientId });
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: String(r.id), at: r.at.toISOString(),
        person: r.actorUserId ? { userId: r.actorUserId, name: r.name ?? 'A former account' } : null,
        role: r.role, roleLabel: r.role ? ROLE_LABELS[r.role] ?? r.role : 'Yintang',
        action: r.action, actionLabel: actionLabel(r.action), entityType: r.entityType, entityTypeLabel: entityLabel(r.entityType),
      })),
      next: rows.length > query.limit && last ? encodeCursor(last.position, last.id) : null,
    };
  });
}

