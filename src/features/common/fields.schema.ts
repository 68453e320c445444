import { z } from 'zod';

/**
 * Characters no typed text contains: C0 and C1 control characters (NUL among them, which
 * PostgreSQL cannot store) and, in single-line text, the bidirectional embedding, override
 * and isolate characters (U+202A–U+202E, U+2066–U+2069), which can make a name display as
 * something else ("Trojan Source"). Multi-line text keeps line breaks and tabs.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE_OK = /^[^\u0000-\u001F\u007F-\u009F]*$/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const MULTI_LINE_OK = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/u;
const NO_BIDI_CONTROLS = /^[^\u202A-\u202E\u2066-\u2069]*$/u;
export const CONTROL_CHARACTER_MESSAGE = 'Remove the control characters (such as tabs or invisible characters) from this text';
export const BIDI_CHARACTER_MESSAGE = 'Remove the invisible text-direction characters from this text';

/** Free single-line text (names, titles, address lines): trimmed, at most `max` characters, no control or text-direction characters. */
export const plainText = (max: number) =>
  z.string().trim().max(max, `Use at most ${max} characters`).regex(SINGLE_LINE_OK, CONTROL_CHARACTER_MESSAGE).regex(NO_BIDI_CONTROLS, BIDI_CHARACTER_MESSAGE);

/**
 * Free multi-line text (descriptions, notes, reviews, Markdown): at most `max` characters;
 * line breaks and tabs allowed, other control characters refused. Trimmed unless told not
 * to (Markdown, where leading spaces mean something).
 */
export const multilineText = (max: number, { trim = true } = {}) =>
  (trim ? z.string().trim() : z.string()).max(max, `Use at most ${max} characters`).regex(MULTI_LINE_OK, CONTROL_CHARACTER_MESSAGE);

/** E-mail addresses are compared case-insensitively, so they are stored lower-cased and trimmed. */
export const emailField = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Enter a valid e-mail address' }));

/** People's names: trimmed, never empty, and short enough for a diary column and an e-mail subject. */
export const personName = plainText(120).min(1, 'Enter a name');

/** Long enough to resist guessing (NCSC advice favours length over symbols), short enough to hash quickly. */
export const newPassword = z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters');

/** A password being checked: any length the hash accepts, so long typos fail normally. */
export const password = z.string().min(1, 'Enter your password').max(200);

/**
 * UK and international phone numbers, normalised to E.164 (+447700900123). A leading 0 is
 * read as a UK number because most clients are in the UK.
 */
export const phoneField = z
  .string()
  .trim()
  .max(32)
  .transform((v) => v.replace(/[\s().-]/g, ''))
  .transform((v) => (v.startsWith('00') ? '+' + v.slice(2) : v.startsWith('0') ? '+44' + v.slice(1) : v))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'Enter a phone number such as 07700 900123'));

/** URL slugs: lower-case words joined by hyphens, used in public addresses. */
export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters')
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens');

/** IANA time zone names (Europe/London), checked against the runtime's zone database. */
export const timeZoneField = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'Enter a time zone such as Europe/London');

/** UK postcodes, upper-cased with one space before the inward code (SW1A 1AA). */
export const postcodeField = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/, 'Enter a UK postcode such as SW1A 1AA'))
  .transform((v) => `${v.slice(0, -3)} ${v.slice(-3)}`);

/** Short single-line text such as a clinic name or address line. */
export const line = (max = 200) => plainText(max).min(1, 'This field is required');

/** Optional text: an empty string counts as not given. */
export const optionalLine = (max = 200) =>
  plainText(max).optional().transform((v) => (v ? v : undefined));

/**
 * An optional field that can also be cleared: leaving it out keeps the stored value,
 * while `null` or an empty string (an emptied form field) clears it.
 */
export const clearable = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional());

export const uuidParam = z.uuid({ message: 'Not a valid id' });

/** A problem document as returned for every error (RFC 9457). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const okSchema = z.object({ ok: z.literal(true) });
