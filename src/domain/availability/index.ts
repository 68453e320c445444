/**
 * Public API of the availability engine. Import from here, not from the files behind it.
 */

export type {
  AvailabilityInput,
  DateOverride,
  DateRange,
  EntityId,
  ExistingBooking,
  Instant,
  LocalDate,
  LocalTime,
  LocalTimeInterval,
  PractitionerSchedule,
  RoomSchedule,
  ServiceRules,
  Slot,
  WeeklyHours,
  WorkingSchedule,
} from './availability.types';
export { computeAvailability } from './compute-availability';
export { mergeAnyPractitioner } from './any-practitioner';
export { findSlot, isSlotOffered, type SlotRequest } from './slot-lookup';
export { AvailabilityInputError } from './local-time';
export { clearTimeZoneCache } from './time-zone';
