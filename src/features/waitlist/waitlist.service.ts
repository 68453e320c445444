import { aliasedTable, and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../data/db.ts';
import { careTeam, clients, servicePractitioners, services, users, waitlistEntries } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound, tooManyRequests } from '../../server/errors.ts';
import { isActor, signedInUser, STAFF, refused, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { countEvents, clientForUser } from '../booking/booking.repository.ts';
import { loadServiceContext } from '../scheduling/availability.service.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { todayIn } from '../scheduling/clinic-time.ts';
import type { joinWaitlistBody } from './waitlist.schema.ts';

const practitionerUser = aliasedTable(users, 'waitlist_practitioner');

/**
 * Waiting-list entries with the names and contact details the screens show, as one query.
 * `viewer` decides what a practitioner sees: the entries for services they give (for them
 * or for anyone), and the contact details only of clients they treat.
 */
function entryQuery(q: Queryable, viewer: Actor | null) {
  const narrowed = narrowedPractitioner(viewer);
  return q.select({
    id: waitlistEntries.id, serviceId: waitlistEntries.serviceId, serviceName: services.name, date: waitlistEntries.date,
    practitionerId: waitlistEntries.practitionerId, practitionerName: practitionerUser.name,
    clientId: waitlistEntries.clientId, clientName: clients.name, clientEmail: clients.email, clientPhone: clients.phone,
    treatedBy: careTeam.practitionerId,
    status: waitlistEntries.status, createdAt: waitlistEntries.createdAt, lastNotifiedAt: waitlistEntries.lastNotifiedAt,
  }).from(waitlistEntries)
    .innerJoin(services, and(eq(services.clinicId, waitlistEntries.clinicId), eq(services.id, waitlistEntries.serviceId)))
    .innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
    .leftJoin(practitionerUser, eq(practitionerUser.id, waitlistEntries.practitionerId))
    // Only a narrowed practitioner needs to know whom they treat; for anyone else, no row.
    .leftJoin(careTeam, narrowed
      ? and(eq(careTeam.clinicId, waitlistEntries.clinicId), eq(careTeam.clientId, waitlistEntries.clientId), eq(careTeam.practitionerId, narrowed))
      : sql`false`)
    .$dynamic();
}
type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['execute']>>[number];

/** A practitioner who sees only the clients they treat (as on the client list); null for anyone else. */
const narrowedPractitioner = (viewer: Actor | null) => (viewer?.role === 'practitioner' && !viewer.seesAllClients ? viewer.userId : null);

const toEntry = (viewer: Actor | null) => ({ treatedBy, ...r }: EntryRow) => {
  const contact = narrowedPractitioner(viewer) === null || treatedBy !== null;
  return {
    ...r,
    clientEmail: contact ? r.clientEmail : null,
    clientPhone: contact ? r.clientPhone : null,
    createdAt: r.createdAt.toISOString(),
    lastNotifiedAt: r.lastNotifiedAt?.toISOString() ?? null,
  };
};

/** What a practitioner may see of the list: services they give, waiting for them or for anyone. */
function visibleTo(q: Queryable, actor: Actor) {
  if (actor.role !== 'practitioner') return undefined;
  const given = q.select({ id: servicePractitioners.serviceId }).from(servicePractitioners)
    .where(and(eq(servicePractitioners.clinicId, actor.clinicId), eq(servicePractitioners.practitionerId, actor.userId)));
  return and(inArray(waitlistEntries.serviceId, given), or(isNull(waitlistEntries.practitionerId), eq(waitlistEntries.practitionerId, actor.userId)));
}

/** Staff act on any client of their clinic; anyone else signed in acts as their own client record (created if needed). */
async function whoFor(ctx: AppContext, caller: Actor | Requester, slug: string, clientId?: string): Promise<{ clinicId: string; clientId: string | null; actor: Actor | null; timeZone: string }> {
  if (clientId) {
    // The route resolves staff (adding a client) to an Actor; a client joins as a Requester.
    if (!isActor(caller)) throw new Error('Adding a client to the waiting list needs the resolved staff actor');
    const actor = caller;
    if (!STAFF.includes(actor.role)) throw refused(actor, 'Only staff add a client to the waiting list.');
    const [c] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
    if (!c) throw new AppError(422, 'unknown-client', 'Unknown client', 'There is no such client at this clinic.', { errors: [{ field: 'clientId', message: 'No such client' }] });
    return { clinicId: actor.clinicId, clientId: c.id, actor, timeZone: actor.timeZone };
  }
  if (!isActor(caller)) signedInUser(caller);
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The clinic');
  return { clinicId: loaded.clinic.id, clientId: null, actor: null, timeZone: loaded.clinic.timeZone };
}

/**
 * Puts a client on the waiting list for a service on a date. Signed-in clients add
 * themselves (so nobody can sign someone else's address up for e-mails); staff add any client.
 */
export async function joinWaitlist(ctx: AppContext, caller: Actor | Requester, slug: string, body: z.infer<typeof joinWaitlistBody>) {
  const [limit] = await countEvents(ctx.database.db, [`waitlist:ip:${caller.ip}`], 3600);
  if (limit && limit.count > ctx.config.BOOKING_PER_IP_PER_HOUR) throw tooManyRequests(limit.retryAfterSec);
  const who = await whoFor(ctx, caller, slug, body.clientId);
  const sc = await loadServiceContext(ctx.database.db, { clinicId: who.clinicId }, body.serviceId, who.actor ? 'staff' : 'public', 422, 'serviceId');
  if (body.date < todayIn(sc.clinic.timeZone)) {
    throw new AppError(422, 'date-past', 'Date in the past', 'Choose today or a later date.', { errors: [{ field: 'date', message: 'In the past' }] });
  }
  const id = await ctx.database.transaction(async (tx) => {
    const clientId = who.clientId ?? (await clientForUser(tx, who.clinicId, isActor(caller) ? caller : signedInUser(caller)));
    const [row] = await tx.insert(waitlistEntries).values({
      clinicId: who.clinicId, clientId, serviceId: body.serviceId, practitionerId: body.practitionerId ?? null, date: body.date,
    }).onConflictDoUpdate({
      target: [waitlistEntries.clinicId, waitlistEntries.clientId, waitlistEntries.serviceId, waitlistEntries.date],
      // Someone joining again after leaving goes to the back of the queue.
      set: {
        status: 'waiting', practitionerId: body.practitionerId ?? null,
        createdAt: sql`case when ${waitlistEntries.status} = 'waiting' then ${waitlistEntries.createdAt} else now() end`,
      },
    }).returning({ id: waitlistEntries.id });
    await recordAudit(tx, caller, { action: 'waitlist.join', entityType: 'waitlist_entry', entityId: row!.id, clinicId: who.clinicId, actorRole: who.actor?.role ?? 'client' });
    return row!.id;
  });
  return entryById(ctx, who.clinicId, id, who.actor);
}

async function entryById(ctx: AppContext, clinicId: string, id: string, viewer: Actor | null) {
  const [row] = await entryQuery(ctx.database.db, viewer).where(and(eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.id, id)));
  if (!row) throw notFound('The waiting-list entry');
  return toEntry(viewer)(row);
}

/**
 * Who is waiting, on a date or from today on, by date and then in the order they joined:
 * staff see the clinic's list (a practitioner the part for their services), a client
 * their own entries.
 */
export async function listWaitlist(ctx: AppContext, actor: Actor, date?: string) {
  const q = ctx.database.db;
  const rows = await entryQuery(q, actor)
    .where(and(
      eq(waitlistEntries.clinicId, actor.clinicId), eq(waitlistEntries.status, 'waiting'),
      date ? eq(waitlistEntries.date, date) : gte(waitlistEntries.date, todayIn(actor.timeZone)),
      actor.role === 'client' ? eq(waitlistEntries.clientId, actor.clientId!) : visibleTo(q, actor),
    ))
    .orderBy(asc(waitlistEntries.date), asc(waitlistEntries.createdAt));
  return { items: rows.map(toEntry(actor)) };
}

export async function leaveWaitlist(ctx: AppContext, actor: Actor, entryId: string) {
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(waitlistEntries).set({ status: 'removed' })
      .where(and(eq(waitlistEntries.clinicId, actor.clinicId), eq(waitlistEntries.id, entryId),
        actor.role === 'client' ? eq(waitlistEntries.clientId, actor.clientId!) : visibleTo(tx, actor)))
      .returning({ id: waitlistEntries.id });
    if (!row) throw notFound('The waiting-list entry');
    await recordAudit(tx, actor, { action: 'waitlist.leave', entityType: 'waitlist_entry', entityId: entryId, clinicId: actor.clinicId, actorRole: actor.role });
  });
}
