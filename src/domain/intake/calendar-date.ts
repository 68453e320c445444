/**
 * Calendar dates (`YYYY-MM-DD`) as the intake and screening rules use them: a day in the
 * clinic's own calendar, with no time and no zone. "14 days after 20 May" is 3 June
 * whatever the clocks do in between, so the arithmetic works on day numbers, never on
 * instants, and never reads the clock: "today" is always passed in by the caller.
 *
 * Browser-safe (no imports), so the intake form validates dates the same way in the
 * portal and on the server.
 *
 * @example
 * addDays('2027-05-20', 14) // '2027-06-03'
 * daysBetween('2027-02-28', '2027-03-01') // 1
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date, `YYYY-MM-DD`. Compare two with `<`: the format sorts as the calendar does. */
export type CalendarDate = string;

/** Whether `value` is a real calendar date in `YYYY-MM-DD` form (2027-02-29 is not; 2028-02-29 is). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Integer day arithmetic (H. Hinnant, "chrono-compatible low-level date algorithms"):
// no Date objects, so no zone can shift a day and it runs in nanoseconds.

/** Days since 1970-01-01 of a calendar date (assumed valid). */
export function dayNumber(date: CalendarDate): number {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = Number(date.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function fromDayNumber(day: number): CalendarDate {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The date `years` years after `date`. A 29 February with no 29 February in the target
 * year becomes 1 March, as UK law counts a leap-day birthday (a person born on
 * 29 February 2008 turns 18 on 1 March 2026).
 */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const y = Number(date.slice(0, 4)) + years;
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (d > daysInMonth(y, mo)) return `${String(y).padStart(4, '0')}-03-01`;
  return `${String(y).padStart(4, '0')}${date.slice(4)}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as people read it in UK English: `2027-06-03` → `3 June 2027`. */
export function formatCalendarDate(date: CalendarDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date an instant falls on in an IANA time zone: 23:30 UTC on 31 May 2027
 * is 1 June in London (BST). Accepts epoch milliseconds or an ISO instant with an offset.
 */
export function calendarDateAt(instant: number | string, timeZone: string): CalendarDate {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError('Not an instant');
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; one formatter per zone, because making one is slow.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(ms);
}
