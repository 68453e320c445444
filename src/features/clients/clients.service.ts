import { and, asc, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { z } from 'zod';
import { careTeam, clients } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { deny, notOwnRecord, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { canSeeClientContact, seesWholeClientList } from '../../domain/access/access-rules.ts';
import type { createClientBody } from './clients.schema.ts';
import { emitEvent } from '../webhooks/webhook-events.repository.ts';

type ClientRow = typeof clients.$inferSelect;
const toContact = (c: ClientRow) => ({
  id: c.id, name: c.name, email: c.email, phone: c.phone, hasAccount: c.userId !== null, createdAt: c.createdAt.toISOString(),
});

/** Staff search the clinic's clients (the route resolves the actor); a practitioner sees only the clients they treat unless widened. */
export async function listClients(ctx: AppContext, actor: Actor, query: { q?: string; limit: number; sort?: 'name' | 'newest' }) {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : undefined;
  const own = seesWholeClientList(actor)
    ? undefined
    : inArray(clients.id, ctx.database.db.select({ id: careTeam.clientId }).from(careTeam)
        .where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.practitionerId, actor.userId))));
  const rows = await ctx.database.db.select().from(clients)
    .where(and(eq(clients.clinicId, actor.clinicId), own, pattern ? or(ilike(clients.name, pattern), ilike(clients.email, pattern), ilike(clients.phone, pattern)) : undefined))
    .orderBy(...(query.sort === 'newest' ? [desc(clients.createdAt), asc(clients.name)] : [asc(clients.name)])).limit(query.limit);
  return { items: rows.map(toContact) };
}

/** One client's contact details, for staff allowed to see them and for the client themself. */
export async function getClient(ctx: AppContext, actor: Actor, clientId: string) {
  const [row] = await ctx.database.db.select().from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  const team = await ctx.database.db.select({ p: careTeam.practitionerId }).from(careTeam)
    .where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  if (!canSeeClientContact(actor, { id: row.id, careTeam: team.map((t) => t.p) })) throw await deny(ctx.database, notOwnRecord(actor, 'client', clientId, 'The client'));
  await recordAudit(ctx.database.db, actor, { action: 'client.view', entityType: 'client', entityId: clientId, clinicId: actor.clinicId, actorRole: actor.role });
  return toContact(row);
}

/** Adds a client by hand (e.g. someone booking by phone). The address is unique per clinic. */
export async function createClient(ctx: AppContext, actor: Actor, body: z.infer<typeof createClientBody>) {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(clients).values({ clinicId: actor.clinicId, name: body.name, email: body.email, phone: body.phone ?? null })
      .onConflictDoNothing().returning();
    if (!row) throw new AppError(409, 'client-exists', 'Client already on file', 'A client with that e-mail address is already on file. Search for them instead.', { errors: [{ field: 'email', message: 'Already on file' }] });
    if (actor.role === 'practitioner') await tx.insert(careTeam).values({ clinicId: actor.clinicId, clientId: row.id, practitionerId: actor.userId });
    await recordAudit(tx, actor, { action: 'client.create', entityType: 'client', entityId: row.id, clinicId: actor.clinicId, actorRole: actor.role });
    await emitEvent(tx, actor.clinicId, 'client.created', { clientId: row.id, createdAt: row.createdAt });
    return toContact(row);
  });
}
