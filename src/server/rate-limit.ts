import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../data/db.ts';
import { rateLimits } from '../data/schema/index.ts';

export interface RateLimitState {
  count: number;
  /** Seconds until the current window ends. */
  retryAfterSec: number;
}

function windowOf(windowSec: number, now = Date.now()) {
  const start = Math.floor(now / (windowSec * 1000)) * windowSec * 1000;
  return { start: new Date(start), retryAfterSec: Math.max(1, Math.ceil((start + windowSec * 1000 - now) / 1000)) };
}

/**
 * Counts one event against `key` in a fixed window, atomically (one upsert), and returns
 * the new count. Held in the database so limits apply across app instances.
 */
export async function countEvent(q: Queryable, key: string, windowSec: number): Promise<RateLimitState> {
  const w = windowOf(windowSec);
  const [row] = await q
    .insert(rateLimits)
    .values({ key, windowStart: w.start, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return { count: row?.count ?? 1, retryAfterSec: w.retryAfterSec };
}

/** The current count for `key` without changing it. */
export async function peekEvents(q: Queryable, key: string, windowSec: number): Promise<RateLimitState> {
  const w = windowOf(windowSec);
  const [row] = await q
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, w.start)));
  return { count: row?.count ?? 0, retryAfterSec: w.retryAfterSec };
}

/**
 * Whether `key` has reached `max` events over the current and the previous window together.
 * Counting both windows means a limit cannot be dodged by spreading attempts across a window
 * boundary; once reached, it holds until the events have aged out of both windows.
 */
export async function checkRecentLimit(q: Queryable, key: string, windowSec: number, max: number) {
  const w = windowOf(windowSec);
  const previous = new Date(w.start.getTime() - windowSec * 1000);
  const rows = await q
    .select({ windowStart: rateLimits.windowStart, count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), inArray(rateLimits.windowStart, [previous, w.start])));
  const current = rows.find((r) => r.windowStart.getTime() === w.start.getTime())?.count ?? 0;
  const count = rows.reduce((sum, r) => sum + r.count, 0);
  const blocked = count >= max;
  // Reached within this window alone: it still counts as "previous" during the next one.
  const retryAfterSec = !blocked ? 0 : current >= max ? w.retryAfterSec + windowSec : w.retryAfterSec;
  return { blocked, count, retryAfterSec };
}

/** Drops finished windows; run by the housekeeping job. */
export async function pruneRateLimits(q: Queryable, olderThan: Date) {
  await q.delete(rateLimits).where(lt(rateLimits.windowStart, olderThan));
}

/** Forgets every count for `key` (e.g. wrong codes, once the right code is entered). */
export async function clearEvents(q: Queryable, key: string) {
  await q.delete(rateLimits).where(eq(rateLimits.key, key));
}
