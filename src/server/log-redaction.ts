import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import { isSecretParameterName, looksLikeToken } from '../features/notifications/secret-links.ts';

/**
 * Keeping secrets out of the logs. Several addresses are themselves secrets (a booking's
 * e-mail link, a practitioner's calendar feed, a staff invitation, any `?token=` page);
 * request logs, error messages and SQL errors would otherwise carry them in full.
 */

/** What a log line shows in place of a secret. */
export const REDACTED = '[redacted]';

/** Path segments that follow these are secrets, whatever they look like. */
const SECRET_SEGMENT = /(\/(?:bookings\/by-token|booking-links|calendar-feeds|invitations)\/)(?!accept(?:[/?#\s"'&]|$))[^/?#\s"'&]+/g;
/** A query parameter and its value (the name decides). */
const QUERY_PARAMETER = /([?&])([^=&\s"'#]+)=([^&\s"'#]*)/g;
/**
 * Query parameters that are personal rather than secret: `near` is a visitor's own
 * position ("Use my location" on /find), which is never stored or logged.
 */
const PERSONAL_PARAMETER = /^near$/i;
/** Runs of URL-safe characters long enough to be a token. */
const TOKEN_CANDIDATE = /[A-Za-z0-9_-]{32,}/g;
/**
 * A failed query's parameters, which Drizzle appends to its message (`Failed query: …
 * \nparams: …`): they may hold anything, over several lines, up to the stack's frames.
 */
const QUERY_PARAMS = /(\bparams: )[\s\S]*?(?=\n\s+at |$)/g;

/**
 * The text with every secret replaced by `[redacted]`: the segment after
 * `/bookings/by-token/`, `/booking-links/`, `/calendar-feeds/` and `/invitations/`, the value of any query
 * parameter named like a secret (`token`, `code`, …) and of `near` (a visitor's position), any token-shaped value, and the
 * parameters of a failed query. Works on a bare request URL and on free text alike.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_SEGMENT, `$1${REDACTED}`)
    .replace(QUERY_PARAMETER, (whole, sep: string, name: string) => (isSecretParameterName(name) || PERSONAL_PARAMETER.test(name) ? `${sep}${name}=${REDACTED}` : whole))
    .replace(TOKEN_CANDIDATE, (value) => (looksLikeToken(value) ? REDACTED : value))
    .replace(QUERY_PARAMS, `$1${REDACTED}`);
}

/** Fastify's request fields, with the URL redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Copies an error's loggable fields with every string redacted, dropping query parameters. */
function redactError(error: unknown, depth: number): unknown {
  if (typeof error === 'string') return redactSecrets(error);
  if (error === null || typeof error !== 'object') return error;
  if (depth > 3) return '[nested too deep]';
  const source = error as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (error instanceof Error) {
    out.type = error.constructor.name;
    out.message = redactSecrets(error.message);
    if (error.stack) out.stack = redactSecrets(error.stack);
  }
  for (const [key, value] of Object.entries(source)) {
    if (key === 'params') out.params = REDACTED;
    else if (typeof value === 'string') out[key] = redactSecrets(value);
    else if (typeof value !== 'function') out[key] = redactError(value, depth + 1);
  }
  if (error instanceof Error && error.cause !== undefined) out.cause = redactError(error.cause, depth + 1);
  return out;
}

/** The shape pino's error serializer gives (`{ type, message, stack, … }`), redacted. */
type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };
const serializeError = (error: unknown) => redactError(error, 0) as SerializedError;

/**
 * Logger options that redact secrets: the request serializer logs the URL redacted, the
 * error serializer redacts messages, stacks and query parameters, and every message
 * string passes through `redactSecrets` before it is written.
 */
export const secretRedactingLogOptions = {
  serializers: { req: serializeRequest, err: serializeError },
  hooks: {
    logMethod(args, method) {
      const safe = args.map((a: unknown) => (typeof a === 'string' ? redactSecrets(a) : a));
      return method.apply(this, safe as Parameters<typeof method>);
    },
  },
} satisfies Pick<LoggerOptions, 'serializers' | 'hooks'>;
