import { and, eq, gte, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { z } from 'zod';
import {
  bookings, clients, memberships, services,
} from '../../data/schema/index.ts';
import { nowOf, type AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { atAGlance, weekRange } from '../../domain/reports/at-a-glance.ts';
import { todayIn } from '../scheduling/clinic-time.ts';
import { readWorkingTime } from './working-time.repository.ts';
import type { atAGlanceQuery, atAGlanceResponse } from './at-a-glance.schema.ts';

/**
 * The owner's figures for a clinic day and its week. Six set-based reads for the whole
 * week (never one per practitioner or per day); the arithmetic is the pure domain function.
 * Counts and times only: no names, no health details.
 */
export async function getAtAGlance(ctx: AppContext, actor: Actor, query: z.infer<typeof atAGlanceQuery>): Promise<z.infer<typeof atAGlanceResponse>> {
  const tz = actor.timeZone;
  const date = query.date ?? todayIn(tz, nowOf(ctx));
  const week = weekRange(date, tz);
  const from = new Date(week.from);
  const to = new Date(week.to);
  const q = ctx.database.db;
  const clinicId = actor.clinicId;

  const [people, { hours, exceptions, closures }, rows, newClients] = await Promise.all([
    q.select({ id: memberships.userId }).from(memberships)
      .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, ['owner', 'practitioner']), isNull(memberships.deactivatedAt))),
    readWorkingTime(q, clinicId, week.startDate, week.endDate),
    q.select({
      kind: bookings.kind, status: bookings.status, practitionerId: bookings.practitionerId, serviceKind: services.kind,
      startsAt: bookings.startsAt, blockedStart: bookings.blockedStart, blockedEnd: bookings.blockedEnd,
    })
      .from(bookings)
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .where(and(eq(bookings.clinicId, clinicId), ne(bookings.status, 'expired'), lt(bookings.blockedStart, to), gte(bookings.blockedEnd, from))),
    q.select({ createdAt: clients.createdAt }).from(clients)
      .where(and(eq(clients.clinicId, clinicId), gte(clients.createdAt, from), lt(clients.createdAt, to))),
  ]);

  const result = atAGlance({
    timeZone: tz,
    date,
    practitioners: people.map((p) => ({
      id: p.id,
      weekly: hours.filter((h) => h.practitionerId === p.id),
      exceptions: exceptions.filter((x) => x.practitionerId === p.id),
    })),
    closures,
    bookings: rows.map((r) => ({
      kind: r.kind, status: r.status, practitionerId: r.practitionerId, serviceKind: r.serviceKind,
      startsAt: r.startsAt.getTime(), blockedStart: r.blockedStart.getTime(), blockedEnd: r.blockedEnd.getTime(),
    })),
    clientsCreatedAt: newClients.map((c) => c.createdAt.getTime()),
  });
  return { timeZone: tz, date, ...result };
}
