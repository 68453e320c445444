/**
 * Which booking rules hold for whom. Clients booking online are held to the clinic's
 * minimum notice and horizon, and may book only services offered online. Staff (the
 * owner, reception, the practitioner) booking by phone or moving a booking in the diary
 * are not: they may use any time inside the practitioner's working hours, on the slot
 * grid, that is free. Nobody books into the past or into a clash; the availability
 * engine and the database's exclusion constraints see to those.
 *
 * Pure, so the rules are unit-tested on their own; the features map rows onto these.
 */

/** Who is booking: a client online (`public`) or the clinic's staff (`staff`). */
export type Audience = 'public' | 'staff';

/** The clinic's online booking rules (its booking settings). */
export interface OnlineRules {
  readonly minimumNoticeMin: number;
  readonly horizonDays: number;
}

/** How soon and how far ahead a booking by `audience` may start, for the availability engine. */
export interface BookingWindow {
  /** A start must be at least this many minutes after now (0: any time not yet past). */
  readonly minimumNoticeMin: number;
  /** How many days ahead a start may be; absent means no limit. */
  readonly horizonDays?: number;
}

/** The notice and horizon `audience` is held to: the clinic's for clients, none for staff (but never the past). */
export function bookingWindow(audience: Audience, rules: OnlineRules): BookingWindow {
  return audience === 'public'
    ? { minimumNoticeMin: rules.minimumNoticeMin, horizonDays: rules.horizonDays }
    : { minimumNoticeMin: 0, horizonDays: undefined };
}

/** Whether `audience` may book a service: an active one, and for clients only one offered online. */
export function mayBookService(audience: Audience, service: { readonly active: boolean; readonly bookableOnline: boolean }): boolean {
  return service.active && (audience === 'staff' || service.bookableOnline);
}

/** Booking statuses a booking may be moved from: booked, or arrived (e.g. to run later). */
export const MOVABLE_STATUSES: readonly string[] = ['confirmed', 'arrived'];

/** Someone on the clinic's staff moving a booking. */
export interface StaffMover {
  readonly role: 'owner' | 'practitioner' | 'reception';
  readonly userId: string;
}

/** Why a staff move is refused before the diary is even read; null when it may go ahead. */
export type StaffMoveRefusal =
  /** A practitioner (other than the owner) moves only bookings of their own diary, and only within it. */
  | 'not-own-diary'
  /** Held (unconfirmed), cancelled, completed and other finished bookings stay where they are. */
  | 'not-movable'
  /** The new start has passed. */
  | 'in-the-past';

/**
 * Checks a staff move against the rules that do not depend on the rest of the diary: who
 * may move what where, which bookings can move, and never into the past. Whether the new
 * time is inside the practitioner's hours and free is the engine's to say.
 */
export function staffMoveRefusal(
  mover: StaffMover,
  booking: { readonly status: string; readonly practitionerId: string | null },
  target: { readonly practitionerId: string; readonly start: number },
  now: number,
): StaffMoveRefusal | null {
  if (mover.role === 'practitioner' && (booking.practitionerId !== mover.userId || target.practitionerId !== mover.userId)) return 'not-own-diary';
  if (!MOVABLE_STATUSES.includes(booking.status)) return 'not-movable';
  if (target.start <= now) return 'in-the-past';
  return null;
}
