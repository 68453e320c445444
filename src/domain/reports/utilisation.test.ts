import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeIntervals } from '../scheduling/working-hours.ts';
import { addDays, workingInstants, type GlancePractitioner } from './at-a-glance.ts';
import { workingTotals } from './utilisation.ts';

/**
 * workingTotals counts plain days by weekday instead of resolving each to instants: it must
 * give exactly what resolving every day does (workingInstants and the union of them all),
 * across clock changes (at night, at midnight, by half an hour), time off, extra hours and
 * closures.
 */
const ZONES = ['Europe/London', 'America/Sao_Paulo', 'America/Havana', 'America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Apia', 'UTC'];
const minute = fc.integer({ min: 0, max: 96 }).map((q) => q * 15);
const interval = fc.tuple(fc.integer({ min: 0, max: 6 }), minute, minute).map(([weekday, a, b]) => ({ weekday, startMinute: Math.min(a, b), endMinute: Math.max(a, b) }));
const exception = fc.record({
  kind: fc.constantFrom('time_off' as const, 'extra_hours' as const),
  start: fc.integer({ min: 0, max: 60 }),
  days: fc.integer({ min: 0, max: 5 }),
  minutes: fc.option(fc.tuple(minute, minute), { nil: null }),
});

function byResolvingEveryDay(practitioners: readonly GlancePractitioner[], closures: readonly string[], startDate: string, endDate: string, zone: string) {
  const all = practitioners.map((p) => workingInstants(p, closures, startDate, endDate, zone));
  const length = (pairs: readonly [number, number][]) => mergeIntervals(pairs).reduce((sum, [s, e]) => sum + (e - s), 0);
  return { byPractitioner: all.map(length), staffed: length(all.flat()) };
}

describe('workingTotals', () => {
  it('equals resolving every day to instants, for any hours, exceptions, closures and time zone', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ZONES),
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 120 }),
      fc.array(fc.record({ weekly: fc.array(interval, { maxLength: 6 }), exceptions: fc.array(exception, { maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 3 }),
      (zone, offset, length, people, closed) => {
        const startDate = addDays('2017-01-01', offset);
        const endDate = addDays(startDate, length);
        const practitioners = people.map((p, i) => ({
          id: `p${i}`,
          weekly: p.weekly,
          exceptions: p.exceptions.map((x) => ({
            kind: x.kind, startDate: addDays(startDate, x.start), endDate: addDays(startDate, x.start + x.days),
            startMinute: x.minutes ? Math.min(...x.minutes) : null, endMinute: x.minutes ? Math.max(...x.minutes) : null,
          })),
        }));
        const closures = closed.map((d) => addDays(startDate, d));
        expect(workingTotals(practitioners, closures, startDate, endDate, zone)).toEqual(byResolvingEveryDay(practitioners, closures, startDate, endDate, zone));
      },
    ), { numRuns: 300, seed: 20261207 });
  });

  it('counts the spring and autumn clock changes of two years of London weekdays', () => {
    const weekly = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }));
    const p = [{ id: 'a', weekly, exceptions: [] }];
    expect(workingTotals(p, [], '2025-07-05', '2027-07-04', 'Europe/London')).toEqual(byResolvingEveryDay(p, [], '2025-07-05', '2027-07-04', 'Europe/London'));
  });
});
