import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localDate, plusLocalWeeks } from './report-period.ts';

/**
 * The remembered zone offsets give what luxon gives, instant by instant, across clock
 * changes (forward, back, half-hour zones, southern hemisphere).
 */
describe('zone arithmetic without a luxon DateTime per instant', () => {
  const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
  // Every 7 minutes 13 seconds through 2026 and 2027 (so instants fall on and between quarter hours).
  const step = 7 * 60_000 + 13_000;
  const from = Date.parse('2026-01-01T00:00:00Z');
  const to = Date.parse('2028-01-01T00:00:00Z');

  it('local dates and the same local time N weeks later match luxon', () => {
    for (const zone of zones) {
      for (let t = from; t < to; t += step * 97) {
        expect(localDate(t, zone)).toBe(DateTime.fromMillis(t, { zone }).toISODate());
        for (const weeks of [1, 8]) {
          expect(plusLocalWeeks(t, weeks, zone)).toBe(DateTime.fromMillis(t, { zone }).plus({ weeks }).toMillis());
        }
      }
    }
  });

  it('around the clock changes, minute by minute', () => {
    const around = ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z', '2026-03-08T06:00:00Z', '2026-11-01T05:00:00Z', '2026-04-04T14:00:00Z', '2026-10-03T15:00:00Z'];
    for (const zone of zones) {
      for (const iso of around) {
        const start = Date.parse(iso) - 7 * 86_400_000 * 8 - 3 * 3_600_000;
        for (const base of [start, Date.parse(iso) - 3 * 3_600_000]) {
          for (let t = base; t < base + 6 * 3_600_000; t += 60_000) {
            expect(localDate(t, zone)).toBe(DateTime.fromMillis(t, { zone }).toISODate());
            expect(plusLocalWeeks(t, 8, zone)).toBe(DateTime.fromMillis(t, { zone }).plus({ weeks: 8 }).toMillis());
          }
        }
      }
    }
  });
});
