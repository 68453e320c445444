import { describe, expect, it } from 'vitest';
import { addDays, addYears, calendarDateAt, dayNumber, daysBetween, formatCalendarDate, fromDayNumber, isCalendarDate } from './calendar-date.ts';

describe('isCalendarDate', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    expect(isCalendarDate('2027-05-20')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });

  it('refuses impossible dates, other formats and other types', () => {
    for (const v of ['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-5-20', '20/05/2027', '2027-05-20T10:00', '', 20270520, null]) {
      expect(isCalendarDate(v), String(v)).toBe(false);
    }
  });
});

describe('addDays and daysBetween', () => {
  it('count calendar days across month, year and leap-day boundaries', () => {
    expect(addDays('2027-05-20', 14)).toBe('2027-06-03');
    expect(addDays('2027-12-25', 14)).toBe('2028-01-08');
    expect(addDays('2028-02-15', 14)).toBe('2028-02-29');
    expect(addDays('2027-02-15', 14)).toBe('2027-03-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(daysBetween('2027-06-03', '2027-05-20')).toBe(-14);
  });

  it('are not moved by the clocks changing (London spring forward, 28 March 2027)', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(daysBetween('2027-03-20', '2027-04-03')).toBe(14);
  });
});

describe('addYears', () => {
  it('keeps the day, and moves a leap-day birthday to 1 March in other years', () => {
    expect(addYears('2009-05-20', 18)).toBe('2027-05-20');
    expect(addYears('2008-02-29', 18)).toBe('2026-03-01');
    expect(addYears('2012-02-29', 16)).toBe('2028-02-29');
  });
});

describe('formatCalendarDate', () => {
  it('writes dates as UK readers expect', () => {
    expect(formatCalendarDate('2027-06-03')).toBe('3 June 2027');
    expect(formatCalendarDate('2027-12-25')).toBe('25 December 2027');
  });
});

describe('calendarDateAt', () => {
  it('gives the date in the clinic’s zone, not in UTC', () => {
    expect(calendarDateAt('2027-05-31T23:30:00Z', 'Europe/London')).toBe('2027-06-01');
    expect(calendarDateAt('2027-01-31T23:30:00Z', 'Europe/London')).toBe('2027-01-31');
    expect(calendarDateAt(Date.parse('2027-06-01T03:00:00Z'), 'America/New_York')).toBe('2027-05-31');
  });

  it('refuses something that is not an instant', () => {
    expect(() => calendarDateAt('tomorrow', 'Europe/London')).toThrow(RangeError);
  });
});

describe('day arithmetic against the platform calendar', () => {
  it('agrees with Date.UTC on every day from 1999 to 2101', () => {
    const start = Date.UTC(1999, 0, 1) / 86_400_000;
    const end = Date.UTC(2101, 0, 1) / 86_400_000;
    for (let day = start; day <= end; day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumber(iso) !== day || fromDayNumber(day) !== iso) throw new Error(`Mismatch on ${iso}`);
    }
    expect(fromDayNumber(0)).toBe('1970-01-01');
  });
});
