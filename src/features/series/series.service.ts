import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { clients } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Queryable } from '../../data/db.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { isActor, refused, signedInUser, STAFF, type Actor, type Requester } from '../../server/access.ts';
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
import { addToCareTeam, clientForUser, insertBooking, loadBookingDetails } from '../booking/booking.repository.ts';
import { checkServiceRules, times, writeUnderConstraint } from '../booking/booking.service.ts';
import { seriesConfirmationEmail } from '../booking/booking-emails.ts';
import type { bookSeriesBody, seriesProposalBody } from './series.schema.ts';

const DAY = 86_400_000;
const ALTERNATIVES = 3;

interface SeriesWho {
  clinicId: string;
  audience: Audience;
  /** Known for staff (the client booked for) and for clients already on file. */
  clientId: string | null;
  role: string;
  user: { userId: string; name: string; email: string };
}

/**
 * Staff book a course for a client (practitioners only in their own diary); a signed-in
 * client books one for themself under the public rules (notice, horizon).
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
  const user = isActor(caller) ? caller : signedInUser(caller);
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The clinic');
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
 */
export async function bookCourse(
  ctx: AppContext, caller: Actor | Requester, slug: string, body: z.infer<typeof bookSeriesBody>,
  /** Work that belongs with the booking (e.g. linking a treatment plan): same transaction, all or none. */
  within?: (tx: Queryable, seriesId: string, clientId: string) => Promise<void>,
) {
  const who = await seriesWho(ctx, caller, slug, body);
  const sc = await loadServiceContext(ctx.database.db, { clinicId: who.clinicId }, body.serviceId, who.audience, 422, 'serviceId');
  const starts = body.starts.map((s) => Date.parse(s));
  const occupies = (sc.service.durationMin + sc.service.bufferBeforeMin + sc.service.bufferAfterMin) * 60_000;
  const order = starts.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s);
  for (let k = 1; k < order.length; k++) {
    if (order[k]!.s - order[k - 1]!.s < occupies) {
      throw new AppError(422, 'sessions-overlap', 'Sessions overlap', `Sessions ${order[k - 1]!.i + 1} and ${order[k]!.i + 1} overlap. Choose different times.`, { index: order[k]!.i });
    }
  }
  await checkServiceRules(ctx, sc, { clientId: who.clientId, anonymous: false, start: new Date(order[0]!.s) });
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
  let current = 0;
  try {
    const created = await writeUnderConstraint(ctx, who.clinicId, () => ctx.database.transaction(async (tx) => {
      const clientId = who.clientId ?? (await clientForUser(tx, who.clinicId, who.user));
      const sessions = [];
      for (const [i, slot] of slots.entries()) {
        current = i;
        const token = newToken();
        const row = await insertBooking(tx, {
          clinicId: who.clinicId, serviceId: sc.service.id, practitionerId: String(slot.practitionerId), clientId,
          roomId: slot.roomId === undefined ? null : String(slot.roomId), ...times(sc, slot.start),
          cancellationWindowHours: sc.settings.cancellationWindowHours,
          status: 'confirmed', source: who.audience === 'staff' ? 'staff' : 'online', seriesId, manageTokenHash: hashToken(token), createdBy: who.user.userId,
        });
        sessions.push({ details: (await loadBookingDetails(tx, who.clinicId, row.id))!, token });
      }
      await addToCareTeam(tx, who.clinicId, clientId, body.practitionerId);
      await enqueueEmail(tx, seriesConfirmationEmail(ctx.config, sessions, sc.settings.cancellationWindowHours));
      await recordAudit(tx, caller, {
        action: 'booking.series_create', entityType: 'booking_series', entityId: seriesId, clinicId: who.clinicId, actorRole: who.role,
        details: { sessions: sessions.length, serviceId: sc.service.id, practitionerId: body.practitionerId },
      });
      if (within) await within(tx, seriesId, clientId);
      return sessions.map((s) => s.details.booking);
    }));
    return {
      seriesId,
      bookings: created.map((b) => ({ id: b.id, start: b.startsAt.toISOString(), end: b.endsAt.toISOString(), status: b.status })),
    };
  } catch (error) {
    throw withSession(error, current);
  }
}

/** Names the session a 409 or 422 is about, so the client can offer an alternative for it. */
function withSession(error: unknown, index: number) {
  if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) return error;
  return new AppError(error.status, error.code, error.title, `Session ${index + 1}: ${error.detail ?? error.title}`, { ...error.extra, index });
}
