/**
 * Time-zone arithmetic for one local date at a time.
 *
 * Asking `Intl` (or luxon, which wraps it) for an offset costs microseconds, far too
 * much to do per candidate slot. A zone's offset changes at most a couple of times a
 * year, so we sample it once per UTC day, find any transition by bisection, and keep
 * the offsets around each local date as a `DayFrame`: from then on wall-clock times of
 * that date resolve to UTC with plain arithmetic. Everything is cached per zone, since
 * time-zone rules do not change while the process runs.
 */

import { AvailabilityInputError, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, weekdayOf } from './local-time';

/**
 * Offsets of one zone around one local date. Offsets are valid over the window
 * `[midnight − 24 h, midnight + 48 h]`, which holds every instant that a wall-clock time
 * of that date (00:00–24:00) can map to under any real offset (−12 h … +14 h), and the
 * 14-hour-earlier probe used to resolve it.
 */
export interface DayFrame {
  /** Day number of the date (days since 1970-01-01). */
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** The date's 00:00 read as if it were UTC; `instant + offset − midnight` is wall-clock time since local midnight. */
  readonly midnight: number;
  /** Instants (epoch ms) where the offset changes inside the window; usually none. */
  readonly transitions: readonly number[];
  /** `offsets[i]` (ms, local − UTC) holds before `transitions[i]` and from `transitions[i − 1]` on. */
  readonly offsets: readonly number[];
}

/** The probe used to guess an offset for a wall-clock time; matches the reference oracle. */
const GUESS_LEAD = 14 * MS_PER_HOUR;
/** Enough for years of dates in many zones; the cache is simply dropped beyond it. */
const MAX_CACHED_ENTRIES = 200_000;

/**
 * What is known of one zone. Offsets are sampled at each UTC midnight and transitions
 * located within each UTC day, so neighbouring dates share their samples: filling the
 * cache costs about one `Intl` call per new date (plus a bisection on a transition day).
 */
interface ZoneCache {
  /** UTC day number → offset at that day's 00:00Z. */
  readonly midnightOffsets: Map<number, number>;
  /** UTC day number → transitions in `(00:00Z, next 00:00Z]` and the offsets after each. */
  readonly utcDayTransitions: Map<number, { readonly at: readonly number[]; readonly offsets: readonly number[] }>;
  /** Local day number → frame. */
  readonly frames: Map<number, DayFrame>;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const zoneCaches = new Map<string, ZoneCache>();
let cachedEntries = 0;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new AvailabilityInputError(`Unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of `timeZone` at `instant`, in milliseconds (local − UTC), rounded to whole
 * minutes like the reference oracle (only pre-1900 local mean times have seconds).
 * Slow (an `Intl` call): use it per date, never per slot.
 */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value) % 24; break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      default: break;
    }
  }
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = wallAsUtc - Math.floor(instant / 1000) * 1000;
  return Math.round(offset / MS_PER_MINUTE) * MS_PER_MINUTE;
}

function midnightOffset(timeZone: string, cache: ZoneCache, utcDay: number): number {
  let offset = cache.midnightOffsets.get(utcDay);
  if (offset === undefined) {
    offset = zoneOffsetMs(timeZone, utcDay * MS_PER_DAY);
    cache.midnightOffsets.set(utcDay, offset);
    cachedEntries++;
  }
  return offset;
}

/**
 * Transitions within one UTC day, found by bisecting to the second (the finest
 * resolution of the tz database) when the offsets at its two midnights differ. Assumes
 * a zone changes offset at most once within 24 hours, which holds for every real zone.
 */
function utcDayTransitions(timeZone: string, cache: ZoneCache, utcDay: number) {
  let found = cache.utcDayTransitions.get(utcDay);
  if (!found) {
    const before = midnightOffset(timeZone, cache, utcDay);
    const after = midnightOffset(timeZone, cache, utcDay + 1);
    if (before === after) {
      found = { at: [], offsets: [] };
    } else {
      let lo = (utcDay * MS_PER_DAY) / 1000;
      let hi = ((utcDay + 1) * MS_PER_DAY) / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMs(timeZone, mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      found = { at: [hi * 1000], offsets: [after] };
    }
    cache.utcDayTransitions.set(utcDay, found);
    cachedEntries++;
  }
  return found;
}

function buildFrame(timeZone: string, cache: ZoneCache, day: number): DayFrame {
  const transitions: number[] = [];
  const offsets: number[] = [midnightOffset(timeZone, cache, day - 1)];
  for (let utcDay = day - 1; utcDay <= day + 1; utcDay++) {
    const found = utcDayTransitions(timeZone, cache, utcDay);
    transitions.push(...found.at);
    offsets.push(...found.offsets);
  }
  return { day, weekday: weekdayOf(day), midnight: day * MS_PER_DAY, transitions, offsets };
}

function zoneCacheOf(timeZone: string): ZoneCache {
  let cache = zoneCaches.get(timeZone);
  if (!cache) {
    formatterFor(timeZone); // validate the zone before caching anything under its name
    cache = { midnightOffsets: new Map(), utcDayTransitions: new Map(), frames: new Map() };
    zoneCaches.set(timeZone, cache);
  }
  return cache;
}

/** The cached frames of a zone, keyed by day number; fetch once per entity, then pass to `dayFrame`. */
export function framesOf(timeZone: string): Map<number, DayFrame> {
  return zoneCacheOf(timeZone).frames;
}

/** The frame of local date `day` in `timeZone`, computed on first use. */
export function dayFrame(timeZone: string, day: number, frames: Map<number, DayFrame> = framesOf(timeZone)): DayFrame {
  let frame = frames.get(day);
  if (!frame) {
    if (cachedEntries >= MAX_CACHED_ENTRIES) clearTimeZoneCache();
    // Re-fetch the cache rather than trusting `frames`, which a clear may have orphaned.
    const cache = zoneCacheOf(timeZone);
    frame = buildFrame(timeZone, cache, day);
    cache.frames.set(day, frame);
    frames.set(day, frame);
    cachedEntries++;
  }
  return frame;
}

/**
 * Forgets every cached frame. Only the benchmark needs this, to measure the cold path;
 * results never depend on the cache.
 */
export function clearTimeZoneCache(): void {
  zoneCaches.clear();
  cachedEntries = 0;
}

/** Offset (ms) of the frame's zone at `instant`, which must lie inside the frame's window. */
export function offsetAt(frame: DayFrame, instant: number): number {
  const { transitions, offsets } = frame;
  let i = 0;
  while (i < transitions.length && instant >= (transitions[i] as number)) i++;
  return offsets[i] as number;
}

/**
 * UTC instant of the wall-clock time `minutes` after local midnight on the frame's date.
 * A time inside a spring-forward gap does not exist and resolves forward by the length
 * of the gap (01:30 → 02:30 in London); an ambiguous time in a fall-back overlap resolves
 * to its first occurrence. This is the reference oracle's rule, step for step: guess the
 * offset from 14 hours earlier, then correct it once.
 */
export function wallClockToUtc(frame: DayFrame, minutes: number): number {
  const naive = frame.midnight + minutes * MS_PER_MINUTE;
  if (frame.transitions.length === 0) return naive - (frame.offsets[0] as number);
  const guess = offsetAt(frame, naive - GUESS_LEAD);
  let t = naive - guess;
  const actual = offsetAt(frame, t);
  if (actual !== guess) {
    const t2 = naive - actual;
    if (offsetAt(frame, t2) === actual) t = t2;
  }
  return t;
}

/**
 * Offset (ms, local − UTC) of `timeZone` at `instant`, equal to `zoneOffsetMs` but read
 * from the per-zone cache the engine's frames use (its UTC day's midnight offset and
 * transition): an `Intl` call only for a UTC day not seen before.
 */
export function cachedOffsetAt(timeZone: string, instant: number): number {
  if (cachedEntries >= MAX_CACHED_ENTRIES) clearTimeZoneCache();
  const cache = zoneCacheOf(timeZone);
  const utcDay = Math.floor(instant / MS_PER_DAY);
  const day = utcDayTransitions(timeZone, cache, utcDay);
  // The tz database changes offsets on whole seconds, as `zoneOffsetMs` reads them.
  return day.at.length > 0 && Math.floor(instant / 1000) * 1000 >= (day.at[0] as number)
    ? (day.offsets[0] as number)
    : midnightOffset(timeZone, cache, utcDay);
}

/**
 * The local date (day number, days since 1970-01-01) of `instant` in `timeZone`: for
 * request handling, e.g. to find which date a requested start falls on.
 */
export function localDayOf(instant: number, timeZone: string): number {
  return Math.floor((instant + cachedOffsetAt(timeZone, instant)) / MS_PER_DAY);
}
