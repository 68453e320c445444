import { describe, expect, it } from 'vitest';

import type { AvailabilityInput } from './availability.types';
import {
  LONDON,
  bruteForceSlots,
  groupStarts,
  input,
  practitioner,
  room,
  service,
  utcStarts,
  wallParts,
  wallStarts,
} from './availability.test-helpers';
import { computeAvailability } from './compute-availability';

// Europe/London in 2027: clocks go forward on Sunday 28 March at 01:00 GMT (01:00 → 02:00
// local) and back on Sunday 31 October at 01:00 GMT (02:00 BST → 01:00 local).

describe('computeAvailability across daylight-saving changes', () => {
  describe('Europe/London, spring forward', () => {
    it('opens at 09:00 local on the Monday after the change, which is 08:00Z', () => {
      const slots = computeAvailability(
        input({ range: { startDate: '2027-03-26', endDate: '2027-03-29' }, service: service({ slotStepMin: 60 }) }),
      );
      const friday = utcStarts(slots).filter((s) => s.startsWith('2027-03-26'));
      const monday = utcStarts(slots).filter((s) => s.startsWith('2027-03-29'));
      expect(friday[0]).toBe('2027-03-26T09:00Z');
      expect(monday[0]).toBe('2027-03-29T08:00Z');
      expect(monday.at(-1)).toBe('2027-03-29T15:00Z'); // 16:00–17:00 local
      expect(wallStarts(slots.filter((s) => s.start >= Date.UTC(2027, 2, 29)), LONDON)[0]).toBe('09:00');
    });

    it('never offers a wall time that does not exist (01:00–01:59 on the change day)', () => {
      const slots = computeAvailability(
        input({
          range: { startDate: '2027-03-28', endDate: '2027-03-28' },
          service: service({ durationMin: 30, slotStepMin: 15 }),
          practitioners: [practitioner({ weeklyHours: [{ days: [0], start: '00:30', end: '03:30' }] })],
        }),
      );
      const walls = wallStarts(slots, LONDON);
      expect(walls.filter((w) => w.startsWith('01:'))).toEqual([]);
      // 00:30–03:30 local is only two real hours: 00:30Z to 02:30Z.
      expect(walls).toEqual(['00:30', '00:45', '02:00', '02:15', '02:30', '02:45', '03:00']);
      expect(utcStarts(slots)).toEqual([
        '2027-03-28T00:30Z',
        '2027-03-28T00:45Z',
        '2027-03-28T01:00Z',
        '2027-03-28T01:15Z',
        '2027-03-28T01:30Z',
        '2027-03-28T01:45Z',
        '2027-03-28T02:00Z',
      ]);
    });

    it('resolves hours that start inside the gap forward (01:30 → 02:30 BST)', () => {
      const slots = computeAvailability(
        input({
          range: { startDate: '2027-03-28', endDate: '2027-03-28' },
          service: service({ durationMin: 30, slotStepMin: 30 }),
          practitioners: [practitioner({ weeklyHours: [{ days: [0], start: '01:30', end: '04:00' }] })],
        }),
      );
      expect(wallStarts(slots, LONDON)).toEqual(['02:30', '03:00', '03:30']);
    });
  });

  describe('Europe/London, fall back', () => {
    const fallBack = (start: string, end: string): AvailabilityInput =>
      input({
        range: { startDate: '2027-10-31', endDate: '2027-10-31' },
        service: service({ durationMin: 30, slotStepMin: 30 }),
        practitioners: [practitioner({ weeklyHours: [{ days: [0], start, end }] })],
      });

    it('offers both occurrences of the repeated hour when the practitioner works through it', () => {
      const slots = computeAvailability(fallBack('00:30', '03:30'));
      // 00:30 BST to 03:30 GMT is four real hours, and 01:00–01:59 happens twice.
      expect(wallStarts(slots, LONDON)).toEqual(['00:30', '01:00', '01:30', '01:00', '01:30', '02:00', '02:30', '03:00']);
      expect(utcStarts(slots)[0]).toBe('2027-10-30T23:30Z');
      expect(utcStarts(slots).at(-1)).toBe('2027-10-31T03:00Z');
    });

    it('resolves hours that start at an ambiguous time to its first occurrence', () => {
      const slots = computeAvailability(fallBack('01:30', '03:00'));
      expect(utcStarts(slots)[0]).toBe('2027-10-31T00:30Z'); // 01:30 BST
      expect(slots).toHaveLength(5); // 01:30 BST, 01:00 GMT, 01:30 GMT, 02:00, 02:30
    });

    it('opens at 09:00 local (09:00Z) on the Monday after', () => {
      const slots = computeAvailability(input({ range: { startDate: '2027-11-01', endDate: '2027-11-01' } }));
      expect(utcStarts(slots)[0]).toBe('2027-11-01T09:00Z');
    });
  });

  describe('zones whose change is not a whole number of steps', () => {
    // Australia/Lord_Howe moves by 30 minutes: back at 02:00 → 01:30 on 4 April 2027,
    // forward at 02:00 → 02:30 on 3 October 2027.
    const lordHowe = (date: string, start: string, end: string, durationMin: number): AvailabilityInput =>
      input({
        now: '2027-01-01T00:00:00Z',
        range: { startDate: date, endDate: date },
        service: service({ durationMin, slotStepMin: 60 }),
        practitioners: [practitioner({ timeZone: 'Australia/Lord_Howe', weeklyHours: [{ days: [0], start, end }] })],
      });

    it('keeps the grid on local wall-clock hours after a 30-minute fall back', () => {
      const slots = computeAvailability(lordHowe('2027-04-04', '00:00', '04:00', 30));
      expect(wallStarts(slots, 'Australia/Lord_Howe')).toEqual(['00:00', '01:00', '02:00', '03:00']);
      expect(utcStarts(slots)).toEqual(['2027-04-03T13:00Z', '2027-04-03T14:00Z', '2027-04-03T15:30Z', '2027-04-03T16:30Z']);
    });

    it('skips the missing 02:00 after a 30-minute spring forward', () => {
      const slots = computeAvailability(lordHowe('2027-10-03', '00:00', '05:00', 60));
      expect(wallStarts(slots, 'Australia/Lord_Howe')).toEqual(['00:00', '01:00', '03:00', '04:00']);
    });

    it('starts at 01:00 where local midnight itself does not exist (Santiago, 5 September 2027)', () => {
      const slots = computeAvailability(
        input({
          range: { startDate: '2027-09-05', endDate: '2027-09-05' },
          service: service({ slotStepMin: 60 }),
          practitioners: [practitioner({ timeZone: 'America/Santiago', weeklyHours: [{ days: [0], start: '00:00', end: '03:00' }] })],
        }),
      );
      expect(wallStarts(slots, 'America/Santiago')).toEqual(['01:00', '02:00']);
      expect(wallParts(slots[0]?.start ?? 0, 'America/Santiago').date).toBe('2027-09-05');
    });
  });

  describe('agreement with a minute-by-minute brute force around transitions', () => {
    // Hours chosen to straddle each zone's change, grids that do and do not divide the shift,
    // bookings and rooms in the mix; the brute force asks Intl for every candidate minute.
    const cases = [
      { timeZone: 'Europe/London', from: '2027-03-27', to: '2027-03-29' },
      { timeZone: 'Europe/London', from: '2027-10-30', to: '2027-11-01' },
      { timeZone: 'America/New_York', from: '2027-03-13', to: '2027-03-15' },
      { timeZone: 'America/New_York', from: '2027-11-06', to: '2027-11-08' },
      { timeZone: 'Australia/Lord_Howe', from: '2027-04-03', to: '2027-04-05' },
      { timeZone: 'Australia/Lord_Howe', from: '2027-10-02', to: '2027-10-04' },
      { timeZone: 'America/Santiago', from: '2027-04-03', to: '2027-04-04' },
      { timeZone: 'America/Santiago', from: '2027-09-04', to: '2027-09-06' },
      { timeZone: 'Pacific/Chatham', from: '2027-04-03', to: '2027-04-05' },
      { timeZone: 'Asia/Beirut', from: '2027-10-30', to: '2027-10-31' },
      { timeZone: 'Asia/Kolkata', from: '2027-03-27', to: '2027-03-29' },
    ];
    const grids = [
      { durationMin: 30, slotStepMin: 15 },
      { durationMin: 45, slotStepMin: 45 },
      { durationMin: 20, slotStepMin: 20 },
      { durationMin: 60, slotStepMin: 7 },
    ];

    for (const c of cases) {
      for (const g of grids) {
        it(`${c.timeZone} ${c.from}…${c.to}, ${g.durationMin} min every ${g.slotStepMin}`, () => {
          const days = [0, 1, 2, 3, 4, 5, 6];
          const probe: AvailabilityInput = {
            now: `${c.from}T00:00:00Z`,
            range: { startDate: c.from, endDate: c.to },
            service: service({ ...g, bufferBeforeMin: 5, bufferAfterMin: 10, minimumNoticeMin: 60 }),
            practitioners: [
              practitioner({
                id: 'night',
                timeZone: c.timeZone,
                weeklyHours: [
                  { days, start: '00:00', end: '04:10' },
                  { days, start: '22:00', end: '24:00' },
                ],
                bookings: [{ start: `${c.to}T01:00:00Z`, end: `${c.to}T01:40:00Z`, bufferAfterMin: 15 }],
              }),
              practitioner({
                id: 'day',
                timeZone: c.timeZone,
                weeklyHours: [{ days, start: '01:30', end: '03:05' }],
                eligibleRoomIds: ['R1', 'R2'],
              }),
            ],
            rooms: [
              room('R1', { timeZone: c.timeZone, weeklyHours: [{ days, start: '00:00', end: '02:45' }] }),
              room('R2', { timeZone: c.timeZone, weeklyHours: [{ days, start: '02:15', end: '24:00' }] }),
            ],
          };
          const slots = computeAvailability(probe);
          expect(groupStarts(probe, slots)).toEqual(bruteForceSlots(probe));
          for (let i = 1; i < slots.length; i++) {
            expect((slots[i] as { start: number }).start).toBeGreaterThanOrEqual((slots[i - 1] as { start: number }).start);
          }
        });
      }
    }
  });
});
