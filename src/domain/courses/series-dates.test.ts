import { describe, expect, it } from 'vitest';
import { proposeSeries, seriesTargets } from './series-dates.ts';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('seriesTargets', () => {
  it('keeps 10:00 local across the spring clock change and starts on the preferred weekday', () => {
    const starts = seriesTargets({ count: 3, intervalDays: 7, firstDate: '2027-03-20', weekday: 2, time: '10:00', timeZone: 'Europe/London' });
    expect(starts.map(iso)).toEqual(['2027-03-23T10:00Z', '2027-03-30T09:00Z', '2027-04-06T09:00Z']);
  });

  it('spaces fortnightly sessions 14 days apart from the first date when no weekday is given', () => {
    const starts = seriesTargets({ count: 2, intervalDays: 14, firstDate: '2027-06-01', time: '18:30', timeZone: 'Europe/London' });
    expect(starts.map(iso)).toEqual(['2027-06-01T17:30Z', '2027-06-15T17:30Z']);
  });
});

describe('proposeSeries', () => {
  const base = Date.parse('2027-06-01T09:00:00Z');
  const targets = [base, base + 7 * 24 * H, base + 14 * 24 * H];
  const options = { occupiesMs: H, maxShiftMs: 3 * 24 * H, alternatives: 3 };

  it('keeps every free target', () => {
    const p = proposeSeries(targets, { ...options, offered: targets });
    expect(p.map((x) => x.status)).toEqual(['available', 'available', 'available']);
    expect(p.map((x) => x.start)).toEqual(targets);
  });

  it('offers the nearest free starts for a clash, nearest first, earlier on a tie', () => {
    const t = targets[1]!;
    const offered = [targets[0]!, t - 2 * H, t - H, t + H, t + 2 * H, targets[2]!];
    const p = proposeSeries(targets, { ...options, offered });
    expect(p[1]).toMatchObject({ status: 'moved', start: t - H });
    expect(p[1]!.alternatives).toEqual([t - H, t + H, t - 2 * H]);
  });

  it('never gives two sessions overlapping starts, and reports a session with nothing near', () => {
    const offered = [base, base + 30 * 60_000];
    const p = proposeSeries([base, base + 15 * 60_000, base + 40 * 24 * H], { ...options, offered });
    expect(p[0]).toMatchObject({ status: 'available', start: base });
    expect(p[1]).toMatchObject({ status: 'unavailable', start: null, alternatives: [] });
    expect(p[2]).toMatchObject({ status: 'unavailable', start: null });
  });

  it('does not let a clashing session take the ideal start of a later one', () => {
    const p = proposeSeries([base, base + H], { ...options, offered: [base + H] });
    expect(p[1]).toMatchObject({ status: 'available', start: base + H });
    expect(p[0]).toMatchObject({ status: 'unavailable' });
  });
});
