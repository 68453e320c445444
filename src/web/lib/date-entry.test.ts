import { describe, expect, it } from 'vitest';
import { dateEntryProblem, formatDateEntry, parseDateEntry } from './date-entry.ts';

const ok = (date: string) => ({ ok: true, date });

describe('parseDateEntry (day before month, whatever the browser)', () => {
  it('reads the ways people type a UK date', () => {
    expect(parseDateEntry('3/4/2027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('03/04/2027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('3-4-2027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('3.4.2027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry(' 3 4 2027 ')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('3 / 4 / 2027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('03042027')).toEqual(ok('2027-04-03'));
    expect(parseDateEntry('27 March 2027')).toEqual(ok('2027-03-27'));
    expect(parseDateEntry('27th mar 2027')).toEqual(ok('2027-03-27'));
    expect(parseDateEntry('Saturday 27 March 2027')).toEqual(ok('2027-03-27'));
    expect(parseDateEntry('1 Sept 2027')).toEqual(ok('2027-09-01'));
    expect(parseDateEntry('27 Mar, 2027')).toEqual(ok('2027-03-27'));
  });

  it('takes the ISO form, which is unambiguous', () => {
    expect(parseDateEntry('2027-03-27')).toEqual(ok('2027-03-27'));
    expect(parseDateEntry('2027-3-7')).toEqual(ok('2027-03-07'));
  });

  it('never reads day and month the American way round', () => {
    expect(parseDateEntry('12/25/2027')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(parseDateEntry('25/12/2027')).toEqual(ok('2027-12-25'));
  });

  it('refuses days that do not exist, leap years respected', () => {
    expect(parseDateEntry('31/2/2027')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(parseDateEntry('29/2/2027')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(parseDateEntry('29/2/2028')).toEqual(ok('2028-02-29'));
    expect(parseDateEntry('0/1/2027')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(parseDateEntry('31/4/2027')).toEqual({ ok: false, reason: 'no-such-day' });
    expect(parseDateEntry('2027-13-01')).toEqual({ ok: false, reason: 'no-such-day' });
  });

  it('asks for the year in full rather than guessing the century', () => {
    expect(parseDateEntry('3/4/27')).toEqual({ ok: false, reason: 'short-year' });
    expect(parseDateEntry('3 April 85')).toEqual({ ok: false, reason: 'short-year' });
  });

  it('says when it cannot read the text at all', () => {
    expect(parseDateEntry('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDateEntry('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseDateEntry('tomorrow')).toEqual({ ok: false, reason: 'unreadable' });
    expect(parseDateEntry('3 Foo 2027')).toEqual({ ok: false, reason: 'unreadable' });
    expect(parseDateEntry('3/4')).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('formatDateEntry', () => {
  it('shows an ISO date day first and round-trips', () => {
    expect(formatDateEntry('2027-03-07')).toBe('07/03/2027');
    expect(parseDateEntry(formatDateEntry('2027-03-07'))).toEqual(ok('2027-03-07'));
    expect(formatDateEntry('')).toBe('');
  });
});

describe('dateEntryProblem', () => {
  it('explains each problem in plain words, and checks the bounds', () => {
    expect(dateEntryProblem(parseDateEntry('3/4/2027'))).toBeNull();
    expect(dateEntryProblem(parseDateEntry(''))).toBeNull();
    expect(dateEntryProblem(parseDateEntry('3/4/27'))).toMatch(/year in full/);
    expect(dateEntryProblem(parseDateEntry('31/2/2027'))).toMatch(/does not exist/);
    expect(dateEntryProblem(parseDateEntry('soon'))).toMatch(/day\/month\/year/);
    expect(dateEntryProblem(parseDateEntry('1/1/2027'), { min: '2027-01-02' })).toBe('Enter a date on or after 02/01/2027');
    expect(dateEntryProblem(parseDateEntry('3/1/2027'), { max: '2027-01-02' })).toBe('Enter a date on or before 02/01/2027');
  });
});
