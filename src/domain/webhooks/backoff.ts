/**
 * When to try a failed delivery again: the schedule the Standard Webhooks guidance
 * suggests (after 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours), about 27
 * hours in all, so a receiver that is down overnight still gets every event.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;

/** Attempts before a delivery is given up as failed (it can still be replayed). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint failing without a single success for this long is paused and its owner told. */
export const PAUSE_AFTER_FAILING_MS = 24 * 3_600_000;

/**
 * What happens after the `attempt`-th failed attempt (1-based) at `now`: the next try, or
 * null when the delivery has used all its attempts.
 */
export function nextRetryAt(attempt: number, now: number): number | null {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : now + delay;
}

/** Whether an endpoint failing since `failingSince` should now be paused. */
export const shouldPause = (failingSince: number, now: number) => now - failingSince >= PAUSE_AFTER_FAILING_MS;
