/**
 * Checking one requested start. The booking endpoint must only accept a start the
 * engine itself would offer (and answers 422 otherwise), so it asks the engine rather
 * than re-implementing the rules.
 */

import type { AvailabilityInput, EntityId, Instant, Slot } from './availability.types';
import { computeAvailability } from './compute-availability';
import { formatLocalDate, parseLocalDate, toEpochMs } from './local-time';
import { localDayOf } from './time-zone';

/** What a client asks to book: a start, and a practitioner unless any qualified one will do. */
export interface SlotRequest {
  readonly start: Instant;
  readonly practitionerId?: EntityId;
}

/**
 * Finds the slot starting at `start` (for `practitionerId`, if given) in a list sorted
 * by start, as `computeAvailability` returns it. Binary search: for re-checking a start
 * against slots already computed for a page.
 *
 * @returns the slot, or `undefined` when that start is not offered.
 */
export function findSlot(slots: readonly Slot[], start: Instant, practitionerId?: EntityId): Slot | undefined {
  const at = toEpochMs(start);
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid] as Slot).start < at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < slots.length; i++) {
    const slot = slots[i] as Slot;
    if (slot.start !== at) break;
    if (practitionerId === undefined || slot.practitionerId === practitionerId) return slot;
  }
  return undefined;
}

/**
 * Whether the engine offers `request.start`, computing only the local dates around the
 * start in each candidate practitioner's zone, so it costs microseconds however wide
 * `input.range` is. The answer always equals looking the start up in
 * `computeAvailability(input)`. Without `practitionerId`, the first practitioner (in input
 * order) who is free is returned, as `mergeAnyPractitioner` would pick.
 *
 * `input.range` must cover the start's local date, and the bookings passed in must
 * cover that date: a start outside the range is reported as not offered, because
 * bookings outside it may not have been loaded.
 *
 * @returns the slot that would be booked (with its room), or `undefined` → answer 422.
 *
 * @example
 * const slot = isSlotOffered(input, { start: body.start, practitionerId: body.practitionerId });
 * if (!slot) throw new AppError(422, 'That time is no longer available');
 */
export function isSlotOffered(input: AvailabilityInput, request: SlotRequest): Slot | undefined {
  const at = toEpochMs(request.start);
  const firstDay = parseLocalDate(input.range.startDate);
  const lastDay = parseLocalDate(input.range.endDate);
  for (const practitioner of input.practitioners) {
    if (request.practitionerId !== undefined && practitioner.id !== request.practitionerId) continue;
    const day = localDayOf(at, practitioner.timeZone);
    if (day < firstDay || day > lastDay) continue;
    // One day either side, clipped to the range: a room in another zone may hold the
    // start on its neighbouring local date; the practitioner's own slots there are ignored.
    const slots = computeAvailability({
      ...input,
      range: { startDate: formatLocalDate(Math.max(firstDay, day - 1)), endDate: formatLocalDate(Math.min(lastDay, day + 1)) },
      practitioners: [practitioner],
    });
    const slot = findSlot(slots, at);
    if (slot) return slot;
  }
  return undefined;
}
