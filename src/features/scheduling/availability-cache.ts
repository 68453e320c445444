import type { AppContext } from '../../server/context.ts';
import { startOfLocalDate } from './clinic-time.ts';
import { publicAvailabilityInput, slotsBetween, type AvailabilityQuery, type ServiceContext } from './availability.service.ts';
import { clinicVersions } from './clinic-versions.ts';
import { compress, type Encoding } from '../site/page-cache.ts';

/**
 * The public availability answer, computed once per clinic version (clinics.page_version,
 * bumped in the same transaction as every booking and every change of hours, services,
 * rooms, closures or rules; migration 0023) and reused by every request until then.
 *
 * What changes with the clock alone is handled without recomputing: the engine's only use
 * of `now` is to offer a start `s` iff `now + notice ≤ s ≤ now + horizon` (rule 1 of
 * computeAvailability), the same test for every practitioner, so the answer is computed
 * once without the horizon and each request keeps the starts its own `now` allows. A held
 * booking that lapses frees its time without a write, so an answer lasts no longer than
 * the first such lapse; and no longer than a minute in any case.
 */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 1_000;
const DAY = 86_400_000;

interface Entry {
  version: number;
  validUntil: number;
  sc: ServiceContext;
  timeZone: string;
  /** The answer's JSON up to its first slot: `{"timeZone":…,"slots":[`. */
  head: string;
  fromMs: number;
  noticeMs: number;
  horizonMs: number;
  /** Slot starts (ms), ascending, and each slot as JSON, in the same order. */
  starts: number[];
  parts: string[];
  /** The last body sent, for the range of parts it covers, and its bytes per encoding once sent so. */
  body?: { first: number; end: number; text: string; bytes: Partial<Record<Encoding, Buffer>> };
}

const caches = new WeakMap<object, Map<string, Entry>>();

type Screening = (sc: ServiceContext) => Promise<{ earliestDate: string | null; callClinic: boolean } | null>;

/** The first index of `starts` whose value is at least `min` (binary search). */
function firstAtLeast(starts: number[], min: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function compute(ctx: AppContext, slug: string, query: AvailabilityQuery, version: number, now: number): Promise<Entry> {
  const { snapshot, sc, tz, fromMs, toMs, input } = await publicAvailabilityInput(ctx, slug, query, now);
  const { minimumNoticeMin, horizonDays } = input.service;
  const slots = slotsBetween({ ...input, service: { ...input.service, horizonDays: undefined } }, query.practitionerId, fromMs, toMs);
  return {
    version, sc, timeZone: tz, head: `{"timeZone":${JSON.stringify(tz)},"slots":[`, fromMs,
    validUntil: Math.min(now + MAX_AGE_MS, snapshot.nextHoldExpiry ?? Infinity),
    noticeMs: minimumNoticeMin * 60_000,
    horizonMs: horizonDays === undefined ? Infinity : horizonDays * DAY,
    starts: slots.map((s) => Date.parse(s.start)),
    // The fields of availabilityResponse's slots, in its order (the route's response schema).
    parts: slots.map((s) => JSON.stringify({ start: s.start, end: s.end, practitionerId: s.practitionerId })),
  };
}

/**
 * `GET /clinics/:slug/availability` as the JSON text to send: `{ timeZone, slots, screening? }`
 * exactly as `getAvailability` answers at `now`. Errors (unknown clinic, service or
 * practitioner, bad range) are thrown as by `getAvailability`, and never cached.
 */
export async function availabilityAnswer(ctx: AppContext, slug: string, query: AvailabilityQuery, screening?: Screening, now = Date.now()): Promise<string> {
  const answer = await answerOf(ctx, slug, query, screening, now);
  return typeof answer === 'string' ? answer : answer.text;
}

/** Answers this size or smaller are sent as they are: compressing them saves less than it costs. */
const COMPRESS_FROM = 1024;
/** Brotli quality for answers: made once per clinic version and range, but a busy clinic's version moves with each booking. */
const BROTLI_QUALITY = 5;

/**
 * The same answer as bytes in `encoding` (identity for small answers): made once per cached
 * answer and encoding, so a request costs no serialising, no string encoding and no compression.
 */
export async function availabilityBytes(ctx: AppContext, slug: string, query: AvailabilityQuery, encoding: Encoding, screening?: Screening, now = Date.now()): Promise<{ body: Buffer; encoding: Encoding }> {
  const answer = await answerOf(ctx, slug, query, screening, now);
  const bytes = typeof answer === 'string' ? { identity: Buffer.from(answer) } : answer.bytes;
  const identity = bytes.identity ??= Buffer.from(typeof answer === 'string' ? answer : answer.text);
  if (encoding === 'identity' || identity.length <= COMPRESS_FROM) return { body: identity, encoding: 'identity' };
  return { body: bytes[encoding] ??= compress(identity, encoding, BROTLI_QUALITY), encoding };
}

/** The last key made for each query object the route's validator kept (frozen, shared by every request asking the same). */
const keys = new WeakMap<AvailabilityQuery, { slug: string; key: string }>();

/** The cache key of a request: made once per query object and clinic when the query cannot change (frozen). */
function cacheKey(slug: string, query: AvailabilityQuery): string {
  const kept = keys.get(query);
  if (kept?.slug === slug) return kept.key;
  const key = `${slug}\n${query.serviceId}\n${query.practitionerId ?? ''}\n${query.from}\n${query.to ?? ''}`;
  if (Object.isFrozen(query)) keys.set(query, { slug, key });
  return key;
}

/** The answer: the cached body of the entry when it serves everyone alike, else its text for this visitor. */
async function answerOf(ctx: AppContext, slug: string, query: AvailabilityQuery, screening: Screening | undefined, now: number): Promise<string | NonNullable<Entry['body']>> {
  const found = await clinicVersions(ctx.database).clinic(slug);
  let cache = caches.get(ctx.database);
  if (!cache) caches.set(ctx.database, (cache = new Map()));
  const key = cacheKey(slug, query);
  let entry = cache.get(key);
  if (!found || !entry || entry.version !== found.version || now >= entry.validUntil) {
    // An unknown clinic gets the full path's 404 (version 0 is never current).
    entry = await compute(ctx, slug, query, found?.version ?? 0, now);
    cache.delete(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    if (found) cache.set(key, entry);
  }
  const screened = screening ? await screening(entry.sc) : null;
  const { head } = entry;
  if (screened?.callClinic) return `${head}],"screening":{"earliestDate":null,"callClinic":true}}`;
  const earliest = screened?.earliestDate ?? null;
  const fromAllowed = earliest ? Math.max(entry.fromMs, startOfLocalDate(earliest, entry.timeZone)) : -Infinity;
  const first = firstAtLeast(entry.starts, Math.max(now + entry.noticeMs, fromAllowed));
  const end = firstAtLeast(entry.starts, now + entry.horizonMs + 1);
  if (earliest) return `${head}${entry.parts.slice(first, Math.max(first, end)).join(',')}],"screening":${JSON.stringify({ earliestDate: earliest, callClinic: false })}}`;
  if (!entry.body || entry.body.first !== first || entry.body.end !== end) {
    entry.body = { first, end, text: `${head}${entry.parts.slice(first, Math.max(first, end)).join(',')}]}`, bytes: {} };
  }
  return entry.body;
}
