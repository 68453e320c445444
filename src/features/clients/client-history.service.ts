import { and, asc, desc, eq, gte, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { bookings, careTeam, clients, services, users, waitlistEntries } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import { badRequest, notFound } from '../../server/errors.ts';
import { deny, notOwnRecord, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { canSeeClientContact } from '../../domain/access/access-rules.ts';
import { localDateOf } from '../scheduling/clinic-time.ts';
import { coursePlacesOf } from '../plans/plans.service.ts';
import type { clientHistory, clientHistoryQuery } from './client-history.schema.ts';

type History = z.infer<typeof clientHistory>;
const UPCOMING_LIMIT = 50;
const n = (expr: SQL) => sql`coalesce(${expr}, 0)`.mapWith(Number);

/**
 * A client's visit history for staff who may see the client record: appointments to come and
 * past (a page at a time, newest first), counts of each outcome, the waiting-list entries and
 * the courses in progress. Only when, what, with whom and how it went: no health data. A fixed
 * number of queries however long the history is; the counts are made by the database.
 */
export async function clientVisitHistory(ctx: AppContext, actor: Actor, clientId: string, query: z.infer<typeof clientHistoryQuery>): Promise<History> {
  const db = ctx.database.db;
  const [row] = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, clientId)));
  if (!row) throw notFound('The client');
  const team = await db.select({ p: careTeam.practitionerId }).from(careTeam)
    .where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, clientId)));
  if (!canSeeClientContact(actor, { id: row.id, careTeam: team.map((t) => t.p) })) throw await deny(ctx.database, notOwnRecord(actor, 'client', clientId, 'The client'));

  const cursor = query.before ? parseCursor(query.before) : undefined;
  const now = new Date(nowOf(ctx));
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const own = and(eq(bookings.clinicId, actor.clinicId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment'));
  /** Still to come (or under way): not cancelled, not over. */
  const isUpcoming = sql`(${bookings.status} in ('held', 'confirmed', 'arrived') and ${bookings.endsAt} > ${nowSql})`;
  const isPast = and(sql`${bookings.status} <> 'expired'`, sql`not ${isUpcoming}`);

  const practitioner = alias(users, 'practitioner');
  const appointments = (where: SQL | undefined) => db.select({
    id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, status: bookings.status,
    lateCancellation: bookings.lateCancellation, cancelledBy: bookings.cancelledBy, seriesId: bookings.seriesId,
    serviceName: services.name, practitionerName: practitioner.name,
  }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .innerJoin(practitioner, eq(practitioner.id, bookings.practitionerId))
    .where(and(own, where));

  const [counts] = await db.select({
    completed: n(sql`count(*) filter (where ${bookings.status} = 'completed' or (${bookings.status} = 'arrived' and ${bookings.endsAt} <= ${nowSql}))`),
    noShows: n(sql`count(*) filter (where ${bookings.status} = 'no_show')`),
    lateCancellations: n(sql`count(*) filter (where ${bookings.status} = 'cancelled' and ${bookings.lateCancellation})`),
    cancellations: n(sql`count(*) filter (where ${bookings.status} = 'cancelled' and not ${bookings.lateCancellation})`),
    upcoming: n(sql`count(*) filter (where ${isUpcoming})`),
  }).from(bookings).where(own);

  const upcoming = await appointments(isUpcoming).orderBy(asc(bookings.startsAt), asc(bookings.id)).limit(UPCOMING_LIMIT);
  const pastRows = await appointments(and(isPast, cursor
    ? or(lt(bookings.startsAt, cursor.startsAt), and(eq(bookings.startsAt, cursor.startsAt), lt(bookings.id, cursor.id)))
    : undefined)).orderBy(desc(bookings.startsAt), desc(bookings.id)).limit(query.limit + 1);
  const past = pastRows.slice(0, query.limit);
  const last = past.at(-1);

  const waitlistPractitioner = alias(users, 'waitlist_practitioner');
  const waitlist = await db.select({
    id: waitlistEntries.id, serviceName: services.name, practitionerName: waitlistPractitioner.name, date: waitlistEntries.date, since: waitlistEntries.createdAt,
  }).from(waitlistEntries)
    .innerJoin(services, and(eq(services.clinicId, waitlistEntries.clinicId), eq(services.id, waitlistEntries.serviceId)))
    .leftJoin(waitlistPractitioner, eq(waitlistPractitioner.id, waitlistEntries.practitionerId))
    .where(and(eq(waitlistEntries.clinicId, actor.clinicId), eq(waitlistEntries.clientId, clientId), eq(waitlistEntries.status, 'waiting'),
      gte(waitlistEntries.date, localDateOf(now.getTime(), actor.timeZone))))
    .orderBy(asc(waitlistEntries.date), asc(waitlistEntries.createdAt));

  // Courses with a session still to come: how many were done, are booked and were missed.
  // Counted as the plan and the diary count them (src/domain/plans/treatment-plan.ts): only
  // sessions that hold a place (not cancelled, expired or missed), so "session 4 of 10" reads
  // the same on the client record, in the diary and in the client's plan.
  const holdsPlace = sql`${bookings.status} in ('held', 'confirmed', 'arrived', 'completed')`;
  const courses = await db.select({
    seriesId: sql<string>`${bookings.seriesId}`,
    serviceName: sql<string>`min(${services.name})`,
    first: sql`min(${bookings.startsAt})`,
    total: n(sql`count(*) filter (where ${holdsPlace})`),
    done: n(sql`count(*) filter (where ${holdsPlace} and (${bookings.status} = 'completed' or ${bookings.endsAt} <= ${nowSql}))`),
    booked: n(sql`count(*) filter (where ${isUpcoming})`),
    noShows: n(sql`count(*) filter (where ${bookings.status} = 'no_show')`),
  }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(own, isNotNull(bookings.seriesId)))
    .groupBy(bookings.seriesId)
    .having(sql`count(*) filter (where ${isUpcoming}) > 0`)
    .orderBy(sql`min(${bookings.startsAt})`);

  // Each session's place in its course, and the course's length (the plan's sessions when
  // there is a plan): the diary's own function, so both always agree.
  const seriesIds = [...new Set([...upcoming, ...past].map((a) => a.seriesId).concat(courses.map((c) => c.seriesId)).filter((id): id is string => id !== null))];
  const places = await coursePlacesOf(db, actor.clinicId, seriesIds);
  const totals = new Map([...upcoming, ...past].flatMap((a) => (a.seriesId && places.has(a.id) ? [[a.seriesId, places.get(a.id)!.total] as const] : [])));
  const withPlace = (a: (typeof past)[number]) => toAppointment({ ...a, position: places.get(a.id)?.position ?? null, total: places.get(a.id)?.total ?? null });

  await recordAudit(db, actor, { action: 'client.view_history', entityType: 'client', entityId: clientId, clinicId: actor.clinicId, actorRole: actor.role });
  return {
    timeZone: actor.timeZone,
    counts: counts!,
    upcoming: upcoming.map(withPlace),
    past: past.map(withPlace),
    nextCursor: pastRows.length > query.limit && last ? `${last.startsAt.toISOString()}_${last.id}` : null,
    waitlist: waitlist.map((w) => ({ ...w, since: w.since.toISOString() })),
    courses: courses.map(({ first: _first, ...c }) => ({ ...c, total: Math.max(c.total, totals.get(c.seriesId) ?? 0) })),
  };
}

type AppointmentRow = {
  id: string; startsAt: Date; endsAt: Date; status: History['past'][number]['status']; lateCancellation: boolean;
  cancelledBy: 'client' | 'staff' | 'system' | null; seriesId: string | null; serviceName: string; practitionerName: string;
  position: number | null; total: number | null;
};
function toAppointment(r: AppointmentRow): History['past'][number] {
  return {
    id: r.id, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), serviceName: r.serviceName, practitionerName: r.practitionerName,
    status: r.status, lateCancellation: r.lateCancellation, cancelledBy: r.cancelledBy,
    course: r.seriesId && r.position !== null && r.total !== null ? { seriesId: r.seriesId, position: r.position, total: r.total } : null,
  };
}

function parseCursor(cursor: string): { startsAt: Date; id: string } {
  const at = cursor.lastIndexOf('_');
  const startsAt = new Date(cursor.slice(0, at));
  const id = cursor.slice(at + 1);
  if (Number.isNaN(startsAt.getTime()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw badRequest('The cursor is not one this list gave.', [{ field: 'before', message: 'Use the nextCursor of the previous page' }]);
  }
  return { startsAt, id };
}
