import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';

/**
 * Busy times from an outside calendar's iCalendar feed (RFC 5545): every event that makes
 * the practitioner busy, recurring ones expanded (RRULE, RDATE, EXDATE and moved or
 * cancelled instances, RECURRENCE-ID), in the feed's own time zones (VTIMEZONE), as UTC
 * intervals. Only the times are kept: titles, descriptions, attendees and places are read
 * by the parser and dropped here, so nothing else can ever be stored or shown.
 */

/** A busy interval, epoch milliseconds, `[start, end)`. */
export interface BusyInterval {
  readonly start: number;
  readonly end: number;
}

export interface ExpandOptions {
  /** Only intervals overlapping `[from, to)` are returned (the booking horizon). */
  readonly from: number;
  readonly to: number;
  /**
   * The practitioner's zone: all-day events block whole local days in it, and "floating"
   * times (no zone in the feed) are read as its wall clock.
   */
  readonly timeZone: string;
  /** At most this many intervals (a feed is outside input); the earliest are kept. */
  readonly maxIntervals?: number;
}

/** The feed is not an iCalendar file, or not one this parser can read. */
export class NotICalendarError extends Error {}

/** Occurrences looked at per recurring event at most: an RRULE of every minute stops here. */
const MAX_OCCURRENCES_PER_EVENT = 50_000;
/** Occurrences kept per recurring event at most (a year of hourly meetings is fewer). */
const MAX_KEPT_PER_EVENT = 5_000;
const DAY_MS = 86_400_000;

/**
 * The busy intervals of an iCalendar text between `from` and `to`, sorted, with
 * overlapping and touching intervals merged. Events marked free (`TRANSP:TRANSPARENT`) or
 * cancelled (`STATUS:CANCELLED`) do not block.
 *
 * @throws NotICalendarError when the text is not a VCALENDAR.
 */
export function busyTimesFromICalendar(text: string, options: ExpandOptions): BusyInterval[] {
  const calendar = parseCalendar(text);
  const events = calendar.getAllSubcomponents('vevent');
  // A recurring event and its changed instances share a UID; instances are related to it.
  const masters = new Map<string, ICAL.Event>();
  const orphans: ICAL.Component[] = [];
  for (const component of events) {
    if (component.hasProperty('recurrence-id')) continue;
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    const event = new ICAL.Event(component, { strictExceptions: false });
    if (uid && !masters.has(uid)) masters.set(uid, event);
    else orphans.push(component);
  }
  for (const component of events) {
    if (!component.hasProperty('recurrence-id')) continue;
    const master = masters.get(String(component.getFirstPropertyValue('uid') ?? ''));
    // A changed instance without its series (some servers share only the instance): an event of its own.
    if (master?.isRecurring()) master.relateException(component);
    else orphans.push(component);
  }

  const out: BusyInterval[] = [];
  const add = (component: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null) => {
    if (!blocks(component)) return;
    const interval = toInterval(start, end, options.timeZone);
    if (interval && interval.start < options.to && interval.end > options.from) out.push(interval);
  };
  for (const event of masters.values()) {
    if (!event.isRecurring()) {
      add(event.component, event.startDate, event.endDate);
      continue;
    }
    const iterator = event.iterator();
    // Changed instances may move a later occurrence into the range: look a little further.
    const until = options.to + 31 * DAY_MS;
    const since = options.from - 31 * DAY_MS;
    let kept = 0;
    for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES_PER_EVENT && kept < MAX_KEPT_PER_EVENT; i++, next = iterator.next()) {
      const at = instantOf(next, options.timeZone);
      if (at >= until) break;
      if (at < since) continue;
      kept++;
      const details = event.getOccurrenceDetails(next);
      add(details.item.component, details.startDate, details.endDate);
    }
  }
  for (const component of orphans) {
    const event = new ICAL.Event(component);
    add(component, event.startDate, event.endDate);
  }
  return mergeIntervals(out).slice(0, options.maxIntervals ?? Infinity);
}

function parseCalendar(text: string): ICAL.Component {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new NotICalendarError('The address did not return an iCalendar file.');
  try {
    const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
    if (component.name !== 'vcalendar') throw new NotICalendarError('The address did not return an iCalendar file.');
    return component;
  } catch (error) {
    if (error instanceof NotICalendarError) throw error;
    throw new NotICalendarError('The calendar file could not be read.');
  }
}

/** Free time (RFC 5545 §3.8.2.7) and cancelled events (§3.8.1.11) leave the practitioner available. */
function blocks(component: ICAL.Component): boolean {
  const transp = String(component.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp !== 'TRANSPARENT' && status !== 'CANCELLED';
}

function toInterval(start: ICAL.Time | null | undefined, end: ICAL.Time | null | undefined, timeZone: string): BusyInterval | null {
  if (!start) return null;
  const s = instantOf(start, timeZone);
  // An all-day event without an end lasts its one day (RFC 5545 §3.6.1).
  let e = end ? instantOf(end, timeZone) : start.isDate ? instantOf(dayAfter(start), timeZone) : s;
  if (start.isDate && e <= s) e = instantOf(dayAfter(start), timeZone);
  return e > s ? { start: s, end: e } : null;
}

const dayAfter = (t: ICAL.Time) => {
  const next = t.clone();
  next.adjust(1, 0, 0, 0);
  return next;
};

/**
 * The UTC instant of an iCalendar time. Times with a VTIMEZONE of the feed (or UTC) are
 * converted by ical.js; dates (all day) and floating times are the practitioner's wall
 * clock; a TZID without a VTIMEZONE is read as an IANA zone when it is one.
 */
function instantOf(t: ICAL.Time, timeZone: string): number {
  const zone = t.zone;
  if (!t.isDate && zone && (zone === ICAL.Timezone.utcTimezone || zone.component)) return t.toUnixTime() * 1000;
  // ical.js keeps a TZID it found no VTIMEZONE for as a plain name.
  const tzid = (t as unknown as { timezone?: unknown }).timezone;
  const named = !t.isDate && typeof tzid === 'string' && DateTime.local().setZone(tzid).isValid ? tzid : timeZone;
  const local = DateTime.fromObject(
    { year: t.year, month: t.month, day: t.day, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute, second: t.isDate ? 0 : t.second },
    { zone: named },
  );
  return local.toMillis();
}

/** Sorted, with overlapping or touching intervals joined (fewer rows, and no event boundaries kept). */
export function mergeIntervals(intervals: readonly BusyInterval[]): BusyInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** What identifies a stored interval: a hash of its start and end (and nothing else of the event). */
export const busyIntervalHash = (i: BusyInterval) => createHash('sha256').update(`${i.start}/${i.end}`).digest('hex').slice(0, 32);
