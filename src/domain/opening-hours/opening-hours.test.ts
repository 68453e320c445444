import { describe, expect, it } from 'vitest';
import { minuteToClock, minuteToTime, openingHours, openingHoursSpecification } from './opening-hours.ts';

const day = (days: ReturnType<typeof openingHours>, weekday: number) => days.find((d) => d.weekday === weekday)!.intervals;

describe('openingHours', () => {
  it('lists the week from Monday, closed days empty', () => {
    const days = openingHours([{ weekday: 1, startMinute: 540, endMinute: 1020 }]);
    expect(days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(day(days, 1)).toEqual([{ startMinute: 540, endMinute: 1020 }]);
    expect(day(days, 0)).toEqual([]);
  });

  it('joins overlapping and touching intervals of different practitioners', () => {
    const days = openingHours([
      { weekday: 2, startMinute: 780, endMinute: 1080 },
      { weekday: 2, startMinute: 540, endMinute: 780 },
      { weekday: 2, startMinute: 600, endMinute: 720 },
    ]);
    expect(day(days, 2)).toEqual([{ startMinute: 540, endMinute: 1080 }]);
  });

  it('keeps a gap when nobody works', () => {
    const days = openingHours([
      { weekday: 3, startMinute: 540, endMinute: 720 },
      { weekday: 3, startMinute: 780, endMinute: 1020 },
    ]);
    expect(day(days, 3)).toEqual([{ startMinute: 540, endMinute: 720 }, { startMinute: 780, endMinute: 1020 }]);
  });

  it('ignores intervals that cannot exist', () => {
    const days = openingHours([
      { weekday: 7, startMinute: 540, endMinute: 600 },
      { weekday: 1, startMinute: 600, endMinute: 600 },
      { weekday: 1, startMinute: -5, endMinute: 600 },
      { weekday: 1, startMinute: 600, endMinute: 1500 },
    ]);
    expect(days.every((d) => d.intervals.length === 0)).toBe(true);
  });
});

describe('time formats', () => {
  it('writes 24-hour times for schema.org and am/pm clock times for people', () => {
    expect(minuteToTime(570)).toBe('09:30');
    expect(minuteToTime(1440)).toBe('24:00');
    expect(minuteToClock(570)).toBe('9:30am');
    expect(minuteToClock(720)).toBe('12pm');
    expect(minuteToClock(780)).toBe('1pm');
    expect(minuteToClock(0)).toBe('12am');
    expect(minuteToClock(1050)).toBe('5:30pm');
  });

  it('describes each interval as a schema.org OpeningHoursSpecification', () => {
    const spec = openingHoursSpecification(openingHours([{ weekday: 1, startMinute: 540, endMinute: 1440 }]));
    expect(spec).toEqual([{ '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '09:00', closes: '23:59' }]);
  });
});
