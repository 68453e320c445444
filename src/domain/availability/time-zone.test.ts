import { describe, expect, it } from 'vitest';

import { AvailabilityInputError, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, parseLocalDate } from './local-time';
import { cachedOffsetAt, dayFrame, localDayOf, wallClockToUtc, zoneOffsetMs } from './time-zone';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('zoneOffsetMs', () => {
  it('reads GMT, BST, fractional and negative offsets', () => {
    expect(zoneOffsetMs('Europe/London', at('2027-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMs('Europe/London', at('2027-07-15T12:00:00Z'))).toBe(MS_PER_HOUR);
    expect(zoneOffsetMs('Asia/Kolkata', at('2027-07-15T12:00:00Z'))).toBe(5.5 * MS_PER_HOUR);
    expect(zoneOffsetMs('America/New_York', at('2027-01-15T12:00:00Z'))).toBe(-5 * MS_PER_HOUR);
    expect(zoneOffsetMs('Pacific/Chatham', at('2027-01-15T12:00:00Z'))).toBe(13.75 * MS_PER_HOUR);
  });

  it('rejects an unknown zone with an AvailabilityInputError', () => {
    expect(() => zoneOffsetMs('Europe/Atlantis', 0)).toThrow(AvailabilityInputError);
  });
});

describe('dayFrame', () => {
  it('has no transitions on an ordinary day', () => {
    const frame = dayFrame('Europe/London', parseLocalDate('2027-03-01'));
    expect(frame.transitions).toEqual([]);
    expect(frame.offsets).toEqual([0]);
    expect(frame.weekday).toBe(1);
  });

  it('pins the spring-forward transition to the second', () => {
    const frame = dayFrame('Europe/London', parseLocalDate('2027-03-28'));
    expect(frame.transitions.map(iso)).toEqual(['2027-03-28T01:00Z']);
    expect(frame.offsets).toEqual([0, MS_PER_HOUR]);
  });

  it('sees the next day’s transition inside its window (needed to resolve 24:00)', () => {
    const frame = dayFrame('America/Santiago', parseLocalDate('2027-09-04'));
    expect(frame.transitions.map(iso)).toEqual(['2027-09-05T04:00Z']);
  });
});

describe('wallClockToUtc', () => {
  const london = (date: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return iso(wallClockToUtc(dayFrame('Europe/London', parseLocalDate(date)), h * 60 + m));
  };

  it('resolves ordinary times on both sides of a change', () => {
    expect(london('2027-03-28', '00:30')).toBe('2027-03-28T00:30Z');
    expect(london('2027-03-28', '09:00')).toBe('2027-03-28T08:00Z');
    expect(london('2027-10-31', '09:00')).toBe('2027-10-31T09:00Z');
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    expect(london('2027-03-28', '01:00')).toBe('2027-03-28T01:00Z'); // = 02:00 BST
    expect(london('2027-03-28', '01:30')).toBe('2027-03-28T01:30Z'); // = 02:30 BST
  });

  it('takes the first occurrence of a repeated time', () => {
    expect(london('2027-10-31', '01:00')).toBe('2027-10-31T00:00Z'); // 01:00 BST, not GMT
    expect(london('2027-10-31', '01:59')).toBe('2027-10-31T00:59Z');
    expect(london('2027-10-31', '02:00')).toBe('2027-10-31T02:00Z');
  });

  it('resolves 24:00 to the next local midnight', () => {
    expect(london('2027-03-27', '24:00')).toBe('2027-03-28T00:00Z');
    expect(london('2027-10-30', '24:00')).toBe('2027-10-30T23:00Z');
  });
});

describe('localDayOf', () => {
  it('gives the local date of an instant', () => {
    expect(localDayOf(at('2027-07-01T23:30:00Z'), 'Europe/London')).toBe(parseLocalDate('2027-07-02'));
    expect(localDayOf(at('2027-07-01T23:30:00Z'), 'America/New_York')).toBe(parseLocalDate('2027-07-01'));
    expect(localDayOf(at('2027-07-01T23:30:00Z') + 30 * MS_PER_MINUTE, 'UTC')).toBe(parseLocalDate('2027-07-02'));
  });
});

describe('cachedOffsetAt', () => {
  it('equals the Intl offset at every instant, across transitions, to the second', () => {
    const zones = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'America/Sao_Paulo', 'Africa/Casablanca'];
    // Every 67 min 13 s over two years (both sides of each zone's changes), and each quarter second around London's.
    const instants: number[] = [];
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2028-01-01T00:00:00Z'); t += 4_033_000) instants.push(t);
    for (let t = at('2027-03-28T00:59:50Z'); t <= at('2027-03-28T01:00:10Z'); t += 250) instants.push(t);
    for (let t = at('2027-10-31T00:59:50Z'); t <= at('2027-10-31T01:00:10Z'); t += 250) instants.push(t);
    const wrong: string[] = [];
    for (const zone of zones) {
      for (const t of instants) {
        const offset = zoneOffsetMs(zone, t);
        if (cachedOffsetAt(zone, t) !== offset || localDayOf(t, zone) !== Math.floor((t + offset) / MS_PER_DAY)) wrong.push(`${zone} ${new Date(t).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an unknown zone', () => {
    expect(() => localDayOf(0, 'Europe/Atlantis')).toThrow(AvailabilityInputError);
  });
});
