import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatWhen } from './clinic-time.ts';

const luxonWhen = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");

describe('formatWhen', () => {
  it('writes exactly what Luxon writes, across zones, offset changes and centuries', () => {
    const zones = ['Africa/Monrovia', 'UTC', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'Pacific/Kiritimati', 'America/St_Johns'];
    const instants: number[] = [];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 10_807_000) instants.push(t);
    // Each minute around London's changes, the first and last moments served exactly, and dates Luxon alone writes.
    for (let t = Date.parse('2027-03-28T00:30:00Z'); t <= Date.parse('2027-03-28T01:30:00Z'); t += 60_000) instants.push(t, t + 59_999);
    for (let t = Date.parse('2027-10-31T00:30:00Z'); t <= Date.parse('2027-10-31T01:30:00Z'); t += 60_000) instants.push(t, t + 59_999);
    instants.push(Date.UTC(1973, 0, 1), Date.UTC(1972, 0, 7), Date.UTC(1900, 0, 1), Date.UTC(1847, 11, 1), Date.UTC(9999, 11, 31, 8), Date.UTC(9999, 11, 31, 23), 0, -1);
    const wrong = zones.flatMap((zone) => instants.filter((t) => formatWhen(t, zone) !== luxonWhen(t, zone)).map((t) => `${zone} ${t}`));
    expect(wrong).toEqual([]);
    expect(formatWhen(Date.parse('2027-03-30T08:00:00Z'), 'Europe/London')).toBe('Tuesday 30 March 2027 at 09:00');
  });

  it('answers for an unknown zone as Luxon does', () => {
    expect(formatWhen(0, 'Europe/Atlantis')).toBe(luxonWhen(0, 'Europe/Atlantis'));
  });
});
