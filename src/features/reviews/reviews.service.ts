import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { bookings, clinics, reviews, services, users } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { constraintName, sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import { listReviews, publicReviews, reviewAggregate } from './reviews.repository.ts';
import type { createReviewBody, hideBody, replyBody } from './reviews.schema.ts';
import { emitEvent } from '../webhooks/webhook-events.repository.ts';

const alreadyReviewed = () => new AppError(409, 'already-reviewed', 'Already reviewed',
  'You have already reviewed this appointment. Each appointment can be reviewed once.');
const notReviewable = () => new AppError(422, 'not-reviewable', 'Cannot review this appointment',
  'You can review an appointment only once it has been completed, and only your own. If you think this is wrong, please contact the clinic.');

async function clinicIdBySlug(ctx: AppContext, slug: string) {
  const [c] = await ctx.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, slug));
  if (!c) throw notFound('The clinic');
  return c.id;
}

/** Public: the clinic's (or a practitioner's) visible reviews and honest aggregate. */
export async function getPublicReviews(ctx: AppContext, slug: string, practitionerId?: string) {
  return publicReviews(ctx.database.db, await clinicIdBySlug(ctx, slug), practitionerId);
}

/** A signed-in client's completed appointment at this clinic, with whether it is reviewed already. */
export async function getReviewableBooking(ctx: AppContext, actor: Actor, bookingId: string) {
  const [row] = await ctx.database.db.select({
    booking: bookings, service: services.name, practitioner: users.name, reviewId: reviews.id,
  }).from(bookings)
    .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .leftJoin(users, eq(users.id, bookings.practitionerId))
    .leftJoin(reviews, and(eq(reviews.clinicId, bookings.clinicId), eq(reviews.bookingId, bookings.id)))
    .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId)));
  if (!row || !actor.clientId || row.booking.clientId !== actor.clientId || row.booking.status !== 'completed') throw notReviewable();
  return {
    bookingId: row.booking.id,
    start: row.booking.startsAt.toISOString(),
    timeZone: actor.timeZone,
   
    service: row.service ?? '',
    practitioner: row.practitioner ?? '',
    reviewed: row.reviewId !== null,
  };
}

/** A client reviews their own completed appointment, once. */
export async function createReview(ctx: AppContext, actor: Actor, body: z.infer<typeof createReviewBody>) {
  if (!actor.clientId) throw notReviewable();
  try {
    return await ctx.database.transaction(async (tx) => {
      const [b] = await tx.select().from(bookings)
        .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, body.bookingId), eq(bookings.kind, 'appointment')));
      if (!b || b.clientId !== actor.clientId || b.status !== 'completed' || !b.practitionerId) throw notReviewable();
      const [existing] = await tx.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.clinicId, actor.clinicId), eq(reviews.bookingId, b.id)));
      if (existing) throw alreadyReviewed();
      const [created] = await tx.insert(reviews).values({
        clinicId: actor.clinicId, bookingId: b.id, clientId: actor.clientId!, practitionerId: b.practitionerId, rating: body.rating, body: body.body,
      }).returning({ id: reviews.id });
      await recordAudit(tx, actor, { action: 'review.created', entityType: 'review', entityId: created!.id, clinicId: actor.clinicId, actorRole: actor.role, details: { bookingId: b.id, rating: body.rating } });
      // Reviews are published on arrival (the owner may hide one later).
      await emitEvent(tx, actor.clinicId, 'review.published', { reviewId: created!.id, bookingId: b.id, practitionerId: b.practitionerId, publishedAt: new Date() });
      return { id: created!.id };
    });
  } catch (error) {
    // Two submissions at once: the unique key on (clinic, booking) refuses the second.
    if (sqlState(error) === UNIQUE_VIOLATION && constraintName(error) === 'reviews_booking_uq') throw alreadyReviewed();
    throw error;
  }
}

/** The owner's view: every review, hidden ones with their reason. */
export async function listStaffReviews(ctx: AppContext, actor: Actor) {
  const [aggregate, rows] = await Promise.all([
    reviewAggregate(ctx.database.db, actor.clinicId),
    listReviews(ctx.database.db, actor.clinicId, { includeHidden: true, limit: 200 }),
  ]);
  return {
    aggregate,
    items: rows.map(({ public: p, row }) => ({
      ...p, bookingId: row.bookingId,
      hidden: row.hiddenAt && row.hiddenReason ? { at: row.hiddenAt.toISOString(), reason: row.hiddenReason } : null,
    })),
  };
}

async function changeReview(ctx: AppContext, actor: Actor, reviewId: string,
  change: (row: typeof reviews.$inferSelect, actor: { userId: string }) => Partial<typeof reviews.$inferInsert> | null,
  audit: (row: typeof reviews.$inferSelect) => { action: string; details?: Record<string, unknown> }) {
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.select().from(reviews).where(and(eq(reviews.clinicId, actor.clinicId), eq(reviews.id, reviewId))).for('update');
    if (!row) throw notFound('The review');
    const set = change(row, actor);
    if (!set) return;
    await tx.update(reviews).set(set).where(and(eq(reviews.clinicId, actor.clinicId), eq(reviews.id, reviewId)));
    const a = audit(row);
    await recordAudit(tx, actor, { action: a.action, entityType: 'review', entityId: reviewId, clinicId: actor.clinicId, actorRole: actor.role, details: a.details });
  });
  const rows = await listStaffReviews(ctx, actor);
  return rows.items.find((r) => r.id === reviewId)!;
}

/** The clinic's public reply (replaces an earlier one). */
export function replyToReview(ctx: AppContext, actor: Actor, reviewId: string, body: z.infer<typeof replyBody>) {
  return changeReview(ctx, actor, reviewId,
    (_row, actor) => ({ replyBody: body.body, repliedAt: new Date(), repliedBy: actor.userId }),
    (row) => ({ action: row.replyBody ? 'review.reply_changed' : 'review.replied' }));
}

/** Hides a review from the public pages; a reason is required and recorded, and the hidden count stays public. */
export function hideReview(ctx: AppContext, actor: Actor, reviewId: string, body: z.infer<typeof hideBody>) {
  return changeReview(ctx, actor, reviewId,
    (row, actor) => (row.hiddenAt ? null : { hiddenAt: new Date(), hiddenBy: actor.userId, hiddenReason: body.reason }),
    () => ({ action: 'review.hidden', details: { reason: body.reason } }));
}

/** Shows a hidden review again. */
export function unhideReview(ctx: AppContext, actor: Actor, reviewId: string) {
  return changeReview(ctx, actor, reviewId,
    (row) => (row.hiddenAt ? { hiddenAt: null, hiddenBy: null, hiddenReason: null } : null),
    () => ({ action: 'review.unhidden' }));
}

/** The signed-in client's completed appointments at this clinic, for "Leave a review". */
export async function listMyReviewable(ctx: AppContext, actor: Actor) {
  if (!actor.clientId) return { items: [] };
  const rows = await ctx.database.db.select({ booking: bookings, service: services.name, practitioner: users.name, reviewId: reviews.id }).from(bookings)
    .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .leftJoin(users, eq(users.id, bookings.practitionerId))
    .leftJoin(reviews, and(eq(reviews.clinicId, bookings.clinicId), eq(reviews.bookingId, bookings.id)))
    .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.clientId, actor.clientId), eq(bookings.status, 'completed')))
    .orderBy(desc(bookings.startsAt)).limit(50);
  return {
    items: rows.map((r) => ({
      bookingId: r.booking.id, start: r.booking.startsAt.toISOString(), timeZone: actor.timeZone,
      service: r.service ?? '', practitioner: r.practitioner ?? '', reviewed: r.reviewId !== null,
    })),
  };
}
