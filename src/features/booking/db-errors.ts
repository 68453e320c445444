/**
 * SQLSTATE of a database error, whichever driver raised it (pg and PGlite both set
 * `code`; Drizzle wraps them in an error whose `cause` is the driver's).
 */
export function sqlState(error: unknown): string | undefined {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** The constraint a database error names, when it names one. */
export function constraintName(error: unknown): string | undefined {
  let e = error as { constraint?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.constraint === 'string') return e.constraint;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** 23P01: an exclusion constraint refused the row, i.e. the time is already taken. */
export const EXCLUSION_VIOLATION = '23P01';
/** 23505: a unique constraint refused the row. */
export const UNIQUE_VIOLATION = '23505';
/** 40P01: PostgreSQL broke a deadlock by aborting this transaction; safe to retry. */
export const DEADLOCK = '40P01';
/** 23503: a foreign key refused the row. */
export const FOREIGN_KEY_VIOLATION = '23503';
