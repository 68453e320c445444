import { DateTime } from 'luxon';

/**
 * Packages (courses) of sessions: how long they last and when a booking draws a credit.
 */

/** The end of a package bought at `purchasedAt`: the same clinic-local day `months` later, at the end of that day. */
export function packageExpiry(purchasedAt: Date, months: number, timeZone: string): Date {
  return DateTime.fromJSDate(purchasedAt).setZone(timeZone).plus({ months }).endOf('day').toUTC().toJSDate();
}

export interface CreditPolicy {
  lateCancelDrawsCredit: boolean;
  noShowDrawsCredit: boolean;
}

/**
 * Whether a booking's outcome uses up one session of the client's package: an attended
 * session always does; a late cancellation or a no-show only when the clinic's policy says so.
 */
export function drawsCredit(outcome: 'completed' | 'no_show' | 'late_cancel', policy: CreditPolicy): boolean {
  if (outcome === 'completed') return true;
  if (outcome === 'no_show') return policy.noShowDrawsCredit;
  return policy.lateCancelDrawsCredit;
}

export interface HeldPackage {
  id: string;
  serviceIds: readonly string[];
  remaining: number;
  expiresAt: Date;
  status: string;
}

/**
 * The package a session of `serviceId` at `at` draws from: an active one that covers the
 * service, has sessions left and has not expired, the one expiring soonest first (so
 * nothing the client paid for lapses while a later package is used).
 */
export function packageToDraw<P extends HeldPackage>(held: readonly P[], serviceId: string, at: Date): P | null {
  const usable = held.filter((p) => p.status === 'active' && p.remaining > 0 && p.expiresAt.getTime() >= at.getTime() && p.serviceIds.includes(serviceId));
  usable.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  return usable[0] ?? null;
}

/** The money value of one session of a package (for liability): the price shared equally, the remainder on the first sessions. */
export const sessionValue = (priceMinor: number, sessions: number) => Math.floor(priceMinor / sessions);
