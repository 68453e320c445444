/**
 * Finding the secrets in an e-mail's text, so clinic staff can read what was sent without
 * being able to use a link meant for the recipient alone (sign-up confirmation, password
 * reset, staff invitation, booking confirm and manage links, calendar feed addresses).
 *
 * The rules are deliberately wide: a link is withheld when its path is one of the secret
 * kinds Yintang builds, when any query parameter is named like a secret, or when any part
 * of it is shaped like a token. A public link (a clinic page, the sign-in page) stays.
 */

/** What staff read in place of a link that only the recipient may use. */
export const WITHHELD_LINK = '[link withheld: only the recipient can use it]';
/** What staff read in place of a token-shaped value outside a link. */
export const WITHHELD_VALUE = '[withheld]';

/** An absolute web address; trailing punctuation belongs to the sentence, not the link. */
const URL_PATTERN = /https?:\/\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]/g;

/** Paths whose links are themselves a secret or open something with one. */
const SECRET_PATHS = [
  /\/verify-email(\/|$)/,
  /\/reset-password(\/|$)/,
  /\/accept-invite(\/|$)/,
  /\/invitations\/[^/]+/,
  /\/bookings\/(confirm|manage)(\/|$)/,
  /\/bookings\/by-token\//,
  /\/booking-links\//,
  /\/calendar-feeds\//,
];

/** Query parameters whose value is a secret whatever it looks like. */
const SECRET_PARAMETER = /token|secret|key|code|sig|password/i;

/** Whether a query parameter of this name carries a secret (`token`, `code`, `key`, …). */
export const isSecretParameterName = (name: string) => SECRET_PARAMETER.test(name);

/** Runs of URL-safe characters long enough to be a token (newToken() makes 43). */
const TOKEN_CANDIDATE = /[A-Za-z0-9_-]{32,}/g;

/**
 * Whether a value is shaped like a secret: 32 or more URL-safe characters in mixed case
 * (base64url, as `newToken()` makes) or long lower-case hex (a digest). Slugs are lower
 * case and UUIDs have hyphens, so neither is mistaken for one.
 */
export function looksLikeToken(value: string): boolean {
  if (!/^[A-Za-z0-9_-]{32,}$/.test(value)) return false;
  return (/[A-Z]/.test(value) && /[a-z]/.test(value)) || /^[0-9a-f]+$/.test(value);
}

/** Whether a link carries a secret (an address that cannot be read is treated as one). */
export function isSecretLink(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return true;
  }
  if (SECRET_PATHS.some((p) => p.test(url.pathname))) return true;
  for (const [name, value] of url.searchParams) {
    if (isSecretParameterName(name) || looksLikeToken(value)) return true;
  }
  const parts = [...url.pathname.split('/'), ...url.hash.slice(1).split(/[&=/]/), url.username, url.password];
  return parts.some((part) => looksLikeToken(safeDecode(part))) || url.password !== '';
}

/**
 * The text with every secret link replaced by `WITHHELD_LINK`, and any token-shaped value
 * left outside a link by `WITHHELD_VALUE`: what clinic staff may read of an e-mail.
 */
export function withholdSecrets(text: string): string {
  return text
    .replace(URL_PATTERN, (link) => (isSecretLink(link) ? WITHHELD_LINK : link))
    .replace(TOKEN_CANDIDATE, (value) => (looksLikeToken(value) ? WITHHELD_VALUE : value));
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
