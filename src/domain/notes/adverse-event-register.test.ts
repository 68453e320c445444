import { describe, expect, it } from 'vitest';
import { ratePer100, registerTotals } from './adverse-event-register.ts';

describe('the adverse event rate per 100 sessions', () => {
  it('is events ÷ sessions × 100, to one decimal place (worked by hand)', () => {
    expect(ratePer100(1, 40)).toBe(2.5); // 1 bruise in 40 signed notes: 2.5 per 100
    expect(ratePer100(3, 9)).toBe(33.3); // 300 / 9 = 33.33…
    expect(ratePer100(2, 3)).toBe(66.7); // 200 / 3 = 66.66… rounds up
    expect(ratePer100(1, 8)).toBe(12.5); // exact: no floating-point drift
    expect(ratePer100(1, 16)).toBe(6.3); // 6.25 rounds half up
    expect(ratePer100(0, 25)).toBe(0);
    expect(ratePer100(5, 5)).toBe(100);
    expect(ratePer100(3, 2)).toBe(150); // two events in one session can exceed 100
  });

  it('has no rate when there were no sessions, rather than dividing by zero', () => {
    expect(ratePer100(0, 0)).toBeNull();
    expect(ratePer100(2, 0)).toBeNull();
  });

  it('refuses counts that are negative or not whole', () => {
    expect(() => ratePer100(-1, 10)).toThrow(RangeError);
    expect(() => ratePer100(1, 2.5)).toThrow(RangeError);
  });
});

describe('the register totals', () => {
  it('counts each type and severity, including the ones with none', () => {
    const t = registerTotals([
      { kind: 'bruising', severity: 'mild' },
      { kind: 'bruising', severity: 'moderate' },
      { kind: 'fainting', severity: 'serious' },
    ], 60);
    expect(t).toEqual({
      events: 3, sessions: 60, ratePer100: 5, serious: 1,
      byKind: { bruising: 2, bleeding: 0, pain: 0, fainting: 1, 'needle-left-in': 0, other: 0 },
      bySeverity: { mild: 1, moderate: 1, serious: 1 },
    });
  });

  it('is all zeros for a quiet period', () => {
    const t = registerTotals([], 12);
    expect(t.events).toBe(0);
    expect(t.ratePer100).toBe(0);
    expect(Object.values(t.byKind).every((n) => n === 0)).toBe(true);
  });
});
