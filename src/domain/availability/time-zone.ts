/**
 * Time-zone arithmetic for one local date at a time.
 *
 * Asking `Intl` (or luxon, which wraps it) for an offset costs microseconds, far too
 * much to do per candidate slot. A zone's offset changes at most a couple of times a
 * year, so for each (zone, date) we ask `Intl` a few times, find any transition near
 * that date by bisection, and keep the result as a `DayFrame`: from then on wall-clock
 * times of that date resolve to UTC with plain arithmetic. Frames are cached per zone,
 * since time-zone rules do not change while the process runs.
 */

import { AvailabilityInputError, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, weekdayOf } from './local-time';

/**
 * Offsets of one zone around one local date. Offsets are valid over the window
 * `[midnight − 15 h, midnight + 39 h]`, which holds every instant that a wall-clock time
 * of that date (00:00–24:00) can map to under any real offset (−12 h … +14 h).
 */
export interface DayFrame {
  /** Day number of the date (days since 1970-01-01). */
  readonly day: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** The date's 00:00 read as if it were UTC; `instant + offset − midnight` is minutes of wall clock since local midnight. */
  readonly midnight: number;
  /** Instants (epoch ms) where the offset changes inside the window; usually none. */
  readonly transitions: readonly number[];
  /** `offsets[i]` (ms, local − UTC) holds before `transitions[i]` and from `transitions[i − 1]` on. */
  readonly offsets: readonly number[];
}

const WINDOW_BEFORE = 15 * MS_PER_HOUR;
const WINDOW_AFTER = 39 * MS_PER_HOUR;
/** The probe used to guess an offset for a wall-clock time; matches the reference oracle. */
const GUESS_LEAD = 14 * MS_PER_HOUR;
/** Enough for several years of dates in a few zones; the cache is simply dropped beyond it. */
const MAX_CACHED_FRAMES = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const frameCache = new Map<string, Map<number, DayFrame>>();
let cachedFrameCount = 0;

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

/**
 * Appends the transitions in `(lo, hi]` given the offsets at both ends. Bisects to the
 * second, since that is the finest resolution of the tz database; assumes at most one
 * transition between probes that disagree and none between probes that agree, which
 * holds for every real zone over the ~day-long spans it is called on.
 */
function findTransitions(
  timeZone: string,
  lo: number,
  offLo: number,
  hi: number,
  offHi: number,
  transitions: number[],
  offsets: number[],
): void {
  let from = lo;
  let fromOffset = offLo;
  while (fromOffset !== offHi) {
    let a = Math.floor(from / 1000);
    let b = Math.ceil(hi / 1000);
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (zoneOffsetMs(timeZone, mid * 1000) === fromOffset) a = mid;
      else b = mid;
    }
    const at = b * 1000;
    const after = zoneOffsetMs(timeZone, at);
    transitions.push(at);
    offsets.push(after);
    from = at;
    fromOffset = after;
    if (at >= hi) break;
  }
}

function buildFrame(timeZone: string, day: number): DayFrame {
  const midnight = day * MS_PER_DAY;
  const lo = midnight - WINDOW_BEFORE;
  const mid = midnight + 12 * MS_PER_HOUR;
  const hi = midnight + WINDOW_AFTER;
  const offLo = zoneOffsetMs(timeZone, lo);
  const offMid = zoneOffsetMs(timeZone, mid);
  const offHi = zoneOffsetMs(timeZone, hi);
  const transitions: number[] = [];
  const offsets: number[] = [offLo];
  findTransitions(timeZone, lo, offLo, mid, offMid, transitions, offsets);
  findTransitions(timeZone, mid, offMid, hi, offHi, transitions, offsets);
  return { day, weekday: weekdayOf(day), midnight, transitions, offsets };
}

/** The cached frames of a zone, keyed by day number; fetch once per entity, then index by day. */
export function framesOf(timeZone: string): Map<number, DayFrame> {
  let frames = frameCache.get(timeZone);
  if (!frames) {
    formatterFor(timeZone); // validate the zone before caching anything under its name
    frames = new Map();
    frameCache.set(timeZone, frames);
  }
  return frames;
}

/** The frame of `day` in `timeZone`, computed on first use (three `Intl` calls, more on a transition day). */
export function dayFrame(timeZone: string, day: number, frames: Map<number, DayFrame> = framesOf(timeZone)): DayFrame {
  let frame = frames.get(day);
  if (!frame) {
    if (cachedFrameCount >= MAX_CACHED_FRAMES) clearTimeZoneCache();
    frame = buildFrame(timeZone, day);
    // `clearTimeZoneCache` may have dropped `frames`; re-fetch so the frame is really kept.
    framesOf(timeZone).set(day, frame);
    cachedFrameCount++;
  }
  return frame;
}

/**
 * Forgets every cached frame. Only the benchmark needs this, to measure the cold path;
 * results never depend on the cache.
 */
export function clearTimeZoneCache(): void {
  frameCache.clear();
  cachedFrameCount = 0;
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
 * The local date (day number, days since 1970-01-01) of `instant` in `timeZone`. One
 * `Intl` call: for request handling, e.g. to find which date a requested start falls on.
 */
export function localDayOf(instant: number, timeZone: string): number {
  return Math.floor((instant + zoneOffsetMs(timeZone, instant)) / MS_PER_DAY);
}
