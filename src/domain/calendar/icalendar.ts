/**
 * Finishing touches on iCalendar text (RFC 5545) that the `ics` package gets wrong or
 * leaves out: folding long lines by octets rather than characters, and a calendar that
 * always holds at least one component. Pure string work, shared by every .ics we send.
 */

/** The conventional product identifier (RFC 5545 §3.7.3: an ISO 9070 formal public identifier). */
export const prodId = (product: 'Booking' | 'Diary') => `-//Yintang//${product}//EN`;

/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/**
 * One content line folded into lines of at most 75 octets of UTF-8, each continuation
 * starting with a single space (which counts towards its 75). A multi-byte character
 * (é, ë, an emoji) is never split between two lines.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** Undoes folding (§3.1): a line break followed by one space or tab joins two lines. */
export const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');

/**
 * A whole calendar refolded by octets, with CRLF line ends. When the calendar holds no
 * component (§3.6 requires at least one, e.g. the feed of a practitioner with nothing
 * booked), a VTIMEZONE for UTC is added: every time we write is UTC, so it is true and
 * harmless.
 */
export function finishCalendar(text: string): string {
  const lines = unfold(text).split(/\r?\n/).filter((l) => l !== '');
  const hasComponent = lines.some((l) => /^BEGIN:(VEVENT|VTODO|VJOURNAL|VFREEBUSY|VTIMEZONE)$/i.test(l));
  if (!hasComponent) {
    const end = lines.lastIndexOf('END:VCALENDAR');
    lines.splice(end < 0 ? lines.length : end, 0,
      'BEGIN:VTIMEZONE', 'TZID:UTC', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0000', 'TZNAME:UTC', 'END:STANDARD', 'END:VTIMEZONE');
  }
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** An empty calendar (no events yet), valid under §3.6. */
export const emptyCalendar = (product: 'Booking' | 'Diary', name?: string) =>
  finishCalendar(['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', `PRODID:${prodId(product)}`, ...(name ? [`X-WR-CALNAME:${name.replace(/[\\;,]/g, (c) => `\\${c}`)}`] : []), 'END:VCALENDAR'].join('\r\n'));

/** The address part of a From header (`Yintang <no-reply@x>` → `no-reply@x`). */
export function mailboxAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}
