import { drawForBooking, restoreForBooking } from '../money/packages.service.ts';
import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { createEvents, type EventAttributes } from 'ics';
import { emptyCalendar, finishCalendar, prodId } from '../../domain/calendar/icalendar.ts';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import {
  bookings, calendarFeeds, clients, clinicClosures, memberships, practitionerWeeklyHours, rooms, scheduleExceptions, services, users,
} from '../../data/schema/index.ts';
import { nowOf, type AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { buildWorkingHours } from '../../domain/scheduling/working-hours.ts';
import { arrivalRefusal, undoRefusal, undoTarget } from '../../domain/scheduling/front-desk.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { assertGivesService, buildAvailabilityInput, checkStart, loadServiceContext, parseRange, slotsBetween } from '../scheduling/availability.service.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { addDays, localDateOf, startOfLocalDate, todayIn } from '../scheduling/clinic-time.ts';
import { notifyWaitlist, markWaitlistBooked } from '../waitlist/waitlist.repository.ts';
import { addToCareTeam, findOrCreateClientByEmail, insertBooking, loadBookingDetails } from '../booking/booking.repository.ts';
import { checkServiceRules, times, writeUnderConstraint } from '../booking/booking.service.ts';
import { confirmationEmail } from '../booking/booking-emails.ts';
import { diaryScreening, screenClient, staffRefusal } from '../screening/screening.service.ts';
import { isConsentKind } from '../consent/consent-defaults.ts';
import type { TreatmentCategory } from '../../domain/intake/index.ts';
import { readinessFactsOf } from './readiness.repository.ts';
import { coursePlacesOf } from '../plans/plans.service.ts';
import { reviewInvitationEmail } from '../reviews/review-emails.ts';
import type { blockBody, diaryQuery, staffBookingBody, staffFreeTimesQuery } from './diary.schema.ts';
import { emitBookingEvent } from '../webhooks/webhook-events.repository.ts';

/** Practitioners see their own column; the owner and reception see everyone's. */
function visiblePractitioners(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.role === 'practitioner') {
    if (requested && requested !== actor.userId) throw refused(actor, 'Practitioners see only their own diary.', { entityType: 'membership', entityId: requested });
    return actor.userId;
  }
  return requested;
}

/**
 * The diary for a day or a week: a column per practitioner with their working hours and
 * every appointment and block (cancelled ones included, so reception can see what
 * happened), the blocks of rooms alone (they explain why a room-bound treatment cannot be
 * booked), and the clinic's slot step. Names and times only; never clinical notes.
 */
export async function getDiary(ctx: AppContext, actor: Actor, query: z.infer<typeof diaryQuery>) {
  const tz = actor.timeZone;
  const startDate = query.date ?? todayIn(tz);
  const endDate = addDays(startDate, query.days - 1);
  const from = new Date(startOfLocalDate(startDate, tz));
  const to = new Date(startOfLocalDate(addDays(endDate, 1), tz));
  const only = visiblePractitioners(actor, query.practitionerId);
  const q = ctx.database.db;
  const now = nowOf(ctx);

  const [people, hours, exceptions, closures, rows, loaded] = await Promise.all([
    q.select({ id: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, actor.clinicId), inArray(memberships.role, ['owner', 'practitioner']), only ? eq(memberships.userId, only) : undefined))
      .orderBy(asc(users.name)),
    q.select().from(practitionerWeeklyHours).where(and(eq(practitionerWeeklyHours.clinicId, actor.clinicId), only ? eq(practitionerWeeklyHours.practitionerId, only) : undefined)),
    q.select().from(scheduleExceptions).where(and(eq(scheduleExceptions.clinicId, actor.clinicId), gte(scheduleExceptions.endDate, startDate), sql`${scheduleExceptions.startDate} <= ${endDate}`,
      only ? eq(scheduleExceptions.practitionerId, only) : undefined)),
    q.select({ date: clinicClosures.date }).from(clinicClosures).where(and(eq(clinicClosures.clinicId, actor.clinicId), gte(clinicClosures.date, startDate), sql`${clinicClosures.date} <= ${endDate}`)),
    q.select({ b: bookings, serviceName: services.name, serviceKind: services.kind, client: { name: clients.name, phone: clients.phone }, roomName: rooms.name })
      .from(bookings)
      .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
      .leftJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
      .leftJoin(rooms, and(eq(rooms.clinicId, bookings.clinicId), eq(rooms.id, bookings.roomId)))
      .where(and(eq(bookings.clinicId, actor.clinicId), ne(bookings.status, 'expired'), lt(bookings.startsAt, to), gte(bookings.endsAt, from),
        only ? or(eq(bookings.practitionerId, only), isNull(bookings.practitionerId)) : undefined))
      .orderBy(asc(bookings.startsAt)),
    loadClinicAndService(q, { clinicId: actor.clinicId }, null),
  ]);
  // "Before the visit" for every appointment in view, set-based: one query for the clients'
  // questions and consents, one for their latest answers (screened by the pure engine).
  const visits = rows.filter((r) => r.b.kind === 'appointment' && r.b.status !== 'cancelled' && r.b.clientId && r.serviceKind);
  const visitClients = [...new Set(visits.map((r) => r.b.clientId!))];
  const seriesIds = [...new Set(rows.map((r) => r.b.seriesId).filter((s): s is string => s !== null))];
  const [screening, facts, courses] = await Promise.all([
    diaryScreening(q, { id: actor.clinicId, timeZone: tz }, visits.map((r) => ({ id: r.b.id, clientId: r.b.clientId, serviceKind: r.serviceKind, start: r.b.startsAt }))),
    readinessFactsOf(q, actor.clinicId, visitClients),
    coursePlacesOf(q, actor.clinicId, seriesIds),
  ]);
  const readiness = new Map(visits.map((r) => {
    const kind = r.serviceKind as TreatmentCategory;
    const fact = facts.get(r.b.clientId!);
    const signed = fact?.consents.find((c) => c.kind === kind);
    const s = screening.get(r.b.id);
    return [r.b.id, {
      serviceKind: kind, date: localDateOf(r.b.startsAt.getTime(), tz),
      questions: fact?.questions ?? 'missing' as const,
      consent: !isConsentKind(kind) ? 'not_needed' as const : !signed ? 'missing' as const : signed.signAgain ? 'sign_again' as const : 'signed' as const,
      findings: s?.counts ?? { refer: 0, wait: 0, review: 0, note: 0 },
      reviewOutstanding: s?.reviewOutstanding ?? 0,
    }];
  }));
  if (visits.length > 0) {
    // Health-derived statuses were read: audited with identifiers only.
    await recordAudit(q, actor, {
      action: 'diary.readiness_read', entityType: 'diary', entityId: null,
      details: { startDate, days: query.days, bookingIds: visits.slice(0, 200).map((r) => r.b.id), clientIds: visitClients.slice(0, 200) },
    });
  }
  const entry = (r: (typeof rows)[number]) => ({
    id: r.b.id, kind: r.b.kind, status: r.b.status, start: r.b.startsAt.toISOString(), end: r.b.endsAt.toISOString(),
    blockedStart: r.b.blockedStart.toISOString(), blockedEnd: r.b.blockedEnd.toISOString(),
    service: r.b.serviceId ? { id: r.b.serviceId, name: r.serviceName ?? '' } : null,
    client: r.b.clientId && r.client ? { id: r.b.clientId, name: r.client.name, phone: r.client.phone } : null,
    room: r.b.roomId ? { id: r.b.roomId, name: r.roomName ?? '' } : null,
    note: r.b.note, lateCancellation: r.b.lateCancellation, source: r.b.source, version: r.b.version,
    flags: screening.get(r.b.id)?.levels ?? [], readiness: readiness.get(r.b.id) ?? null, course: courses.get(r.b.id) ?? null,
    undoTo: r.b.kind === 'appointment' ? undoTarget(r.b.status, r.b.startsAt.getTime(), now, tz) : null,
  });
  const columns = people.map((p) => {
    const wh = buildWorkingHours({
      weekly: hours.filter((h) => h.practitionerId === p.id),
      exceptions: exceptions.filter((x) => x.practitionerId === p.id),
      closures: closures.map((c) => c.date),
      range: { startDate, endDate },
    });
    return {
      practitionerId: p.id,
      name: p.name,
      workingHours: workingInstants(wh, startDate, query.days, tz),
      entries: rows.filter((r) => r.b.practitionerId === p.id).map(entry),
    };
  });
  return {
    timeZone: tz, now: new Date(now).toISOString(), startDate, endDate, slotStepMin: loaded!.settings.slotStepMin, columns,
    roomBlocks: rows.filter((r) => r.b.practitionerId === null).map(entry),
  };
}

/** The working intervals of each shown date as instants, for shading the diary. */
function workingInstants(wh: ReturnType<typeof buildWorkingHours>, startDate: string, days: number, tz: string) {
  const out: { start: string; end: string }[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(startDate, i);
    const override = wh.overrides.find((o) => o.date === date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const intervals = override ? override.intervals : wh.weeklyHours.filter((w) => w.days.includes(weekday));
    for (const iv of intervals) {
      const at = (t: string) => (t === '24:00'
        ? DateTime.fromISO(addDays(date, 1), { zone: tz })
        : DateTime.fromISO(`${date}T${t}`, { zone: tz })).toUTC().toISO({ suppressMilliseconds: false })!;
      out.push({ start: at(iv.start), end: at(iv.end) });
    }
  }
  return out;
}

/**
 * Free times of a service by the staff rules (no notice or horizon, services not offered
 * online included), for booking by phone and for moving: with `bookingId`, that booking's
 * own time counts as free. Practitioners see only their own.
 */
export async function staffFreeTimes(ctx: AppContext, actor: Actor, query: z.infer<typeof staffFreeTimesQuery>) {
  if (actor.role === 'practitioner' && query.practitionerId !== undefined && query.practitionerId !== actor.userId) {
    throw refused(actor, 'Practitioners see free times only in their own diary.');
  }
  const practitionerId = actor.role === 'practitioner' ? actor.userId : query.practitionerId;
  const q = ctx.database.db;
  const sc = await loadServiceContext(q, { clinicId: actor.clinicId }, query.serviceId, 'staff', 400, 'querystring.serviceId');
  const tz = sc.clinic.timeZone;
  const { fromMs, toMs } = parseRange(query.from, query.to, tz);
  const input = await buildAvailabilityInput(q, sc, {
    practitionerId, startDate: localDateOf(fromMs, tz), endDate: localDateOf(toMs - 1, tz), now: nowOf(ctx), audience: 'staff', excludeBookingId: query.bookingId,
  });
  if (practitionerId) await assertGivesService(q, sc, input, practitionerId, 400, 'querystring.practitionerId');
  return { timeZone: tz, slots: slotsBetween(input, practitionerId, fromMs, toMs) };
}

/**
 * Staff book for a client, e.g. on the phone: confirmed at once, source `staff`, with the
 * confirmation e-mail (invite and links). The engine's rules apply except minimum notice
 * and the horizon. Practitioners book only into their own diary.
 */
export async function createStaffBooking(ctx: AppContext, actor: Actor, body: z.infer<typeof staffBookingBody>) {
  if (actor.role === 'practitioner' && body.practitionerId !== actor.userId) {
    throw refused(actor, 'Practitioners can book only into their own diary.');
  }
  const sc = await loadServiceContext(ctx.database.db, { clinicId: actor.clinicId }, body.serviceId, 'staff', 422, 'serviceId');
  let clientId: string | null = null;
  if (body.clientId) {
    const [c] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.id, body.clientId)));
    if (!c) throw new AppError(422, 'unknown-client', 'Unknown client', 'There is no such client at this clinic.', { errors: [{ field: 'clientId', message: 'No such client' }] });
    clientId = c.id;
  } else {
    const [c] = await ctx.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, actor.clinicId), eq(clients.email, body.client!.email)));
    clientId = c?.id ?? null;
  }
  const start = Date.parse(body.start);
  await checkServiceRules(ctx, sc, { clientId, anonymous: false, start: new Date(start) });
  if (clientId) {
    const refusal = staffRefusal(await screenClient(ctx.database.db, sc.clinic, clientId, sc.service.kind, start));
    if (refusal) throw refusal;
  }
  const slot = await checkStart(ctx.database.db, sc, { start, practitionerId: body.practitionerId, audience: 'staff', now: nowOf(ctx) });
  const token = newToken();
  const id = await writeUnderConstraint(ctx, actor.clinicId, () => ctx.database.transaction(async (tx) => {
    const who = clientId ?? (await findOrCreateClientByEmail(tx, actor.clinicId, { name: body.client!.name, email: body.client!.email, phone: body.client!.phone ?? null }));
    const booking = await insertBooking(tx, {
      clinicId: actor.clinicId, serviceId: sc.service.id, practitionerId: String(slot.practitionerId), clientId: who,
      roomId: slot.roomId === undefined ? null : String(slot.roomId), ...times(sc, slot.start),
      cancellationWindowHours: sc.settings.cancellationWindowHours,
      status: 'confirmed', source: 'staff', manageTokenHash: hashToken(token), createdBy: actor.userId,
    });
    await addToCareTeam(tx, actor.clinicId, who, booking.practitionerId!);
    await markWaitlistBooked(tx, actor.clinicId, who, sc.service.id, localDateOf(slot.start, sc.clinic.timeZone));
    const details = await loadBookingDetails(tx, actor.clinicId, booking.id);
    await enqueueEmail(tx, confirmationEmail(ctx.config, details!, token, sc.settings.cancellationWindowHours));
    await recordAudit(tx, actor, {
      action: 'booking.create', entityType: 'booking', entityId: booking.id, clinicId: actor.clinicId, actorRole: actor.role,
      details: { source: 'staff', serviceId: sc.service.id, practitionerId: booking.practitionerId },
    });
    await emitBookingEvent(tx, actor.clinicId, 'booking.created', booking.id);
    return booking.id;
  }));
  return diaryEntryById(ctx, actor.clinicId, id);
}

async function diaryEntryById(ctx: AppContext, clinicId: string, id: string) {
  const d = await loadBookingDetails(ctx.database.db, clinicId, id);
  if (!d) throw notFound('The booking');
  const b = d.booking;
  const timeZone = d.timeZone;
  const [room] = b.roomId ? await ctx.database.db.select({ name: rooms.name }).from(rooms).where(and(eq(rooms.clinicId, clinicId), eq(rooms.id, b.roomId))) : [];
  return {
    id: b.id, kind: b.kind, status: b.status, start: b.startsAt.toISOString(), end: b.endsAt.toISOString(),
    blockedStart: b.blockedStart.toISOString(), blockedEnd: b.blockedEnd.toISOString(),
    service: b.serviceId ? { id: b.serviceId, name: d.serviceName ?? '' } : null,
    client: b.clientId ? { id: b.clientId, name: d.clientName ?? '', phone: null } : null,
    room: b.roomId ? { id: b.roomId, name: room?.name ?? '' } : null, note: b.note, lateCancellation: b.lateCancellation, source: b.source, version: b.version, flags: [], readiness: null, course: null,
    undoTo: b.kind === 'appointment' ? undoTarget(b.status, b.startsAt.getTime(), nowOf(ctx), timeZone) : null,
  };
}

/** Which status changes the front desk may make, and when. */
const TRANSITIONS: Record<string, readonly string[]> = {
  confirmed: ['arrived', 'no_show', 'completed'],
  arrived: ['completed', 'no_show'],
};

/**
 * Marks a booking arrived, no-show or completed. Arrived only on the appointment's clinic
 * day, from 30 minutes before the start; no-show and completed only once it has started.
 * A no-show stops blocking the rest of its time, so a walk-in can take it.
 */
export async function setStatus(ctx: AppContext, actor: Actor, bookingId: string, status: 'arrived' | 'no_show' | 'completed') {
  const now = nowOf(ctx);
  await ctx.database.transaction(async (tx) => {
    const [b] = await tx.select().from(bookings).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId), eq(bookings.kind, 'appointment'))).for('update');
    if (!b || (actor.role === 'practitioner' && b.practitionerId !== actor.userId)) throw notFound('The booking');
    if (!TRANSITIONS[b.status]?.includes(status)) {
      throw new AppError(409, 'invalid-transition', 'Not possible now', `A booking that is ${b.status.replace('_', '-')} cannot be marked ${status.replace('_', '-')}.`);
    }
    if (status === 'arrived') {
      const refusal = arrivalRefusal(b.startsAt.getTime(), now, actor.timeZone);
      if (refusal) throw new AppError(422, 'not-arrival-time', 'Not the time to mark arrived', refusal);
    }
    if (status !== 'arrived' && b.startsAt.getTime() > now) {
      throw new AppError(422, 'not-started', 'Not started yet', `A booking can be marked ${status === 'no_show' ? 'no-show' : 'completed'} only once it has started.`);
    }
    await tx.update(bookings).set({ status, version: sql`${bookings.version} + 1`, updatedAt: new Date(now) }).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId)));
    await recordAudit(tx, actor, { action: `booking.${status}`, entityType: 'booking', entityId: bookingId, clinicId: actor.clinicId, actorRole: actor.role });
    // An attended session (or a no-show, when the clinic's policy says so) uses one session of the client's package.
    if (status !== 'arrived') await drawForBooking(tx, actor.clinicId, actor, bookingId, status);
    if (status === 'completed') {
      // Invite the client to review the visit, in the same transaction as the status change.
      const details = await loadBookingDetails(tx, actor.clinicId, bookingId);
      if (details?.clientEmail) await enqueueEmail(tx, reviewInvitationEmail(ctx.config, details));
      await emitBookingEvent(tx, actor.clinicId, 'booking.completed', bookingId);
    }
  });
  return diaryEntryById(ctx, actor.clinicId, bookingId);
}

/**
 * Undoes a front-desk status marked by mistake, on the appointment's clinic day only:
 * arrived and no-show go back to booked, completed back to arrived. Audited with both
 * statuses. A no-show's time may have been given to someone else meanwhile: then 409.
 */
export async function undoStatus(ctx: AppContext, actor: Actor, bookingId: string) {
  const now = nowOf(ctx);
  await writeUnderConstraint(ctx, actor.clinicId, () => ctx.database.transaction(async (tx) => {
    const [b] = await tx.select().from(bookings).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId), eq(bookings.kind, 'appointment'))).for('update');
    if (!b || (actor.role === 'practitioner' && b.practitionerId !== actor.userId)) throw notFound('The booking');
    const refusal = undoRefusal(b.status, b.startsAt.getTime(), now, actor.timeZone);
    if (refusal) throw new AppError(409, 'cannot-undo', 'Cannot be undone', refusal);
    const to = undoTarget(b.status, b.startsAt.getTime(), now, actor.timeZone)!;
    await tx.update(bookings).set({ status: to, version: sql`${bookings.version} + 1`, updatedAt: new Date(now) }).where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId)));
    await recordAudit(tx, actor, {
      action: 'booking.status_undo', entityType: 'booking', entityId: bookingId, clinicId: actor.clinicId, actorRole: actor.role, details: { from: b.status, to },
    });
    if (b.status === 'completed' || b.status === 'no_show') await restoreForBooking(tx, actor, bookingId);
  }));
  return diaryEntryById(ctx, actor.clinicId, bookingId);
}

/** Blocks time in a practitioner's diary and/or a room (training, maintenance). Refused with 409 over a booking. */
export async function createBlock(ctx: AppContext, actor: Actor, body: z.infer<typeof blockBody>) {
  if (actor.role === 'practitioner' && (body.practitionerId !== actor.userId || body.roomId)) {
    throw refused(actor, 'Practitioners can block time only in their own diary.');
  }
  const q = ctx.database.db;
  if (body.practitionerId) {
    const [m] = await q.select({ r: memberships.role }).from(memberships).where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, body.practitionerId)));
    if (!m) throw new AppError(422, 'unknown-practitioner', 'Unknown practitioner', 'This clinic has no such practitioner.', { errors: [{ field: 'practitionerId', message: 'No such practitioner' }] });
  }
  if (body.roomId) {
    const [r] = await q.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.clinicId, actor.clinicId), eq(rooms.id, body.roomId)));
    if (!r) throw new AppError(422, 'unknown-room', 'Unknown room', 'This clinic has no such room.', { errors: [{ field: 'roomId', message: 'No such room' }] });
  }
  const startsAt = new Date(body.start);
  const endsAt = new Date(body.end);
  const id = await writeUnderConstraint(ctx, actor.clinicId, () => ctx.database.transaction(async (tx) => {
    const row = await insertBooking(tx, {
      clinicId: actor.clinicId, kind: 'block', practitionerId: body.practitionerId ?? null, roomId: body.roomId ?? null,
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff', note: body.note ?? null, createdBy: actor.userId,
    });
    await recordAudit(tx, actor, { action: 'block.create', entityType: 'booking', entityId: row.id, clinicId: actor.clinicId, actorRole: actor.role });
    return row.id;
  }));
  return diaryEntryById(ctx, actor.clinicId, id);
}

/** Removes a block; the freed time goes to the waiting list. */
export async function removeBlock(ctx: AppContext, actor: Actor, blockId: string) {
  const loaded = (await loadClinicAndService(ctx.database.db, { clinicId: actor.clinicId }, null))!;
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(bookings)
      .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, blockId), eq(bookings.kind, 'block'),
        actor.role === 'practitioner' ? eq(bookings.practitionerId, actor.userId) : undefined))
      .returning();
    if (!row) throw notFound('The block');
    if (row.practitionerId) {
      await notifyWaitlist(tx, ctx.config, { clinicId: actor.clinicId, clinicSlug: loaded.clinic.slug, clinicName: loaded.clinic.name, timeZone: loaded.clinic.timeZone, practitionerId: row.practitionerId, start: row.startsAt });
    }
    await recordAudit(tx, actor, { action: 'block.remove', entityType: 'booking', entityId: blockId, clinicId: actor.clinicId, actorRole: actor.role });
  });
}

// ---- Calendar feed ---------------------------------------------------------------------

/**
 * Creates (or replaces, revoking the old one) the signed-in practitioner's secret
 * calendar address. The secret is shown once; only its hash is kept.
 */
export async function createCalendarFeed(ctx: AppContext, actor: Actor) {
  const token = newToken();
  await ctx.database.transaction(async (tx) => {
    await tx.insert(calendarFeeds).values({ clinicId: actor.clinicId, practitionerId: actor.userId, tokenHash: hashToken(token) })
      .onConflictDoUpdate({ target: [calendarFeeds.clinicId, calendarFeeds.practitionerId], set: { tokenHash: hashToken(token), createdAt: new Date() } });
    await recordAudit(tx, actor, { action: 'calendar_feed.create', entityType: 'calendar_feed', entityId: actor.userId, clinicId: actor.clinicId, actorRole: actor.role });
  });
  return { url: `${ctx.config.publicUrl}/api/v1/clinics/${actor.clinicSlug}/calendar-feeds/${token}` };
}

/**
 * The practitioner's diary as iCalendar, for a phone calendar to subscribe to: 30 days
 * back to 180 days ahead. Phone calendars sync to third-party servers, so it holds no
 * health details: not the service (which can name a condition), only the client's first
 * name and initial, and a link back to the diary.
 */
export async function calendarFeed(ctx: AppContext, slug: string, token: string): Promise<string> {
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The calendar');
  // Only while the practitioner still works here: a deactivated membership stops the feed.
  const [found] = await ctx.database.db.select({ feed: calendarFeeds }).from(calendarFeeds)
    .innerJoin(memberships, and(eq(memberships.clinicId, calendarFeeds.clinicId), eq(memberships.userId, calendarFeeds.practitionerId), isNull(memberships.deactivatedAt)))
    .where(and(eq(calendarFeeds.clinicId, loaded.clinic.id), eq(calendarFeeds.tokenHash, hashToken(token))));
  if (!found) throw notFound('The calendar');
  const feed = found.feed;
  const now = Date.now();
  const rows = await ctx.database.db.select({ b: bookings, clientName: clients.name, roomName: rooms.name }).from(bookings)
    .leftJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
    .leftJoin(rooms, and(eq(rooms.clinicId, bookings.clinicId), eq(rooms.id, bookings.roomId)))
    .where(and(eq(bookings.clinicId, feed.clinicId), eq(bookings.practitionerId, feed.practitionerId),
      or(inArray(bookings.status, ['confirmed', 'arrived', 'completed', 'held'])),
      gte(bookings.startsAt, new Date(now - 30 * 86_400_000)), lt(bookings.startsAt, new Date(now + 180 * 86_400_000))))
    .orderBy(asc(bookings.startsAt)).limit(5000);
  const events: EventAttributes[] = rows.map(({ b, clientName, roomName }) => ({
    uid: `${b.id}@yintang`,
    sequence: b.version,
    start: b.startsAt.getTime(), startInputType: 'utc', startOutputType: 'utc',
    end: b.endsAt.getTime(), endInputType: 'utc', endOutputType: 'utc',
    title: b.kind === 'block' ? `Blocked${b.note ? `: ${b.note}` : ''}` : `Client: ${shortName(clientName ?? '')}${b.status === 'held' ? ' (unconfirmed)' : ''}`,
    description: b.kind === 'block' ? undefined : `Open the diary for details: ${ctx.config.publicUrl}/app/diary`,
    location: roomName ? `${loaded.clinic.name}, ${roomName}` : loaded.clinic.name,
    status: b.status === 'held' ? 'TENTATIVE' : 'CONFIRMED',
    busyStatus: 'BUSY',
    classification: 'PRIVATE',
  }));
  // An empty list is a calendar with no events, still valid (finishCalendar adds a component).
  if (events.length === 0) return emptyCalendar('Diary', `${loaded.clinic.name} diary`);
  const { error, value } = createEvents(events, { productId: prodId('Diary'), calName: `${loaded.clinic.name} diary` });
  if (error || !value) throw error ?? new Error('calendar feed failed');
  return finishCalendar(value);
}

/** "Olivia Brown" → "Olivia B." */
function shortName(name: string): string {
  // Words that start with a letter only (an emoji is no initial), and the initial taken
  // as a whole character: charAt(0) would cut an astral character in half (invalid UTF-8).
  const parts = name.trim().split(/\s+/).filter((p) => /^\p{L}/u.test(p));
  if (parts.length < 2) return parts[0] ?? '';
  return `${parts[0]} ${[...parts[parts.length - 1]!][0]}.`;
}
