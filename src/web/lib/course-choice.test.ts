import { describe, expect, it } from 'vitest';
import { courseProblems, courseProposalBody, intervalLabel, isCourseable, proposalSummary, type CourseChoice } from './course-choice.ts';

const choice: CourseChoice = { serviceId: 's', practitionerId: 'p', count: '6', weeks: '2', firstDate: '2027-03-02', time: '10:00' };

describe('course choice', () => {
  it('has nothing to say about a complete choice and sends it as the proposal body', () => {
    expect(courseProblems(choice)).toEqual({});
    expect(courseProposalBody(choice)).toEqual({ serviceId: 's', practitionerId: 'p', count: 6, every: { n: 2, unit: 'weeks' }, firstDate: '2027-03-02', time: '10:00' });
  });

  it('names every field that cannot be proposed', () => {
    expect(Object.keys(courseProblems({ ...choice, serviceId: '', practitionerId: '', count: '1', firstDate: '', time: '9am' })).sort())
      .toEqual(['count', 'firstDate', 'practitionerId', 'serviceId', 'time']);
    expect(courseProblems({ ...choice, count: '53' }).count).toMatch(/between 2 and 52/);
    expect(courseProblems({ ...choice, count: '4.5' }).count).toBeDefined();
  });

  it('offers courses of treatments, not of consultations or new-client visits', () => {
    expect(isCourseable({ kind: 'facial' })).toBe(true);
    expect(isCourseable({ kind: 'consultation' })).toBe(false);
    expect(isCourseable({ kind: 'massage', newClientsOnly: true })).toBe(false);
  });

  it('says how often and how many dates clash in plain words', () => {
    expect([1, 2, 3].map(intervalLabel)).toEqual(['Every week', 'Every 2 weeks', 'Every 3 weeks']);
    expect(proposalSummary([{ status: 'available' }, { status: 'available' }])).toBe('All 2 sessions are free at the usual time.');
    expect(proposalSummary([{ status: 'available' }, { status: 'moved' }])).toMatch(/^1 of 2 sessions clash .* for it\.$/);
  });
});
