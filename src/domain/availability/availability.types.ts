/**
 * Types of the availability engine: what the server maps its database rows onto, and
 * the slots it gets back. Everything here is plain data so the engine stays a pure
 * function that the API, the web app and the benchmark can all call the same way.
 */

/** Identifier of a practitioner or room: uuids in production, small numbers in the benchmark workload. */
export type EntityId = string | number;

/**
 * An instant: epoch milliseconds, a `Date` (what `pg` returns for `timestamptz`) or an
 * ISO-8601 string with an offset. Numbers are the fast path; the engine converts the others once.
 */
export type Instant = number | Date | string;

/** A calendar date in an entity's own time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** A wall-clock time, `HH:MM` from `00:00` to `24:00` (the latter only as an interval end). */
export type LocalTime = string;

/** A wall-clock interval on one date, `[start, end)`. Intervals crossing midnight are not supported. */
export interface LocalTimeInterval {
  readonly start: LocalTime;
  readonly end: LocalTime;
}

/** Recurring hours: on every listed weekday (0 = Sunday … 6 = Saturday), `start`–`end` local time. */
export interface WeeklyHours {
  readonly days: readonly number[];
  readonly start: LocalTime;
  readonly end: LocalTime;
}

/**
 * The hours of one date, replacing every weekly interval of that date. `intervals: []`
 * closes the date: clinic closures and bank holidays are expressed this way.
 */
export interface DateOverride {
  readonly date: LocalDate;
  readonly intervals: readonly LocalTimeInterval[];
}

/**
 * An existing appointment. It blocks `[start − bufferBeforeMin, end + bufferAfterMin)`:
 * its own buffers, recorded when it was booked, not the buffers of the service now being booked.
 */
export interface ExistingBooking {
  readonly id?: EntityId;
  readonly start: Instant;
  readonly end: Instant;
  readonly bufferBeforeMin?: number;
  readonly bufferAfterMin?: number;
  /** Informational here; a room's bookings are listed on the room itself. */
  readonly roomId?: EntityId;
}

/** What practitioners and rooms have in common: hours in their own zone, and bookings. */
export interface WorkingSchedule {
  readonly id: EntityId;
  /** IANA zone, e.g. `Europe/London`; wall-clock hours are resolved in it date by date. */
  readonly timeZone: string;
  readonly weeklyHours: readonly WeeklyHours[];
  readonly overrides?: readonly DateOverride[];
  readonly bookings?: readonly ExistingBooking[];
}

/** A practitioner's hours and bookings, and the rooms they may treat in. */
export interface PractitionerSchedule extends WorkingSchedule {
  /**
   * Rooms this practitioner may use, in order of preference: the first free one is
   * assigned. Empty or absent means the practitioner does not need a room.
   */
  readonly eligibleRoomIds?: readonly EntityId[];
}

/** A treatment room's opening hours and the bookings held in it. */
export type RoomSchedule = WorkingSchedule;

/** The booking rules of the service being booked. */
export interface ServiceRules {
  /** Length of the appointment itself; the slot is `[start, start + durationMin)`. */
  readonly durationMin: number;
  /** Slot starts lie on the local wall-clock grid of this many minutes since local midnight. */
  readonly slotStepMin: number;
  /** Free time needed before the appointment; may run outside working hours but not into a booking. */
  readonly bufferBeforeMin: number;
  /** Free time needed after the appointment; may run outside working hours but not into a booking. */
  readonly bufferAfterMin: number;
  /** A slot must start at least this many minutes after `now`. */
  readonly minimumNoticeMin: number;
  /**
   * How far ahead clients may book: a slot must start no later than `now + horizonDays × 24 h`.
   * Absent means no limit beyond the requested range.
   */
  readonly horizonDays?: number;
}

/** The requested dates, inclusive, as local dates of each practitioner's and room's own zone. */
export interface DateRange {
  readonly startDate: LocalDate;
  readonly endDate: LocalDate;
}

/** Everything the engine needs; nothing else is read, so the result depends only on this. */
export interface AvailabilityInput {
  /** The evaluation instant; minimum notice and horizon are measured from it. */
  readonly now: Instant;
  readonly range: DateRange;
  readonly service: ServiceRules;
  /** Practitioners to compute for; their order breaks ties between slots with the same start. */
  readonly practitioners: readonly PractitionerSchedule[];
  /**
   * Rooms referenced by `eligibleRoomIds`. When absent, room constraints are ignored
   * altogether; when present, an eligible id missing from this list is never free.
   */
  readonly rooms?: readonly RoomSchedule[];
}

/** A bookable slot. */
export interface Slot {
  /** Epoch milliseconds (UTC). */
  readonly start: number;
  /** Epoch milliseconds: `start + durationMin`, buffers excluded. */
  readonly end: number;
  readonly practitionerId: EntityId;
  /** The room the slot would be booked in, when the practitioner needs one. */
  readonly roomId?: EntityId;
}
