import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { bookings, calendarFeeds, memberships, sessions } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { conflict, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { listBookingDetails } from '../booking/booking.repository.ts';

/**
 * Staff who leave. Deactivating a membership ends the person's sessions at once, deletes
 * their calendar feed, and from then on the access module treats the membership as absent
 * (404, audited as `access.denied` with reason `deactivated`). Nothing is deleted: the
 * user and the membership stay, so past bookings and the audit log keep their name.
 */
export async function deactivateMember(ctx: AppContext, actor: Actor, userId: string) {
  if (userId === actor.userId) throw conflict('cannot-deactivate-self', 'You cannot deactivate yourself. Ask another owner to do it.');
  return ctx.database.transaction(async (tx) => {
    const [member] = await tx.select().from(memberships)
      .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId))).for('update');
    if (!member) throw notFound('The staff member');
    if (member.deactivatedAt) return { userId, deactivatedAt: member.deactivatedAt.toISOString() };
    if (member.role === 'owner') {
      const owners = await tx.select({ u: memberships.userId }).from(memberships)
        .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.role, 'owner'), isNull(memberships.deactivatedAt)));
      if (owners.length <= 1) throw conflict('last-owner', 'A clinic needs at least one owner. Make someone else an owner first.');
    }
    const now = new Date();
    await tx.update(memberships).set({ deactivatedAt: now, deactivatedBy: actor.userId })
      .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId)));
    // Every session ends: a session is not tied to one clinic, and signing in again shows
    // only the clinics where they still have a place.
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash });
    await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.clinicId, actor.clinicId), eq(calendarFeeds.practitionerId, userId)));
    await recordAudit(tx, actor, {
      action: 'staff.deactivated', entityType: 'membership', entityId: userId, details: { role: member.role, sessionsEnded: ended.length },
    });
    return { userId, deactivatedAt: now.toISOString() };
  });
}

/** Gives a deactivated staff member their place back (same role); they sign in again. */
export async function reactivateMember(ctx: AppContext, actor: Actor, userId: string) {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(memberships).set({ deactivatedAt: null, deactivatedBy: null })
      .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId))).returning();
    if (!row) throw notFound('The staff member');
    await recordAudit(tx, actor, { action: 'staff.reactivated', entityType: 'membership', entityId: userId, details: { role: row.role } });
    return { userId, deactivatedAt: null };
  });
}

/** A (deactivated) practitioner's upcoming bookings, for reception to move to someone else. */
export async function futureBookingsOf(ctx: AppContext, actor: Actor, userId: string) {
  const [member] = await ctx.database.db.select({ u: memberships.userId }).from(memberships)
    .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId)));
  if (!member) throw notFound('The staff member');
  const rows = await listBookingDetails(ctx.database.db, actor.clinicId, and(
    eq(bookings.practitionerId, userId), eq(bookings.kind, 'appointment'),
    inArray(bookings.status, ['held', 'confirmed']), gte(bookings.startsAt, new Date()),
  ), 500);
  return {
    items: rows.map((r) => ({
      id: r.booking.id, start: r.booking.startsAt.toISOString(), date: DateTime.fromJSDate(r.booking.startsAt).setZone(actor.timeZone).toISODate()!, end: r.booking.endsAt.toISOString(), status: r.booking.status,
      serviceName: r.serviceName, clientName: r.clientName, practitionerName: r.practitionerName,
    })),
  };
}
