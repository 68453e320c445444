/**
 * Clinic-local dates and times with nothing but `Intl`, so the booking widget can use them
 * without a date library. Every time a person sees is in the clinic's time zone (never the
 * browser's), in UK style: 24-hour times (09:30) and dates like 3 March 2027.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function dateParts(timeZone: string) {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    partsCache.set(timeZone, f);
  }
  return f;
}

function parts(instant: string | number | Date, timeZone: string) {
  const out: Record<string, string> = {};
  for (const p of dateParts(timeZone).formatToParts(new Date(instant))) out[p.type] = p.value;
  return out;
}

/** The clinic-local date (`2027-03-03`) of an instant. */
export function localDate(instant: string | number | Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 09:30, in the clinic's zone. */
export function formatTime(instant: string | number | Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** Minutes since local midnight, in the clinic's zone. */
export function localMinutes(instant: string | number | Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  return (Number(p.hour) % 24) * 60 + Number(p.minute);
}

/** Today's date in the clinic. */
export const todayIn = (timeZone: string, now = Date.now()) => localDate(now, timeZone);

/** A local date plus some days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a local date. */
export const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** The Monday on or before a local date (UK weeks start on Monday). */
export const mondayOf = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

const longDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const plainDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const weekdayName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** Friday 27 November 2026 (no comma, as UK readers write it). */
export const formatLongDay = (date: string) => longDay.format(noon(date)).replace(',', '');
/** Fri 27 Nov. */
export const formatShortDay = (date: string) => shortDay.format(noon(date)).replace(',', '');
/** 27 November 2026. */
export const formatPlainDay = (date: string) => plainDay.format(noon(date));
/** Friday. */
export const formatWeekday = (date: string) => weekdayName.format(noon(date));

/** Friday 27 November 2026 at 09:30, in the clinic's zone. */
export function formatWhen(instant: string | number | Date, timeZone: string): string {
  return `${formatLongDay(localDate(instant, timeZone))} at ${formatTime(instant, timeZone)}`;
}

/** Free slots grouped by the clinic-local day they start on, days in order. */
export function groupByDay<T extends { start: string }>(slots: readonly T[], timeZone: string): { date: string; slots: T[] }[] {
  const days = new Map<string, T[]>();
  for (const slot of slots) {
    const date = localDate(slot.start, timeZone);
    const list = days.get(date);
    if (list) list.push(slot);
    else days.set(date, [slot]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, list]) => ({ date, slots: list }));
}

/** Morning, afternoon or evening, for grouping a day's times. */
export function partOfDay(instant: string, timeZone: string): 'Morning' | 'Afternoon' | 'Evening' {
  const m = localMinutes(instant, timeZone);
  return m < 12 * 60 ? 'Morning' : m < 17 * 60 ? 'Afternoon' : 'Evening';
}

/** £95.00, or "Free" for nothing. */
export function formatPrice(minor: number, currency = 'GBP'): string {
  if (minor === 0) return 'Free';
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

/** 75 minutes, 1 hour, 1 hour 30 minutes. */
export function formatDuration(min: number): string {
  if (min < 60) return `${min} minutes`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `${h} ${h === 1 ? 'hour' : 'hours'}${m ? ` ${m} minutes` : ''}`;
}
