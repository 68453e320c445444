/**
 * What kind of database fault an error is, whichever driver raised it: `unavailable`
 * (PostgreSQL down or restarting, the network to it cut, the pool exhausted, PGlite
 * closed or failing to open) or `disk-full` (PostgreSQL's 53100, ENOSPC under PGlite).
 * Anything else is `undefined`: a bug or a refusal that the caller handles itself.
 *
 * Faults are classified in one place so the error handler, health checks and background
 * workers all agree; no route decides this for itself.
 */
export type DatabaseFault = 'unavailable' | 'disk-full';

/**
 * SQLSTATEs of a database that cannot serve for now (PostgreSQL appendix A): class 08
 * (connection exceptions), 57P01–57P03 (admin or crash shutdown, cannot connect now),
 * 53300 (too many connections) and 57014 (query cancelled, which our statement time-out
 * raises when the server hangs).
 */
const UNAVAILABLE_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '08007', '08P01', '57P01', '57P02', '57P03', '53300', '57014', '53000']);
/** 53100 disk_full; 53200 out_of_memory is not the disk but is just as temporary. */
const DISK_FULL_STATES = new Set(['53100']);

/** Node's network errors: nothing answers at the database's address, or the line broke. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** Messages node-postgres and PGlite raise without a code when the database is away. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /connection timeout/i,
  /client (has encountered a connection error|was closed) and is not queryable/i,
  /cannot use a pool after calling end/i,
  /pglite is closed/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];
const DISK_FULL_MESSAGE = /no space left on device|could not extend file|disk full/i;

/** The fault an error stands for, looking through Drizzle's wrapper to the driver's error. */
export function classifyDatabaseFault(error: unknown): DatabaseFault | undefined {
  let e = error as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    if (code && DISK_FULL_STATES.has(code)) return 'disk-full';
    if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
    if (code && UNAVAILABLE_STATES.has(code)) return 'unavailable';
    if (code && UNAVAILABLE_ERRNOS.has(code)) return 'unavailable';
    // Drizzle's own message holds the failing SQL; only the driver's message is looked at.
    if (!message.startsWith('Failed query:')) {
      if (DISK_FULL_MESSAGE.test(message)) return 'disk-full';
      if (UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return 'unavailable';
    }
    // AggregateError (a connection tried on IPv4 and IPv6) carries its reasons in `errors`.
    const inner = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.length > 0) {
      const found = inner.map(classifyDatabaseFault).find(Boolean);
      if (found) return found;
    }
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * A description of an error that is safe to log: the driver's own message and code, never
 * Drizzle's "Failed query: <sql> params: <values>", whose parameters may be health data.
 */
export function safeErrorSummary(error: unknown): { message: string; code?: string } {
  let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (message && !message.startsWith('Failed query:')) {
      return { message: message.slice(0, 300), ...(typeof e.code === 'string' ? { code: e.code } : {}) };
    }
    e = e.cause as typeof e;
  }
  return { message: 'a database query failed' };
}

/** What this process has seen go wrong with one database lately, for the System page and banners. */
export interface FaultState {
  /** The last request or job that failed with an unexpected error or a database fault. */
  lastErrorAt?: Date;
  /** The last time a write was refused because the disk was full. */
  lastDiskFullAt?: Date;
  /** The last time the database could not be reached. */
  lastUnavailableAt?: Date;
  /** The last successful write after a disk-full refusal clears the banner. */
  diskFullClearedAt?: Date;
}

const states = new WeakMap<object, FaultState>();

/** The fault record kept in memory for `database` (one per process; each instance keeps its own). */
export function faultStateOf(database: object): FaultState {
  let state = states.get(database);
  if (!state) states.set(database, (state = {}));
  return state;
}

/** Records a fault (or, with `undefined`, an unexpected error) seen while using `database`. */
export function noteFault(database: object, fault: DatabaseFault | undefined, at = new Date()) {
  const state = faultStateOf(database);
  state.lastErrorAt = at;
  if (fault === 'disk-full') state.lastDiskFullAt = at;
  if (fault === 'unavailable') state.lastUnavailableAt = at;
}

/** Records that a write went through, so a disk-full warning seen earlier is over. */
export function noteWriteSucceeded(database: object, at = new Date()) {
  const state = faultStateOf(database);
  if (state.lastDiskFullAt && (!state.diskFullClearedAt || state.diskFullClearedAt < state.lastDiskFullAt)) state.diskFullClearedAt = at;
}

/** True while the last disk-full refusal has not been followed by a successful write. */
export function diskFullNow(database: object): boolean {
  const state = faultStateOf(database);
  return !!state.lastDiskFullAt && (!state.diskFullClearedAt || state.diskFullClearedAt < state.lastDiskFullAt);
}
