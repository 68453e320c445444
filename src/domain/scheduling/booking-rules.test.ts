import { describe, expect, it } from 'vitest';
import { computeAvailability, isSlotOffered } from '../availability/index.ts';
import { bookingWindow, mayBookService, staffMoveRefusal } from './booking-rules.ts';

const online = { minimumNoticeMin: 120, horizonDays: 84 };

describe('bookingWindow', () => {
  it('holds clients to the clinic’s notice and horizon', () => {
    expect(bookingWindow('public', online)).toEqual({ minimumNoticeMin: 120, horizonDays: 84 });
  });

  it('holds staff to neither', () => {
    expect(bookingWindow('staff', online)).toEqual({ minimumNoticeMin: 0, horizonDays: undefined });
  });

  it('lets staff take a time inside the hours that is too soon online, but not one that has passed', () => {
    const now = Date.parse('2027-03-01T09:40:00Z'); // a Monday; London is on UTC in March before the 28th
    const input = (audience: 'public' | 'staff') => ({
      now,
      range: { startDate: '2027-03-01', endDate: '2027-03-01' },
      service: { durationMin: 30, slotStepMin: 15, bufferBeforeMin: 0, bufferAfterMin: 0, ...bookingWindow(audience, online) },
      practitioners: [{ id: 'p', timeZone: 'Europe/London', weeklyHours: [{ days: [1], start: '09:00', end: '17:00' }] }],
    });
    const soon = Date.parse('2027-03-01T10:00:00Z');
    expect(isSlotOffered(input('public'), { start: soon })).toBeUndefined();
    expect(isSlotOffered(input('staff'), { start: soon })?.practitionerId).toBe('p');
    expect(isSlotOffered(input('staff'), { start: Date.parse('2027-03-01T09:30:00Z') })).toBeUndefined();
    // Still the practitioner's hours and the grid.
    expect(isSlotOffered(input('staff'), { start: Date.parse('2027-03-01T17:00:00Z') })).toBeUndefined();
    expect(isSlotOffered(input('staff'), { start: Date.parse('2027-03-01T10:05:00Z') })).toBeUndefined();
    expect(computeAvailability(input('staff'))[0]!.start).toBe(Date.parse('2027-03-01T09:45:00Z'));
  });
});

describe('mayBookService', () => {
  it('lets staff book services not offered online, and nobody a retired one', () => {
    expect(mayBookService('public', { active: true, bookableOnline: false })).toBe(false);
    expect(mayBookService('staff', { active: true, bookableOnline: false })).toBe(true);
    expect(mayBookService('public', { active: true, bookableOnline: true })).toBe(true);
    expect(mayBookService('staff', { active: false, bookableOnline: true })).toBe(false);
  });
});

describe('staffMoveRefusal', () => {
  const now = Date.parse('2027-03-01T09:00:00Z');
  const later = now + 3_600_000;
  const booked = { status: 'confirmed', practitionerId: 'pat' };

  it('lets the owner and reception move any booking to anyone', () => {
    for (const role of ['owner', 'reception'] as const) {
      expect(staffMoveRefusal({ role, userId: 'someone' }, booked, { practitionerId: 'sam', start: later }, now)).toBeNull();
    }
  });

  it('lets a practitioner move their own bookings within their own diary only', () => {
    const pat = { role: 'practitioner' as const, userId: 'pat' };
    expect(staffMoveRefusal(pat, booked, { practitionerId: 'pat', start: later }, now)).toBeNull();
    expect(staffMoveRefusal(pat, booked, { practitionerId: 'sam', start: later }, now)).toBe('not-own-diary');
    expect(staffMoveRefusal(pat, { ...booked, practitionerId: 'sam' }, { practitionerId: 'sam', start: later }, now)).toBe('not-own-diary');
    expect(staffMoveRefusal(pat, { ...booked, practitionerId: 'sam' }, { practitionerId: 'pat', start: later }, now)).toBe('not-own-diary');
  });

  it('moves booked and arrived appointments only', () => {
    const desk = { role: 'reception' as const, userId: 'desk' };
    expect(staffMoveRefusal(desk, { ...booked, status: 'arrived' }, { practitionerId: 'pat', start: later }, now)).toBeNull();
    for (const status of ['held', 'cancelled', 'completed', 'no_show', 'expired']) {
      expect(staffMoveRefusal(desk, { ...booked, status }, { practitionerId: 'pat', start: later }, now)).toBe('not-movable');
    }
  });

  it('never moves into the past', () => {
    const desk = { role: 'reception' as const, userId: 'desk' };
    expect(staffMoveRefusal(desk, booked, { practitionerId: 'pat', start: now }, now)).toBe('in-the-past');
    expect(staffMoveRefusal(desk, booked, { practitionerId: 'pat', start: now - 60_000 }, now)).toBe('in-the-past');
    expect(staffMoveRefusal(desk, booked, { practitionerId: 'pat', start: now + 60_000 }, now)).toBeNull();
  });
});
