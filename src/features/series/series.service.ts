import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { bookings, clients } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Queryable } from '../../data/db.ts';
import { AppError, badRequest, notFound, tooManyRequests } from '../../server/errors.ts';
import { isActor, refused, STAFF, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { computeAvailability, type Slot } from '../../domain/availability/index.ts';
import { proposeSeries, seriesTargets } from '../../domain/courses/series-dates.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import {
  assertGivesService, buildAvailabilityInput, checkStart, loadServiceContext, type Audience,
} from '../scheduling/availability.service.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { addDays, localDateOf } from '../scheduling/clinic-time.ts';
import {
  addToCareTeam, clientForUser, findByIdempotencyKey, findOrCreateClientByEmail, insertBooking, loadBookingDetails,
} from '../booking/booking.repository.ts';
import { constraintName, sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import { countEvent } from '../../server/rate-limit.ts';
import { onlineRefusal, screenClient } from '../screening/screening.service.ts';
import { checkServiceRules, times, writeUnderConstraint } from '../booking/booking.service.ts';
import { courseHoldEmail, seriesConfirmationEmail } from '../booking/booking-emails.ts';
import type { bookSeriesBody, seriesProposalBody } from './series.schema.ts';
import { emitBookingEvent } from '../webhooks/webhook-events.repository.ts';
import { billingOf } from '../money/billing.service.ts';
import { payOnlineOf } from '../../domain/money/booking-payment.ts';

const DAY = 86_400_000;
const ALTERNATIVES = 3;

interface SeriesWho {
  clinicId: string;
  audience: Audience;
  /** Known for staff (the client booked for) and for clients already on file. */
  clientId: string | null;
  role: string;
  /** Who books; null for a visitor (not signed in, or an address not yet confirmed). */
  user: { userId: string; name: string; email: string } | null;
}

/**
 * Staff book a course for a client (practitioners only in their own diary); a signed-in
 * client books one for themself under the public rules (notice, horizon); a visitor may
 * see the proposed dates and book them held until their address is confirmed.
 */
async function seriesWho(ctx: AppContext, caller: Actor | Requester, slug: string, body: { clientId?: string; practitionerId: string }): Promise<SeriesWho> {
  if (body.clientId) {
    // The route resolves staff (booking for a client) to an Actor; a client books as a Requester.
    if (!isActor(caller)) throw new Error('Booking a course for a client needs the resolved staff actor');
    const actor = caller;
    if (!STAFF.includes(actor.role)) throw refused(actor, 'Only staff book courses for a client.');
    if (actor.role === 'practitioner' && body.practitionerId !== actor.userId) {
      throw refused(actor, 'Practitioners can book courses only into their own diary.');
    }
    const [c] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, body.clientId)));
    if (!c) throw new AppError(422, 'unknown-client', 'Unknown client', 'There is no such client at this clinic.', { errors: [{ field: 'clientId', message: 'No such client' }] });
    return { clinicId: actor.clinicId, audience: 'staff', clientId: c.id, role: actor.role, user: actor };
  }
  // As for one booking: only a confirmed address books in its own name at once.
  const user = isActor(caller) ? caller : caller.sessionUser?.emailVerified ? caller.sessionUser : null;
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The clinic');
  if (!user) return { clinicId: loaded.clinic.id, audience: 'public', clientId: null, role: 'public', user: null };
  const [own] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, loaded.clinic.id), eq(clients.userId, user.userId)));
  return { clinicId: loaded.clinic.id, audience: 'public', clientId: own?.id ?? null, role: 'client', user };
}

/**
 * Proposes the dates of a course: the preferred weekday and time every k days, each kept
 * when free, otherwise moved to the nearest free start within a few days (half the
 * interval, at most 3 days) with other alternatives listed. Nothing is booked.
 */
export async function proposeCourse(ctx: AppContext, caller: Actor | Requester, slug: string, body: z.infer<typeof seriesProposalBody>) {
  const who = await seriesWho(ctx, caller, slug, body);
  const sc = await loadServiceContext(ctx.database.db, { clinicId: who.clinicId }, body.serviceId, who.audience, 422, 'serviceId');
  const tz = sc.clinic.timeZone;
  const intervalDays = body.every.n * (body.every.unit === 'weeks' ? 7 : 1);
  const targets = seriesTargets({ count: body.count, intervalDays, firstDate: body.firstDate, weekday: body.weekday, time: body.time, timeZone: tz });
  const shiftDays = Math.max(1, Math.min(3, Math.floor(intervalDays / 2)));
  const input = await buildAvailabilityInput(ctx.database.db, sc, {
    practitionerId: body.practitionerId,
    startDate: addDays(localDateOf(targets[0]!, tz), -shiftDays),
    endDate: addDays(localDateOf(targets.at(-1)!, tz), shiftDays),
    now: Date.now(),
    audience: who.audience,
  });
  await assertGivesService(ctx.database.db, sc, input, body.practitionerId, 422, 'practitionerId');
  const offered = computeAvailability(input).map((s) => s.start);
  const durationMs = sc.service.durationMin * 60_000;
  const occupiesMs = durationMs + (sc.service.bufferBeforeMin + sc.service.bufferAfterMin) * 60_000;
  const proposals = proposeSeries(targets, { offered, occupiesMs, maxShiftMs: shiftDays * DAY, alternatives: ALTERNATIVES });
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    timeZone: tz,
    sessions: proposals.map((p) => ({
      index: p.index,
      target: iso(p.target),
      status: p.status,
      start: p.start === null ? null : iso(p.start),
      alternatives: p.alternatives.map((s) => ({ start: iso(s), end: iso(s + durationMs) })),
    })),
  };
}

/**
 * Books every session of a course in one transaction: all or none. Each start must be one
 * the engine offers (422 naming the session otherwise) and the sessions may not overlap;
 * a clash found by the database is a 409 naming the session. One e-mail lists them all.
 *
 * Online (no `clientId`) the clinic's rules for one booking apply to the course: notice
 * and horizon, a consultation first where the treatment asks for one, new clients only,
 * the client's health answers, and the booking rate limits. A visitor's sessions are held
 * until the e-mail address is confirmed; the link confirms them all (`confirmByToken`).
 * A repeated `Idempotency-Key` answers with the course it first booked.
 */
export async function bookCourse(
  ctx: AppContext, caller: Actor | Requester, slug: string, body: z.infer<typeof bookSeriesBody>,
  /** Work that belongs with the booking (e.g. linking a treatment plan): same transaction, all or none. */
  within?: (tx: Queryable, seriesId: string, clientId: string) => Promise<void>,
  idempotencyKey?: string,
) {
  const who = await seriesWho(ctx, caller, slug, body);
  const person = who.user ? null : body.client ? { ...body.client, phone: body.client.phone ?? null } : null;
  if (!who.user && !person) {
    throw badRequest('Enter your name and e-mail address, or sign in.', [{ field: 'body.client', message: 'Required unless signed in' }]);
  }
  const sc = await loadServiceContext(ctx.database.db, { clinicId: who.clinicId }, body.serviceId, who.audience, 422, 'serviceId');
  if (idempotencyKey) {
    const replay = await replayCourse(ctx, who.clinicId, idempotencyKey, body);
    if (replay) return replay;
  }
  const starts = body.starts.map((s) => Date.parse(s));
  const occupies = (sc.service.durationMin + sc.service.bufferBeforeMin + sc.service.bufferAfterMin) * 60_000;
  const order = starts.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s);
  for (let k = 1; k < order.length; k++) {
    if (order[k]!.s - order[k - 1]!.s < occupies) {
      throw new AppError(422, 'sessions-overlap', 'Sessions overlap', `Sessions ${order[k - 1]!.i + 1} and ${order[k]!.i + 1} overlap. Choose different times.`, { index: order[k]!.i });
    }
  }
  if (who.audience === 'public') await refuseCourseToPayOnline(ctx, who.clinicId, sc.service);
  if (who.audience === 'public') await countOnlineBooking(ctx, caller, who.user?.email ?? person!.email);
  await checkServiceRules(ctx, sc, { clientId: who.clientId, anonymous: !who.user, start: new Date(order[0]!.s) });
  // A signed-in client's health answers (a visitor's are read when the link matches them to a client, at confirmation).
  if (who.audience === 'public' && who.clientId) {
    const refusal = onlineRefusal(await screenClient(ctx.database.db, sc.clinic, who.clientId, sc.service.kind, order[0]!.s), sc.service.name);
    if (refusal) throw refusal;
  }
  const now = Date.now();
  const slots: Slot[] = [];
  for (const [i, start] of starts.entries()) {
    try {
      slots.push(await checkStart(ctx.database.db, sc, { start, practitionerId: body.practitionerId, audience: who.audience, now, field: `starts.${i}` }));
    } catch (error) {
      throw withSession(error, i);
    }
  }
  const seriesId = randomUUID();
  const holdExpiresAt = person ? new Date(now + ctx.config.BOOKING_HOLD_MINUTES * 60_000) : null;
  let current = 0;
  try {
    const created = await writeUnderConstraint(ctx, who.clinicId, () => ctx.database.transaction(async (tx) => {
      const clientId = who.clientId ?? (who.user ? await clientForUser(tx, who.clinicId, who.user) : await findOrCreateClientByEmail(tx, who.clinicId, person!));
      const sessions = [];
      for (const [i, slot] of slots.entries()) {
        current = i;
        const token = newToken();
        const row = await insertBooking(tx, {
          clinicId: who.clinicId, serviceId: sc.service.id, practitionerId: String(slot.practitionerId), clientId,
          roomId: slot.roomId === undefined ? null : String(slot.roomId), ...times(sc, slot.start),
          cancellationWindowHours: sc.settings.cancellationWindowHours,
          status: holdExpiresAt ? 'held' : 'confirmed', holdExpiresAt,
          source: who.audience === 'staff' ? 'staff' : 'online', seriesId, manageTokenHash: hashToken(token), createdBy: who.user?.userId ?? null,
          idempotencyKey: i === 0 ? (idempotencyKey ?? null) : null,
        });
        sessions.push({ details: (await loadBookingDetails(tx, who.clinicId, row.id))!, token });
      }
      if (holdExpiresAt) {
        // Nothing is the client's until the address is confirmed: no care team yet, one e-mail asking to confirm.
        await enqueueEmail(tx, courseHoldEmail(ctx.config, sessions.map((x) => x.details), person!.name, sessions[0]!.token, ctx.config.BOOKING_HOLD_MINUTES));
      } else {
        await addToCareTeam(tx, who.clinicId, clientId, body.practitionerId);
        await enqueueEmail(tx, seriesConfirmationEmail(ctx.config, sessions, sc.settings.cancellationWindowHours));
      }
      await recordAudit(tx, caller, {
        action: 'booking.series_create', entityType: 'booking_series', entityId: seriesId, clinicId: who.clinicId, actorRole: who.role,
        details: { sessions: sessions.length, serviceId: sc.service.id, practitionerId: body.practitionerId, status: holdExpiresAt ? 'held' : 'confirmed' },
      });
      if (!holdExpiresAt) for (const x of sessions) await emitBookingEvent(tx, who.clinicId, 'booking.created', x.details.booking.id);
      if (within) await within(tx, seriesId, clientId);
      return sessions.map((x) => x.details.booking);
    }));
    return courseOut(seriesId, created);
  } catch (error) {
    if (idempotencyKey && sqlState(error) === UNIQUE_VIOLATION && constraintName(error) === 'bookings_idempotency_uq') {
      // The same request raced itself: answer as the one that booked.
      const replay = await replayCourse(ctx, who.clinicId, idempotencyKey, body);
      if (replay) return replay;
    }
    throw withSession(error, current);
  }
}

const courseOut = (seriesId: string, rows: { id: string; startsAt: Date; endsAt: Date; status: string; holdExpiresAt: Date | null }[]) => ({
  seriesId,
  bookings: rows.map((b) => ({ id: b.id, start: b.startsAt.toISOString(), end: b.endsAt.toISOString(), status: b.status })),
  holdExpiresAt: rows[0]?.holdExpiresAt?.toISOString() ?? null,
});

/** The course an Idempotency-Key already booked (its first session carries the key), or 422 when the key was used for something else. */
async function replayCourse(ctx: AppContext, clinicId: string, key: string, body: { serviceId: string; starts: string[] }) {
  const first = await findByIdempotencyKey(ctx.database.db, clinicId, key);
  if (!first) return undefined;
  if (!first.seriesId || first.serviceId !== body.serviceId || first.startsAt.getTime() !== Date.parse(body.starts[0]!)) {
    throw new AppError(422, 'idempotency-key-reused', 'Idempotency key already used',
      'This Idempotency-Key was already used for a different booking. Use a new key for a new booking.');
  }
  const rows = await ctx.database.db.select().from(bookings)
    .where(and(eq(bookings.clinicId, clinicId), eq(bookings.seriesId, first.seriesId))).orderBy(asc(bookings.startsAt));
  return courseOut(first.seriesId, rows);
}

/**
 * A treatment the clinic has paid for when booked online (a deposit or the full price) is
 * not booked online as a course: the deposit would otherwise be skipped by booking two
 * sessions at once. The client books its sessions one at a time (each paid as the clinic
 * asks), buys a package, or asks the clinic, whose staff book courses as before. 409.
 */
async function refuseCourseToPayOnline(ctx: AppContext, clinicId: string, service: Parameters<typeof payOnlineOf>[0]) {
  if (service.onlinePayment === 'none') return;
  const billing = await billingOf(ctx.database.db, clinicId);
  const pay = payOnlineOf(service, Boolean(billing.stripeSecretKey && billing.stripeWebhookSecret));
  if (!pay) return;
  throw new AppError(409, 'course-needs-payment', 'Book this treatment one session at a time',
    `The clinic asks for ${pay.kind === 'deposit' ? 'a deposit' : 'payment'} when this treatment is booked online, so it cannot be booked online as a course. Book each session on its own, or ask the clinic to book your course.`,
    { errors: [{ field: 'serviceId', message: 'Paid online when booked: book one session at a time' }] });
}

/** A course booked online counts once against the same hourly limits as one booking (per address and per e-mail). */
async function countOnlineBooking(ctx: AppContext, caller: Actor | Requester, email: string) {
  const limits = [
    { key: `booking:ip:${caller.ip}`, max: ctx.config.BOOKING_PER_IP_PER_HOUR },
    { key: `booking:email:${email}`, max: ctx.config.BOOKING_PER_EMAIL_PER_HOUR },
  ];
  for (const l of limits) {
    const state = await countEvent(ctx.database.db, l.key, 3600);
    if (state.count > l.max) throw tooManyRequests(state.retryAfterSec);
  }
}

/** Names the session a 409 or 422 is about, so the client can offer an alternative for it. */
function withSession(error: unknown, index: number) {
  if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) return error;
  return new AppError(error.status, error.code, error.title, `Session ${index + 1}: ${error.detail ?? error.title}`, { ...error.extra, index });
}
