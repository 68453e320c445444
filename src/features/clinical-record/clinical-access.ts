import { and, eq } from 'drizzle-orm';
import { careTeam, clients } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { AccessDenied, deny, notOwnRecord, type Actor } from '../../server/access.ts';
import { notFound } from '../../server/errors.ts';
import { canSeeClinicalRecord } from '../../domain/access/access-rules.ts';

/**
 * Who may use the clinical-record views. The register and "who looked" are the owner's:
 * anyone else gets 404, as if they did not exist, and the refusal is audited. A client's
 * record export is for the owner and the practitioners who treat the client.
 */
export async function requireOwner(ctx: AppContext, actor: Actor, what: string, entityType = 'clinic', entityId: string | null = actor.clinicId) {
  if (actor.role === 'owner') return;
  throw await deny(ctx.database, new AccessDenied(notFound(what), {
    reason: 'role', clinicId: actor.clinicId, actorUserId: actor.userId, actorRole: actor.role, ip: actor.ip, userAgent: actor.userAgent, entityType, entityId,
  }));
}

/** The client, when the actor is staff who may read their clinical record; 404 (audited) otherwise. */
export async function clinicalClient(q: Queryable, actor: Actor, clientId: string) {
  const [client] = await q.select().from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  const team = client
    ? await q.select({ p: careTeam.practitionerId }).from(careTeam).where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)))
    : [];
  const allowed = client && actor.role !== 'client' && canSeeClinicalRecord(actor, { id: client.id, careTeam: team.map((t) => t.p) });
  if (!client) throw notFound('The client');
  // Thrown, not written here: inside the transaction, the HTTP edge records it after the rollback.
  if (!allowed) throw notOwnRecord(actor, 'client', clientId, 'The client');
  return client;
}
