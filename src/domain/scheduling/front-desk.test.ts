import { describe, expect, it } from 'vitest';
import { arrivalRefusal, arrivalWindow, clinicDayOf, undoRefusal, undoTarget } from './front-desk.ts';

const LONDON = 'Europe/London';
const at = (iso: string) => Date.parse(iso);

describe('arrivalRefusal', () => {
  const start = at('2027-03-03T10:00:00Z'); // a Wednesday, London on GMT

  it('refuses days before the appointment, naming when it opens', () => {
    expect(arrivalRefusal(start, at('2027-03-01T10:00:00Z'), LONDON)).toMatch(/only on the day of the appointment.*from 09:30/);
  });

  it('refuses earlier the same day, and accepts from 30 minutes before the start', () => {
    expect(arrivalRefusal(start, at('2027-03-03T09:29:59Z'), LONDON)).toMatch(/from 09:30/);
    expect(arrivalRefusal(start, at('2027-03-03T09:30:00Z'), LONDON)).toBeUndefined();
    expect(arrivalRefusal(start, at('2027-03-03T11:00:00Z'), LONDON)).toBeUndefined();
  });

  it('refuses once the day is over', () => {
    expect(arrivalRefusal(start, at('2027-03-03T23:59:59Z'), LONDON)).toBeUndefined();
    expect(arrivalRefusal(start, at('2027-03-04T00:00:00Z'), LONDON)).toMatch(/day of this appointment is over/);
  });

  it('never opens before the day itself begins (an appointment just after midnight)', () => {
    const early = at('2027-03-03T00:15:00Z');
    expect(arrivalWindow(early, LONDON).opens).toBe(at('2027-03-03T00:00:00Z'));
    expect(arrivalRefusal(early, at('2027-03-02T23:50:00Z'), LONDON)).toMatch(/from 00:00/);
  });

  it('uses the clinic’s zone: in summer time 09:30 local is 08:30 UTC', () => {
    const summer = at('2027-07-07T09:00:00Z'); // 10:00 BST
    expect(arrivalRefusal(summer, at('2027-07-07T08:29:00Z'), LONDON)).toMatch(/from 09:30/);
    expect(arrivalRefusal(summer, at('2027-07-07T08:30:00Z'), LONDON)).toBeUndefined();
    // 23:30 UTC is already the next day in London.
    expect(arrivalRefusal(summer, at('2027-07-07T23:30:00Z'), LONDON)).toMatch(/over/);
  });

  it('on the day the clocks go forward (23 hours long), the day ends at 23:00 UTC', () => {
    // 28 March 2027: 01:00 GMT becomes 02:00 BST. 02:15 BST is 01:15 UTC.
    const start2 = at('2027-03-28T01:15:00Z');
    expect(clinicDayOf(start2, LONDON)).toEqual({ start: at('2027-03-28T00:00:00Z'), end: at('2027-03-28T23:00:00Z') });
    expect(arrivalWindow(start2, LONDON).opens).toBe(at('2027-03-28T00:45:00Z'));
    expect(arrivalRefusal(start2, at('2027-03-28T00:44:00Z'), LONDON)).toMatch(/from 00:45/);
    expect(arrivalRefusal(start2, at('2027-03-28T22:59:00Z'), LONDON)).toBeUndefined();
    expect(arrivalRefusal(start2, at('2027-03-28T23:00:00Z'), LONDON)).toMatch(/over/);
  });
});

describe('undoTarget and undoRefusal', () => {
  const start = at('2027-03-03T10:00:00Z');
  const sameDay = at('2027-03-03T17:00:00Z');

  it('takes arrived and no-show back to booked, completed back to arrived, within the day', () => {
    expect(undoTarget('arrived', start, sameDay, LONDON)).toBe('confirmed');
    expect(undoTarget('no_show', start, sameDay, LONDON)).toBe('confirmed');
    expect(undoTarget('completed', start, sameDay, LONDON)).toBe('arrived');
    expect(undoRefusal('no_show', start, sameDay, LONDON)).toBeUndefined();
  });

  it('refuses after the day, and for other statuses', () => {
    expect(undoTarget('no_show', start, at('2027-03-04T00:00:00Z'), LONDON)).toBeNull();
    expect(undoRefusal('no_show', start, at('2027-03-04T08:00:00Z'), LONDON)).toMatch(/only on the day/);
    expect(undoTarget('confirmed', start, sameDay, LONDON)).toBeNull();
    expect(undoTarget('cancelled', start, sameDay, LONDON)).toBeNull();
    expect(undoRefusal('cancelled', start, sameDay, LONDON)).toMatch(/Only arrived, no-show and completed/);
  });

  it('ends with the clinic day on the day the clocks go back (25 hours long)', () => {
    // 31 October 2027: 02:00 BST becomes 01:00 GMT; the London day ends at 00:00 UTC on 1 November.
    const autumn = at('2027-10-31T10:00:00Z');
    expect(undoTarget('arrived', autumn, at('2027-10-31T23:30:00Z'), LONDON)).toBe('confirmed');
    expect(undoTarget('arrived', autumn, at('2027-11-01T00:00:00Z'), LONDON)).toBeNull();
    // It began at 23:00 UTC the evening before (00:00 BST).
    expect(undoTarget('arrived', autumn, at('2027-10-30T23:00:00Z'), LONDON)).toBe('confirmed');
    expect(undoTarget('arrived', autumn, at('2027-10-30T22:59:00Z'), LONDON)).toBeNull();
  });
});
