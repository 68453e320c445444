import { describe, expect, it } from 'vitest';
import { computeAvailability } from '../availability/index.ts';
import { buildWorkingHours, mergeIntervals, subtractIntervals } from './working-hours.ts';

const range = { startDate: '2027-05-03', endDate: '2027-05-09' }; // Monday to Sunday
const mondayHours = [
  { weekday: 1, startMinute: 9 * 60, endMinute: 13 * 60 },
  { weekday: 1, startMinute: 14 * 60, endMinute: 17 * 60 },
  { weekday: 2, startMinute: 9 * 60, endMinute: 13 * 60 },
];

describe('buildWorkingHours', () => {
  it('groups equal intervals across weekdays and keeps the lunch break as a gap', () => {
    const { weeklyHours, overrides } = buildWorkingHours({ weekly: mondayHours, range });
    expect(weeklyHours).toEqual([
      { days: [1, 2], start: '09:00', end: '13:00' },
      { days: [1], start: '14:00', end: '17:00' },
    ]);
    expect(overrides).toEqual([]);
  });

  it('closes a closure date even when extra hours were added to it', () => {
    const { overrides } = buildWorkingHours({
      weekly: mondayHours, closures: ['2027-05-03'], range,
      exceptions: [{ kind: 'extra_hours', startDate: '2027-05-03', endDate: '2027-05-03', startMinute: 18 * 60, endMinute: 20 * 60 }],
    });
    expect(overrides).toEqual([{ date: '2027-05-03', intervals: [] }]);
  });

  it('takes whole days off across a range, clipped to the requested dates', () => {
    const { overrides } = buildWorkingHours({
      weekly: mondayHours, range,
      exceptions: [{ kind: 'time_off', startDate: '2027-04-20', endDate: '2027-05-04', startMinute: null, endMinute: null }],
    });
    expect(overrides).toEqual([{ date: '2027-05-03', intervals: [] }, { date: '2027-05-04', intervals: [] }]);
  });

  it('cuts part of a day off and adds extra hours on another day', () => {
    const { overrides } = buildWorkingHours({
      weekly: mondayHours, range,
      exceptions: [
        { kind: 'time_off', startDate: '2027-05-03', endDate: '2027-05-03', startMinute: 15 * 60, endMinute: 24 * 60 },
        { kind: 'extra_hours', startDate: '2027-05-08', endDate: '2027-05-08', startMinute: 10 * 60, endMinute: 12 * 60 },
      ],
    });
    expect(overrides).toEqual([
      { date: '2027-05-03', intervals: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '15:00' }] },
      { date: '2027-05-08', intervals: [{ start: '10:00', end: '12:00' }] },
    ]);
  });

  it('feeds the engine: a Saturday of extra hours is bookable, a closed Monday is not', () => {
    const hours = buildWorkingHours({
      weekly: mondayHours, range, closures: ['2027-05-03'],
      exceptions: [{ kind: 'extra_hours', startDate: '2027-05-08', endDate: '2027-05-08', startMinute: 10 * 60, endMinute: 11 * 60 }],
    });
    const slots = computeAvailability({
      now: '2027-01-01T00:00:00Z', range,
      service: { durationMin: 60, slotStepMin: 30, bufferBeforeMin: 0, bufferAfterMin: 0, minimumNoticeMin: 0 },
      practitioners: [{ id: 'p', timeZone: 'Europe/London', ...hours }],
    });
    const days = new Set(slots.map((s) => new Date(s.start).toISOString().slice(0, 10)));
    expect(days).toEqual(new Set(['2027-05-04', '2027-05-08']));
  });
});

describe('interval arithmetic', () => {
  it('merges touching intervals and subtracts a cut from the middle', () => {
    expect(mergeIntervals([[600, 720], [540, 600], [800, 900]])).toEqual([[540, 720], [800, 900]]);
    expect(subtractIntervals([[540, 1020]], [[720, 780]])).toEqual([[540, 720], [780, 1020]]);
    expect(subtractIntervals([[540, 600]], [[0, 1440]])).toEqual([]);
  });
});
