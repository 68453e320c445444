import { describe, expect, it } from 'vitest';
import { busyIntervalHash, busyTimesFromICalendar, mergeIntervals, NotICalendarError } from './busy-times.ts';

const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/London',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST', 'DTSTART:19700329T010000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT', 'DTSTART:19701025T020000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
];

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Busy//EN', ...LONDON_VTIMEZONE, ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20270101T000000Z', ...lines, 'END:VEVENT'];
const iso = (ms: number) => new Date(ms).toISOString();
const window = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to), timeZone: 'Europe/London' });
const asIso = (text: string, w: ReturnType<typeof window>) => busyTimesFromICalendar(text, w).map((i) => [iso(i.start), iso(i.end)]);

describe('busyTimesFromICalendar', () => {
  it('keeps a weekly 09:00 London meeting at 09:00 local across the March clock change', () => {
    const text = calendar(...event('UID:weekly@test', 'SUMMARY:Other clinic', 'DTSTART;TZID=Europe/London:20270318T090000', 'DTEND;TZID=Europe/London:20270318T100000', 'RRULE:FREQ=WEEKLY;COUNT=3'));
    expect(asIso(text, window('2027-03-01T00:00:00Z', '2027-05-01T00:00:00Z'))).toEqual([
      ['2027-03-18T09:00:00.000Z', '2027-03-18T10:00:00.000Z'], // GMT
      ['2027-03-25T09:00:00.000Z', '2027-03-25T10:00:00.000Z'], // still GMT: the clocks go forward on 28 March
      ['2027-04-01T08:00:00.000Z', '2027-04-01T09:00:00.000Z'], // BST
    ]);
  });

  it('reads an IANA TZID without a VTIMEZONE through the zone database', () => {
    const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...event('UID:a@test', 'DTSTART;TZID=Europe/London:20270701T090000', 'DTEND;TZID=Europe/London:20270701T093000'), 'END:VCALENDAR'].join('\r\n');
    expect(asIso(text, window('2027-06-01T00:00:00Z', '2027-08-01T00:00:00Z'))).toEqual([['2027-07-01T08:00:00.000Z', '2027-07-01T08:30:00.000Z']]);
  });

  it('blocks whole local days for an all-day event, in the practitioner\'s zone', () => {
    const text = calendar(...event('UID:leave@test', 'DTSTART;VALUE=DATE:20270705', 'DTEND;VALUE=DATE:20270707'));
    expect(asIso(text, window('2027-07-01T00:00:00Z', '2027-08-01T00:00:00Z'))).toEqual([['2027-07-04T23:00:00.000Z', '2027-07-06T23:00:00.000Z']]);
    const noEnd = calendar(...event('UID:day@test', 'DTSTART;VALUE=DATE:20271201'));
    expect(asIso(noEnd, window('2027-11-01T00:00:00Z', '2028-01-01T00:00:00Z'))).toEqual([['2027-12-01T00:00:00.000Z', '2027-12-02T00:00:00.000Z']]);
  });

  it('expands a recurring event without its excluded, cancelled and free instances, and with its moved one', () => {
    const text = calendar(
      ...event('UID:daily@test', 'DTSTART:20270301T120000Z', 'DTEND:20270301T130000Z', 'RRULE:FREQ=DAILY;COUNT=5', 'EXDATE:20270302T120000Z'),
      // The 3rd moved to the afternoon, the 4th cancelled, the 5th marked free.
      ...event('UID:daily@test', 'RECURRENCE-ID:20270303T120000Z', 'DTSTART:20270303T150000Z', 'DTEND:20270303T160000Z'),
      ...event('UID:daily@test', 'RECURRENCE-ID:20270304T120000Z', 'DTSTART:20270304T120000Z', 'DTEND:20270304T130000Z', 'STATUS:CANCELLED'),
      ...event('UID:daily@test', 'RECURRENCE-ID:20270305T120000Z', 'DTSTART:20270305T120000Z', 'DTEND:20270305T130000Z', 'TRANSP:TRANSPARENT'),
    );
    expect(asIso(text, window('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'))).toEqual([
      ['2027-03-01T12:00:00.000Z', '2027-03-01T13:00:00.000Z'],
      ['2027-03-03T15:00:00.000Z', '2027-03-03T16:00:00.000Z'],
    ]);
  });

  it('ignores free and cancelled events, and events outside the range', () => {
    const text = calendar(
      ...event('UID:free@test', 'DTSTART:20270301T120000Z', 'DTEND:20270301T130000Z', 'TRANSP:TRANSPARENT'),
      ...event('UID:off@test', 'DTSTART:20270301T140000Z', 'DTEND:20270301T150000Z', 'STATUS:CANCELLED'),
      ...event('UID:late@test', 'DTSTART:20280301T140000Z', 'DTEND:20280301T150000Z'),
    );
    expect(asIso(text, window('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'))).toEqual([]);
  });

  it('reads floating times as the practitioner\'s wall clock and merges overlapping events', () => {
    const text = calendar(
      ...event('UID:f1@test', 'DTSTART:20270710T090000', 'DTEND:20270710T100000'),
      ...event('UID:f2@test', 'DTSTART:20270710T093000', 'DTEND:20270710T110000'),
    );
    expect(asIso(text, window('2027-07-01T00:00:00Z', '2027-08-01T00:00:00Z'))).toEqual([['2027-07-10T08:00:00.000Z', '2027-07-10T10:00:00.000Z']]);
  });

  it('stops an endless every-minute rule and keeps at most maxIntervals', () => {
    const text = calendar(...event('UID:spam@test', 'DTSTART:20270301T000000Z', 'DURATION:PT30S', 'RRULE:FREQ=MINUTELY'));
    const out = busyTimesFromICalendar(text, { ...window('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'), maxIntervals: 100 });
    expect(out).toHaveLength(100);
  });

  it('refuses text that is not iCalendar', () => {
    expect(() => busyTimesFromICalendar('<html>Sign in</html>', window('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'))).toThrow(NotICalendarError);
    expect(() => busyTimesFromICalendar('BEGIN:VCALENDAR\r\nthis is not', window('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'))).toThrow(NotICalendarError);
  });
});

describe('mergeIntervals and busyIntervalHash', () => {
  it('joins touching intervals and hashes only the times', () => {
    expect(mergeIntervals([{ start: 5, end: 8 }, { start: 0, end: 5 }, { start: 10, end: 12 }])).toEqual([{ start: 0, end: 8 }, { start: 10, end: 12 }]);
    expect(busyIntervalHash({ start: 0, end: 8 })).toBe(busyIntervalHash({ start: 0, end: 8 }));
    expect(busyIntervalHash({ start: 0, end: 8 })).not.toBe(busyIntervalHash({ start: 0, end: 9 }));
  });
});
