/** Formats integer minor units as money, UK style: £45.00. */
export function formatMoney(minor: number, currency = 'GBP'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

/**
 * Shows an E.164 number the way people in the UK write it (+447700900123 → 07700 900123,
 * +442079460000 → 020 7946 0000); other countries keep the international form.
 */
export function formatPhone(e164: string): string {
  if (!e164.startsWith('+44')) return e164;
  const national = '0' + e164.slice(3);
  if (national.length !== 11) return national;
  if (national.startsWith('02')) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  return `${national.slice(0, 5)} ${national.slice(5)}`;
}

/**
 * A phone number that never wraps mid-number: the spaces of `formatPhone` become
 * non-breaking ones (html-validate's tel-non-breaking; a number split over two lines is
 * easy to misdial).
 */
export const phoneNoWrap = (e164: string) => formatPhone(e164).replace(/ /g, '\u00a0');

/** A date as UK readers expect it: 3 March 2027, in the given (clinic's) time zone. */
export function formatDate(iso: string | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}

/** Date and 24-hour time: 3 March 2027, 14:05, in the given (clinic's) time zone. */
export function formatDateTime(iso: string | Date, timeZone?: string): string {
  const date = new Date(iso);
  const day = formatDate(date, timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(date);
  return `${day}, ${time}`;
}

/** The weekday and date: Wednesday 3 March 2027 (no comma, as UK readers write it). */
export function formatLongDate(iso: string | Date, timeZone?: string): string {
  const date = new Date(iso);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone }).format(date);
  return `${weekday} ${formatDate(date, timeZone)}`;
}

/** A name in the possessive, as UK English writes it: James Wilson’s, Charles’s, James’s. */
export function possessive(name: string): string {
  return `${name}’s`;
}
