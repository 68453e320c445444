import type { Database } from '../../data/db.ts';
import { addDays } from './clinic-time.ts';
import { loadSnapshot, type Snapshot } from './snapshot.repository.ts';

/**
 * What the availability engine knows about one service of one clinic apart from the
 * bookings (clinic, rules, service, who gives it, their hours, exceptions, closures and
 * rooms), kept in memory for a minute per app instance and database.
 *
 * The online booking path judges a start against it without reading the database, and
 * its write statement books only while the clinic's scheduling version (bumped by
 * triggers on every change, from any instance) is still the one read here, and only
 * where the exclusion constraints let it. So a stale entry can cost a retry, never a
 * wrong booking. The minute bounds only what the version does not cover: names.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;
/** Exceptions and closures over the longest booking horizon the settings allow (730 days). */
const WINDOW_DAYS = 732;

interface Entry {
  loadedAt: number;
  snapshot: Snapshot;
  /** The snapshot narrowed to one practitioner, built on first use. */
  byPractitioner: Map<string, Snapshot>;
}

const caches = new WeakMap<Database, Map<string, Entry>>();

const keyOf = (slug: string, serviceId: string) => `${slug}\n${serviceId}`;

/**
 * The cached schedule of `serviceId` at the clinic `slug`, narrowed to `practitionerId`;
 * null when there is no such clinic or service or the practitioner does not give it
 * (nothing is cached for those: the full path explains the error, and random ids cannot
 * fill the cache).
 */
export async function cachedSchedule(database: Database, slug: string, serviceId: string, practitionerId: string | undefined, now: number): Promise<Snapshot | null> {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new Map()));
  const key = keyOf(slug, serviceId);
  let entry = cache.get(key);
  if (!entry || now - entry.loadedAt > TTL_MS) {
    const today = new Date(now).toISOString().slice(0, 10);
    const snapshot = await loadSnapshot(database.db, {
      where: { slug }, serviceId, dateFrom: addDays(today, -2), dateTo: addDays(today, WINDOW_DAYS),
      // An empty range: no bookings (the write statement and the constraints judge those).
      from: new Date(now), to: new Date(now), now: new Date(now),
    });
    if (!snapshot.clinic || !snapshot.service) {
      cache.delete(key);
      return null;
    }
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    entry = { loadedAt: now, snapshot, byPractitioner: new Map() };
    cache.set(key, entry);
  }
  // "Any practitioner": the whole clinic's schedule for the service.
  if (practitionerId === undefined) return entry.snapshot;
  let narrowed = entry.byPractitioner.get(practitionerId);
  if (!narrowed) {
    const s = entry.snapshot;
    if (!s.practitioners.some((p) => p.id === practitionerId)) return null;
    narrowed = {
      ...s,
      practitioners: s.practitioners.filter((p) => p.id === practitionerId),
      hours: s.hours.filter((h) => h.practitionerId === practitionerId),
      exceptions: s.exceptions.filter((x) => x.practitionerId === practitionerId),
    };
    entry.byPractitioner.set(practitionerId, narrowed);
  }
  return narrowed;
}

/** Drops a clinic service's entry, e.g. when a write found its scheduling version stale. */
export function forgetSchedule(database: Database, slug: string, serviceId: string) {
  caches.get(database)?.delete(keyOf(slug, serviceId));
}
