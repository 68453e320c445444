import { describe, expect, it } from 'vitest';
import { careProgress, courseProgress, coursePositions, formatPrice, intervalWords, nextPlanStatus, seriesEvery, sessionOf } from './treatment-plan.ts';
import { prefillFromAnswers } from './consultation.ts';

const H = 3_600_000;

describe('nextPlanStatus', () => {
  it('lets the client accept a proposed plan, and nobody else', () => {
    expect(nextPlanStatus('proposed', 'accept', 'client')).toEqual({ ok: true, status: 'accepted' });
    expect(nextPlanStatus('proposed', 'accept', 'staff').ok).toBe(false);
    expect(nextPlanStatus('accepted', 'accept', 'client').ok).toBe(false);
  });

  it('books a course: the client from proposed or accepted, staff only once accepted', () => {
    expect(nextPlanStatus('proposed', 'book', 'client')).toEqual({ ok: true, status: 'in_progress' });
    expect(nextPlanStatus('accepted', 'book', 'client')).toEqual({ ok: true, status: 'in_progress' });
    expect(nextPlanStatus('accepted', 'book', 'staff')).toEqual({ ok: true, status: 'in_progress' });
    expect(nextPlanStatus('proposed', 'book', 'staff')).toMatchObject({ ok: false, reason: /accepts the plan/ });
    expect(nextPlanStatus('in_progress', 'book', 'client').ok).toBe(false);
    expect(nextPlanStatus('withdrawn', 'book', 'client').ok).toBe(false);
  });

  it('completes, withdraws and edits only as the clinic, from the right statuses', () => {
    expect(nextPlanStatus('in_progress', 'complete', 'staff')).toEqual({ ok: true, status: 'completed' });
    expect(nextPlanStatus('accepted', 'complete', 'staff').ok).toBe(false);
    expect(nextPlanStatus('in_progress', 'complete', 'client').ok).toBe(false);
    for (const from of ['proposed', 'accepted', 'in_progress'] as const) expect(nextPlanStatus(from, 'withdraw', 'staff')).toEqual({ ok: true, status: 'withdrawn' });
    expect(nextPlanStatus('completed', 'withdraw', 'staff').ok).toBe(false);
    expect(nextPlanStatus('proposed', 'withdraw', 'client').ok).toBe(false);
    expect(nextPlanStatus('proposed', 'edit', 'staff').ok).toBe(true);
    expect(nextPlanStatus('accepted', 'edit', 'staff')).toMatchObject({ ok: false, reason: /Only a proposed plan/ });
  });
});

describe('course positions and progress', () => {
  const b = (id: string, hour: number, status = 'confirmed') => ({ id, start: hour * H, end: hour * H + H, status });

  it('numbers the sessions that hold a place in time order, skipping cancelled and missed ones', () => {
    const p = coursePositions([b('c', 30), b('a', 10), b('x', 20, 'cancelled'), b('n', 25, 'no_show'), b('d', 40)]);
    expect([...p.entries()]).toEqual([['a', 1], ['c', 2], ['d', 3]]);
  });

  it('counts sessions given and names the next one with its place', () => {
    const sessions = [b('a', 10, 'completed'), b('b', 20, 'confirmed'), b('c', 30), b('d', 40)];
    expect(courseProgress(sessions, 6, 25 * H)).toEqual({ total: 6, booked: 4, done: 2, next: { position: 3, start: 30 * H, bookingId: 'c' } });
    expect(courseProgress(sessions, 6, 0)).toMatchObject({ done: 1, next: { position: 2 } });
    expect(courseProgress(sessions, null, 50 * H)).toEqual({ total: 4, booked: 4, done: 4, next: null });
  });

  it('words the course', () => {
    expect(sessionOf(4, 10)).toBe('Session 4 of 10');
    expect(formatPrice(54000, 'GBP')).toBe('£540.00');
    expect([intervalWords(7), intervalWords(14), intervalWords(28), intervalWords(10)]).toEqual(['every week', 'every 2 weeks', 'every 4 weeks', 'every 10 days']);
    expect([seriesEvery(7), seriesEvery(10), seriesEvery(84)]).toEqual([{ n: 1, unit: 'weeks' }, { n: 10, unit: 'days' }, { n: 12, unit: 'weeks' }]);
  });
});

describe('prefillFromAnswers', () => {
  const labels = { skinConcerns: { 'fine-lines': 'Fine lines', dryness: 'Dry skin' }, kneeSince: { 'over-a-year': 'More than a year' } };
  it('takes the concerns and goals from the health answers', () => {
    expect(prefillFromAnswers({ skinConcerns: ['dryness', 'fine-lines'], facialGoalsText: ' Brighter skin before my wedding ' }, labels))
      .toEqual({ concerns: 'Skin: Dry skin, Fine lines', goals: 'Brighter skin before my wedding' });
    expect(prefillFromAnswers({ kneeSide: 'left', kneeSince: 'over-a-year', kneeDiagnosis: 'Osteoarthritis' }, labels))
      .toEqual({ concerns: 'Left knee painful (more than a year)\nDiagnosis given: Osteoarthritis', goals: '' });
    expect(prefillFromAnswers(null, labels)).toEqual({ concerns: '', goals: '' });
  });
});

describe('careProgress', () => {
  const DAY = 86_400_000;
  const at = (d: number) => d * DAY;
  const plan = { serviceId: 'facial', seriesId: 's1', complementary: [{ serviceId: 'massage', name: 'Sports massage', sessions: 3 }], maintenance: { intervalDays: 28 } };
  // A course of two sessions on days 0 and 7.
  const course = [{ start: at(0), end: at(0) + 3_600_000 }, { start: at(7), end: at(7) + 3_600_000 }];
  const b = (id: string, day: number, serviceId: string, status = 'confirmed', seriesId: string | null = null) =>
    ({ id, start: at(day), end: at(day) + 3_600_000, status, serviceId, seriesId });

  it('counts complementary care and maintenance apart from the course, done and to come', () => {
    const bookings = [
      b('c1', 0, 'facial', 'completed', 's1'), b('c2', 7, 'facial', 'confirmed', 's1'),
      b('m-before', -10, 'massage', 'completed'), b('m1', 2, 'massage', 'completed'), b('m2', 9, 'massage'), b('m3', 12, 'massage', 'cancelled'),
      b('keep1', 35, 'facial'), b('keep0', 3, 'facial', 'completed'),
    ];
    expect(careProgress(plan, course, bookings, at(5))).toEqual([
      { kind: 'complementary', name: 'Sports massage', planned: 3, booked: 2, done: 1, next: at(9) },
      { kind: 'maintenance', name: 'Maintenance', planned: null, booked: 1, done: 0, next: at(35) },
    ]);
  });

  it('has nothing to count before the course is booked, and leaves out care the plan does not have', () => {
    expect(careProgress(plan, [], [b('m1', 2, 'massage')], at(5))).toEqual([]);
    expect(careProgress({ ...plan, complementary: [], maintenance: null }, course, [b('m1', 2, 'massage')], at(5))).toEqual([]);
  });
});
