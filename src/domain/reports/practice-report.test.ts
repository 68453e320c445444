import { describe, expect, it } from 'vitest';
import { attendance } from './attendance.ts';
import { conversion, newClients, retention } from './client-figures.ts';
import { granularityOf, periodsOf, rangeDays, rangeInstants } from './report-period.ts';
import { utilisation } from './utilisation.ts';

const at = (iso: string) => new Date(iso).getTime();
const MON_TO_FRI_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));

describe('report periods', () => {
  it('bounds a range that holds the spring clock change by its real instants (23-hour day)', () => {
    const { from, to } = rangeInstants({ startDate: '2027-03-28', endDate: '2027-03-28' }, 'Europe/London');
    expect(from).toBe(at('2027-03-28T00:00:00Z'));
    expect(to).toBe(at('2027-03-28T23:00:00Z'));
  });

  it('uses weeks up to 26 weeks and months beyond, each period by its first day', () => {
    expect(rangeDays({ startDate: '2027-03-01', endDate: '2027-03-31' })).toBe(31);
    expect(granularityOf({ startDate: '2027-01-01', endDate: '2027-07-01' })).toBe('week');
    expect(granularityOf({ startDate: '2027-01-01', endDate: '2027-07-02' })).toBe('month');
    expect(periodsOf({ startDate: '2027-03-03', endDate: '2027-03-15' }, 'week')).toEqual(['2027-03-01', '2027-03-08', '2027-03-15']);
    expect(periodsOf({ startDate: '2027-01-31', endDate: '2027-03-01' }, 'month')).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);
  });
});

describe('utilisation', () => {
  const base = {
    timeZone: 'Europe/London',
    closures: [] as string[],
    rooms: [{ id: 'r1', name: 'Room 1' }, { id: 'r2', name: 'Room 2' }],
  };

  it('is booked minutes over working minutes less time off, per practitioner and room', () => {
    // Mon 8 – Sun 14 March 2027. Ann: 5 days × 8 h = 2400 min, less Wednesday afternoon off
    // (13:00–17:00, 240 min) = 2160. Ben: Mondays 09:00–12:00 only = 180 min.
    const u = utilisation({
      ...base,
      range: { startDate: '2027-03-08', endDate: '2027-03-14' },
      practitioners: [
        { id: 'ann', name: 'Ann', weekly: MON_TO_FRI_9_TO_5, exceptions: [{ kind: 'time_off', startDate: '2027-03-10', endDate: '2027-03-10', startMinute: 780, endMinute: 1020 }] },
        { id: 'ben', name: 'Ben', weekly: [{ weekday: 1, startMinute: 540, endMinute: 720 }], exceptions: [] },
      ],
      bookedByPractitioner: { ann: 1080, ben: 180 },
      bookedByRoom: { r1: 600 },
    });
    expect(u.practitioners).toEqual([
      { id: 'ann', name: 'Ann', availableMinutes: 2160, bookedMinutes: 1080, percent: 50 },
      { id: 'ben', name: 'Ben', availableMinutes: 180, bookedMinutes: 180, percent: 100 },
    ]);
    // The clinic is staffed while Ann works (Ben's Monday morning lies inside Ann's hours): 2160 min.
    expect(u.rooms).toEqual([
      { id: 'r1', name: 'Room 1', availableMinutes: 2160, bookedMinutes: 600, percent: 27.8 },
      { id: 'r2', name: 'Room 2', availableMinutes: 2160, bookedMinutes: 0, percent: 0 },
    ]);
    expect(u.total).toEqual({ availableMinutes: 2340, bookedMinutes: 1260, percent: 53.8 });
  });

  it('counts the hours a clock change really leaves: a night worker loses an hour in spring', () => {
    // Sunday 28 March 2027, 00:00–04:00 local: 01:00–02:00 does not exist, so 3 h.
    const u = utilisation({
      ...base,
      rooms: [],
      range: { startDate: '2027-03-28', endDate: '2027-03-28' },
      practitioners: [{ id: 'n', name: 'Night', weekly: [{ weekday: 0, startMinute: 0, endMinute: 240 }], exceptions: [] }],
      bookedByPractitioner: { n: 90 },
      bookedByRoom: {},
    });
    expect(u.practitioners[0]).toMatchObject({ availableMinutes: 180, bookedMinutes: 90, percent: 50 });
  });

  it('leaves closures out and says null, not 0%, when nothing was available', () => {
    const u = utilisation({
      ...base,
      rooms: [],
      closures: ['2027-03-08'],
      range: { startDate: '2027-03-08', endDate: '2027-03-08' },
      practitioners: [{ id: 'ann', name: 'Ann', weekly: MON_TO_FRI_9_TO_5, exceptions: [] }],
      bookedByPractitioner: {},
      bookedByRoom: {},
    });
    expect(u.total).toEqual({ availableMinutes: 0, bookedMinutes: 0, percent: null });
  });
});

describe('attendance', () => {
  it('rates no-shows and late cancellations over the appointments still due, by practitioner and week', () => {
    const a = attendance({
      range: { startDate: '2027-03-08', endDate: '2027-03-21' },
      granularity: 'week',
      practitioners: [{ id: 'ann', name: 'Ann' }, { id: 'ben', name: 'Ben' }],
      counts: [
        { date: '2027-03-08', practitionerId: 'ann', status: 'completed', lateCancellation: false, count: 12 },
        { date: '2027-03-09', practitionerId: 'ann', status: 'no_show', lateCancellation: false, count: 2 },
        { date: '2027-03-09', practitionerId: 'ben', status: 'cancelled', lateCancellation: true, count: 1 },
        { date: '2027-03-16', practitionerId: 'ben', status: 'confirmed', lateCancellation: false, count: 4 },
        { date: '2027-03-16', practitionerId: 'ben', status: 'cancelled', lateCancellation: false, count: 3 },
        { date: '2027-03-17', practitionerId: 'ben', status: 'expired', lateCancellation: false, count: 5 },
        { date: '2027-03-22', practitionerId: 'ann', status: 'no_show', lateCancellation: false, count: 9 },
      ],
    });
    // Due: 12 + 2 + 1 + 4 = 19; the 3 cancelled in time, the expired holds and the day after the range do not count.
    expect(a.total).toEqual({ due: 19, kept: 16, noShows: 2, lateCancellations: 1, cancelledInTime: 3, noShowPercent: 10.5, lateCancellationPercent: 5.3 });
    expect(a.practitioners.map((p) => [p.name, p.due, p.noShowPercent, p.lateCancellationPercent])).toEqual([['Ann', 14, 14.3, 0], ['Ben', 5, 0, 20]]);
    expect(a.periods.map((p) => [p.start, p.due, p.noShows, p.lateCancellations])).toEqual([['2027-03-08', 15, 2, 1], ['2027-03-15', 4, 0, 0]]);
  });
});

describe('client figures', () => {
  it('counts new clients on the local date of their first appointment', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time): June, not May.
    const n = newClients({
      range: { startDate: '2027-04-01', endDate: '2027-06-30' }, granularity: 'month', timeZone: 'Europe/London',
      firstVisits: [at('2027-04-02T10:00:00Z'), at('2027-05-31T23:30:00Z'), at('2027-05-15T09:00:00Z'), at('2027-03-31T22:59:00Z'), at('2027-03-31T23:00:00Z')],
    });
    expect(n).toEqual({ total: 4, periods: [{ start: '2027-04-01', count: 2 }, { start: '2027-05-01', count: 1 }, { start: '2027-06-01', count: 1 }] });
  });

  it('converts a consultation when a course of a treatment starts after it', () => {
    const c = conversion({
      consultations: [
        { clientId: 'a', at: at('2027-03-01T10:00:00Z') },
        { clientId: 'b', at: at('2027-03-02T10:00:00Z') },
        { clientId: 'c', at: at('2027-03-03T10:00:00Z') },
        { clientId: 'd', at: at('2027-03-04T10:00:00Z') },
      ],
      courses: [
        { clientId: 'a', kind: 'traditional', startsAt: at('2027-04-01T10:00:00Z') },
        { clientId: 'a', kind: 'facial', startsAt: at('2027-03-08T10:00:00Z') },
        { clientId: 'b', kind: 'facial', startsAt: at('2027-03-09T10:00:00Z') },
        // c's course ended before the consultation; d's "course" is of consultations.
        { clientId: 'c', kind: 'facial', startsAt: at('2027-01-01T10:00:00Z') },
        { clientId: 'd', kind: 'consultation', startsAt: at('2027-03-20T10:00:00Z') },
      ],
    });
    expect(c).toEqual({ consultations: 4, converted: 2, percent: 50, byKind: [{ kind: 'facial', count: 2 }] });
  });

  it('keeps clients whose weeks are not over out of the retention rate', () => {
    const r = retention({
      timeZone: 'Europe/London', weeks: 4, now: at('2027-04-10T12:00:00Z'),
      visits: [
        // Back exactly four weeks later at the same local time, across the spring clock change.
        { firstAt: at('2027-03-10T10:00:00Z'), nextAt: at('2027-04-07T09:00:00Z') },
        { firstAt: at('2027-03-01T10:00:00Z'), nextAt: at('2027-04-01T10:00:00Z') },
        { firstAt: at('2027-03-02T10:00:00Z'), nextAt: null },
        { firstAt: at('2027-03-20T10:00:00Z'), nextAt: null },
      ],
    });
    // Seen 4; returned 1; the visit on 20 March has until 17 April: still open. 1 of 3.
    expect(r).toEqual({ weeks: 4, seen: 4, returned: 1, stillOpen: 1, percent: 33.3 });
  });
});
