import { DateTime } from 'luxon';
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { memberships, qualifications, servicePractitioners } from '../../data/schema/index.ts';
import {
  computeAvailability, isSlotOffered, mergeAnyPractitioner,
  type AvailabilityInput, type ExistingBooking, type PractitionerSchedule, type RoomSchedule, type Slot,
} from '../../domain/availability/index.ts';
import { buildWorkingHours } from '../../domain/scheduling/working-hours.ts';
import { formatLocalDate } from '../../domain/availability/local-time.ts';
import { localDayOf } from '../../domain/availability/time-zone.ts';
import { bookingWindow, mayBookService, type Audience } from '../../domain/scheduling/booking-rules.ts';
import { holdsVerifiedFacialQualification, mayBeBookedFor } from '../../domain/scheduling/qualified-practitioners.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { loadClinicAndService, type BookingSettings, type ClinicInfo, type ServiceRow } from './availability.repository.ts';
import { loadSnapshot, type Snapshot, type SnapshotQuery } from './snapshot.repository.ts';
import { addDays, daysBetween, localDateOf, startOfLocalDate } from './clinic-time.ts';
import { practitionerBusy } from './busy-time-guard.ts';

/** The widest range one availability request may ask for; wider gets 400. */
export const MAX_RANGE_DAYS = 62;
const DAY = 86_400_000;
const ALL_DAY = [{ days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '24:00' }];

/** A clinic, its settings and the service being booked, checked. */
export interface ServiceContext {
  clinic: ClinicInfo;
  settings: BookingSettings;
  service: ServiceRow;
}

/** Who is booking decides which rules apply: staff are not held to notice or horizon (see booking-rules.ts). */
export type { Audience };

/**
 * Loads the clinic and the service, refusing an unknown clinic (404) and a service the
 * audience may not book (`status`: 400 for query parameters, 422 for a request body).
 */
export async function loadServiceContext(
  q: Queryable, where: { slug: string } | { clinicId: string }, serviceId: string, audience: Audience, status: 400 | 422, field: string,
): Promise<ServiceContext> {
  const loaded = await loadClinicAndService(q, where, serviceId);
  if (!loaded) throw notFound('The clinic');
  const { service } = loaded;
  if (!service || !mayBookService(audience, service)) {
    throw new AppError(status, 'unknown-service', status === 400 ? 'Invalid request' : 'Unknown service',
      'This clinic has no such service to book. Choose one from the list of services.', { errors: [{ field, message: 'No such service at this clinic' }] });
  }
  return { clinic: loaded.clinic, settings: loaded.settings, service };
}

export interface InputOptions {
  practitionerId?: string;
  /** Inclusive local dates. */
  startDate: string;
  endDate: string;
  now: number;
  audience: Audience;
  excludeBookingId?: string;
}

/**
 * Builds the engine's input from the database in one round trip (see `loadSnapshot`).
 * Practitioners are ordered by how few bookings they have in the range, so "any
 * practitioner" spreads the work.
 */
export async function buildAvailabilityInput(q: Queryable, sc: ServiceContext, options: InputOptions): Promise<AvailabilityInput> {
  const snapshot = await loadSnapshot(q, snapshotQuery({ clinicId: sc.clinic.id }, sc.service.id, options));
  return inputFromSnapshot(snapshot, sc, options);
}

/** The snapshot covering `options`' local dates in any time zone: a day wider on each side. */
export function snapshotQuery(where: SnapshotQuery['where'], serviceId: string, options: InputOptions, extra: Partial<SnapshotQuery> = {}): SnapshotQuery {
  const from = Date.parse(`${options.startDate}T00:00:00Z`) - 2 * DAY;
  const to = Date.parse(`${options.endDate}T00:00:00Z`) + 3 * DAY;
  return {
    where, serviceId, practitionerId: options.practitionerId,
    dateFrom: addDays(options.startDate, -1), dateTo: addDays(options.endDate, 1),
    from: new Date(from), to: new Date(to), now: new Date(options.now), excludeBookingId: options.excludeBookingId, ...extra,
  };
}

/**
 * The snapshot without the practitioners in `excluded`, in random order otherwise: for
 * "any practitioner", so that visitors booking the same time at once are spread over the
 * equally busy practitioners instead of all trying the first, and a retry skips those
 * already found taken.
 */
export function candidatesFor(snapshot: Snapshot, excluded: ReadonlySet<string>): Snapshot {
  const practitioners = snapshot.practitioners.filter((p) => !excluded.has(p.id));
  for (let i = practitioners.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [practitioners[i], practitioners[j]] = [practitioners[j]!, practitioners[i]!];
  }
  return { ...snapshot, practitioners };
}

/** Checks the service of a snapshot like `loadServiceContext` does. */
export function serviceContextFrom(snapshot: Snapshot, audience: Audience, status: 400 | 422, field: string): ServiceContext {
  if (!snapshot.clinic) throw notFound('The clinic');
  const service = snapshot.service;
  if (!service || !mayBookService(audience, service)) {
    throw new AppError(status, 'unknown-service', status === 400 ? 'Invalid request' : 'Unknown service',
      'This clinic has no such service to book. Choose one from the list of services.', { errors: [{ field, message: 'No such service at this clinic' }] });
  }
  return { clinic: snapshot.clinic, settings: snapshot.settings, service };
}

/** Plain mapping from the snapshot to the engine's input for the local dates of `options`. */
export function inputFromSnapshot(data: Snapshot, sc: ServiceContext, options: InputOptions): AvailabilityInput {
  const tz = sc.clinic.timeZone;
  const range = { startDate: options.startDate, endDate: options.endDate };
  const weekly = new Map<string, { weekday: number; startMinute: number; endMinute: number }[]>(data.practitioners.map((p) => [p.id, []]));
  for (const h of data.hours) weekly.get(h.practitionerId)?.push(h);
  const roomIds = data.roomIds;
  const roomSet = new Set(roomIds);
  const byPractitioner = new Map<string, ExistingBooking[]>();
  const byRoom = new Map<string, ExistingBooking[]>();
  for (const b of data.bookings) {
    const entry = { start: b.start, end: b.end };
    if (b.practitionerId && weekly.has(b.practitionerId)) byPractitioner.set(b.practitionerId, [...(byPractitioner.get(b.practitionerId) ?? []), entry]);
    if (b.roomId && roomSet.has(b.roomId)) byRoom.set(b.roomId, [...(byRoom.get(b.roomId) ?? []), entry]);
  }
  // Busy times of outside calendars block like a booking of the practitioner (no room).
  for (const b of data.busy) {
    if (weekly.has(b.practitionerId)) byPractitioner.set(b.practitionerId, [...(byPractitioner.get(b.practitionerId) ?? []), { start: b.start, end: b.end }]);
  }
  // A service that needs a kind of room the clinic does not have cannot be booked at all.
  const roomMissing = sc.service.roomKind !== null && roomIds.length === 0;
  const practitioners: PractitionerSchedule[] = roomMissing ? [] : [...weekly.entries()]
    .map(([id, hours]) => ({
      id,
      timeZone: tz,
      ...buildWorkingHours({ weekly: hours, exceptions: data.exceptions.filter((x) => x.practitionerId === id), closures: data.closures, range }),
      bookings: byPractitioner.get(id) ?? [],
      eligibleRoomIds: sc.service.roomKind ? roomIds : undefined,
    }))
    // Stable: equally busy practitioners keep the snapshot's order (by id, or shuffled by a caller).
    .sort((a, b) => a.bookings.length - b.bookings.length);
  const roomSchedules: RoomSchedule[] | undefined = sc.service.roomKind
    ? roomIds.map((id) => ({ id, timeZone: tz, weeklyHours: ALL_DAY, bookings: byRoom.get(id) ?? [] }))
    : undefined;

  return {
    now: options.now,
    range,
    service: {
      durationMin: sc.service.durationMin,
      slotStepMin: sc.settings.slotStepMin,
      bufferBeforeMin: sc.service.bufferBeforeMin,
      bufferAfterMin: sc.service.bufferAfterMin,
      ...bookingWindow(options.audience, sc.settings),
    },
    practitioners,
    rooms: roomSchedules,
  };
}

/** Refuses a practitioner who does not give the service (or is not the clinic's at all). */
export async function assertGivesService(q: Queryable, sc: ServiceContext, input: AvailabilityInput, practitionerId: string, status: 400 | 422, field: string) {
  if (input.practitioners.some((p) => p.id === practitionerId)) return;
  // Only the error path pays for these look-ups: tell "unknown" from "does not give it".
  const [member] = await q.select({ role: memberships.role }).from(memberships)
    .where(and(eq(memberships.clinicId, sc.clinic.id), eq(memberships.userId, practitionerId), isNull(memberships.deactivatedAt)));
  const [gives] = member
    ? await q.select({ id: servicePractitioners.practitionerId }).from(servicePractitioners)
      .where(and(eq(servicePractitioners.clinicId, sc.clinic.id), eq(servicePractitioners.serviceId, sc.service.id), eq(servicePractitioners.practitionerId, practitionerId)))
    : [];
  const title = status === 400 ? 'Invalid request' : 'Practitioner not available';
  if (!member) throw new AppError(status, 'unknown-practitioner', title, 'This clinic has no such practitioner.', { errors: [{ field, message: 'No such practitioner at this clinic' }] });
  if (!gives) {
    throw new AppError(status, 'practitioner-not-offering', title, `That practitioner does not give ${sc.service.name}. Choose another practitioner or "any practitioner".`,
      { errors: [{ field, message: 'Does not give this service' }] });
  }
  const quals = await q.select({ isFacialAcupuncture: qualifications.isFacialAcupuncture, verifiedAt: qualifications.verifiedAt }).from(qualifications)
    .where(and(eq(qualifications.clinicId, sc.clinic.id), eq(qualifications.userId, practitionerId)));
  const verifiedFacial = holdsVerifiedFacialQualification(quals.map((x) => ({ isFacialAcupuncture: x.isFacialAcupuncture, verified: x.verifiedAt !== null })));
  if (!mayBeBookedFor(sc.service.kind, { verifiedFacial }, sc.settings)) throw notVerifiedForService(status, field, sc.service.name);
  // Gives it, but the clinic has no room of the kind the service needs.
  throw new AppError(status, 'service-unavailable', title, 'This service cannot be booked at the moment. Please call the clinic.', { errors: [{ field, message: 'Not bookable now' }] });
}

/**
 * A practitioner who gives a facial service but whose facial acupuncture qualification the
 * owner has not verified: the clinic books facial sessions only with verified practitioners.
 */
export const notVerifiedForService = (status: 400 | 422, field: string, serviceName: string) =>
  new AppError(status, 'practitioner-not-verified', status === 400 ? 'Invalid request' : 'Practitioner not available for this treatment',
    `This clinic books ${serviceName} only with practitioners whose facial acupuncture qualification it has verified. Choose another practitioner or "any qualified practitioner".`,
    { errors: [{ field, message: 'Qualification for this treatment not verified' }] });

export interface AvailabilityQuery {
  serviceId: string;
  practitionerId?: string;
  from: string;
  to?: string;
}

/**
 * The engine's input for a public availability request: one query (the snapshot), the
 * service checked, the range in the clinic's zone, a named practitioner checked.
 */
export async function publicAvailabilityInput(ctx: AppContext, slug: string, query: AvailabilityQuery, now: number) {
  const q = ctx.database.db;
  // Validate the range before reading anything; the clinic's zone only refines it.
  const rough = parseRange(query.from, query.to, 'UTC');
  const roughDates = { startDate: localDateOf(rough.fromMs, 'UTC'), endDate: localDateOf(rough.toMs - 1, 'UTC') };
  const snapshot = await loadSnapshot(q, snapshotQuery({ slug }, query.serviceId, {
    ...roughDates, startDate: addDays(roughDates.startDate, -1), endDate: addDays(roughDates.endDate, 1), practitionerId: query.practitionerId, now, audience: 'public',
  }));
  const sc = serviceContextFrom(snapshot, 'public', 400, 'querystring.serviceId');
  const tz = sc.clinic.timeZone;
  const { fromMs, toMs } = parseRange(query.from, query.to, tz);
  const options: InputOptions = { practitionerId: query.practitionerId, startDate: localDateOf(fromMs, tz), endDate: localDateOf(toMs - 1, tz), now, audience: 'public' };
  const input = inputFromSnapshot(snapshot, sc, options);
  if (query.practitionerId) await assertGivesService(q, sc, input, query.practitionerId, 400, 'querystring.practitionerId');
  return { snapshot, sc, tz, fromMs, toMs, input };
}

/**
 * Slots for the public widget (and the app): `{ timeZone, slots }`, sorted by start. One
 * query, then the engine. The route sends the same answer cached per clinic version
 * (availability-cache.ts); this is the plain computation it is tested against.
 */
export async function getAvailability(
  ctx: AppContext, slug: string, query: AvailabilityQuery,
  screening?: (sc: ServiceContext) => Promise<{ earliestDate: string | null; callClinic: boolean } | null>,
  now = Date.now(),
) {
  const { sc, tz, fromMs, toMs, input } = await publicAvailabilityInput(ctx, slug, query, now);
  // A signed-in client with a waiting period (health screening) is offered only later
  // dates; one who should call the clinic first is offered none, and told so.
  const screened = screening ? await screening(sc) : null;
  if (screened?.callClinic) return { timeZone: tz, slots: [], screening: { earliestDate: null, callClinic: true } };
  const earliest = screened?.earliestDate ?? null;
  const fromAllowed = earliest ? Math.max(fromMs, startOfLocalDate(earliest, tz)) : fromMs;
  const slots = fromAllowed < toMs ? slotsBetween(input, query.practitionerId, fromAllowed, toMs) : [];
  return earliest ? { timeZone: tz, slots, screening: { earliestDate: earliest, callClinic: false } } : { timeZone: tz, slots };
}

/** The engine's slots starting in `[fromMs, toMs)`, as the API lists them; the earliest practitioner per start when none is named. */
export function slotsBetween(input: AvailabilityInput, practitionerId: string | undefined, fromMs: number, toMs: number) {
  const all = computeAvailability(input);
  const slots = practitionerId ? all : mergeAnyPractitioner(all);
  const out: { start: string; end: string; practitionerId: string }[] = [];
  for (const s of slots) {
    if (s.start >= fromMs && s.start < toMs) out.push({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), practitionerId: String(s.practitionerId) });
  }
  return out;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `from`/`to` as local dates (whole days, `to` inclusive) or instants (`to` exclusive).
 * Refuses `to` before `from` and ranges wider than `MAX_RANGE_DAYS`.
 */
export function parseRange(from: string, to: string | undefined, tz: string): { fromMs: number; toMs: number } {
  const toInstant = (value: string, field: string, endOfDay: boolean) => {
    if (DATE_ONLY.test(value)) {
      const d = DateTime.fromISO(value, { zone: tz });
      if (!d.isValid) throw badRequest(`${field} is not a real date.`, [{ field: `querystring.${field}`, message: 'Not a real date' }]);
      return startOfLocalDate(endOfDay ? addDays(value, 1) : value, tz);
    }
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw badRequest(`${field} must be a date (2027-03-01) or an ISO-8601 instant.`, [{ field: `querystring.${field}`, message: 'Not a date or instant' }]);
    return ms;
  };
  const fromMs = toInstant(from, 'from', false);
  const toMs = to === undefined ? startOfLocalDate(addDays(localDateOf(fromMs, tz), 7), tz) : toInstant(to, 'to', true);
  if (toMs <= fromMs) throw badRequest('`to` must be after `from`.', [{ field: 'querystring.to', message: 'Must be after from' }]);
  const days = DATE_ONLY.test(from) && to && DATE_ONLY.test(to) ? daysBetween(from, to) + 1 : (toMs - fromMs) / DAY;
  if (days > MAX_RANGE_DAYS) {
    throw badRequest(`Ask for at most ${MAX_RANGE_DAYS} days at a time.`, [{ field: 'querystring.to', message: `At most ${MAX_RANGE_DAYS} days after from` }]);
  }
  return { fromMs, toMs };
}

export interface StartCheck {
  start: number;
  practitionerId?: string;
  audience: Audience;
  now: number;
  excludeBookingId?: string;
  /** Where the start came from in the request, for field errors. */
  field?: string;
}

/**
 * Asks the engine whether `start` is a slot it offers right now and returns that slot (with
 * the practitioner and room to book). Otherwise tells the two failures apart: a start the
 * engine would offer on an empty diary was just taken (409); any other is not a bookable
 * start at all (422, with the reason).
 */
export async function checkStart(q: Queryable, sc: ServiceContext, check: StartCheck): Promise<Slot> {
  const options = startOptions(sc, check);
  const snapshot = await loadSnapshot(q, snapshotQuery({ clinicId: sc.clinic.id }, sc.service.id, options));
  return checkStartIn(q, snapshot, sc, check);
}

/** The local dates around a start that the engine needs to judge it. */
export function startOptions(sc: ServiceContext, check: StartCheck): InputOptions {
  // The engine's cached zone offsets rather than Luxon: this runs on every booking.
  const day = localDayOf(check.start, sc.clinic.timeZone);
  return {
    practitionerId: check.practitionerId, startDate: formatLocalDate(day - 1), endDate: formatLocalDate(day + 1), now: check.now,
    audience: check.audience, excludeBookingId: check.excludeBookingId,
  };
}

/** `checkStart` on a snapshot already loaded (it must cover the start's date ± 1 day). */
export async function checkStartIn(q: Queryable, snapshot: Snapshot, sc: ServiceContext, check: StartCheck): Promise<Slot> {
  const input = inputFromSnapshot(snapshot, sc, startOptions(sc, check));
  if (check.practitionerId) await assertGivesService(q, sc, input, check.practitionerId, 422, 'practitionerId');
  const slot = isSlotOffered(input, { start: check.start, practitionerId: check.practitionerId });
  if (slot) return slot;
  // "Just taken" means by a booking: busy times of an outside calendar stay, so a start
  // inside one is "not offered" (422), said as what it is.
  const busyOf = (id: string | number) => snapshot.busy.filter((b) => b.practitionerId === id).map((b) => ({ start: b.start, end: b.end }));
  const emptyDiary: AvailabilityInput = {
    ...input,
    practitioners: input.practitioners.map((p) => ({ ...p, bookings: busyOf(p.id) })),
    rooms: input.rooms?.map((r) => ({ ...r, bookings: [] })),
  };
  if (isSlotOffered(emptyDiary, { start: check.start, practitionerId: check.practitionerId })) {
    // Free but for the rooms: a clash all the same (409), told as what it is.
    const roomsOnly = input.rooms !== undefined && isSlotOffered({ ...input, rooms: emptyDiary.rooms }, { start: check.start, practitionerId: check.practitionerId });
    throw roomsOnly ? noRoomFree() : slotTaken();
  }
  const outside = { practitioners: input.practitioners.map((p) => ({ ...p, bookings: [] })), rooms: emptyDiary.rooms };
  if (isSlotOffered({ ...input, ...outside }, { start: check.start, practitionerId: check.practitionerId })) {
    throw practitionerBusy(check.field ?? 'start');
  }
  throw new AppError(422, 'slot-not-offered', 'Not a bookable time', whyNotOffered(check.start, check.now, sc, input), {
    errors: [{ field: check.field ?? 'start', message: 'Not a bookable time' }],
  });
}

export const slotTaken = () =>
  new AppError(409, 'slot-taken', 'That time has just been taken', 'Someone else has just booked that time. Please choose another slot.');

/** A clash on the room alone: the same kind of problem as `slotTaken` (a time taken), with words for it. */
export const noRoomFree = () =>
  new AppError(409, 'slot-taken', 'No room free then', 'No room for this treatment is free at that time: the rooms are in use or out of use. Please choose another slot.');

function whyNotOffered(start: number, now: number, sc: ServiceContext, input: AvailabilityInput): string {
  const rules = input.service;
  if (start <= now) return 'That time is in the past. Please choose a time from the list of free slots.';
  if (start < now + rules.minimumNoticeMin * 60_000) {
    return `Online bookings need at least ${humanMinutes(rules.minimumNoticeMin)} notice. Please choose a later time or call the clinic.`;
  }
  if (rules.horizonDays !== undefined && start > now + rules.horizonDays * DAY) {
    return `Bookings open ${rules.horizonDays} days ahead. Please choose an earlier date.`;
  }
  const local = DateTime.fromMillis(start, { zone: sc.clinic.timeZone });
  if ((local.hour * 60 + local.minute) % rules.slotStepMin !== 0 || local.second !== 0 || local.millisecond !== 0) {
    return `Appointments start every ${rules.slotStepMin} minutes (for example 09:00, 09:${String(rules.slotStepMin).padStart(2, '0')}).`;
  }
  return 'That time is outside the practitioner\'s working hours, or the clinic is closed that day. Please choose a time from the list of free slots.';
}

function humanMinutes(min: number): string {
  if (min % 60 === 0) return `${min / 60} hour${min === 60 ? '' : 's'}'`;
  return `${min} minutes'`;
}
