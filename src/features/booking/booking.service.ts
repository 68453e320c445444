import { drawForBooking } from '../money/packages.service.ts';
import { settleCancelledBooking } from '../money/cancel-refund.service.ts';
import { awaitsPayment, closeHeldCheckout, paymentHoldMinutes, paymentOfBooking, planBookingPayment, startBookingPayment, type PaymentPlan } from '../money/booking-payment.service.ts';
import { formatMoney } from '../../domain/money/money.ts';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../../data/db.ts';
import { bookings, careTeam, clients, services } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound, tooManyRequests } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { notOwnRecord, refused, type Actor, type Requester } from '../../server/access.ts';
import { canSeeClientContact } from '../../domain/access/access-rules.ts';
import { MOVABLE_STATUSES, staffMoveRefusal, type StaffMover } from '../../domain/scheduling/booking-rules.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import {
  candidatesFor, checkStart, checkStartIn, inputFromSnapshot, loadServiceContext, serviceContextFrom, slotTaken, snapshotQuery, startOptions, type Audience, type ServiceContext,
} from '../scheduling/availability.service.ts';
import { loadSnapshot, type Snapshot } from '../scheduling/snapshot.repository.ts';
import { cachedSchedule, forgetSchedule } from '../scheduling/schedule-cache.ts';
import { isSlotOffered, type Slot } from '../../domain/availability/index.ts';
import { loadClinicAndService } from '../scheduling/availability.repository.ts';
import { addDays, localDateOf } from '../scheduling/clinic-time.ts';
import { markWaitlistBooked, notifyWaitlist } from '../waitlist/waitlist.repository.ts';
import {
  addToCareTeam, clientForUser, findBooking, findBookingByToken, findByIdempotencyKey,
  hasConsultationBefore, hasPreviousVisit, heldSessionsOf, insertBooking, insertHeldBooking, issueLinkToken, listBookingDetails, loadBookingDetails, sweepExpiredHolds, tryHeldBooking, PRACTITIONER_PLACEHOLDER,
  type BookingDetails, type BookingRow, type HeldBookingWrite,
} from './booking.repository.ts';
import { cancellationEmail, confirmationEmail, holdEmail, seriesConfirmationEmail } from './booking-emails.ts';
import { constraintName, DEADLOCK, EXCLUSION_VIOLATION, FOREIGN_KEY_VIOLATION, sqlState, UNIQUE_VIOLATION } from './db-errors.ts';
import type { ClientBookingView, CreateBookingBody } from './booking.schema.ts';
import { onlineRefusal, screenClient } from '../screening/screening.service.ts';
import { emitBookingEvent } from '../webhooks/webhook-events.repository.ts';

const HOUR_SEC = 3600;
const DAY_MS = 86_400_000;
const ANY_PRACTITIONER_ATTEMPTS = 5;

/**
 * Runs a write that inserts or moves a booking. If the exclusion constraints refuse it,
 * the clash may be a hold that has run out but was not swept yet: sweep the clinic's
 * expired holds and try once more. A second refusal is a real clash: 409.
 *
 * Two transactions inserting overlapping rows at the same instant can also deadlock
 * inside the exclusion check (each waits for the other's uncommitted index entry);
 * PostgreSQL aborts one with 40P01. That one is retried: by then the other has committed
 * (the retry gets 23P01, so 409) or rolled back (the retry may succeed).
 */
export async function writeUnderConstraint<T>(ctx: AppContext, clinicId: string, work: () => Promise<T>): Promise<T> {
  let swept = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const state = sqlState(error);
      if (state === DEADLOCK && attempt < 4) continue;
      if (state === DEADLOCK) throw slotTaken();
      if (state !== EXCLUSION_VIOLATION) throw error;
      if (swept || (await sweepExpiredHolds(ctx.database.db, new Date(), clinicId)) === 0) throw slotTaken();
      swept = true;
    }
  }
}

/**
 * The signed-in person whose details a booking may use, if any: a pending second factor
 * does not count, nor an address not yet confirmed (that booking is held like a visitor's).
 */
const signedIn = (requester: Requester) => (requester.sessionUser?.emailVerified ? requester.sessionUser : null);

const toCreated = (b: BookingRow) => ({
  id: b.id,
  status: b.status,
  start: b.startsAt.toISOString(),
  end: b.endsAt.toISOString(),
  serviceId: b.serviceId!,
  practitionerId: b.practitionerId!,
  holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null,
});

/**
 * Books online from the widget or the app. Signed in: the session's details, confirmed
 * at once. Otherwise the slot is held for BOOKING_HOLD_MINUTES and the e-mail asks to
 * confirm; the answer is the same whether or not the address is already a client, so it
 * reveals nothing. The engine decides whether the start is offered (else 422); the
 * database decides races (409).
 *
 * A visitor booking a named practitioner takes the fast path first (`tryFastHeldBooking`:
 * one round trip). Everything else, and anything the fast path cannot settle, costs two:
 * one statement that counts the rate limits and reads everything the engine needs, and
 * one that writes.
 */
export async function createOnlineBooking(ctx: AppContext, requester: Requester, slug: string, body: CreateBookingBody, idempotencyKey?: string) {
  const session = signedIn(requester);
  const person = session ? { name: session.name, email: session.email, phone: null } : body.client ? { ...body.client, phone: body.client.phone ?? null } : null;
  if (!person) {
    throw badRequest('Enter your name and e-mail address, or sign in.', [{ field: 'body.client', message: 'Required unless signed in' }]);
  }
  const start = Date.parse(body.start);
  const practitionerId = body.practitionerId ?? undefined;
  const db = ctx.database.db;
  const rateLimits = [
    { key: `booking:ip:${requester.ip}`, max: ctx.config.BOOKING_PER_IP_PER_HOUR },
    { key: `booking:email:${person.email}`, max: ctx.config.BOOKING_PER_EMAIL_PER_HOUR },
  ];
  let counted = false;
  if (!session) {
    const fast = await tryFastHeldBooking(ctx, requester, slug, body, person, practitionerId, rateLimits, idempotencyKey);
    if (fast.booked) return fast.booked;
    counted = fast.counted;
  }

  const utcDay = new Date(start).toISOString().slice(0, 10);
  const around = (now: number) => ({ practitionerId, startDate: addDays(utcDay, -1), endDate: addDays(utcDay, 1), now, audience: 'public' as const });
  // Only bookings that could overlap this one matter (the slot grid does not depend on
  // them): a day either side, not the week a listing of days would read.
  const bookingsNear = { from: new Date(start - DAY_MS), to: new Date(start + DAY_MS) };
  let now = Date.now();
  let snapshot = await loadSnapshot(db, snapshotQuery({ slug }, body.serviceId, around(now),
    counted ? bookingsNear : { ...bookingsNear, rateKeys: rateLimits.map((l) => l.key), rateWindowSec: HOUR_SEC }));
  for (const l of snapshot.limits) {
    if (l.count > rateLimits.find((r) => r.key === l.key)!.max) throw tooManyRequests(l.retryAfterSec);
  }
  const sc = serviceContextFrom(snapshot, 'public', 422, 'serviceId');
  if (idempotencyKey) {
    const replay = await replayIdempotent(ctx, sc.clinic.id, idempotencyKey, body.serviceId, start);
    if (replay) return replay;
  }
  let existingClientId: string | null = null;
  if (session) {
    const [own] = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, sc.clinic.id), eq(clients.userId, session.userId))).limit(1);
    existingClientId = own?.id ?? null;
  }
  if (sc.service.requiresConsultation || sc.service.newClientsOnly) {
    await checkServiceRules(ctx, sc, { clientId: existingClientId, anonymous: !session, start: new Date(start) });
  }
  // Health screening of a signed-in client's latest answers: one query (a visitor is
  // screened when the e-mail link matches them to a client, at confirmation).
  if (existingClientId) {
    const refusal = onlineRefusal(await screenClient(db, sc.clinic, existingClientId, sc.service.kind, start), sc.service.name);
    if (refusal) throw refusal;
  }
  // A deposit or the price paid online (when the clinic takes cards online): the slot is held until it is paid.
  const plan = await planBookingPayment(ctx, sc.clinic.id, sc.service, body.voucherCode);
  const pay = async (created: ReturnType<typeof toCreated>, email: string) => {
    if (!plan) return created;
    const holdExpiresAt = new Date(created.holdExpiresAt!);
    const payment = await startBookingPayment(ctx, requester, sc.clinic, { id: created.id, holdExpiresAt, serviceName: sc.service.name, email }, plan);
    // A voucher that covered it all has confirmed the booking already.
    return { ...created, ...(payment.checkoutUrl ? {} : { status: 'confirmed' as const, holdExpiresAt: null }), payment };
  };

  // "Any practitioner": those found taken on an earlier attempt.
  const taken = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    const slot = practitionerId ? await checkStartIn(db, snapshot, sc, { start, practitionerId, audience: 'public', now }) : await anyPractitionerSlot(db, snapshot, sc, start, now, taken);
    const token = newToken();
    const booking = onlineBookingValues(sc, slot, idempotencyKey, token);
    try {
      if (!session) {
        const write = heldBookingWrite(ctx, requester, sc, snapshot, booking, person, token, now, plan);
        const { id } = await writeUnderConstraint(ctx, sc.clinic.id, () => insertHeldBooking(db, write));
        return await pay(heldCreated(id, write), person.email);
      }
      const auditDetails = { source: 'online', status: plan ? 'held' : 'confirmed', serviceId: sc.service.id, practitionerId: booking.practitionerId };
      const row = await writeUnderConstraint(ctx, sc.clinic.id, () => ctx.database.transaction(async (tx) => {
        const clientId = await clientForUser(tx, sc.clinic.id, session);
        if (plan) {
          // Confirmed (with its e-mail) when the payment arrives.
          const held = await insertBooking(tx, { ...booking, clientId, status: 'held', holdExpiresAt: new Date(now + paymentHoldMinutes(ctx.config.BOOKING_HOLD_MINUTES) * 60_000), createdBy: session.userId });
          await recordAudit(tx, requester, { action: 'booking.create', entityType: 'booking', entityId: held.id, clinicId: sc.clinic.id, actorRole: 'client', details: auditDetails });
          return held;
        }
        const created = await insertBooking(tx, { ...booking, clientId, status: 'confirmed', createdBy: session.userId });
        await addToCareTeam(tx, sc.clinic.id, clientId, created.practitionerId!);
        await markWaitlistBooked(tx, sc.clinic.id, clientId, sc.service.id, localDateOf(slot.start, sc.clinic.timeZone));
        const details = await loadBookingDetails(tx, sc.clinic.id, created.id);
        await enqueueEmail(tx, confirmationEmail(ctx.config, details!, token, sc.settings.cancellationWindowHours));
        await recordAudit(tx, requester, { action: 'booking.create', entityType: 'booking', entityId: created.id, clinicId: sc.clinic.id, actorRole: 'client', details: auditDetails });
        await emitBookingEvent(tx, sc.clinic.id, 'booking.created', created.id);
        return created;
      }));
      return await pay(toCreated(row), session.email);
    } catch (error) {
      if (idempotencyKey && (error instanceof AppError || (sqlState(error) === UNIQUE_VIOLATION && constraintName(error) === 'bookings_idempotency_uq'))) {
        // The same request may have raced itself; if the first one booked, answer as it did.
        const replay = await replayIdempotent(ctx, sc.clinic.id, idempotencyKey, body.serviceId, start);
        if (replay) return replay;
      }
      // Two first bookings by one new address at the same instant: the other statement
      // added the client first, so this one's reference failed; once more finds it.
      const clientRace = sqlState(error) === FOREIGN_KEY_VIOLATION || constraintName(error) === 'clients_clinic_email_uq';
      if (clientRace && attempt < ANY_PRACTITIONER_ATTEMPTS) continue;
      // "Any practitioner": someone took this practitioner's slot; another may still be free.
      const retry = !practitionerId && attempt < ANY_PRACTITIONER_ATTEMPTS && error instanceof AppError && error.code === 'slot-taken';
      if (!retry) throw error;
      taken.add(booking.practitionerId);
      now = Date.now();
      snapshot = await loadSnapshot(db, snapshotQuery({ slug }, body.serviceId, around(now), bookingsNear));
    }
  }
}

/**
 * The slot at `start` with any free practitioner except those already found taken. Once
 * some were taken, "not offered" among the rest means the time has gone: 409, not 422.
 */
async function anyPractitionerSlot(db: Queryable, snapshot: Snapshot, sc: ServiceContext, start: number, now: number, taken: ReadonlySet<string>): Promise<Slot> {
  const candidates = candidatesFor(snapshot, taken);
  if (taken.size > 0 && candidates.practitioners.length === 0) throw slotTaken();
  try {
    return await checkStartIn(db, candidates, sc, { start, audience: 'public', now });
  } catch (error) {
    if (taken.size > 0 && error instanceof AppError && error.status === 422) throw slotTaken();
    throw error;
  }
}

type Person = { name: string; email: string; phone: string | null };

/**
 * The fast path of a visitor's booking: judge the start on the clinic's cached schedule
 * (no bookings: the database judges those), then ONE statement counts the rate limits,
 * checks the schedule is still current, picks a room and writes the held booking, the
 * client, the audit row and the e-mail (`tryHeldBooking`). For "any practitioner" the
 * engine lists every practitioner whose schedule offers the start and the same statement
 * books the first of them free in the diary, inside its own transaction; it is run again
 * (without counting the rate limits twice) only if a concurrent write took that one
 * between its read and its insert.
 *
 * Returns the booking, or `{ counted }` to send the request down the full path: a start
 * the cache does not offer, a service with rules about the client, a clash, a stale cache.
 * The full path then reads the diary and gives the proper 409 or 422 (and, if this
 * statement ran, does not count the rate limits twice).
 */
async function tryFastHeldBooking(
  ctx: AppContext, requester: Requester, slug: string, body: CreateBookingBody, person: Person, practitionerId: string | undefined,
  rateLimits: { key: string; max: number }[], idempotencyKey: string | undefined,
): Promise<{ booked?: ReturnType<typeof heldCreated>; counted: boolean }> {
  const now = Date.now();
  const schedule = await cachedSchedule(ctx.database, slug, body.serviceId, practitionerId, now);
  const service = schedule?.service;
  // A service that may ask for payment online takes the full path (it reads the clinic's keys and the voucher).
  if (!schedule?.clinic || !service || !service.active || !service.bookableOnline || service.requiresConsultation || service.newClientsOnly || service.onlinePayment !== 'none' || body.voucherCode) {
    return { counted: false };
  }
  const sc: ServiceContext = { clinic: schedule.clinic, settings: schedule.settings, service };
  const start = Date.parse(body.start);
  const input = inputFromSnapshot(schedule, sc, startOptions(sc, { start, practitionerId, audience: 'public', now }));
  const offered = practitionerId
    ? [isSlotOffered(input, { start, practitionerId })]
    : schedule.practitioners.map((p) => isSlotOffered(input, { start, practitionerId: p.id }));
  const slots = offered.filter((s): s is Slot => s !== undefined);
  const slot = slots[0];
  if (!slot) return { counted: false };
  const names = new Map(schedule.practitioners.map((p) => [p.id, p.name]));
  const anyOf = practitionerId ? undefined : { ids: slots.map((s) => String(s.practitionerId)), names: slots.map((s) => names.get(String(s.practitionerId)) ?? 'your practitioner') };
  const token = newToken();
  const booking = onlineBookingValues(sc, slot, idempotencyKey, token);
  const write = heldBookingWrite(ctx, requester, sc, schedule, booking, person, token, now, null, anyOf ? PRACTITIONER_PLACEHOLDER : undefined);
  const windowMs = HOUR_SEC * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  for (let attempt = 1; ; attempt++) {
    let outcome: Awaited<ReturnType<typeof tryHeldBooking>>;
    try {
      outcome = await tryHeldBooking(ctx.database.db, write, {
        schedulingVersion: schedule.schedulingVersion,
        // Counted once: a second run is the same request.
        rateLimits: attempt === 1 ? rateLimits : [],
        windowStart: new Date(windowStart),
        roomCandidates: service.roomKind ? schedule.roomIds : undefined,
        now: new Date(now),
        anyOf,
      });
    } catch (error) {
      // Two first bookings by one new address at once: both statements added the client
      // and the second was refused. This statement wrote nothing (its rate count only if an
      // earlier run made it), and the full path finds the client the other committed.
      if (constraintName(error) === 'clients_clinic_email_uq') return { counted: attempt > 1 };
      throw error;
    }
    if (outcome.limited) throw tooManyRequests(Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)));
    if (outcome.id) {
      const chosen = outcome.practitionerId ?? booking.practitionerId;
      return { booked: heldCreated(outcome.id, { ...write, booking: { ...write.booking, practitionerId: chosen } }), counted: true };
    }
    if (!outcome.current) forgetSchedule(ctx.database, slug, body.serviceId);
    // A concurrent write took the chosen practitioner or room after this statement's read:
    // the next run sees it. Anything else goes down the full path, which explains it.
    if (!anyOf || !outcome.current || outcome.noneFree || attempt >= ANY_PRACTITIONER_ATTEMPTS) return { counted: true };
  }
}

/** The columns of an online booking of `slot`, with the hash of its link token. */
function onlineBookingValues(sc: ServiceContext, slot: Slot, idempotencyKey: string | undefined, token: string) {
  return {
    clinicId: sc.clinic.id,
    serviceId: sc.service.id,
    practitionerId: String(slot.practitionerId),
    roomId: slot.roomId === undefined ? null : String(slot.roomId),
    ...times(sc, slot.start),
    cancellationWindowHours: sc.settings.cancellationWindowHours,
    source: 'online' as const,
    idempotencyKey: idempotencyKey ?? null,
    manageTokenHash: hashToken(token),
  };
}

/** A visitor's held booking with its e-mail asking to confirm, and the audit facts. */
function heldBookingWrite(
  ctx: AppContext, requester: Requester, sc: ServiceContext, snapshot: Snapshot, booking: ReturnType<typeof onlineBookingValues>, person: Person, token: string, now: number, plan: PaymentPlan | null,
  practitionerNameAs?: string,
): HeldBookingWrite {
  const holdMinutes = plan ? paymentHoldMinutes(ctx.config.BOOKING_HOLD_MINUTES) : ctx.config.BOOKING_HOLD_MINUTES;
  const holdExpiresAt = new Date(now + holdMinutes * 60_000);
  const practitionerName = practitionerNameAs ?? snapshot.practitioners.find((p) => p.id === booking.practitionerId)?.name ?? 'your practitioner';
  const email = holdEmail(ctx.config, {
    clinicId: sc.clinic.id, clinicSlug: sc.clinic.slug, clinicName: sc.clinic.name, timeZone: sc.clinic.timeZone, startsAt: booking.startsAt,
    serviceName: sc.service.name, practitionerName, clientName: person.name, clientEmail: person.email,
  }, token, holdMinutes, plan ? `${plan.kind === 'deposit' ? 'the deposit of ' : ''}${formatMoney(plan.dueMinor, plan.currency)}` : undefined);
  return {
    booking: { ...booking, status: 'held', holdExpiresAt }, client: person, email,
    audit: {
      ip: requester.ip, userAgent: requester.userAgent,
      details: { source: 'online', status: 'held', serviceId: sc.service.id, practitionerId: booking.practitionerId },
    },
  };
}

const heldCreated = (id: string, w: HeldBookingWrite) => ({
  id, status: 'held' as const, start: w.booking.startsAt!.toISOString(), end: w.booking.endsAt!.toISOString(),
  serviceId: w.booking.serviceId!, practitionerId: w.booking.practitionerId!, holdExpiresAt: w.booking.holdExpiresAt!.toISOString(),
});

async function replayIdempotent(ctx: AppContext, clinicId: string, key: string, serviceId: string, start: number) {
  const existing = await findByIdempotencyKey(ctx.database.db, clinicId, key);
  if (!existing) return undefined;
  if (existing.serviceId !== serviceId || existing.startsAt.getTime() !== start) {
    throw new AppError(422, 'idempotency-key-reused', 'Idempotency key already used',
      'This Idempotency-Key was already used for a different booking. Use a new key for a new booking.');
  }
  const payment = await paymentOfBooking(ctx.database.db, clinicId, existing.id);
  return payment ? { ...toCreated(existing), payment } : toCreated(existing);
}

/** Start, end and the buffer-inclusive range a booking of this service at `start` occupies. */
export function times(sc: ServiceContext, start: number) {
  const end = start + sc.service.durationMin * 60_000;
  return {
    startsAt: new Date(start),
    endsAt: new Date(end),
    bufferBeforeMin: sc.service.bufferBeforeMin,
    bufferAfterMin: sc.service.bufferAfterMin,
    blockedStart: new Date(start - sc.service.bufferBeforeMin * 60_000),
    blockedEnd: new Date(end + sc.service.bufferAfterMin * 60_000),
  };
}

/**
 * A first facial session needs a consultation on record, and new-client services are for
 * new clients. Someone not signed in cannot prove who they are, so a service that needs
 * a consultation is refused with the same message for everyone (it reveals nothing about
 * the address): sign in, or book the consultation.
 */
export async function checkServiceRules(ctx: AppContext, sc: ServiceContext, who: { clientId: string | null; anonymous: boolean; start: Date }) {
  const q = ctx.database.db;
  if (sc.service.requiresConsultation) {
    const ok = who.clientId !== null && (await hasConsultationBefore(q, sc.clinic.id, who.clientId, who.start));
    if (!ok) {
      const [consultation] = await q.select({ id: services.id, name: services.name }).from(services)
        .where(and(eq(services.clinicId, sc.clinic.id), eq(services.kind, 'consultation'), eq(services.active, true), eq(services.bookableOnline, true)))
        .orderBy(asc(services.sortOrder)).limit(1);
      const offer = consultation ? ` Please book "${consultation.name}" first: it is the first step before a first ${sc.service.name.toLowerCase()}.` : ' Please contact the clinic to arrange a consultation first.';
      throw new AppError(422, 'consultation-required', 'A consultation comes first',
        `${sc.service.name} needs a consultation on record before the first session.${offer}${who.anonymous ? ' If you have already had one with us, sign in to book.' : ''}`,
        { consultationServiceId: consultation?.id ?? null, errors: [{ field: 'serviceId', message: 'Needs a consultation first' }] });
    }
  }
  if (sc.service.newClientsOnly && who.clientId !== null && (await hasPreviousVisit(q, sc.clinic.id, who.clientId))) {
    throw newClientsOnlyError(sc);
  }
}

const newClientsOnlyError = (sc: ServiceContext) => new AppError(422, 'new-clients-only', 'For new clients only',
  `${sc.service.name} is for new clients. As you have visited before, please choose another service.`, { errors: [{ field: 'serviceId', message: 'For new clients only' }] });

async function clinicBySlug(ctx: AppContext, slug: string) {
  const loaded = await loadClinicAndService(ctx.database.db, { slug }, null);
  if (!loaded) throw notFound('The clinic');
  return loaded;
}

const invalidLink = () => new AppError(404, 'invalid-link', 'Link not recognised',
  'This link is not valid for any booking. Use the most recent e-mail from the clinic, or contact them.');

/**
 * The cancellation notice (hours) that holds for a booking: the one it was made under,
 * kept on it; the clinic's current one for bookings from before it was kept.
 */
export function noticeHoursOf(b: { cancellationWindowHours: number | null }, clinicNoticeHours: number): number {
  return b.cancellationWindowHours ?? clinicNoticeHours;
}

/** The client's view of a booking: times in the clinic's zone, the policy deadline (its own policy's), what they may do. */
function toClientView(d: BookingDetails, clinicNoticeHours: number, now = Date.now()): ClientBookingView {
  const b = d.booking;
  const deadline = b.startsAt.getTime() - noticeHoursOf(b, clinicNoticeHours) * HOUR_SEC * 1000;
  const upcoming = b.startsAt.getTime() > now;
  return {
    id: b.id,
    status: b.status,
    start: b.startsAt.toISOString(),
    end: b.endsAt.toISOString(),
    timeZone: d.timeZone,
    clinic: { slug: d.clinicSlug, name: d.clinicName },
    service: { id: b.serviceId!, name: d.serviceName ?? '' },
    practitioner: { id: b.practitionerId!, name: d.practitionerName ?? '' },
    lateCancellation: b.lateCancellation,
    holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null,
    cancellationDeadline: new Date(deadline).toISOString(),
    canCancel: upcoming && (b.status === 'confirmed' || b.status === 'held'),
    canReschedule: upcoming && b.status === 'confirmed' && now < deadline,
    inCourse: b.seriesId !== null,
    paidOnline: d.paidOnlineMinor && d.paidOnlineCurrency ? { amountMinor: d.paidOnlineMinor, currency: d.paidOnlineCurrency } : null,
  };
}

/** A booking opened from an e-mail link. */
export async function getBookingByToken(ctx: AppContext, slug: string, token: string) {
  const { clinic, settings } = await clinicBySlug(ctx, slug);
  const row = await findBookingByToken(ctx.database.db, clinic.id, hashToken(token));
  if (!row) throw invalidLink();
  const details = await loadBookingDetails(ctx.database.db, clinic.id, row.id);
  return toClientView(details!, settings.cancellationWindowHours);
}

/**
 * Confirms a held booking from the link in the e-mail, which proves the address. A hold
 * that ran out is confirmed too if its time is still free (the exclusion constraints
 * decide: 409 if someone took it meanwhile). Confirming twice answers the same.
 */
export async function confirmByToken(ctx: AppContext, requester: Requester, slug: string, token: string) {
  const { clinic, settings } = await clinicBySlug(ctx, slug);
  const outcome = await writeUnderConstraint(ctx, clinic.id, () => ctx.database.transaction(async (tx) => {
    const b = await findBookingByToken(tx, clinic.id, hashToken(token), true);
    if (!b) throw invalidLink();
    if (b.status !== 'held' && b.status !== 'expired') {
      if (b.status === 'cancelled') throw new AppError(409, 'booking-cancelled', 'Booking cancelled', 'This booking was cancelled. Please make a new booking.');
      return { kind: 'done' as const, id: b.id };
    }
    // A booking that asks for payment online is confirmed by the payment, not by the e-mail.
    if (await awaitsPayment(tx, clinic.id, b.id)) {
      throw new AppError(409, 'payment-required', 'Payment needed', 'This booking is confirmed once its payment by card arrives. If you left the payment page, please book again.');
    }
    if (b.startsAt.getTime() <= Date.now()) throw new AppError(422, 'booking-past', 'Too late to confirm', 'The time of this booking has passed. Please make a new booking.');
    return confirmHeld(tx, ctx, requester, clinic, settings, b, token);
  }));
  if (outcome.kind === 'refused') throw newClientsOnlyError(outcome.sc);
  if (outcome.kind === 'screening') throw outcome.error;
  const details = await loadBookingDetails(ctx.database.db, clinic.id, outcome.id);
  return toClientView(details!, settings.cancellationWindowHours);
}

/**
 * Confirms a held (or lapsed) booking inside `tx`: the e-mail link, or its payment online.
 * Checks the service's rules and the client's health answers first (refused: the held
 * sessions are cancelled), confirms every session of a course held with it, and sends
 * the confirmation with `token` as the link to manage it.
 */
export async function confirmHeld(
  tx: Tx, ctx: AppContext, requester: Requester | Actor | null, clinic: { id: string; slug: string; name: string; timeZone: string }, settings: { cancellationWindowHours: number },
  b: BookingRow, token: string,
) {
  // A course booked by a visitor: the one link confirms (or refuses) every session still held.
  const group = b.seriesId ? await heldSessionsOf(tx, clinic.id, b.seriesId, b.clientId!) : [b];
  const ids = group.map((g) => g.id);
  const first = group[0] ?? b;
  const refuse = async (action: string, details?: Record<string, unknown>) => {
    await tx.update(bookings).set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'system', version: sql`${bookings.version} + 1`, updatedAt: new Date() })
      .where(and(eq(bookings.clinicId, clinic.id), inArray(bookings.id, ids)));
    for (const id of ids) await recordAudit(tx, requester, { action, entityType: 'booking', entityId: id, clinicId: clinic.id, actorRole: 'client', details });
  };
  const sc = await loadServiceContext(tx, { clinicId: clinic.id }, b.serviceId!, 'staff', 422, 'serviceId');
  if (sc.service.newClientsOnly && (await hasPreviousVisit(tx, clinic.id, b.clientId!, b.id))) {
    await refuse('booking.refuse_new_clients_only');
    return { kind: 'refused' as const, sc };
  }
  // The link matched the visitor to a client: their health answers may refuse this booking.
  const screeningRefusal = onlineRefusal(await screenClient(tx, clinic, b.clientId!, sc.service.kind, first.startsAt.getTime()), sc.service.name);
  if (screeningRefusal) {
    await refuse('booking.refuse_screening', { code: screeningRefusal.code });
    return { kind: 'screening' as const, error: screeningRefusal };
  }
  await tx.update(bookings).set({ status: 'confirmed', holdExpiresAt: null, version: sql`${bookings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(bookings.clinicId, clinic.id), inArray(bookings.id, ids)));
  await addToCareTeam(tx, clinic.id, b.clientId!, b.practitionerId!);
  await markWaitlistBooked(tx, clinic.id, b.clientId!, b.serviceId!, localDateOf(first.startsAt.getTime(), clinic.timeZone));
  if (group.length > 1) {
    // Each session gets its own link to change or cancel it; the one followed keeps working for its session.
    const sessions = [];
    for (const g of group) {
      sessions.push({ details: (await loadBookingDetails(tx, clinic.id, g.id))!, token: g.id === b.id ? token : await issueLinkToken(tx, clinic.id, g.id) });
    }
    await enqueueEmail(tx, seriesConfirmationEmail(ctx.config, sessions, settings.cancellationWindowHours));
  } else {
    const details = await loadBookingDetails(tx, clinic.id, b.id);
    await enqueueEmail(tx, confirmationEmail(ctx.config, details!, token, settings.cancellationWindowHours));
  }
  for (const id of ids) await recordAudit(tx, requester, { action: 'booking.confirm', entityType: 'booking', entityId: id, clinicId: clinic.id, actorRole: 'client' });
  // A held booking becomes the clinic's only once confirmed: that is when it is "created" for other systems.
  for (const id of ids) await emitBookingEvent(tx, clinic.id, 'booking.created', id);
  return { kind: 'done' as const, id: b.id };
}

/** Who is cancelling or moving, as far as the policy and the audit log care. */
interface ChangeBy {
  by: 'client' | 'staff';
  actor: Actor | null;
  /** Staff may override the late flag. */
  lateOverride?: boolean;
}

/**
 * Cancels an upcoming booking. A client may cancel at any time before the start; inside
 * the cancellation window it is recorded as late. Frees the slot for the waiting list.
 */
async function cancelLoaded(ctx: AppContext, requester: Actor | Requester, clinicId: string, load: (tx: Tx) => Promise<BookingRow | undefined>, who: ChangeBy) {
  const { clinic, settings } = (await loadClinicAndService(ctx.database.db, { clinicId }, null))!;
  const done = await ctx.database.transaction(async (tx) => {
    const b = await load(tx);
    if (!b) throw invalidLink();
    if (b.status !== 'confirmed' && b.status !== 'held') {
      throw new AppError(409, 'not-cancellable', 'Cannot cancel', b.status === 'cancelled' ? 'This booking is already cancelled.' : `This booking is ${b.status.replace('_', '-')} and can no longer be cancelled.`);
    }
    const now = Date.now();
    if (b.startsAt.getTime() <= now) throw new AppError(422, 'booking-started', 'Too late to cancel', 'This booking has already started. Please contact the clinic.');
    // Late by the policy the booking was made under, not a later change of it.
    const late = b.status === 'confirmed' && (who.lateOverride ?? b.startsAt.getTime() - now < noticeHoursOf(b, settings.cancellationWindowHours) * HOUR_SEC * 1000);
    await tx.update(bookings)
      .set({ status: 'cancelled', lateCancellation: late, cancelledAt: new Date(now), cancelledBy: who.by, version: sql`${bookings.version} + 1`, updatedAt: new Date(now) })
      .where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, b.id)));
    // Paid online: given back through Stripe in the free-cancellation window (or when the clinic cancels), kept when late.
    const money = await settleCancelledBooking(tx, ctx, requester, clinicId, b.id, { late, by: who.by });
    const details = await loadBookingDetails(tx, clinicId, b.id);
    if (b.status === 'confirmed') await enqueueEmail(tx, cancellationEmail(ctx.config, details!, money));
    await notifyWaitlist(tx, ctx.config, { clinicId, clinicSlug: clinic.slug, clinicName: clinic.name, timeZone: clinic.timeZone, practitionerId: b.practitionerId!, start: b.startsAt });
    await recordAudit(tx, requester, {
      action: 'booking.cancel', entityType: 'booking', entityId: b.id, clinicId, actorRole: who.actor?.role ?? 'client', details: { by: who.by, late },
    });
    // A late cancellation uses a session of the client's package when the clinic's policy says so.
    if (late) await drawForBooking(tx, clinicId, requester, b.id, 'late_cancel');
    if (b.status === 'confirmed') await emitBookingEvent(tx, clinicId, 'booking.cancelled', b.id);
    return { id: b.id, money, wasHeld: b.status === 'held' };
  });
  if (done.wasHeld) await closeHeldCheckout(ctx, clinicId, done.id);
  const details = await loadBookingDetails(ctx.database.db, clinicId, done.id);
  return { ...toClientView(details!, settings.cancellationWindowHours), ...(done.money ? { payment: done.money } : {}) };
}

export async function cancelByToken(ctx: AppContext, requester: Requester, slug: string, token: string) {
  const { clinic } = await clinicBySlug(ctx, slug);
  return cancelLoaded(ctx, requester, clinic.id, (tx) => findBookingByToken(tx, clinic.id, hashToken(token), true), { by: 'client', actor: null });
}

/**
 * Loads a booking for someone signed in and checks they may act on it: clients only their
 * own (anything else is 404), practitioners their own diary or clients they treat, owner
 * and reception all.
 */
async function bookingForActor(tx: Tx, actor: Actor, bookingId: string) {
  const b = await findBooking(tx, actor.clinicId, bookingId, true);
  if (!b || b.kind !== 'appointment') throw notFound('The booking');
  if (actor.role === 'client') {
    if (b.clientId !== actor.clientId) throw notOwnRecord(actor, 'booking', bookingId, 'The booking');
  } else if (actor.role === 'practitioner' && b.practitionerId !== actor.userId) {
    const rows = await tx.select({ p: careTeam.practitionerId }).from(careTeam)
      .where(and(eq(careTeam.clinicId, actor.clinicId), eq(careTeam.clientId, b.clientId!)));
    if (!canSeeClientContact(actor, { id: b.clientId!, careTeam: rows.map((r) => r.p) })) throw notOwnRecord(actor, 'booking', bookingId, 'The booking');
  }
  return b;
}

/** Cancels by id: the client themself, or staff who may see the booking. */
export async function cancelBooking(ctx: AppContext, actor: Actor, bookingId: string, body: { lateCancellation?: boolean }) {
  const by = actor.role === 'client' ? 'client' : 'staff';
  if (by === 'client' && body.lateCancellation !== undefined) throw badRequest('Only staff can set the late flag.', [{ field: 'body.lateCancellation', message: 'Staff only' }]);
  return cancelLoaded(ctx, actor, actor.clinicId, (tx) => bookingForActor(tx, actor, bookingId), { by, actor, lateOverride: body.lateCancellation });
}

export interface MoveRequest {
  start: number;
  practitionerId?: string;
  /** The version the mover saw (`If-Match`); 412 when the booking changed since. */
  expectedVersion?: number;
}

/**
 * Moves a booking to a new start (and optionally another practitioner who gives the
 * service). The engine must offer the new start with the booking's own time left out;
 * the exclusion constraints settle races. Clients may move only outside the cancellation
 * window and only within the public rules; staff may move any upcoming booking. Sends the
 * client an updated invite (same UID, higher SEQUENCE) and tells the waiting list.
 */
export async function moveLoaded(
  ctx: AppContext, requester: Actor | Requester, clinicId: string, load: (tx: Tx) => Promise<BookingRow | undefined>,
  move: MoveRequest, who: ChangeBy, linkToken?: string,
) {
  const first = await ctx.database.transaction((tx) => load(tx));
  if (!first) throw invalidLink();
  const audience: Audience = who.by === 'staff' ? 'staff' : 'public';
  const sc = await loadServiceContext(ctx.database.db, { clinicId }, first.serviceId!, 'staff', 422, 'serviceId');
  const now = Date.now();
  if (!MOVABLE_STATUSES.includes(first.status) || (who.by === 'client' && first.status !== 'confirmed')) {
    throw new AppError(409, 'not-movable', 'Cannot move', first.status === 'held'
      ? 'Please confirm this booking from the e-mail first.' : `This booking is ${first.status.replace('_', '-')} and cannot be moved.`);
  }
  const noticeHours = noticeHoursOf(first, sc.settings.cancellationWindowHours);
  if (who.by === 'client' && first.startsAt.getTime() - now < noticeHours * HOUR_SEC * 1000) {
    throw new AppError(422, 'too-late-to-reschedule', 'Too late to reschedule',
      `Bookings can be moved online up to ${noticeHours} hours before they start. Please call the clinic, or cancel (it will be recorded as late).`);
  }
  if (move.expectedVersion !== undefined && move.expectedVersion !== first.version) throw staleBooking();
  const practitionerId = move.practitionerId ?? first.practitionerId!;
  // Asking again for the time it already has (a double click, a resent form) changes
  // nothing and sends no second "has moved" e-mail.
  if (move.start === first.startsAt.getTime() && practitionerId === first.practitionerId) return { id: first.id, settings: sc.settings };
  const slot = await checkStart(ctx.database.db, sc, { start: move.start, practitionerId, audience, now, excludeBookingId: first.id });

  const id = await writeUnderConstraint(ctx, clinicId, () => ctx.database.transaction(async (tx) => {
    const b = await load(tx);
    if (!b || b.version !== first.version) throw staleBooking();
    await tx.update(bookings).set({
      ...times(sc, slot.start),
      practitionerId: String(slot.practitionerId),
      roomId: slot.roomId === undefined ? null : String(slot.roomId),
      reminderSentAt: null,
      version: sql`${bookings.version} + 1`,
      updatedAt: new Date(),
    }).where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, b.id)));
    if (b.practitionerId !== String(slot.practitionerId)) await addToCareTeam(tx, clinicId, b.clientId!, String(slot.practitionerId));
    const details = await loadBookingDetails(tx, clinicId, b.id);
    const token = linkToken ?? (await issueLinkToken(tx, clinicId, b.id));
    await enqueueEmail(tx, confirmationEmail(ctx.config, details!, token, noticeHours, 'rescheduled'));
    await notifyWaitlist(tx, ctx.config, { clinicId, clinicSlug: sc.clinic.slug, clinicName: sc.clinic.name, timeZone: sc.clinic.timeZone, practitionerId: b.practitionerId!, start: b.startsAt });
    await recordAudit(tx, requester, {
      action: 'booking.move', entityType: 'booking', entityId: b.id, clinicId, actorRole: who.actor?.role ?? 'client',
      details: { by: who.by, from: b.startsAt.toISOString(), to: new Date(slot.start).toISOString(), practitionerId: String(slot.practitionerId) },
    });
    await emitBookingEvent(tx, clinicId, 'booking.moved', b.id);
    return b.id;
  }));
  return { id, settings: sc.settings };
}

export const staleBooking = () => new AppError(412, 'stale', 'Changed by someone else',
  'This booking was changed by someone else since you opened it. Reload to see the latest and try again.');

export async function rescheduleByToken(ctx: AppContext, requester: Requester, slug: string, token: string, body: { start: string; practitionerId?: string }) {
  const { clinic } = await clinicBySlug(ctx, slug);
  const { id, settings } = await moveLoaded(ctx, requester, clinic.id, (tx) => findBookingByToken(tx, clinic.id, hashToken(token), true),
    { start: Date.parse(body.start), practitionerId: body.practitionerId }, { by: 'client', actor: null }, token);
  const details = await loadBookingDetails(ctx.database.db, clinic.id, id);
  return toClientView(details!, settings.cancellationWindowHours);
}

/** A signed-in client moves their own booking. */
export async function rescheduleBooking(ctx: AppContext, actor: Actor, bookingId: string, body: { start: string; practitionerId?: string }) {
  const { id, settings } = await moveLoaded(ctx, actor, actor.clinicId, (tx) => bookingForActor(tx, actor, bookingId),
    { start: Date.parse(body.start), practitionerId: body.practitionerId }, { by: 'client', actor });
  const details = await loadBookingDetails(ctx.database.db, actor.clinicId, id);
  return toClientView(details!, settings.cancellationWindowHours);
}

/**
 * Staff move a booking (drag in the diary, or the move dialog); `If-Match` carries the
 * version they saw. Staff rules, as for booking by phone: any free time on the grid inside
 * the practitioner's hours, whatever the online notice or the service's online flag; a
 * practitioner only within their own diary (`staffMoveRefusal`).
 */
export async function moveBookingAsStaff(ctx: AppContext, actor: Actor, bookingId: string, body: { start: string; practitionerId?: string }, ifMatch?: string) {
  const expectedVersion = parseEtag(ifMatch);
  const start = Date.parse(body.start);
  const load = async (tx: Tx) => {
    const b = await bookingForActor(tx, actor, bookingId);
    const refusal = staffMoveRefusal({ role: actor.role as StaffMover['role'], userId: actor.userId }, b,
      { practitionerId: body.practitionerId ?? b.practitionerId!, start }, Date.now());
    if (refusal === 'not-own-diary') throw refused(actor, 'Practitioners can move only their own bookings, within their own diary.', { entityType: 'booking', entityId: bookingId });
    if (refusal === 'in-the-past') {
      throw new AppError(422, 'slot-not-offered', 'Not a bookable time', 'That time has passed. Please choose a later time.', { errors: [{ field: 'start', message: 'In the past' }] });
    }
    return b;
  };
  const { id, settings } = await moveLoaded(ctx, actor, actor.clinicId, load, { start, practitionerId: body.practitionerId, expectedVersion }, { by: 'staff', actor });
  const details = await loadBookingDetails(ctx.database.db, actor.clinicId, id);
  return { view: toClientView(details!, settings.cancellationWindowHours), version: details!.booking.version };
}

/** `If-Match: "3"` → 3; a weak or absent tag → undefined. */
export function parseEtag(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = value.match(/^(?:W\/)?"(\d+)"$/);
  if (!m) throw new AppError(400, 'validation', 'Invalid request', 'If-Match must be the ETag returned with the booking, e.g. "3".');
  return Number(m[1]);
}

/** A client's own bookings at this clinic: upcoming first, then the last 20 past ones. */
export async function listMyBookings(ctx: AppContext, actor: Actor) {
  const { settings } = (await loadClinicAndService(ctx.database.db, { clinicId: actor.clinicId }, null))!;
  // One query for the whole list (with the names), never one per booking.
  const rows = await listBookingDetails(ctx.database.db, actor.clinicId, and(eq(bookings.clientId, actor.clientId!),
    inArray(bookings.status, ['held', 'confirmed', 'arrived', 'completed', 'cancelled', 'no_show']), gte(bookings.startsAt, new Date(Date.now() - 365 * 86_400_000))), 200);
  return { items: rows.map((d) => toClientView(d, settings.cancellationWindowHours)) };
}

/** One booking by id, for its client or staff who may see it. */
export async function getBooking(ctx: AppContext, actor: Actor, bookingId: string) {
  const { settings } = (await loadClinicAndService(ctx.database.db, { clinicId: actor.clinicId }, null))!;
  const b = await ctx.database.transaction((tx) => bookingForActor(tx, actor, bookingId));
  const details = await loadBookingDetails(ctx.database.db, actor.clinicId, b.id);
  return { view: toClientView(details!, settings.cancellationWindowHours), version: b.version };
}
