import { describe, expect, it } from 'vitest';
import { isTimeText, normaliseTimeText } from './time-text.ts';

describe('normaliseTimeText', () => {
  it.each([
    ['9', '09:00'], ['09', '09:00'], ['930', '09:30'], ['9:30', '09:30'], ['9.30', '09:30'], ['1745', '17:45'],
    [' 17:45 ', '17:45'], ['0', '00:00'], ['23:59', '23:59'], ['12h15', '12:15'],
  ])('reads %j as %s', (typed, time) => {
    expect(normaliseTimeText(typed)).toBe(time);
  });

  it.each(['', '24:00', '25', '9:75', '9am', 'noon', '12345', '1:5'])('refuses %j', (typed) => {
    expect(normaliseTimeText(typed)).toBeUndefined();
  });
});

describe('isTimeText', () => {
  it('accepts only two-digit 24-hour times', () => {
    expect(isTimeText('09:30')).toBe(true);
    expect(isTimeText('9:30')).toBe(false);
    expect(isTimeText('24:00')).toBe(false);
  });
});
