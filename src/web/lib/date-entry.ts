/**
 * Typed dates in the clinic's format (UK: day/month/year), whatever the browser's locale.
 * The browser's own date input shows mm/dd/yyyy in a US browser, so a UK clinic's staff
 * read 03/04 as 4 March; these pure functions let one text field show and accept the
 * clinic's order instead. Values travel as ISO dates (2027-03-27), as the API expects.
 */

export type DateEntry =
  | { ok: true; date: string }
  | { ok: false; reason: 'empty' | 'unreadable' | 'short-year' | 'no-such-day' };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for a month name or its first three letters ("sept" too); 0 when it is not one. */
function monthFromName(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i + 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function build(year: number, month: number, day: number): DateEntry {
  if (month < 1 || month > 12 || day < 1) return { ok: false, reason: 'no-such-day' };
  // Date.UTC rolls 31 February over into March; a day that rolls over does not exist.
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return { ok: false, reason: 'no-such-day' };
  return { ok: true, date: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

function withYear(yearText: string, month: number, day: number): DateEntry {
  // A two-digit year is ambiguous for a date of birth (01 → 1901 or 2001?): ask for all four.
  if (yearText.length !== 4) return { ok: false, reason: 'short-year' };
  return build(Number(yearText), month, day);
}

/**
 * Reads what a person typed: 27/3/2027, 27-03-2027, 27.3.2027, 27 3 2027, 27032027,
 * 27 March 2027, 27 Mar 2027, and the ISO form 2027-03-27 (unambiguous, and what a pasted
 * value or an older test types). Day comes before month, as the clinic writes it.
 */
export function parseDateEntry(text: string): DateEntry {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  if (t === '') return { ok: false, reason: 'empty' };

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2}) ?[/.\- ] ?(\d{1,2}) ?[/.\- ] ?(\d+)$/.exec(t);
  if (m) return withYear(m[3]!, Number(m[2]), Number(m[1]));

  m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return withYear(m[3]!, Number(m[2]), Number(m[1]));

  // 27 March 2027, 27th Mar 2027 (a weekday in front is allowed and ignored).
  m = /^(?:[a-z]+\.? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?) (\d+)$/i.exec(t);
  if (m) {
    const month = monthFromName(m[2]!);
    return month ? withYear(m[3]!, month, Number(m[1])) : { ok: false, reason: 'unreadable' };
  }
  return { ok: false, reason: 'unreadable' };
}

/** 2027-03-27 → 27/03/2027, the way the field shows a date. Anything else comes back as it is. */
export function formatDateEntry(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** What to tell the person about a typed date (null when it is fine). */
export function dateEntryProblem(entry: DateEntry, bounds: { min?: string; max?: string } = {}): string | null {
  if (entry.ok) {
    if (bounds.min && entry.date < bounds.min) return `Enter a date on or after ${formatDateEntry(bounds.min)}`;
    if (bounds.max && entry.date > bounds.max) return `Enter a date on or before ${formatDateEntry(bounds.max)}`;
    return null;
  }
  switch (entry.reason) {
    case 'empty': return null;
    case 'short-year': return 'Enter the year in full, for example 27/3/2027';
    case 'no-such-day': return 'That day does not exist: check the day and month (day first, for example 27/3/2027)';
    default: return 'Enter the date as day/month/year, for example 27/3/2027';
  }
}
