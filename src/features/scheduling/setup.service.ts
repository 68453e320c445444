import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../data/db.ts';
import {
  clinicBookingSettings, clinicClosures, clinics, memberships, practitionerWeeklyHours, rooms, scheduleExceptions, servicePractitioners, services, users,
} from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { minutesToTime, timeToMinutes } from '../../domain/scheduling/working-hours.ts';
import { mayBeBookedFor } from '../../domain/scheduling/qualified-practitioners.ts';
import { sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import { clinicColumns, DEFAULT_BOOKING_SETTINGS, loadClinicAndService } from './availability.repository.ts';
import { todayIn } from './clinic-time.ts';
import type {
  bookingSettingsBody, closureBody, exceptionBody, roomBody, serviceBody, updateRoomBody, updateServiceBody, weeklyHoursBody,
} from './scheduling.schema.ts';
import { forgetWidgetOrigins } from './widget-origins.ts';
import { paymentSettingRefusal, payOnlineOf, type OnlinePayment, type PayableService } from '../../domain/money/booking-payment.ts';
import { takesCardsOnline } from '../money/billing.service.ts';

type ServiceRow = typeof services.$inferSelect;

async function practitionerIdsByService(q: Queryable, clinicId: string) {
  const rows = await q.select().from(servicePractitioners).where(eq(servicePractitioners.clinicId, clinicId));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.serviceId, [...(map.get(r.serviceId) ?? []), r.practitionerId]);
  return map;
}

/**
 * The facts the verified-qualification rule needs about a giver of a service, read in the
 * same query as who gives it: whether they hold a verified facial acupuncture
 * qualification, and whether the clinic applies the rule (see qualified-practitioners.ts).
 */
const verifiedFacialOf = sql<boolean>`exists (select 1 from qualifications q where q.clinic_id = ${servicePractitioners.clinicId}
  and q.user_id = ${servicePractitioners.practitionerId} and q.is_facial_acupuncture and q.verified_at is not null)`;
const facialRuleOf = sql<boolean>`coalesce((select st.require_verified_facial_qualification from clinic_booking_settings st
  where st.clinic_id = ${servicePractitioners.clinicId}), true)`;

/** Who may be booked for each service, for the public: those the verified-qualification rule lets through. */
async function bookablePractitionerIdsByService(q: Queryable, clinicId: string) {
  const rows = await q.select({ serviceId: servicePractitioners.serviceId, practitionerId: servicePractitioners.practitionerId, kind: services.kind, verifiedFacial: verifiedFacialOf, rule: facialRuleOf })
    .from(servicePractitioners)
    .innerJoin(services, and(eq(services.clinicId, servicePractitioners.clinicId), eq(services.id, servicePractitioners.serviceId)))
    .where(eq(servicePractitioners.clinicId, clinicId));
  const map = new Map<string, string[]>();
  for (const r of rows) {
    if (!mayBeBookedFor(r.kind, { verifiedFacial: r.verifiedFacial }, { requireVerifiedFacialQualification: r.rule })) continue;
    map.set(r.serviceId, [...(map.get(r.serviceId) ?? []), r.practitionerId]);
  }
  return map;
}

async function clinicIdOf(ctx: AppContext, slug: string) {
  const [row] = await ctx.database.db.select(clinicColumns).from(clinics).where(eq(clinics.slug, slug));
  if (!row) throw notFound('The clinic');
  return row;
}

const toPublic = (s: ServiceRow, currency: string, practitionerIds: string[], onlineOn: boolean) => ({
  id: s.id, slug: s.slug, name: s.name, kind: s.kind, description: s.description, durationMin: s.durationMin, priceMinor: s.priceMinor,
  currency, requiresConsultation: s.requiresConsultation, newClientsOnly: s.newClientsOnly, practitionerIds, payOnline: payOnlineOf(s, onlineOn),
});
const toStaff = (s: ServiceRow, currency: string, practitionerIds: string[], onlineOn: boolean) => ({
  ...toPublic(s, currency, practitionerIds, onlineOn),
  onlinePayment: s.onlinePayment, depositMinor: s.depositMinor,
  bufferBeforeMin: s.bufferBeforeMin, bufferAfterMin: s.bufferAfterMin, bookableOnline: s.bookableOnline, roomKind: s.roomKind, active: s.active, sortOrder: s.sortOrder,
});

/** Services bookable online, for the widget and the clinic page (public). */
export async function listPublicServices(ctx: AppContext, slug: string) {
  const clinic = await clinicIdOf(ctx, slug);
  const [rows, givers, onlineOn] = await Promise.all([
    ctx.database.db.select().from(services)
      .where(and(eq(services.clinicId, clinic.id), eq(services.active, true), eq(services.bookableOnline, true)))
      .orderBy(asc(services.sortOrder), asc(services.name)),
    bookablePractitionerIdsByService(ctx.database.db, clinic.id),
    takesCardsOnline(ctx.database.db, clinic.id),
  ]);
  return { items: rows.map((s) => toPublic(s, clinic.currency, givers.get(s.id) ?? [], onlineOn)) };
}

/** Practitioners who give at least one service bookable online (public), with those they may be booked for. */
export async function listPublicPractitioners(ctx: AppContext, slug: string) {
  const clinic = await clinicIdOf(ctx, slug);
  const rows = await ctx.database.db
    .select({ id: users.id, name: users.name, title: memberships.title, bio: memberships.bio, yearsExperience: memberships.yearsExperience, serviceId: services.id,
      kind: services.kind, verifiedFacial: verifiedFacialOf, rule: facialRuleOf })
    .from(servicePractitioners)
    .innerJoin(services, and(eq(services.clinicId, servicePractitioners.clinicId), eq(services.id, servicePractitioners.serviceId)))
    .innerJoin(memberships, and(eq(memberships.clinicId, servicePractitioners.clinicId), eq(memberships.userId, servicePractitioners.practitionerId)))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(servicePractitioners.clinicId, clinic.id), eq(services.active, true), eq(services.bookableOnline, true), isNull(memberships.deactivatedAt)))
    .orderBy(asc(users.name));
  const byId = new Map<string, { id: string; name: string; title: string | null; bio: string | null; yearsExperience: number | null; serviceIds: string[] }>();
  for (const r of rows) {
    if (!mayBeBookedFor(r.kind, { verifiedFacial: r.verifiedFacial }, { requireVerifiedFacialQualification: r.rule })) continue;
    const p = byId.get(r.id) ?? { id: r.id, name: r.name, title: r.title, bio: r.bio, yearsExperience: r.yearsExperience, serviceIds: [] };
    p.serviceIds.push(r.serviceId);
    byId.set(r.id, p);
  }
  return { items: [...byId.values()] };
}

// ---- Services (owner) ------------------------------------------------------------------

/** Every service, including inactive ones, with the set-up fields (staff). */
export async function listServicesForStaff(ctx: AppContext, actor: Actor) {
  const clinic = await clinicIdOf(ctx, actor.clinicSlug);
  const [rows, givers, bookable, onlineOn] = await Promise.all([
    ctx.database.db.select().from(services).where(eq(services.clinicId, actor.clinicId)).orderBy(asc(services.sortOrder), asc(services.name)),
    practitionerIdsByService(ctx.database.db, actor.clinicId),
    bookablePractitionerIdsByService(ctx.database.db, actor.clinicId),
    takesCardsOnline(ctx.database.db, actor.clinicId),
  ]);
  return { items: rows.map((s) => ({ ...toStaff(s, clinic.currency, givers.get(s.id) ?? [], onlineOn), bookablePractitionerIds: bookable.get(s.id) ?? [] })) };
}

/** Only staff who practise (owner or practitioner) can give services or have hours. */
async function assertPractitioners(q: Queryable, clinicId: string, ids: readonly string[], field: string) {
  if (ids.length === 0) return;
  const rows = await q.select({ id: memberships.userId }).from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.userId, [...ids]), inArray(memberships.role, ['owner', 'practitioner'])));
  if (rows.length !== new Set(ids).size) {
    throw new AppError(422, 'unknown-practitioner', 'Unknown practitioner', 'Every practitioner must be an owner or practitioner of this clinic.', { errors: [{ field, message: 'Not a practitioner of this clinic' }] });
  }
}

const slugTaken = () => new AppError(409, 'slug-taken', 'Address already in use', 'Another service already uses that address. Choose another slug.', { errors: [{ field: 'slug', message: 'Already taken' }] });

export async function createService(ctx: AppContext, actor: Actor, body: z.infer<typeof serviceBody>) {
  const { practitionerIds, ...fields } = withPaymentSetting(body, body);
  try {
    const id = await ctx.database.transaction(async (tx) => {
      await assertPractitioners(tx, actor.clinicId, practitionerIds, 'practitionerIds');
      const [row] = await tx.insert(services).values({ ...fields, clinicId: actor.clinicId }).returning({ id: services.id });
      if (practitionerIds.length) await tx.insert(servicePractitioners).values(practitionerIds.map((p) => ({ clinicId: actor.clinicId, serviceId: row!.id, practitionerId: p })));
      await recordAudit(tx, actor, { action: 'service.create', entityType: 'service', entityId: row!.id, clinicId: actor.clinicId, actorRole: actor.role });
      return row!.id;
    });
    return serviceForStaff(ctx, actor, id);
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw slugTaken();
    throw error;
  }
}

/**
 * The owner's payment setting checked against the price (422 when a deposit is missing or
 * above it); a service that asks no deposit keeps no deposit amount.
 */
function withPaymentSetting<T extends { onlinePayment?: OnlinePayment; depositMinor?: number | null }>(merged: PayableService, fields: T): T {
  const refusal = paymentSettingRefusal(merged);
  if (refusal) throw new AppError(422, 'bad-deposit', 'Check the deposit', refusal, { errors: [{ field: 'depositMinor', message: refusal }] });
  return merged.onlinePayment === 'deposit' ? fields : { ...fields, depositMinor: null };
}

async function serviceForStaff(ctx: AppContext, actor: Actor, id: string) {
  const [row] = await ctx.database.db.select().from(services).where(and(eq(services.clinicId, actor.clinicId), eq(services.id, id)));
  if (!row) throw notFound('The service');
  const givers = await practitionerIdsByService(ctx.database.db, actor.clinicId);
  const loaded = await loadClinicAndService(ctx.database.db, { clinicId: actor.clinicId }, null);
  return toStaff(row, loaded!.clinic.currency, givers.get(id) ?? [], await takesCardsOnline(ctx.database.db, actor.clinicId));
}

export async function updateService(ctx: AppContext, actor: Actor, serviceId: string, body: z.infer<typeof updateServiceBody>) {
  const { practitionerIds, ...fields } = body;
  try {
    await ctx.database.transaction(async (tx) => {
      const where = and(eq(services.clinicId, actor.clinicId), eq(services.id, serviceId));
      if (fields.onlinePayment !== undefined || fields.depositMinor !== undefined || fields.priceMinor !== undefined) {
        const [current] = await tx.select().from(services).where(where).for('update');
        if (!current) throw notFound('The service');
        Object.assign(fields, withPaymentSetting({ ...current, ...fields }, fields));
      }
      const [row] = Object.keys(fields).length
        ? await tx.update(services).set(fields).where(where).returning({ id: services.id })
        : await tx.select({ id: services.id }).from(services).where(where);
      if (!row) throw notFound('The service');
      if (practitionerIds) {
        await assertPractitioners(tx, actor.clinicId, practitionerIds, 'practitionerIds');
        await tx.delete(servicePractitioners).where(and(eq(servicePractitioners.clinicId, actor.clinicId), eq(servicePractitioners.serviceId, serviceId)));
        if (practitionerIds.length) await tx.insert(servicePractitioners).values(practitionerIds.map((p) => ({ clinicId: actor.clinicId, serviceId, practitionerId: p })));
      }
      await recordAudit(tx, actor, { action: 'service.update', entityType: 'service', entityId: serviceId, clinicId: actor.clinicId, actorRole: actor.role, details: { fields: Object.keys(body) } });
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw slugTaken();
    throw error;
  }
  return serviceForStaff(ctx, actor, serviceId);
}

/**
 * Retires a service: it disappears from booking but stays on past bookings (they refer to
 * it), so it is made inactive rather than deleted.
 */
export async function retireService(ctx: AppContext, actor: Actor, serviceId: string) {
  return updateService(ctx, actor, serviceId, { active: false, bookableOnline: false });
}

// ---- Rooms (owner) ---------------------------------------------------------------------

const toRoom = (r: typeof rooms.$inferSelect) => ({ id: r.id, name: r.name, kind: r.kind, active: r.active, sortOrder: r.sortOrder });
const roomNameTaken = () => new AppError(409, 'room-exists', 'Name already in use', 'Another room already has that name.', { errors: [{ field: 'name', message: 'Already taken' }] });

export async function listRooms(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db.select().from(rooms).where(eq(rooms.clinicId, actor.clinicId)).orderBy(asc(rooms.sortOrder), asc(rooms.name));
  return { items: rows.map(toRoom) };
}

export async function createRoom(ctx: AppContext, actor: Actor, body: z.infer<typeof roomBody>) {
  try {
    return await ctx.database.transaction(async (tx) => {
      const [row] = await tx.insert(rooms).values({ ...body, clinicId: actor.clinicId }).returning();
      await recordAudit(tx, actor, { action: 'room.create', entityType: 'room', entityId: row!.id, clinicId: actor.clinicId, actorRole: actor.role });
      return toRoom(row!);
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw roomNameTaken();
    throw error;
  }
}

export async function updateRoom(ctx: AppContext, actor: Actor, roomId: string, body: z.infer<typeof updateRoomBody>) {
  try {
    return await ctx.database.transaction(async (tx) => {
      const where = and(eq(rooms.clinicId, actor.clinicId), eq(rooms.id, roomId));
      const [row] = Object.keys(body).length ? await tx.update(rooms).set(body).where(where).returning() : await tx.select().from(rooms).where(where);
      if (!row) throw notFound('The room');
      await recordAudit(tx, actor, { action: 'room.update', entityType: 'room', entityId: roomId, clinicId: actor.clinicId, actorRole: actor.role, details: { fields: Object.keys(body) } });
      return toRoom(row);
    });
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw roomNameTaken();
    throw error;
  }
}

/** Deletes a room never booked; a room with bookings is made inactive instead, keeping its history. */
export async function removeRoom(ctx: AppContext, actor: Actor, roomId: string) {
  try {
    await ctx.database.transaction(async (tx) => {
      const [row] = await tx.delete(rooms).where(and(eq(rooms.clinicId, actor.clinicId), eq(rooms.id, roomId))).returning({ id: rooms.id });
      if (!row) throw notFound('The room');
      await recordAudit(tx, actor, { action: 'room.delete', entityType: 'room', entityId: roomId, clinicId: actor.clinicId, actorRole: actor.role });
    });
  } catch (error) {
    if (sqlState(error) !== '23503') throw error; // still referenced by bookings
    await updateRoom(ctx, actor, roomId, { active: false });
  }
}

// ---- Working hours, exceptions, closures ------------------------------------------------

/**
 * The owner manages everyone's hours; a practitioner may read their own, and add or
 * remove their own time off.
 */
async function practitionerActor(ctx: AppContext, actor: Actor, userId: string, write: 'owner' | 'self' | 'read') {
  const self = actor.userId === userId && actor.role === 'practitioner';
  const allowed = actor.role === 'owner' || (write === 'read' && (self || actor.role === 'reception')) || (write === 'self' && self);
  if (!allowed) throw refused(actor, 'Only the owner can change working hours; practitioners can manage their own time off.', { entityType: 'membership', entityId: userId });
  await assertPractitioners(ctx.database.db, actor.clinicId, [userId], 'userId').catch(() => { throw notFound('The practitioner'); });
  return actor;
}

export async function getWeeklyHours(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await practitionerActor(ctx, staff, userId, 'read');
  const rows = await ctx.database.db.select().from(practitionerWeeklyHours)
    .where(and(eq(practitionerWeeklyHours.clinicId, actor.clinicId), eq(practitionerWeeklyHours.practitionerId, userId)))
    .orderBy(asc(practitionerWeeklyHours.weekday), asc(practitionerWeeklyHours.startMinute));
  const days = new Map<number, { start: string; end: string }[]>();
  for (const r of rows) days.set(r.weekday, [...(days.get(r.weekday) ?? []), { start: minutesToTime(r.startMinute), end: minutesToTime(r.endMinute) }]);
  return { days: [...days.entries()].map(([weekday, intervals]) => ({ weekday, intervals })) };
}

/** Replaces the whole week at once, so a half-saved week can never be booked against. */
export async function setWeeklyHours(ctx: AppContext, staff: Actor, userId: string, body: z.infer<typeof weeklyHoursBody>) {
  const actor = await practitionerActor(ctx, staff, userId, 'owner');
  await ctx.database.transaction(async (tx) => {
    await tx.delete(practitionerWeeklyHours).where(and(eq(practitionerWeeklyHours.clinicId, actor.clinicId), eq(practitionerWeeklyHours.practitionerId, userId)));
    const rows = body.days.flatMap((d) => d.intervals.map((iv) => ({
      clinicId: actor.clinicId, practitionerId: userId, weekday: d.weekday, startMinute: timeToMinutes(iv.start), endMinute: timeToMinutes(iv.end),
    })));
    if (rows.length) await tx.insert(practitionerWeeklyHours).values(rows);
    await recordAudit(tx, actor, { action: 'hours.set', entityType: 'practitioner_hours', entityId: userId, clinicId: actor.clinicId, actorRole: actor.role });
  });
  return getWeeklyHours(ctx, actor, userId);
}

const toException = (x: typeof scheduleExceptions.$inferSelect) => ({
  id: x.id, kind: x.kind, startDate: x.startDate, endDate: x.endDate,
  start: x.startMinute === null ? null : minutesToTime(x.startMinute), end: x.endMinute === null ? null : minutesToTime(x.endMinute), note: x.note,
});

/** Time off and extra hours from today on. */
export async function listExceptions(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await practitionerActor(ctx, staff, userId, 'read');
  const rows = await ctx.database.db.select().from(scheduleExceptions)
    .where(and(eq(scheduleExceptions.clinicId, actor.clinicId), eq(scheduleExceptions.practitionerId, userId), gte(scheduleExceptions.endDate, todayIn(actor.timeZone))))
    .orderBy(asc(scheduleExceptions.startDate));
  return { items: rows.map(toException) };
}

export async function addException(ctx: AppContext, staff: Actor, userId: string, body: z.infer<typeof exceptionBody>) {
  const actor = await practitionerActor(ctx, staff, userId, body.kind === 'time_off' ? 'self' : 'owner');
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(scheduleExceptions).values({
      clinicId: actor.clinicId, practitionerId: userId, kind: body.kind, startDate: body.startDate, endDate: body.endDate ?? body.startDate,
      startMinute: body.start ? timeToMinutes(body.start) : null, endMinute: body.end ? timeToMinutes(body.end) : null, note: body.note ?? null,
    }).returning();
    await recordAudit(tx, actor, { action: 'hours.exception_add', entityType: 'schedule_exception', entityId: row!.id, clinicId: actor.clinicId, actorRole: actor.role, details: { kind: body.kind } });
    return toException(row!);
  });
}

export async function removeException(ctx: AppContext, staff: Actor, userId: string, exceptionId: string) {
  const actor = await practitionerActor(ctx, staff, userId, 'self');
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(scheduleExceptions)
      .where(and(eq(scheduleExceptions.clinicId, actor.clinicId), eq(scheduleExceptions.practitionerId, userId), eq(scheduleExceptions.id, exceptionId)))
      .returning({ id: scheduleExceptions.id, kind: scheduleExceptions.kind });
    if (!row) throw notFound('The time off or extra hours');
    if (row.kind === 'extra_hours' && actor.role !== 'owner') throw refused(actor, 'Only the owner can remove extra hours.', { entityType: 'schedule_exception', entityId: exceptionId });
    await recordAudit(tx, actor, { action: 'hours.exception_remove', entityType: 'schedule_exception', entityId: exceptionId, clinicId: actor.clinicId, actorRole: actor.role });
  });
}

export async function listClosures(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db.select({ date: clinicClosures.date, name: clinicClosures.name }).from(clinicClosures)
    .where(and(eq(clinicClosures.clinicId, actor.clinicId), gte(clinicClosures.date, todayIn(actor.timeZone)))).orderBy(asc(clinicClosures.date));
  return { items: rows };
}

/** Closes the clinic on a date (a bank holiday); setting it again renames it. */
export async function addClosure(ctx: AppContext, actor: Actor, body: z.infer<typeof closureBody>) {
  return ctx.database.transaction(async (tx) => {
    await tx.insert(clinicClosures).values({ clinicId: actor.clinicId, date: body.date, name: body.name })
      .onConflictDoUpdate({ target: [clinicClosures.clinicId, clinicClosures.date], set: { name: body.name } });
    await recordAudit(tx, actor, { action: 'closure.add', entityType: 'clinic_closure', entityId: body.date, clinicId: actor.clinicId, actorRole: actor.role });
    return body;
  });
}

export async function removeClosure(ctx: AppContext, actor: Actor, date: string) {
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(clinicClosures).where(and(eq(clinicClosures.clinicId, actor.clinicId), eq(clinicClosures.date, date))).returning({ date: clinicClosures.date });
    if (!row) throw notFound('The closure');
    await recordAudit(tx, actor, { action: 'closure.remove', entityType: 'clinic_closure', entityId: date, clinicId: actor.clinicId, actorRole: actor.role });
  });
}

// ---- Booking settings ------------------------------------------------------------------

export async function getBookingSettings(ctx: AppContext, actor: Actor) {
  return (await loadClinicAndService(ctx.database.db, { clinicId: actor.clinicId }, null))!.settings;
}

export async function updateBookingSettings(ctx: AppContext, actor: Actor, body: z.infer<typeof bookingSettingsBody>) {
  await ctx.database.transaction(async (tx) => {
    await tx.insert(clinicBookingSettings).values({ clinicId: actor.clinicId, ...DEFAULT_BOOKING_SETTINGS, ...body, updatedAt: new Date() })
      .onConflictDoUpdate({ target: clinicBookingSettings.clinicId, set: { ...body, updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: 'booking_settings.update', entityType: 'clinic', entityId: actor.clinicId, clinicId: actor.clinicId, actorRole: actor.role, details: {
      fields: Object.keys(body),
      // Who may be booked for facial services: the owner's choice is worth keeping in the log.
      ...(body.requireVerifiedFacialQualification !== undefined ? { requireVerifiedFacialQualification: body.requireVerifiedFacialQualification } : {}),
    } });
  });
  forgetWidgetOrigins(actor.clinicSlug);
  return getBookingSettings(ctx, actor);
}
