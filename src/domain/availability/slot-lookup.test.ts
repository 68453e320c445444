import { describe, expect, it } from 'vitest';

import type { AvailabilityInput } from './availability.types';
import { input, practitioner, room, service } from './availability.test-helpers';
import { computeAvailability } from './compute-availability';
import { findSlot, isSlotOffered } from './slot-lookup';

const week: AvailabilityInput = input({
  now: '2027-03-01T08:00:00Z',
  range: { startDate: '2027-03-01', endDate: '2027-03-07' },
  service: service({ minimumNoticeMin: 120, bufferAfterMin: 15 }),
  practitioners: [
    practitioner({
      id: 'p1',
      eligibleRoomIds: ['R1', 'R2'],
      bookings: [{ start: '2027-03-02T10:00:00Z', end: '2027-03-02T11:00:00Z', bufferAfterMin: 15 }],
    }),
    practitioner({ id: 'p2', weeklyHours: [{ days: [2, 3], start: '12:00', end: '18:00' }], eligibleRoomIds: ['R2'] }),
  ],
  rooms: [room('R1', { bookings: [{ start: '2027-03-03T09:00:00Z', end: '2027-03-03T12:00:00Z' }] }), room('R2')],
});

describe('findSlot', () => {
  const slots = computeAvailability(week);

  it('finds an offered start, for a given practitioner or for anyone', () => {
    expect(findSlot(slots, '2027-03-02T12:00:00Z', 'p2')?.practitionerId).toBe('p2');
    expect(findSlot(slots, '2027-03-02T12:00:00Z')?.practitionerId).toBe('p1');
  });

  it('returns undefined for a start that is not offered', () => {
    expect(findSlot(slots, '2027-03-02T10:30:00Z', 'p1')).toBeUndefined();
    expect(findSlot(slots, '2027-03-02T12:07:00Z')).toBeUndefined();
    expect(findSlot(slots, '2027-03-01T09:00:00Z', 'p2')).toBeUndefined();
    expect(findSlot([], '2027-03-01T09:00:00Z')).toBeUndefined();
  });
});

describe('isSlotOffered', () => {
  it('agrees with the full computation on every grid start of the week', () => {
    const slots = computeAvailability(week);
    const from = Date.parse('2027-02-28T23:00:00Z');
    const to = Date.parse('2027-03-08T01:00:00Z');
    for (let t = from; t <= to; t += 15 * 60_000) {
      for (const practitionerId of ['p1', 'p2', undefined]) {
        expect(isSlotOffered(week, { start: t, practitionerId })).toEqual(findSlot(slots, t, practitionerId));
      }
    }
  });

  it('returns the room the booking would take', () => {
    expect(isSlotOffered(week, { start: '2027-03-03T09:00:00Z', practitionerId: 'p1' })?.roomId).toBe('R2');
  });

  it('refuses starts inside the minimum notice, off the grid, or outside the range', () => {
    expect(isSlotOffered(week, { start: '2027-03-01T09:00:00Z', practitionerId: 'p1' })).toBeUndefined();
    expect(isSlotOffered(week, { start: '2027-03-02T09:05:00Z', practitionerId: 'p1' })).toBeUndefined();
    expect(isSlotOffered(week, { start: '2027-03-08T09:00:00Z', practitionerId: 'p1' })).toBeUndefined();
    expect(isSlotOffered(week, { start: '2027-03-02T09:00:00Z', practitionerId: 'nobody' })).toBeUndefined();
  });
});
