import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Queryable } from '../../data/db.ts';
import { busyCalendars, busyTimes, clinicBookingSettings, clinics } from '../../data/schema/index.ts';
import { busyIntervalHash, busyTimesFromICalendar, NotICalendarError } from '../../domain/busy-times/busy-times.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import type { Config } from '../../server/config.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { secretBoxOf } from '../../server/secret-box.ts';
import { profileActor } from '../clinics/qualifications.service.ts';
import { DEFAULT_BOOKING_SETTINGS } from '../scheduling/availability.repository.ts';
import { FeedFetchError, fetchFeed, isBlockedAddress, normaliseFeedUrl } from './feed-fetch.ts';
import type { BusyCalendarView, newBusyCalendarBody } from './busy-calendars.schema.ts';

/**
 * A practitioner's outside calendars (their own, or any practitioner's for the owner):
 * adding one fetches it at once, then the job (busy-calendar-jobs.ts) every few minutes.
 * A fetch that changes the busy times bumps the clinic's page version in the same
 * transaction, so cached availability answers (docs/decisions/0008) are never stale.
 */

type Row = typeof busyCalendars.$inferSelect;
const DAY_MS = 86_400_000;
/** At most this many busy intervals per calendar (a year of hourly meetings is fewer). */
const MAX_INTERVALS = 5_000;
/** Each practitioner has at most this many outside calendars. */
const MAX_CALENDARS = 5;

const toView = (r: Row, busyCount: number): BusyCalendarView => ({
  id: r.id, practitionerId: r.practitionerId, label: r.label, urlHint: r.urlHint, status: r.status, lastError: r.lastError,
  lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null, lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null, busyCount,
  createdAt: r.createdAt.toISOString(),
});

/**
 * What the screens show of a secret address: its host and, when it is a plain file name
 * such as `basic.ics`, the last path segment. Apple puts the secret last, so a long last
 * segment is never shown.
 */
export function urlHintOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  return /^[\w.-]{1,20}\.ics$/i.test(last) ? `${url.host}/…/${last}` : `${url.host}/…`;
}

/** Loopback and private addresses are refused outside tests (BUSY_CALENDAR_ALLOW_PRIVATE). */
const allowPrivate = (config: Config) => config.NODE_ENV === 'test' && config.BUSY_CALENDAR_ALLOW_PRIVATE;

async function countsOf(q: Queryable, clinicId: string, practitionerId: string) {
  const rows = await q.select({ id: busyTimes.calendarId, n: count() }).from(busyTimes)
    .where(and(eq(busyTimes.clinicId, clinicId), eq(busyTimes.practitionerId, practitionerId))).groupBy(busyTimes.calendarId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function listBusyCalendars(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await profileActor(ctx, staff, userId);
  const db = ctx.database.db;
  const rows = await db.select().from(busyCalendars)
    .where(and(eq(busyCalendars.clinicId, actor.clinicId), eq(busyCalendars.practitionerId, userId))).orderBy(asc(busyCalendars.createdAt));
  const counts = await countsOf(db, actor.clinicId, userId);
  return { items: rows.map((r) => toView(r, counts.get(r.id) ?? 0)) };
}

const badAddress = (detail: string) => new AppError(422, 'invalid-calendar-address', 'Not a calendar address we can use', detail, { errors: [{ field: 'url', message: detail }] });

export async function addBusyCalendar(ctx: AppContext, staff: Actor, userId: string, body: z.infer<typeof newBusyCalendarBody>) {
  const actor = await profileActor(ctx, staff, userId);
  const url = normaliseFeedUrl(body.url);
  if (!url) throw badAddress('Paste the whole address, starting with https:// (or webcal://), as your calendar service shows it.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate(ctx.config) && (host === 'localhost' || host.endsWith('.localhost') || (/^[\d.:a-f]+$/i.test(host) && isBlockedAddress(host)))) {
    throw badAddress('That address is on a private network. Use the public address your calendar service gives you.');
  }
  const db = ctx.database.db;
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(busyCalendars)
    .where(and(eq(busyCalendars.clinicId, actor.clinicId), eq(busyCalendars.practitionerId, userId)));
  if (Number(n) >= MAX_CALENDARS) throw new AppError(422, 'too-many-calendars', 'Too many calendars', `Each practitioner can add up to ${MAX_CALENDARS} outside calendars. Remove one first.`);
  const id = randomUUID();
  const urlSecret = secretBoxOf(ctx.config).seal(url.toString(), feedUrlPlace(actor.clinicId, id));
  const row = await ctx.database.transaction(async (tx) => {
    const [created] = await tx.insert(busyCalendars).values({
      id, clinicId: actor.clinicId, practitionerId: userId, label: body.label, urlSecret, urlHint: urlHintOf(url), createdBy: actor.userId,
    }).returning();
    // The address is a secret: only its hint goes to the audit log.
    await recordAudit(tx, actor, { action: 'busy_calendar.add', entityType: 'busy_calendar', entityId: created!.id, clinicId: actor.clinicId, actorRole: actor.role, details: { userId, host: url.host } });
    return created!;
  });
  // Fetched straight away, so the practitioner sees at once whether the address works.
  return refreshAndView(ctx.database, ctx.config, row, nowOf(ctx));
}

export async function refreshBusyCalendarNow(ctx: AppContext, staff: Actor, userId: string, calendarId: string) {
  const actor = await profileActor(ctx, staff, userId);
  const row = await findCalendar(ctx.database.db, actor.clinicId, userId, calendarId);
  return refreshAndView(ctx.database, ctx.config, row, nowOf(ctx));
}

export async function removeBusyCalendar(ctx: AppContext, staff: Actor, userId: string, calendarId: string) {
  const actor = await profileActor(ctx, staff, userId);
  await ctx.database.transaction(async (tx) => {
    const [gone] = await tx.delete(busyCalendars)
      .where(and(eq(busyCalendars.clinicId, actor.clinicId), eq(busyCalendars.practitionerId, userId), eq(busyCalendars.id, calendarId))).returning({ id: busyCalendars.id });
    if (!gone) throw notFound('The calendar');
    // Its busy times went with it (cascade): the free slots change.
    await bumpPageVersion(tx, actor.clinicId);
    await recordAudit(tx, actor, { action: 'busy_calendar.remove', entityType: 'busy_calendar', entityId: calendarId, clinicId: actor.clinicId, actorRole: actor.role, details: { userId } });
  });
}

async function findCalendar(q: Queryable, clinicId: string, userId: string, calendarId: string) {
  const [row] = await q.select().from(busyCalendars)
    .where(and(eq(busyCalendars.clinicId, clinicId), eq(busyCalendars.practitionerId, userId), eq(busyCalendars.id, calendarId)));
  if (!row) throw notFound('The calendar');
  return row;
}

async function refreshAndView(database: Database, config: Config, row: Row, now: number) {
  await refreshBusyCalendar(database, config, row, now);
  const fresh = await findCalendar(database.db, row.clinicId, row.practitionerId, row.id);
  const counts = await countsOf(database.db, row.clinicId, row.practitionerId);
  return toView(fresh, counts.get(row.id) ?? 0);
}

/** The clinic's cached pages and free slots are stale (migration 0029's version). */
const bumpPageVersion = (q: Queryable, clinicId: string) =>
  q.update(clinics).set({ pageVersion: sql`${clinics.pageVersion} + 1` }).where(eq(clinics.id, clinicId));

/**
 * Fetches one calendar and stores its busy times over the booking horizon. A failure is
 * recorded on the calendar (status `failing`, the reason, and `lastSuccessAt` unchanged);
 * the busy times last fetched keep blocking, since the practitioner is most likely still
 * busy then. Returns whether the stored busy times changed.
 */
/** Where a calendar's private address is kept, as the encryption's associated data (the address reads that calendar). */
const feedUrlPlace = (clinicId: string, calendarId: string) => `${clinicId}/busy_calendars.url/${calendarId}`;

export async function refreshBusyCalendar(database: Database, config: Config, row: Row, now: number): Promise<{ ok: boolean; changed: boolean }> {
  const next = new Date(now + config.BUSY_CALENDAR_REFRESH_MIN * 60_000);
  const failed = async (message: string) => {
    await database.db.update(busyCalendars).set({ status: 'failing', lastError: message, lastAttemptAt: new Date(now), nextFetchAt: next })
      .where(and(eq(busyCalendars.clinicId, row.clinicId), eq(busyCalendars.id, row.id)));
    return { ok: false, changed: false };
  };
  const url = normaliseFeedUrl(secretBoxOf(config).open(row.urlSecret, feedUrlPlace(row.clinicId, row.id)));
  if (!url) return failed('The calendar address is not an http or https address.');
  let fetched;
  try {
    fetched = await fetchFeed(url, { etag: row.etag, lastModified: row.lastModified, allowPrivate: allowPrivate(config) });
  } catch (error) {
    return failed(error instanceof FeedFetchError ? error.message : 'The calendar could not be fetched.');
  }
  const worked = { status: 'ok' as const, lastError: null, lastAttemptAt: new Date(now), lastSuccessAt: new Date(now), nextFetchAt: next };
  const where = and(eq(busyCalendars.clinicId, row.clinicId), eq(busyCalendars.id, row.id));
  if (fetched.kind === 'not-modified') {
    await database.db.update(busyCalendars).set(worked).where(where);
    return { ok: true, changed: false };
  }
  const [clinic] = await database.db.select({ timeZone: clinics.timeZone, horizonDays: clinicBookingSettings.horizonDays }).from(clinics)
    .leftJoin(clinicBookingSettings, eq(clinicBookingSettings.clinicId, clinics.id)).where(eq(clinics.id, row.clinicId));
  if (!clinic) return { ok: false, changed: false };
  const horizonDays = clinic.horizonDays ?? DEFAULT_BOOKING_SETTINGS.horizonDays;
  let intervals;
  try {
    intervals = busyTimesFromICalendar(fetched.text, { from: now - DAY_MS, to: now + (horizonDays + 7) * DAY_MS, timeZone: clinic.timeZone, maxIntervals: MAX_INTERVALS });
  } catch (error) {
    if (error instanceof NotICalendarError) return failed(`${error.message} Check that you copied the calendar's iCal (.ics) address.`);
    return failed('The calendar file could not be read.');
  }
  const wanted = new Map(intervals.map((i) => [busyIntervalHash(i), i]));
  return database.transaction(async (tx) => {
    const stored = await tx.select({ hash: busyTimes.hash }).from(busyTimes).where(and(eq(busyTimes.clinicId, row.clinicId), eq(busyTimes.calendarId, row.id)));
    const have = new Set(stored.map((s) => s.hash));
    const gone = [...have].filter((h) => !wanted.has(h));
    const added = [...wanted.entries()].filter(([h]) => !have.has(h));
    if (gone.length) {
      await tx.delete(busyTimes).where(and(eq(busyTimes.clinicId, row.clinicId), eq(busyTimes.calendarId, row.id), sql`${busyTimes.hash} = any(${`{${gone.join(',')}}`}::text[])`));
    }
    for (let i = 0; i < added.length; i += 500) {
      await tx.insert(busyTimes).values(added.slice(i, i + 500).map(([hash, b]) => ({
        clinicId: row.clinicId, calendarId: row.id, practitionerId: row.practitionerId, startsAt: new Date(b.start), endsAt: new Date(b.end), hash,
      })));
    }
    const changed = gone.length > 0 || added.length > 0;
    if (changed) await bumpPageVersion(tx, row.clinicId);
    await tx.update(busyCalendars).set({ ...worked, etag: fetched.etag, lastModified: fetched.lastModified }).where(where);
    return { ok: true, changed };
  });
}

/**
 * Claims the calendars due a fetch (moving their next fetch forward, so another app
 * instance skips them) and fetches each. Returns how many were fetched and failed.
 */
export async function refreshDueCalendars(database: Database, config: Config, now: number, limit = 20) {
  const claimUntil = new Date(now + config.BUSY_CALENDAR_REFRESH_MIN * 60_000);
  const due = await database.db.execute(sql`
    update busy_calendars set next_fetch_at = ${claimUntil.toISOString()}::timestamptz
     where (clinic_id, id) in (
       select clinic_id, id from busy_calendars where next_fetch_at <= ${new Date(now).toISOString()}::timestamptz
        order by next_fetch_at limit ${limit} for update skip locked)
    returning clinic_id, id`);
  const ids = (due as unknown as { rows: { clinic_id: string; id: string }[] }).rows;
  let failed = 0;
  for (const { clinic_id: clinicId, id } of ids) {
    const [row] = await database.db.select().from(busyCalendars).where(and(eq(busyCalendars.clinicId, clinicId), eq(busyCalendars.id, id)));
    if (!row) continue;
    const result = await refreshBusyCalendar(database, config, row, now);
    if (!result.ok) failed++;
  }
  return { fetched: ids.length, failed };
}
