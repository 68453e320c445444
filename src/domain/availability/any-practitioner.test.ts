import { describe, expect, it } from 'vitest';

import { mergeAnyPractitioner } from './any-practitioner';
import type { Slot } from './availability.types';
import { input, practitioner, service } from './availability.test-helpers';
import { computeAvailability } from './compute-availability';

describe('mergeAnyPractitioner', () => {
  it('offers each start once, assigned to the first practitioner given', () => {
    const slots = computeAvailability(
      input({
        service: service({ slotStepMin: 60 }),
        practitioners: [
          practitioner({ id: 'preferred', weeklyHours: [{ days: [1], start: '10:00', end: '12:00' }] }),
          practitioner({ id: 'other', weeklyHours: [{ days: [1], start: '09:00', end: '11:00' }] }),
        ],
      }),
    );
    expect(mergeAnyPractitioner(slots).map((s) => [new Date(s.start).getUTCHours(), s.practitionerId])).toEqual([
      [9, 'other'],
      [10, 'preferred'],
      [11, 'preferred'],
    ]);
  });

  it('sorts unsorted input first, keeping the given order among equal starts', () => {
    const slot = (start: number, practitionerId: string): Slot => ({ start, end: start + 1, practitionerId });
    expect(mergeAnyPractitioner([slot(2, 'a'), slot(1, 'b'), slot(2, 'c'), slot(1, 'd')])).toEqual([slot(1, 'b'), slot(2, 'a')]);
  });

  it('returns an empty list for no slots', () => {
    expect(mergeAnyPractitioner([])).toEqual([]);
  });
});
