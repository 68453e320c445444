import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { auditLog, bookings, clients, clinics, memberships, rooms, services, users, waitlistEntries } from '../../data/schema/index.ts';

/** The resolved filters of one clinic's log: the period is already a range of instants. */
export interface AuditSelection {
  clinicId: string;
  personId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** First instant included. */
  fromInstant?: Date;
  /** First instant no longer included. */
  toInstant?: Date;
}

/** Where a page starts: just older than this row, in the log's (at, id) order. */
export interface AuditPosition {
  /** The row's time to the microsecond, ISO 8601 in UTC (JavaScript dates keep only milliseconds). */
  at: string;
  id: number;
}

/**
 * One page of a clinic's log, newest first, keyed on (at, id) so that rows written while
 * someone pages never shift the pages. Only rows carrying this clinic's id: account events
 * with no clinic are never listed. The actor's name and e-mail come from their account.
 */
export function selectAuditPage(q: Queryable, s: AuditSelection, after: AuditPosition | undefined, limit: number) {
  return q
    .select({
      id: auditLog.id,
      at: auditLog.at,
      // Microseconds survive the round trip through the cursor only as text.
      position: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(
      eq(auditLog.clinicId, s.clinicId),
      s.personId ? eq(auditLog.actorUserId, s.personId) : undefined,
      s.entityType ? eq(auditLog.entityType, s.entityType) : undefined,
      s.entityId ? eq(auditLog.entityId, s.entityId) : undefined,
      s.action ? eq(auditLog.action, s.action) : undefined,
      s.fromInstant ? gte(auditLog.at, s.fromInstant) : undefined,
      s.toInstant ? lt(auditLog.at, s.toInstant) : undefined,
      after ? sql`(${auditLog.at}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::bigint)` : undefined,
    ))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

export type AuditLogRow = Awaited<ReturnType<typeof selectAuditPage>>[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record types named after a person (the entity id is a user id). */
const PERSON_TYPES = new Set(['membership', 'practitioner_hours', 'calendar_feed', 'user']);

/**
 * Human names for the records of some log rows, keyed `type:id`: a client's name, a staff
 * member's name, a service or room, "Booking for <client>". Contact names only, never
 * health content; every lookup is confined to this clinic, so a row about another clinic's
 * record (a refused access, say) names nothing of theirs. A handful of queries per page.
 */
export async function recordLabels(q: Queryable, clinicId: string, rows: readonly { entityType: string; entityId: string | null }[]) {
  const ids = (types: (t: string) => boolean) =>
    [...new Set(rows.filter((r) => types(r.entityType) && r.entityId && UUID.test(r.entityId)).map((r) => r.entityId!))];
  const labels = new Map<string, string>();
  const put = (type: string, id: string, label: string) => labels.set(`${type}:${id}`, label);

  const clientIds = ids((t) => t === 'client');
  const bookingIds = ids((t) => t === 'booking');
  const waitIds = ids((t) => t === 'waitlist_entry');
  const personIds = ids((t) => PERSON_TYPES.has(t));
  const serviceIds = ids((t) => t === 'service');
  const roomIds = ids((t) => t === 'room');
  const clinicIds = ids((t) => t === 'clinic').filter((id) => id === clinicId);

  // One after another: a transaction's connection runs one query at a time anyway.
  const clientRows = clientIds.length
    ? await q.select({ id: clients.id, name: clients.name }).from(clients).where(and(eq(clients.clinicId, clinicId), inArray(clients.id, clientIds)))
    : [];
  const bookingRows = bookingIds.length
    ? await q.select({ id: bookings.id, kind: bookings.kind, name: clients.name }).from(bookings)
      .leftJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
      .where(and(eq(bookings.clinicId, clinicId), inArray(bookings.id, bookingIds)))
    : [];
  const waitRows = waitIds.length
    ? await q.select({ id: waitlistEntries.id, name: clients.name }).from(waitlistEntries)
      .innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
      .where(and(eq(waitlistEntries.clinicId, clinicId), inArray(waitlistEntries.id, waitIds)))
    : [];
  const staffRows = personIds.length
    ? await q.select({ id: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.userId, personIds)))
    : [];
  const clientUserRows = personIds.length
    ? await q.select({ id: clients.userId, name: clients.name }).from(clients).where(and(eq(clients.clinicId, clinicId), inArray(clients.userId, personIds)))
    : [];
  const serviceRows = serviceIds.length
    ? await q.select({ id: services.id, name: services.name }).from(services).where(and(eq(services.clinicId, clinicId), inArray(services.id, serviceIds)))
    : [];
  const roomRows = roomIds.length
    ? await q.select({ id: rooms.id, name: rooms.name }).from(rooms).where(and(eq(rooms.clinicId, clinicId), inArray(rooms.id, roomIds)))
    : [];
  const clinicRows = clinicIds.length ? await q.select({ id: clinics.id, name: clinics.name }).from(clinics).where(eq(clinics.id, clinicId)) : [];

  for (const r of clientRows) put('client', r.id, r.name);
  for (const r of bookingRows) put('booking', r.id, r.kind === 'block' ? 'Blocked time' : r.name ? `Booking for ${r.name}` : 'Booking');
  for (const r of waitRows) put('waitlist_entry', r.id, r.name);
  // Staff names win over a client record of the same person.
  for (const r of [...clientUserRows, ...staffRows]) {
    if (!r.id) continue;
    for (const type of PERSON_TYPES) put(type, r.id, r.name);
  }
  for (const r of serviceRows) put('service', r.id, r.name);
  for (const r of roomRows) put('room', r.id, r.name);
  for (const r of clinicRows) put('clinic', r.id, r.name);
  return labels;
}

/** The clinic's staff, including people who were deactivated, by name: whom the log can be filtered by. */
export function selectStaffForFilter(q: Queryable, clinicId: string) {
  return q
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.clinicId, clinicId))
    .orderBy(asc(users.name), asc(users.email));
}
