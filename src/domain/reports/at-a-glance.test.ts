import { describe, expect, it } from 'vitest';
import { atAGlance, weekRange, weekStartOf, type GlanceBooking } from './at-a-glance.ts';

const TZ = 'Europe/London';
const at = (iso: string) => Date.parse(iso);
/** Mon–Fri 09:00–17:00. */
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1020 }));
const appt = (start: string, minutes: number, over: Partial<GlanceBooking> = {}): GlanceBooking => ({
  kind: 'appointment', status: 'confirmed', practitionerId: 'p1', serviceKind: 'traditional',
  startsAt: at(start), blockedStart: at(start), blockedEnd: at(start) + minutes * 60_000, ...over,
});

describe('atAGlance', () => {
  // Wednesday 10 March 2027, winter time (UTC+0). Week: Monday 8 – Sunday 14 March.
  const base = { timeZone: TZ, date: '2027-03-10', closures: [] as string[], practitioners: [{ id: 'p1', weekly: weekdays, exceptions: [] }] };

  it('counts the day and the Monday-to-Sunday week', () => {
    const r = atAGlance({
      ...base,
      bookings: [
        appt('2027-03-10T09:00:00Z', 60),
        appt('2027-03-10T11:00:00Z', 30, { serviceKind: 'consultation' }),
        appt('2027-03-10T14:00:00Z', 60, { status: 'no_show' }),
        appt('2027-03-10T15:00:00Z', 60, { status: 'cancelled' }),
        appt('2027-03-10T16:00:00Z', 60, { status: 'held' }),
        appt('2027-03-08T09:00:00Z', 60, { serviceKind: 'consultation' }),
        appt('2027-03-14T09:00:00Z', 60, { status: 'no_show' }),
        appt('2027-03-15T09:00:00Z', 60), // next week
        appt('2027-03-07T23:30:00Z', 60), // Sunday before: not this week
        { kind: 'block', status: 'confirmed', practitionerId: 'p1', serviceKind: null, startsAt: at('2027-03-10T12:00:00Z'), blockedStart: at('2027-03-10T12:00:00Z'), blockedEnd: at('2027-03-10T13:00:00Z') },
        { kind: 'block', status: 'confirmed', practitionerId: null, serviceKind: null, startsAt: at('2027-03-10T10:00:00Z'), blockedStart: at('2027-03-10T10:00:00Z'), blockedEnd: at('2027-03-10T17:00:00Z') },
      ],
      clientsCreatedAt: [at('2027-03-10T08:00:00Z'), at('2027-03-09T12:00:00Z'), at('2027-03-07T23:59:00Z'), at('2027-03-15T00:00:00Z')],
    });
    expect(r.today).toEqual({
      startDate: '2027-03-10', endDate: '2027-03-10', appointments: 3, noShows: 1, newClients: 1, consultations: 1,
      // 8 h; taken: 09–10, 11–11:30, 12–13 (block), 16–17 (held). The no-show and the cancelled do not hold time.
      workingMinutes: 480, freeMinutes: 480 - 60 - 30 - 60 - 60, freePercent: 56,
    });
    expect(r.week).toMatchObject({
      startDate: '2027-03-08', endDate: '2027-03-14', appointments: 5, noShows: 2, newClients: 2, consultations: 2,
      workingMinutes: 5 * 480, freeMinutes: 5 * 480 - 210 - 60,
    });
  });

  it('counts only working time: bookings outside hours and closures take nothing', () => {
    const r = atAGlance({
      ...base, closures: ['2027-03-12'],
      practitioners: [{ id: 'p1', weekly: weekdays, exceptions: [{ kind: 'time_off', startDate: '2027-03-11', endDate: '2027-03-11', startMinute: 540, endMinute: 780 }] }],
      bookings: [appt('2027-03-10T08:00:00Z', 120), appt('2027-03-10T17:00:00Z', 60)],
      clientsCreatedAt: [],
    });
    expect(r.today.freeMinutes).toBe(480 - 60);
    // Thursday afternoon only (4 h), Friday closed.
    expect(r.week.workingMinutes).toBe(480 * 3 + 240);
  });

  it('reports no percentage when nobody works', () => {
    const r = atAGlance({ ...base, date: '2027-03-13', practitioners: [{ id: 'p1', weekly: weekdays, exceptions: [] }], bookings: [], clientsCreatedAt: [] });
    expect(r.today).toMatchObject({ workingMinutes: 0, freeMinutes: 0, freePercent: null });
    expect(r.week.freePercent).toBe(100);
  });

  it('follows the clinic zone across the spring daylight-saving change (a 23-hour Sunday)', () => {
    // The clocks go forward at 01:00 UTC on Sunday 28 March 2027. Work round the clock on Sundays.
    const r = atAGlance({
      timeZone: TZ, date: '2027-03-28', closures: [],
      practitioners: [{ id: 'p1', weekly: [{ weekday: 0, startMinute: 0, endMinute: 1440 }, { weekday: 1, startMinute: 540, endMinute: 1020 }], exceptions: [] }],
      bookings: [
        appt('2027-03-27T23:30:00Z', 60), // 23:30 Saturday local: the Saturday, not today
        appt('2027-03-28T00:30:00Z', 60), // 00:30 GMT Sunday
        appt('2027-03-28T22:30:00Z', 60), // 23:30 BST Sunday: still Sunday locally
        appt('2027-03-28T23:30:00Z', 60), // 00:30 BST Monday: next week
      ],
      clientsCreatedAt: [at('2027-03-28T23:00:00Z'), at('2027-03-28T22:59:00Z')],
    });
    expect(r.today).toMatchObject({ startDate: '2027-03-28', workingMinutes: 23 * 60, appointments: 2, newClients: 1 });
    // 00:00–00:30 (Saturday's late visit runs over), 00:30–01:30, and 22:30–23:00 UTC (local midnight).
    expect(r.today.freeMinutes).toBe(23 * 60 - 30 - 60 - 30);
    expect(r.week).toMatchObject({ startDate: '2027-03-22', endDate: '2027-03-28', workingMinutes: 480 + 23 * 60, appointments: 3 });
  });

  it('counts the 25-hour Sunday of the autumn change', () => {
    const r = atAGlance({
      timeZone: TZ, date: '2026-10-25', closures: [],
      practitioners: [{ id: 'p1', weekly: [{ weekday: 0, startMinute: 0, endMinute: 1440 }], exceptions: [] }],
      bookings: [], clientsCreatedAt: [],
    });
    expect(r.today.workingMinutes).toBe(25 * 60);
    expect(r.week.startDate).toBe('2026-10-19');
  });
});

describe('weekRange', () => {
  it('runs from local Monday midnight to the next', () => {
    expect(weekStartOf('2027-03-28')).toBe('2027-03-22');
    expect(weekStartOf('2027-03-22')).toBe('2027-03-22');
    const r = weekRange('2027-03-31', TZ);
    expect(r).toEqual({ startDate: '2027-03-29', endDate: '2027-04-04', from: at('2027-03-28T23:00:00Z'), to: at('2027-04-04T23:00:00Z') });
  });
});
