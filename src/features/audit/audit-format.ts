/**
 * Turning stored audit rows into what an owner may read: only identifier details, a short
 * device name, and CSV cells that are quoted correctly and cannot run as spreadsheet formulas.
 */

/**
 * Detail keys an owner may see: identifiers, codes and flags. Anything else (a review's
 * hiding reason typed by staff, a photo's byte count, whatever a future call adds) stays in
 * the database; the audit screen never shows free text, so it can never show health data.
 */
const DETAIL_KEYS = new Set([
  'reason', 'method', 'path', 'by', 'source', 'kind', 'role', 'fields', 'page', 'version', 'late', 'seesAllClients',
  'sessions', 'from', 'to', 'serviceId', 'practitionerId', 'clientId', 'bookingId', 'userId', 'hash', 'previousHash',
  'personId', 'entityType', 'entityId', 'action',
]);

/** Identifiers, codes, ISO instants and paths: no spaces, so no sentences. */
const TOKEN = /^[A-Za-z0-9_.:/+-]{1,120}$/;

type DetailValue = string | number | boolean | string[];

function safeValue(value: unknown): DetailValue | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return TOKEN.test(value) ? value : undefined;
  if (Array.isArray(value) && value.length <= 30 && value.every((v) => typeof v === 'string' && TOKEN.test(v))) return value as string[];
  return undefined;
}

/** The whitelisted identifier details of a row; every other key, and any value that is not a plain token, is dropped. */
export function visibleDetails(details: Record<string, unknown> | null): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  if (!details || typeof details !== 'object') return out;
  for (const [key, value] of Object.entries(details)) {
    if (!DETAIL_KEYS.has(key)) continue;
    const safe = safeValue(value);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Linux/, 'Linux'],
];

/**
 * A user agent as a person would say it ("Firefox 128 on Windows"); programs and unknown
 * agents keep their first 40 characters. Null when the request had none.
 */
export function shortDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.map(([re, name]) => [re.exec(userAgent), name] as const).find(([m]) => m);
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  if (browser) return `${browser[1]} ${browser[0]![1]}${system ? ` on ${system}` : ''}`;
  return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, with quotes
 * doubled. A cell that a spreadsheet would run as a formula (starting with =, +, -, @, or a
 * tab or carriage return before one; OWASP "CSV injection") gets a leading apostrophe, so
 * it shows as text.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, ended with CRLF as RFC 4180 asks. */
export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]) => cells.map(csvCell).join(',') + '\r\n';
