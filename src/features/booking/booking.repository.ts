import { aliasedTable, and, asc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { intakeCompleteSql } from '../intake/intake.repository.ts';
import type { Queryable } from '../../data/db.ts';
import { randomUUID } from 'node:crypto';
import { hashToken, newToken } from '../../server/crypto.ts';
import { outboxRow, type NewEmail } from '../notifications/outbox.repository.ts';
import { escapeHtml } from '../notifications/email-template.ts';
import { runShaped, type Bind, type Shaped } from '../scheduling/prepared-query.ts';
import { pgTextArray } from '../scheduling/snapshot.repository.ts';
import { overlapsBusyTime, practitionerBusy } from '../scheduling/busy-time-guard.ts';
import { bookingLinkTokens, bookings, careTeam, clients, clinics, rateLimits, services, users } from '../../data/schema/index.ts';
import { emitEvent } from '../webhooks/webhook-events.repository.ts';

export type BookingRow = typeof bookings.$inferSelect;
export type NewBookingRow = typeof bookings.$inferInsert;

/**
 * Counts one event against each key in one statement (fixed windows, like
 * `countEvent`), so the per-IP and per-address limits of a booking cost one round trip.
 */
export async function countEvents(q: Queryable, keys: readonly string[], windowSec: number): Promise<{ key: string; count: number; retryAfterSec: number }[]> {
  const now = Date.now();
  const start = Math.floor(now / (windowSec * 1000)) * windowSec * 1000;
  const retryAfterSec = Math.max(1, Math.ceil((start + windowSec * 1000 - now) / 1000));
  const rows = await q
    .insert(rateLimits)
    .values(keys.map((key) => ({ key, windowStart: new Date(start), count: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ key: rateLimits.key, count: rateLimits.count });
  return rows.map((r) => ({ ...r, retryAfterSec }));
}

/**
 * Inserts a booking or block. ON CONFLICT DO NOTHING makes PostgreSQL use speculative
 * insertion, so two transactions inserting overlapping rows never deadlock in the
 * exclusion check; a refused row throws SQLSTATE 23P01 like the constraint itself would.
 */
export async function insertBooking(q: Queryable, values: NewBookingRow): Promise<BookingRow> {
  // An appointment never goes into time the practitioner's outside calendar marks busy.
  if ((values.kind ?? 'appointment') === 'appointment' && values.practitionerId && values.blockedStart && values.blockedEnd
    && await overlapsBusyTime(q, values.clinicId, values.practitionerId, values.blockedStart as Date, values.blockedEnd as Date)) {
    throw practitionerBusy();
  }
  const [row] = await q.insert(bookings).values(values).onConflictDoNothing().returning();
  if (!row) throw Object.assign(new Error('the slot is taken'), { code: '23P01' });
  return row;
}

export async function findByIdempotencyKey(q: Queryable, clinicId: string, key: string) {
  const [row] = await q.select().from(bookings).where(and(eq(bookings.clinicId, clinicId), eq(bookings.idempotencyKey, key)));
  return row;
}

export async function findBooking(q: Queryable, clinicId: string, id: string, forUpdate = false) {
  const query = q.select().from(bookings).where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, id)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** The appointment a link token opens: the booking's first token, or one issued later. */
export async function findBookingByToken(q: Queryable, clinicId: string, tokenHash: string, forUpdate = false) {
  const later = q.select({ id: bookingLinkTokens.bookingId }).from(bookingLinkTokens)
    .where(and(eq(bookingLinkTokens.clinicId, clinicId), eq(bookingLinkTokens.tokenHash, tokenHash)));
  const query = q.select().from(bookings).where(and(
    eq(bookings.clinicId, clinicId), eq(bookings.kind, 'appointment'),
    or(eq(bookings.manageTokenHash, tokenHash), inArray(bookings.id, later)),
  ));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** The sessions of a course still waiting for their client to confirm (held, or a hold that ran out), earliest first, locked. */
export async function heldSessionsOf(q: Queryable, clinicId: string, seriesId: string, clientId: string) {
  return q.select().from(bookings).where(and(
    eq(bookings.clinicId, clinicId), eq(bookings.seriesId, seriesId), eq(bookings.clientId, clientId), inArray(bookings.status, ['held', 'expired']),
  )).orderBy(asc(bookings.startsAt)).for('update');
}

/** A fresh secret for a booking's links (reminders, moves); earlier links keep working. */
export async function issueLinkToken(q: Queryable, clinicId: string, bookingId: string): Promise<string> {
  const token = newToken();
  await q.insert(bookingLinkTokens).values({ clinicId, bookingId, tokenHash: hashToken(token) });
  return token;
}

/**
 * The client record for an e-mail address, created when the clinic does not know it yet.
 * An existing record is never changed here: the booker has not proven the address yet.
 */
export async function findOrCreateClientByEmail(q: Queryable, clinicId: string, person: { name: string; email: string; phone: string | null }) {
  const [created] = await q.insert(clients).values({ clinicId, name: person.name, email: person.email, phone: person.phone })
    .onConflictDoNothing({ target: [clients.clinicId, clients.email] }).returning({ id: clients.id, createdAt: clients.createdAt });
  if (created) {
    await emitEvent(q, clinicId, 'client.created', { clientId: created.id, createdAt: created.createdAt });
    return created.id;
  }
  const [existing] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, clinicId), eq(clients.email, person.email)));
  return existing!.id;
}

/**
 * The signed-in person's client record in this clinic, linking or creating one. Safe to
 * link by address: signing in needs a confirmed address.
 */
export async function clientForUser(q: Queryable, clinicId: string, user: { userId: string; name: string; email: string }) {
  const [own] = await q.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, clinicId), eq(clients.userId, user.userId))).limit(1);
  if (own) return own.id;
  const [row] = await q.insert(clients).values({ clinicId, userId: user.userId, name: user.name, email: user.email })
    .onConflictDoUpdate({ target: [clients.clinicId, clients.email], set: { userId: user.userId } })
    // xmax is 0 only on a row this statement inserted (not one it updated).
    .returning({ id: clients.id, createdAt: clients.createdAt, inserted: sql<boolean>`(xmax = 0)` });
  if (row!.inserted) await emitEvent(q, clinicId, 'client.created', { clientId: row!.id, createdAt: row!.createdAt });
  return row!.id;
}

/** Booking a client with a practitioner puts the practitioner on the client's care team. */
export async function addToCareTeam(q: Queryable, clinicId: string, clientId: string, practitionerId: string) {
  await q.insert(careTeam).values({ clinicId, clientId, practitionerId }).onConflictDoNothing();
}

/**
 * Marks held bookings whose hold has run out as `expired`, which takes them out of the
 * exclusion constraints. Run before retrying an insert that hit one, and by the jobs.
 */
export async function sweepExpiredHolds(q: Queryable, now: Date, clinicId?: string) {
  const rows = await q.update(bookings).set({ status: 'expired', updatedAt: now })
    .where(and(eq(bookings.status, 'held'), lte(bookings.holdExpiresAt, now), clinicId ? eq(bookings.clinicId, clinicId) : undefined))
    .returning({ id: bookings.id });
  return rows.length;
}

/** Whether the client has a consultation on record (attended, or confirmed and ending before `before`). */
export async function hasConsultationBefore(q: Queryable, clinicId: string, clientId: string, before: Date) {
  const rows = await q.select({ id: bookings.id }).from(bookings)
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(and(
      eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), eq(services.kind, 'consultation'),
      inArray(bookings.status, ['confirmed', 'arrived', 'completed']), lte(bookings.endsAt, before),
    ))
    .limit(1);
  return rows.length > 0;
}

/** Whether the client has been seen before (any attended or confirmed appointment other than `exceptId`). */
export async function hasPreviousVisit(q: Queryable, clinicId: string, clientId: string, exceptId?: string) {
  const rows = await q.select({ id: bookings.id }).from(bookings)
    .where(and(
      eq(bookings.clinicId, clinicId), eq(bookings.clientId, clientId), eq(bookings.kind, 'appointment'),
      inArray(bookings.status, ['confirmed', 'arrived', 'completed']),
      exceptId ? sql`${bookings.id} <> ${exceptId}` : undefined,
    ))
    .limit(1);
  return rows.length > 0;
}

const practitionerUser = aliasedTable(users, 'practitioner_user');

/** A booking with the names the client and staff views show. Never clinical content. */
function bookingDetailsQuery(q: Queryable) {
  return q
    .select({
      booking: bookings,
      serviceName: services.name,
      serviceKind: services.kind,
      practitionerName: practitionerUser.name,
      clientName: clients.name,
      clientEmail: clients.email,
      clinicName: clinics.name,
      clinicSlug: clinics.slug,
      timeZone: clinics.timeZone,
      clinicEmail: clinics.email,
      clinicPhone: clinics.phone,
      clinicAddress: sql<string>`${clinics.addressLine1} || ', ' || ${clinics.town} || ' ' || ${clinics.postcode}`,
      /** Whether the client has answered the health questions (the e-mails ask them to if not); never the answers. */
      intakeComplete: intakeCompleteSql(bookings.clinicId, bookings.clientId),
      /** What was paid online when booking (deposit or price, card and voucher), once paid; null if nothing was. */
      paidOnlineMinor: sql<number | null>`(select bp.due_minor from booking_payments bp where bp.clinic_id = ${bookings.clinicId} and bp.booking_id = ${bookings.id} and bp.paid_at is not null)`.mapWith(Number),
      paidOnlineCurrency: sql<string | null>`(select bp.currency from booking_payments bp where bp.clinic_id = ${bookings.clinicId} and bp.booking_id = ${bookings.id} and bp.paid_at is not null)`,
    })
    .from(bookings)
    .innerJoin(clinics, eq(clinics.id, bookings.clinicId))
    .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .leftJoin(practitionerUser, eq(practitionerUser.id, bookings.practitionerId))
    .leftJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)));
}

/** One booking with the names the client and staff views show. */
export async function loadBookingDetails(q: Queryable, clinicId: string, id: string) {
  const [row] = await bookingDetailsQuery(q).where(and(eq(bookings.clinicId, clinicId), eq(bookings.id, id)));
  return row;
}

/** The bookings matching `where`, by start, with the same names, in ONE query however many there are. */
export async function listBookingDetails(q: Queryable, clinicId: string, where: SQL | undefined, limit: number) {
  return bookingDetailsQuery(q).where(and(eq(bookings.clinicId, clinicId), where)).orderBy(asc(bookings.startsAt)).limit(limit);
}
export type BookingDetails = NonNullable<Awaited<ReturnType<typeof loadBookingDetails>>>;

export interface HeldBookingWrite {
  booking: Omit<NewBookingRow, 'clientId'>;
  client: { name: string; email: string; phone: string | null };
  email: NewEmail;
  audit: { ip: string | null; userAgent: string | null; details: Record<string, unknown> };
}

/** Conditions the one-statement write checks itself, for a caller that read nothing first. */
export interface HeldBookingGuards {
  /** Book only while the clinic's scheduling version is still this one (migration 0007). */
  schedulingVersion: number;
  /** Count one event against each key (fixed windows from `windowStart`); book only if none is over its maximum. */
  rateLimits: { key: string; max: number }[];
  windowStart: Date;
  /** The service needs a room: take the first of these free over the booking's blocked range. */
  roomCandidates?: string[];
  /** Holds that expired before this instant do not make a room busy. */
  now: Date;
  /**
   * "Any practitioner": the practitioners whose schedule offers the start, in the engine's
   * order. The statement books the first one with nothing in the diary then and not being
   * booked by a concurrent statement (SKIP LOCKED on their membership row), so concurrent
   * "any" bookings of one time spread over the practitioners instead of queueing for one.
   * `booking.practitionerId` is ignored; the e-mail and audit name the one chosen, in place
   * of PRACTITIONER_PLACEHOLDER.
   */
  anyOf?: { ids: string[]; names: string[] };
}

/** Stands for the chosen practitioner's name in an "any practitioner" write's e-mail. */
export const PRACTITIONER_PLACEHOLDER = '\u2063practitioner\u2063';

export interface HeldBookingOutcome {
  /** The new booking, or null when nothing was written. */
  id: string | null;
  /** Its practitioner (the one chosen, for "any practitioner"). */
  practitionerId: string | null;
  /** "Any practitioner": no candidate was free (in the diary, or from concurrent statements). */
  noneFree: boolean;
  /** A rate limit was over its maximum (events were still counted). */
  limited: boolean;
  /** The scheduling version was still the expected one. */
  current: boolean;
}

const ACTIVE_STATUSES = sql.raw(`('held','confirmed','arrived','completed')`);

/**
 * Writes a visitor's held booking in ONE statement (so one round trip and no explicit
 * transaction): the booking under the exclusion constraints, the client found by address
 * or added (an existing record is left as it is), the audit row and the outbox e-mail,
 * all or nothing. The hot path of online booking; the other paths use ordinary
 * transactions.
 *
 * The booking is inserted with ON CONFLICT DO NOTHING, PostgreSQL's speculative
 * insertion: concurrent inserters of one slot then never deadlock inside the exclusion
 * check (plain inserts can, each waiting for the other's uncommitted entry), and the
 * losers simply get no row. The new client's row is written in the same statement after
 * the booking; foreign keys are checked at the end of the statement, so the order is safe.
 *
 * With `guards`, the same statement also counts the rate limits, checks the clinic's
 * scheduling version and picks a free room, and books only if all allow it.
 *
 * Its text depends only on `shape`; every value goes through `v` (by name, see
 * `heldValues`), so on PostgreSQL the text is built once per shape (`runShaped`).
 */
function heldBookingStatement(shape: HeldShape, v: Bind<HeldValues>) {
  const clinic = sql`${v('clinicId')}::uuid`;
  const guardCtes = shape.guards
    ? sql`rl as (
        insert into rate_limits (key, window_start, count)
        select k, ${v('windowStart')}::timestamptz, 1 from unnest(${v('rateKeys')}::text[]) as k
        on conflict (key, window_start) do update set count = rate_limits.count + 1
        returning key, count),
      over as (
        select 1 from rl join unnest(${v('rateKeys')}::text[], ${v('rateMaxima')}::int[]) as m(key, max)
          on m.key = rl.key where rl.count > m.max),
      cur as (select 1 from clinics where id = ${clinic} and scheduling_version = ${v('schedulingVersion')}),
      room as (
        select r.id from unnest(${v('roomCandidates')}::uuid[]) with ordinality as r(id, ord)
        where not exists (
          select 1 from bookings x where x.clinic_id = ${clinic} and x.room_id = r.id and x.status in ${ACTIVE_STATUSES}
             and (x.status <> 'held' or x.hold_expires_at > ${v('now')}::timestamptz)
             and tstzrange(x.blocked_start, x.blocked_end, '[)') && tstzrange(${v('blockedStart')}::timestamptz, ${v('blockedEnd')}::timestamptz, '[)'))
        order by r.ord limit 1),${shape.anyOf ? anyPickCte(v, clinic) : sql``}`
    : sql``;
  const anyOf = shape.anyOf;
  const practitionerId = anyOf ? sql`(select id from pick)` : sql`${v('practitionerId')}::uuid`;
  // The e-mail was written with a placeholder for the name of the practitioner chosen here.
  const named = (field: EmailField, column: 'name' | 'name_html') => (anyOf && shape.emailPresent[field]
    ? sql`replace(${v(field)}, ${PRACTITIONER_PLACEHOLDER}, (select ${sql.raw(column)} from pick))`
    : sql`${v(field)}`);
  const auditDetails = anyOf
    ? sql`${v('auditDetails')}::jsonb || jsonb_build_object('practitionerId', (select id from pick))`
    : sql`${v('auditDetails')}::jsonb`;
  const roomId = shape.roomCandidates ? sql`(select id from room)` : sql`${v('roomId')}::uuid`;
  // Nor into the practitioner's busy times of an outside calendar (busy-time-guard.ts).
  const notBusy = sql`not exists (
        select 1 from busy_times bt where bt.clinic_id = ${clinic} and bt.practitioner_id = ${practitionerId}
           and bt.starts_at < ${v('blockedEnd')}::timestamptz and bt.ends_at > ${v('blockedStart')}::timestamptz)`;
  const allowed = shape.guards
    ? sql`where exists (select 1 from cur) and not exists (select 1 from over)${shape.roomCandidates ? sql` and exists (select 1 from room)` : sql``}${anyOf ? sql` and exists (select 1 from pick)` : sql``} and ${notBusy}`
    : sql`where ${notBusy}`;
  const outcome = shape.guards
    ? sql`select (select id from b) as id, (select practitioner_id from b) as "practitionerId", exists (select 1 from over) as limited, exists (select 1 from cur) as current,
             ${anyOf ? sql`not exists (select 1 from pick)` : sql`false`} as "noneFree"`
    : sql`select id, practitioner_id as "practitionerId", false as limited, true as current, false as "noneFree" from b`;
  return sql`
    with ${guardCtes}
    existing as (select id from clients where clinic_id = ${clinic} and email = ${v('clientEmail')}),
    b as (
      insert into bookings (clinic_id, service_id, practitioner_id, client_id, room_id, starts_at, ends_at, buffer_before_min, buffer_after_min,
                            blocked_start, blocked_end, status, hold_expires_at, source, idempotency_key, manage_token_hash, cancellation_window_hours)
      select ${clinic}, ${v('serviceId')}::uuid, ${practitionerId}, coalesce((select id from existing), ${v('newClientId')}::uuid), ${roomId},
             ${v('startsAt')}::timestamptz, ${v('endsAt')}::timestamptz, ${v('bufferBeforeMin')}, ${v('bufferAfterMin')},
             ${v('blockedStart')}::timestamptz, ${v('blockedEnd')}::timestamptz, 'held', ${v('holdExpiresAt')}::timestamptz, 'online',
             ${v('idempotencyKey')}, ${v('manageTokenHash')}, ${v('cancellationWindowHours')}::integer
      ${allowed}
      on conflict do nothing
      returning id, client_id, practitioner_id),
    c as (
      insert into clients (clinic_id, id, name, email, phone)
      select ${clinic}, ${v('newClientId')}::uuid, ${v('clientName')}, ${v('clientEmail')}, ${v('clientPhone')} from b where b.client_id = ${v('newClientId')}::uuid),
    a as (
      insert into audit_log (clinic_id, actor_role, action, entity_type, entity_id, ip, user_agent, details)
      select ${clinic}, 'public', 'booking.create', 'booking', b.id::text, ${v('auditIp')}, ${v('auditUserAgent')}, ${auditDetails}
      from b),
    o as (
      insert into outbox_emails (clinic_id, to_address, subject, text, staff_text, html)
      select ${clinic}, ${v('toAddress')}, ${named('subject', 'name')}, ${named('text', 'name')}, ${named('staffText', 'name')}, ${named('html', 'name_html')} from b)
    ${outcome}`;
}

type EmailField = 'subject' | 'text' | 'staffText' | 'html';

/** What decides the statement's text: everything else is a parameter. */
interface HeldShape {
  guards: boolean;
  roomCandidates: boolean;
  anyOf: boolean;
  /** "Any practitioner": which e-mail fields carry text for the chosen name to go into. */
  emailPresent: Record<EmailField, boolean>;
}

/** The parameters of one held booking write, by the names the statement uses. */
function heldValues(w: HeldBookingWrite, email: ReturnType<typeof outboxRow>, newClientId: string, guards?: HeldBookingGuards) {
  const b = w.booking;
  const ts = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    clinicId: b.clinicId,
    windowStart: guards ? guards.windowStart.toISOString() : null,
    rateKeys: guards ? pgTextArray(guards.rateLimits.map((l) => l.key)) : null,
    rateMaxima: guards ? pgTextArray(guards.rateLimits.map((l) => String(l.max))) : null,
    schedulingVersion: guards?.schedulingVersion ?? null,
    roomCandidates: pgTextArray(guards?.roomCandidates ?? []),
    now: guards ? guards.now.toISOString() : null,
    anyIds: pgTextArray(guards?.anyOf?.ids ?? []),
    anyNames: pgTextArray(guards?.anyOf?.names ?? []),
    anyNamesHtml: pgTextArray((guards?.anyOf?.names ?? []).map(escapeHtml)),
    practitionerId: b.practitionerId ?? null,
    roomId: b.roomId ?? null,
    serviceId: b.serviceId,
    newClientId,
    startsAt: ts(b.startsAt),
    endsAt: ts(b.endsAt),
    bufferBeforeMin: b.bufferBeforeMin ?? 0,
    bufferAfterMin: b.bufferAfterMin ?? 0,
    blockedStart: ts(b.blockedStart),
    blockedEnd: ts(b.blockedEnd),
    holdExpiresAt: ts(b.holdExpiresAt),
    idempotencyKey: b.idempotencyKey ?? null,
    manageTokenHash: b.manageTokenHash ?? null,
    cancellationWindowHours: b.cancellationWindowHours ?? null,
    clientName: w.client.name,
    clientEmail: w.client.email,
    clientPhone: w.client.phone,
    auditIp: w.audit.ip,
    auditUserAgent: w.audit.userAgent,
    auditDetails: JSON.stringify(w.audit.details),
    toAddress: email.toAddress,
    subject: email.subject,
    text: email.text,
    staffText: email.staffText,
    html: email.html,
  };
}
type HeldValues = ReturnType<typeof heldValues>;

/** One held booking write: its shape's key, the statement's builder and its values. */
function heldBookingWriteStatement(w: HeldBookingWrite, newClientId: string, guards?: HeldBookingGuards): Shaped<HeldValues> {
  const email = outboxRow(w.email);
  const shape: HeldShape = {
    guards: guards !== undefined,
    roomCandidates: guards?.roomCandidates !== undefined,
    anyOf: guards?.anyOf !== undefined,
    emailPresent: { subject: email.subject !== null, text: email.text !== null, staffText: email.staffText !== null, html: email.html !== null },
  };
  // The whole shape is the key, so a flag added to it can never share another shape's text.
  const key = `held:${JSON.stringify(shape)}`;
  return { key, build: (v) => heldBookingStatement(shape, v), values: heldValues(w, email, newClientId, guards) };
}

/**
 * The held booking write (see `heldBookingStatement`) after the caller has judged the
 * start against a fresh read of the diary.
 *
 * @throws an error with SQLSTATE 23P01 when nothing was inserted (slot taken, or the
 *   Idempotency-Key already used), so callers treat it like the constraint's refusal.
 */
export async function insertHeldBooking(q: Queryable, w: HeldBookingWrite): Promise<{ id: string }> {
  const [row] = await runShaped<{ id: string }, HeldValues>(q, heldBookingWriteStatement(w, randomUUID()));
  if (!row) throw Object.assign(new Error('the slot is taken'), { code: '23P01' });
  return row;
}

/**
 * The held booking write with `guards`, for a caller that judged the start on cached
 * facts only: one round trip in all. Nothing is written unless every guard allows it and
 * the exclusion constraints accept the row.
 */
export async function tryHeldBooking(q: Queryable, w: HeldBookingWrite, guards: HeldBookingGuards): Promise<HeldBookingOutcome> {
  const [row] = await runShaped<HeldBookingOutcome, HeldValues>(q, heldBookingWriteStatement(w, randomUUID(), guards));
  return { id: row?.id ?? null, practitionerId: row?.practitionerId ?? null, limited: Boolean(row?.limited), current: Boolean(row?.current), noneFree: Boolean(row?.noneFree) };
}

/**
 * The first candidate free over the blocked range, in the order given. Their membership
 * rows are locked (FOR NO KEY UPDATE, which foreign-key checks do not wait for) and
 * skipped while locked, so two statements booking the same time at once choose different
 * practitioners instead of one of them losing at the exclusion constraint. The
 * constraint still decides: if a named booking took the chosen one meanwhile, nothing is
 * written and the caller tries again.
 *
 * Candidates are judged one at a time, in order, and the first free one ends the search:
 * the diary check and the lock sit in a LATERAL subquery (a nested loop over the
 * candidates in their order, which the planner keeps without sorting), so a time whose
 * first candidates are booked costs one index probe per candidate up to the free one, not
 * one per candidate, and the lock follows its candidate's check at once (a shorter window
 * for a concurrent booking to commit in between, which would cost a second run).
 */
function anyPickCte(v: Bind<HeldValues>, clinic: SQL) {
  return sql`
      pick as (
        select c.id, c.name, c.name_html from unnest(${v('anyIds')}::uuid[], ${v('anyNames')}::text[], ${v('anyNamesHtml')}::text[])
          with ordinality as c(id, name, name_html, ord)
        cross join lateral (
          select 1 from memberships m
          where m.clinic_id = ${clinic} and m.user_id = c.id
            and not exists (
              select 1 from bookings x where x.clinic_id = ${clinic} and x.practitioner_id = c.id and x.status in ${ACTIVE_STATUSES}
                 and tstzrange(x.blocked_start, x.blocked_end, '[)') && tstzrange(${v('blockedStart')}::timestamptz, ${v('blockedEnd')}::timestamptz, '[)'))
            -- Nor one whose outside calendar is busy then (busy-time-guard.ts).
            and not exists (
              select 1 from busy_times bt where bt.clinic_id = ${clinic} and bt.practitioner_id = c.id
                 and bt.starts_at < ${v('blockedEnd')}::timestamptz and bt.ends_at > ${v('blockedStart')}::timestamptz)
          for no key update of m skip locked) free
        order by c.ord limit 1),`;
}
