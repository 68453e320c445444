import type { FastifyRequest } from 'fastify';
import { and, asc, eq, gte } from 'drizzle-orm';
import type { z } from 'zod';
import { clients, services, waitlistEntries } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound, tooManyRequests } from '../../server/errors.ts';
import { guard, requireUser, STAFF, type Actor } from '../../server/guard.ts';
import { recordAudit } from '../../server/audit.ts';
import { countEvents, clientForUser } from '../booking/booking.repository.ts';
import { loadServiceContext } from '../scheduling/availability.service.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { todayIn } from '../scheduling/clinic-time.ts';
import type { joinWaitlistBody } from './waitlist.schema.ts';

const columns = {
  id: waitlistEntries.id, serviceId: waitlistEntries.serviceId, serviceName: services.name, date: waitlistEntries.date,
  practitionerId: waitlistEntries.practitionerId, clientId: waitlistEntries.clientId, clientName: clients.name,
  status: waitlistEntries.status, lastNotifiedAt: waitlistEntries.lastNotifiedAt,
};
type EntryRow = { lastNotifiedAt: Date | null } & Record<string, unknown>;
const toEntry = <T extends EntryRow>(r: T) => ({ ...r, lastNotifiedAt: r.lastNotifiedAt?.toISOString() ?? null });

/** Staff act on any client of their clinic; anyone else signed in acts as their own client record (created if needed). */
async function whoFor(ctx: AppContext, request: FastifyRequest, slug: string, clientId?: string): Promise<{ clinicId: string; clientId: string | null; actor: Actor | null; timeZone: string }> {
  if (clientId) {
    const actor = await guard(ctx.database, request, slug, STAFF);
    const [c] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
    if (!c) throw new AppError(422, 'unknown-client', 'Unknown client', 'There is no such client at this clinic.', { errors: [{ field: 'clientId', message: 'No such client' }] });
    return { clinicId: actor.clinicId, clientId: c.id, actor, timeZone: actor.timeZone };
  }
  requireUser(request);
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The clinic');
  return { clinicId: loaded.clinic.id, clientId: null, actor: null, timeZone: loaded.clinic.timeZone };
}

/**
 * Puts a client on the waiting list for a service on a date. Signed-in clients add
 * themselves (so nobody can sign someone else's address up for e-mails); staff add any client.
 */
export async function joinWaitlist(ctx: AppContext, request: FastifyRequest, slug: string, body: z.infer<typeof joinWaitlistBody>) {
  const [limit] = await countEvents(ctx.database.db, [`waitlist:ip:${request.ip}`], 3600);
  if (limit && limit.count > ctx.config.BOOKING_PER_IP_PER_HOUR) throw tooManyRequests(limit.retryAfterSec);
  const who = await whoFor(ctx, request, slug, body.clientId);
  const sc = await loadServiceContext(ctx.database.db, { clinicId: who.clinicId }, body.serviceId, who.actor ? 'staff' : 'public', 422, 'serviceId');
  if (body.date < todayIn(sc.clinic.timeZone)) {
    throw new AppError(422, 'date-past', 'Date in the past', 'Choose today or a later date.', { errors: [{ field: 'date', message: 'In the past' }] });
  }
  const id = await ctx.database.transaction(async (tx) => {
    const clientId = who.clientId ?? (await clientForUser(tx, who.clinicId, requireUser(request)));
    const [row] = await tx.insert(waitlistEntries).values({
      clinicId: who.clinicId, clientId, serviceId: body.serviceId, practitionerId: body.practitionerId ?? null, date: body.date,
    }).onConflictDoUpdate({
      target: [waitlistEntries.clinicId, waitlistEntries.clientId, waitlistEntries.serviceId, waitlistEntries.date],
      set: { status: 'waiting', practitionerId: body.practitionerId ?? null },
    }).returning({ id: waitlistEntries.id });
    await recordAudit(tx, request, { action: 'waitlist.join', entityType: 'waitlist_entry', entityId: row!.id, clinicId: who.clinicId, actorRole: who.actor?.role ?? 'client' });
    return row!.id;
  });
  return entryById(ctx, who.clinicId, id);
}

async function entryById(ctx: AppContext, clinicId: string, id: string) {
  const [row] = await ctx.database.db.select(columns).from(waitlistEntries)
    .innerJoin(services, and(eq(services.clinicId, waitlistEntries.clinicId), eq(services.id, waitlistEntries.serviceId)))
    .innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
    .where(and(eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.id, id)));
  if (!row) throw notFound('The waiting-list entry');
  return toEntry(row);
}

/** Staff see everyone waiting (from a date on); a client sees their own entries. */
export async function listWaitlist(ctx: AppContext, request: FastifyRequest, slug: string, date?: string) {
  const actor = await guard(ctx.database, request, slug, [...STAFF, 'client']);
  const rows = await ctx.database.db.select(columns).from(waitlistEntries)
    .innerJoin(services, and(eq(services.clinicId, waitlistEntries.clinicId), eq(services.id, waitlistEntries.serviceId)))
    .innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
    .where(and(
      eq(waitlistEntries.clinicId, actor.clinicId), eq(waitlistEntries.status, 'waiting'),
      date ? eq(waitlistEntries.date, date) : gte(waitlistEntries.date, todayIn(actor.timeZone)),
      actor.role === 'client' ? eq(waitlistEntries.clientId, actor.clientId!) : undefined,
    ))
    .orderBy(asc(waitlistEntries.date), asc(waitlistEntries.createdAt));
  return { items: rows.map(toEntry) };
}

export async function leaveWaitlist(ctx: AppContext, request: FastifyRequest, slug: string, entryId: string) {
  const actor = await guard(ctx.database, request, slug, [...STAFF, 'client']);
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(waitlistEntries).set({ status: 'removed' })
      .where(and(eq(waitlistEntries.clinicId, actor.clinicId), eq(waitlistEntries.id, entryId),
        actor.role === 'client' ? eq(waitlistEntries.clientId, actor.clientId!) : undefined))
      .returning({ id: waitlistEntries.id });
    if (!row) throw notFound('The waiting-list entry');
    await recordAudit(tx, request, { action: 'waitlist.leave', entityType: 'waitlist_entry', entityId: entryId, clinicId: actor.clinicId, actorRole: actor.role });
  });
}
