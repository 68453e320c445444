/**
 * The "any qualified practitioner" view: clients pick a time, not a person, so each
 * start is offered once and the practitioner is assigned behind the scenes.
 */

import type { Slot } from './availability.types';

/**
 * Keeps one slot per distinct start: the first one, so the practitioner listed earliest
 * in `AvailabilityInput.practitioners` wins a tie. Order the practitioners by preference
 * (e.g. fewest bookings that day, to spread the load) before computing, and this picks
 * the preferred free one.
 *
 * @param slots slots as returned by `computeAvailability` (sorted by start, ties in
 *   practitioner order); other orders are sorted first, stably.
 * @returns slots sorted by start, with distinct starts.
 *
 * @example
 * const offered = mergeAnyPractitioner(computeAvailability(input));
 */
export function mergeAnyPractitioner(slots: readonly Slot[]): Slot[] {
  let ordered: readonly Slot[] = slots;
  for (let i = 1; i < slots.length; i++) {
    if ((slots[i] as Slot).start < (slots[i - 1] as Slot).start) {
      // Array#sort is stable, so ties keep the caller's (practitioner) order.
      ordered = [...slots].sort((a, b) => a.start - b.start);
      break;
    }
  }
  const out: Slot[] = [];
  let last = NaN;
  for (const slot of ordered) {
    if (slot.start === last) continue;
    out.push(slot);
    last = slot.start;
  }
  return out;
}
