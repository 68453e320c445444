/**
 * A treatment plan: the course a practitioner proposes after a consultation (one service,
 * N sessions every k days, with one practitioner, from a start date), optional
 * complementary care with its own count and interval, a maintenance rhythm after the
 * course, and the course price in integer minor units. Pure rules: which status changes
 * who may make, and how far along a course is from its bookings.
 */

export const PLAN_STATUSES = ['proposed', 'accepted', 'in_progress', 'completed', 'withdrawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_LIMITS = {
  title: 120, sessions: 52, intervalDays: 84, complementary: 4, complementaryName: 80, maintenanceNote: 300,
  explanation: 2000, priceMinor: 10_000_000,
} as const;

/** Care given beside the course, e.g. sports massage or knee-pain care, with its own rhythm. */
export interface ComplementaryCare {
  /** A service of the clinic, when the care is one. */
  serviceId: string | null;
  name: string;
  sessions: number;
  intervalDays: number;
}

/** After the course: one session every `intervalDays` (e.g. 28 = every 4 weeks). */
export interface Maintenance {
  intervalDays: number;
  note: string;
}

export type PlanAction = 'accept' | 'book' | 'complete' | 'withdraw' | 'edit';
export type PlanActor = 'client' | 'staff';

/**
 * The status a plan moves to when `by` does `action`, or the reason it may not.
 * - The client accepts a proposed plan, and books an accepted (or still proposed: booking
 *   accepts it) plan. Staff book a plan once the client has accepted it.
 * - Staff complete a course in progress, withdraw any plan not finished, and edit a plan
 *   only while it is proposed (an accepted plan is what the client agreed to).
 */
export function nextPlanStatus(from: PlanStatus, action: PlanAction, by: PlanActor): { ok: true; status: PlanStatus } | { ok: false; reason: string } {
  const no = (reason: string) => ({ ok: false as const, reason });
  const to = (status: PlanStatus) => ({ ok: true as const, status });
  switch (action) {
    case 'accept':
      if (by !== 'client') return no('Only the client accepts their plan.');
      return from === 'proposed' ? to('accepted') : no(`A plan that is ${statusWords(from)} cannot be accepted.`);
    case 'book':
      if (from === 'accepted' || (from === 'proposed' && by === 'client')) return to('in_progress');
      if (from === 'proposed') return no('The client accepts the plan before its course is booked.');
      return no(`A plan that is ${statusWords(from)} cannot be booked.`);
    case 'complete':
      if (by !== 'staff') return no('The clinic marks a course completed.');
      return from === 'in_progress' ? to('completed') : no(`A plan that is ${statusWords(from)} cannot be completed.`);
    case 'withdraw':
      if (by !== 'staff') return no('The clinic withdraws a plan.');
      return from === 'completed' || from === 'withdrawn' ? no(`A plan that is ${statusWords(from)} cannot be withdrawn.`) : to('withdrawn');
    case 'edit':
      if (by !== 'staff') return no('The clinic edits a plan.');
      return from === 'proposed' ? to('proposed') : no('Only a proposed plan can be changed; withdraw it and propose a new one.');
  }
}

export function statusWords(s: PlanStatus): string {
  return { proposed: 'proposed', accepted: 'accepted', in_progress: 'in progress', completed: 'completed', withdrawn: 'withdrawn' }[s];
}

/** Booking statuses that hold a place in a course (cancelled, expired and missed sessions do not). */
const COUNTS = new Set(['held', 'confirmed', 'arrived', 'completed']);

export interface CourseBooking {
  id: string;
  start: number;
  status: string;
}

/**
 * Each booking's place in its course ("session 4 of …"): the sessions that hold a place,
 * in time order, numbered from 1. Cancelled, expired and no-show bookings have no place.
 */
export function coursePositions(bookings: readonly CourseBooking[]): Map<string, number> {
  const kept = bookings.filter((b) => COUNTS.has(b.status)).sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  return new Map(kept.map((b, i) => [b.id, i + 1]));
}

export interface CourseProgress {
  total: number;
  /** Sessions booked that hold a place. */
  booked: number;
  /** Sessions given: completed, or arrived/confirmed and already over. */
  done: number;
  /** The next session to come, with its place in the course. */
  next: { position: number; start: number; bookingId: string } | null;
}

/**
 * How far along a course is at `now`. `total` is the plan's number of sessions (or, for a
 * course booked without a plan, the sessions booked).
 */
export function courseProgress(bookings: readonly (CourseBooking & { end: number })[], total: number | null, now: number): CourseProgress {
  const positions = coursePositions(bookings);
  const kept = bookings.filter((b) => positions.has(b.id)).sort((a, b) => positions.get(a.id)! - positions.get(b.id)!);
  const done = kept.filter((b) => b.status === 'completed' || b.end <= now).length;
  const upcoming = kept.find((b) => b.status !== 'completed' && b.end > now);
  return {
    total: Math.max(total ?? kept.length, kept.length),
    booked: kept.length,
    done,
    next: upcoming ? { position: positions.get(upcoming.id)!, start: upcoming.start, bookingId: upcoming.id } : null,
  };
}

/** The care beside a course or after it, counted apart from the course's own sessions. */
export interface CareProgress {
  kind: 'complementary' | 'maintenance';
  name: string;
  /** Sessions the plan proposes (complementary care); null for maintenance, which goes on. */
  planned: number | null;
  /** Bookings that hold a place: done ones and those to come. */
  booked: number;
  done: number;
  /** The next one to come (epoch ms), or null. */
  next: number | null;
}

/** A client's booking of some service, as the care counts read it. */
export interface ClientBooking extends CourseBooking {
  end: number;
  serviceId: string | null;
  seriesId: string | null;
}

/**
 * How the care beside the course and after it is going, counted apart so that "session 4 of
 * 10" never mixes in a massage or a maintenance visit. Care bookings are not tied to the plan
 * in the diary, so they are recognised by what they are: complementary care is the client's
 * bookings of that service from the course's first session on; maintenance is the client's
 * bookings of the course's own service, outside the course, after its last session. Pure.
 */
export function careProgress(
  plan: {
    serviceId: string;
    seriesId: string | null;
    complementary: readonly { serviceId: string | null; name: string; sessions: number }[];
    maintenance: unknown;
  },
  course: readonly { start: number; end: number }[],
  bookings: readonly ClientBooking[],
  now: number,
): CareProgress[] {
  if (course.length === 0) return [];
  const from = Math.min(...course.map((c) => c.start));
  const courseEnd = Math.max(...course.map((c) => c.end));
  const kept = bookings.filter((b) => COUNTS.has(b.status) && (plan.seriesId === null || b.seriesId !== plan.seriesId));
  const count = (bs: readonly ClientBooking[]) => {
    const done = bs.filter((b) => b.status === 'completed' || b.end <= now).length;
    const next = bs.filter((b) => b.status !== 'completed' && b.end > now).map((b) => b.start).sort((a, b) => a - b)[0] ?? null;
    return { booked: bs.length, done, next };
  };
  const care: CareProgress[] = plan.complementary.filter((c) => c.serviceId !== null).map((c) => ({
    kind: 'complementary', name: c.name, planned: c.sessions,
    ...count(kept.filter((b) => b.serviceId === c.serviceId && b.start >= from)),
  }));
  if (plan.maintenance) {
    care.push({ kind: 'maintenance', name: 'Maintenance', planned: null, ...count(kept.filter((b) => b.serviceId === plan.serviceId && b.start >= courseEnd)) });
  }
  return care;
}

/** "Session 4 of 10". */
export const sessionOf = (position: number, total: number) => `Session ${position} of ${total}`;

/** The course price as shown: "£540.00" (minor units in the clinic's currency). */
export function formatPrice(minor: number, currency: string, locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
}

/** "every week", "every 2 weeks", "every 10 days". */
export function intervalWords(days: number): string {
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return days === 1 ? 'every day' : `every ${days} days`;
}

/** The interval as the series booking asks for it. */
export const seriesEvery = (days: number): { n: number; unit: 'days' | 'weeks' } =>
  days % 7 === 0 && days / 7 <= 12 ? { n: days / 7, unit: 'weeks' } : { n: Math.min(days, 12), unit: 'days' };
