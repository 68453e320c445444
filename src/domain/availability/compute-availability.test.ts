import { describe, expect, it } from 'vitest';

import { input, practitioner, room, service, utcStarts } from './availability.test-helpers';
import { computeAvailability } from './compute-availability';
import { AvailabilityInputError } from './local-time';

// Monday 2027-03-01 in London, before the clocks go forward: local time = UTC, so the
// expectations below read as wall-clock times.

describe('computeAvailability', () => {
  describe('working hours', () => {
    it('offers every grid step whose whole appointment fits in the hours', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 30 }),
          practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '09:00', end: '12:00' }] })],
        }),
      );
      expect(utcStarts(slots)).toEqual([
        '2027-03-01T09:00Z',
        '2027-03-01T09:30Z',
        '2027-03-01T10:00Z',
        '2027-03-01T10:30Z',
        '2027-03-01T11:00Z',
      ]);
      expect(slots[0]).toEqual({ start: Date.UTC(2027, 2, 1, 9), end: Date.UTC(2027, 2, 1, 10), practitionerId: 'p1' });
    });

    it('never offers a slot that runs into a lunch break', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 30 }),
          practitioners: [
            practitioner({
              weeklyHours: [
                { days: [1], start: '09:00', end: '13:00' },
                { days: [1], start: '14:00', end: '18:00' },
              ],
            }),
          ],
        }),
      );
      const starts = utcStarts(slots);
      expect(starts).toContain('2027-03-01T12:00Z');
      expect(starts).not.toContain('2027-03-01T12:30Z');
      expect(starts).not.toContain('2027-03-01T13:00Z');
      expect(starts).not.toContain('2027-03-01T13:30Z');
      expect(starts).toContain('2027-03-01T14:00Z');
      expect(starts).toHaveLength(14);
    });

    it('aligns the grid to local midnight, not to the start of the hours', () => {
      const slots = computeAvailability(
        input({
          service: service({ durationMin: 30, slotStepMin: 20 }),
          practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '09:10', end: '10:30' }] })],
        }),
      );
      expect(utcStarts(slots)).toEqual(['2027-03-01T09:20Z', '2027-03-01T09:40Z', '2027-03-01T10:00Z']);
    });

    it('offers nothing on days outside the weekly hours', () => {
      const slots = computeAvailability(
        input({ range: { startDate: '2027-03-06', endDate: '2027-03-07' } }), // Saturday and Sunday
      );
      expect(slots).toEqual([]);
    });

    it('allows hours to end at 24:00', () => {
      const slots = computeAvailability(
        input({ practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '22:00', end: '24:00' }] })] }),
      );
      expect(utcStarts(slots).at(-1)).toBe('2027-03-01T23:00Z');
    });

    it('treats each working interval separately, as the spec says: a slot must fit inside one', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 30 }),
          practitioners: [
            practitioner({
              weeklyHours: [
                { days: [1], start: '09:00', end: '10:00' },
                { days: [1], start: '10:00', end: '11:00' },
              ],
            }),
          ],
        }),
      );
      expect(utcStarts(slots)).toEqual(['2027-03-01T09:00Z', '2027-03-01T10:00Z']);
    });

    it('returns the slots of overlapping intervals once each, in order', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 30 }),
          practitioners: [
            practitioner({
              weeklyHours: [
                { days: [1], start: '10:00', end: '13:00' },
                { days: [1], start: '09:00', end: '11:30' },
              ],
              bookings: [{ start: '2027-03-01T11:00:00Z', end: '2027-03-01T11:30:00Z' }],
            }),
          ],
        }),
      );
      expect(utcStarts(slots)).toEqual([
        '2027-03-01T09:00Z',
        '2027-03-01T09:30Z',
        '2027-03-01T10:00Z',
        '2027-03-01T11:30Z',
        '2027-03-01T12:00Z',
      ]);
    });
  });

  describe('date overrides', () => {
    const week = { startDate: '2027-03-01', endDate: '2027-03-05' };

    it('replaces the weekly hours on that date only', () => {
      const slots = computeAvailability(
        input({
          range: week,
          service: service({ slotStepMin: 60 }),
          practitioners: [
            practitioner({
              weeklyHours: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '11:00' }],
              overrides: [{ date: '2027-03-02', intervals: [{ start: '12:00', end: '14:00' }] }],
            }),
          ],
        }),
      );
      expect(utcStarts(slots).filter((s) => s.startsWith('2027-03-02'))).toEqual(['2027-03-02T12:00Z', '2027-03-02T13:00Z']);
      expect(utcStarts(slots).filter((s) => s.startsWith('2027-03-03'))).toEqual(['2027-03-03T09:00Z', '2027-03-03T10:00Z']);
    });

    it('offers nothing on a closed day (a clinic closure is an empty override)', () => {
      const slots = computeAvailability(
        input({ range: week, practitioners: [practitioner({ overrides: [{ date: '2027-03-03', intervals: [] }] })] }),
      );
      expect(slots.length).toBeGreaterThan(0);
      expect(utcStarts(slots).some((s) => s.startsWith('2027-03-03'))).toBe(false);
    });

    it('can open a day that has no weekly hours', () => {
      const slots = computeAvailability(
        input({
          range: { startDate: '2027-03-06', endDate: '2027-03-06' },
          practitioners: [practitioner({ overrides: [{ date: '2027-03-06', intervals: [{ start: '10:00', end: '11:00' }] }] })],
        }),
      );
      expect(utcStarts(slots)).toEqual(['2027-03-06T10:00Z']);
    });
  });

  describe('minimum notice and horizon', () => {
    it('offers nothing that starts sooner than the minimum notice, keeping the grid', () => {
      const slots = computeAvailability(
        input({ now: '2027-03-01T08:10:00Z', service: service({ minimumNoticeMin: 120 }) }),
      );
      expect(utcStarts(slots)[0]).toBe('2027-03-01T10:15Z');
    });

    it('offers a slot exactly at the notice boundary', () => {
      const slots = computeAvailability(input({ now: '2027-03-01T08:00:00Z', service: service({ minimumNoticeMin: 120 }) }));
      expect(utcStarts(slots)[0]).toBe('2027-03-01T10:00Z');
    });

    it('offers nothing that starts after the horizon (inclusive)', () => {
      const slots = computeAvailability(
        input({
          now: '2027-03-01T09:00:00Z',
          range: { startDate: '2027-03-01', endDate: '2027-03-05' },
          service: service({ horizonDays: 1 }),
        }),
      );
      expect(utcStarts(slots).at(-1)).toBe('2027-03-02T09:00Z');
    });

    it('offers nothing at all when the whole range is in the past', () => {
      expect(computeAvailability(input({ now: '2027-03-02T00:00:00Z' }))).toEqual([]);
    });
  });

  describe('bookings and buffers', () => {
    it('blocks an existing booking together with its own buffers', () => {
      const slots = computeAvailability(
        input({
          practitioners: [
            practitioner({
              weeklyHours: [{ days: [1], start: '09:00', end: '13:00' }],
              bookings: [{ start: '2027-03-01T10:00:00Z', end: '2027-03-01T11:00:00Z', bufferBeforeMin: 10, bufferAfterMin: 15 }],
            }),
          ],
        }),
      );
      // Blocked 09:50–11:15: nothing before it fits (09:00 would end at 10:00).
      expect(utcStarts(slots)).toEqual(['2027-03-01T11:15Z', '2027-03-01T11:30Z', '2027-03-01T11:45Z', '2027-03-01T12:00Z']);
    });

    it('lets the new slot’s own buffers run past working hours', () => {
      const slots = computeAvailability(
        input({
          service: service({ bufferBeforeMin: 30, bufferAfterMin: 30 }),
          practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '09:00', end: '10:00' }] })],
        }),
      );
      expect(utcStarts(slots)).toEqual(['2027-03-01T09:00Z']);
    });

    it('does not let the new slot’s buffers overlap a booking, even outside working hours', () => {
      const hours = [{ days: [1], start: '09:00', end: '10:00' }];
      const withBooking = (end: string) =>
        computeAvailability(
          input({
            service: service({ bufferBeforeMin: 30 }),
            practitioners: [practitioner({ weeklyHours: hours, bookings: [{ start: '2027-03-01T08:00:00Z', end }] })],
          }),
        );
      expect(withBooking('2027-03-01T08:45:00Z')).toEqual([]);
      // Intervals are half-open: a buffer may start the instant a booking ends.
      expect(utcStarts(withBooking('2027-03-01T08:30:00Z'))).toEqual(['2027-03-01T09:00Z']);
    });

    it('accepts bookings in any order and as Dates, strings or epoch milliseconds', () => {
      const bookings = [
        { start: new Date('2027-03-01T15:00:00Z'), end: new Date('2027-03-01T16:00:00Z') },
        { start: Date.parse('2027-03-01T09:00:00Z'), end: Date.parse('2027-03-01T10:00:00Z') },
        { start: '2027-03-01T12:00:00+00:00', end: '2027-03-01T13:00:00Z' },
      ];
      const slots = computeAvailability(input({ service: service({ slotStepMin: 60 }), practitioners: [practitioner({ bookings })] }));
      expect(utcStarts(slots)).toEqual([
        '2027-03-01T10:00Z',
        '2027-03-01T11:00Z',
        '2027-03-01T13:00Z',
        '2027-03-01T14:00Z',
        '2027-03-01T16:00Z',
      ]);
    });
  });

  describe('rooms', () => {
    const practitionerInRooms = (eligibleRoomIds: string[]) =>
      practitioner({ weeklyHours: [{ days: [1], start: '09:00', end: '12:00' }], eligibleRoomIds });

    it('assigns the first eligible room that is free', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 60 }),
          practitioners: [practitionerInRooms(['R2', 'R1'])],
          rooms: [room('R1'), room('R2', { bookings: [{ start: '2027-03-01T10:00:00Z', end: '2027-03-01T11:00:00Z' }] })],
        }),
      );
      expect(slots.map((s) => [utcStarts([s])[0], s.roomId])).toEqual([
        ['2027-03-01T09:00Z', 'R2'],
        ['2027-03-01T10:00Z', 'R1'],
        ['2027-03-01T11:00Z', 'R2'],
      ]);
    });

    it('offers nothing when no eligible room is free or open', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 60, bufferAfterMin: 15 }),
          practitioners: [practitionerInRooms(['R1'])],
          rooms: [
            room('R1', {
              weeklyHours: [{ days: [1], start: '10:00', end: '20:00' }],
              bookings: [{ start: '2027-03-01T10:30:00Z', end: '2027-03-01T11:00:00Z', bufferAfterMin: 10 }],
            }),
          ],
        }),
      );
      // 09:00 — room not open yet; 10:00 — meets the room's booking; 11:00 — its buffer ends 11:10.
      expect(slots).toEqual([]);
    });

    it('never frees an eligible room id that is not in the rooms list', () => {
      const slots = computeAvailability(input({ practitioners: [practitionerInRooms(['R9'])], rooms: [room('R1')] }));
      expect(slots).toEqual([]);
    });

    it('ignores room constraints when no rooms are passed, and for practitioners without eligible rooms', () => {
      const noRooms = computeAvailability(input({ practitioners: [practitionerInRooms(['R1'])] }));
      expect(noRooms).toHaveLength(9);
      expect(noRooms[0]).not.toHaveProperty('roomId');
      const noneEligible = computeAvailability(input({ practitioners: [practitionerInRooms([])], rooms: [] }));
      expect(noneEligible).toHaveLength(9);
    });
  });

  describe('several practitioners', () => {
    it('sorts by start, breaking ties in the order practitioners were given', () => {
      const slots = computeAvailability(
        input({
          service: service({ slotStepMin: 60 }),
          practitioners: [
            practitioner({ id: 'b', weeklyHours: [{ days: [1], start: '09:00', end: '11:00' }] }),
            practitioner({ id: 'a', weeklyHours: [{ days: [1], start: '08:00', end: '10:00' }] }),
          ],
        }),
      );
      expect(slots.map((s) => `${utcStarts([s])[0]} ${s.practitionerId}`)).toEqual([
        '2027-03-01T08:00Z a',
        '2027-03-01T09:00Z b',
        '2027-03-01T09:00Z a',
        '2027-03-01T10:00Z b',
      ]);
    });

    it('returns nothing for an empty or reversed range', () => {
      expect(computeAvailability(input({ practitioners: [] }))).toEqual([]);
      expect(computeAvailability(input({ range: { startDate: '2027-03-02', endDate: '2027-03-01' } }))).toEqual([]);
    });
  });

  describe('input validation', () => {
    it.each([
      ['a malformed time', input({ practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '9:00', end: '17:00' }] })] })],
      ['an impossible time', input({ practitioners: [practitioner({ weeklyHours: [{ days: [1], start: '09:00', end: '24:30' }] })] })],
      ['a weekday out of range', input({ practitioners: [practitioner({ weeklyHours: [{ days: [7], start: '09:00', end: '17:00' }] })] })],
      ['an impossible date', input({ range: { startDate: '2027-02-29', endDate: '2027-03-01' } })],
      ['an unknown time zone', input({ practitioners: [practitioner({ timeZone: 'Mars/Olympus_Mons' })] })],
      ['a zero step', input({ service: service({ slotStepMin: 0 }) })],
      ['a fractional duration', input({ service: service({ durationMin: 12.5 }) })],
      ['a negative buffer', input({ service: service({ bufferAfterMin: -5 }) })],
      ['a negative horizon', input({ service: service({ horizonDays: -1 }) })],
      ['an instant without an offset', input({ now: '2027-03-01T09:00:00' })],
    ])('rejects %s with an AvailabilityInputError', (_, bad) => {
      expect(() => computeAvailability(bad)).toThrow(AvailabilityInputError);
    });
  });
});
