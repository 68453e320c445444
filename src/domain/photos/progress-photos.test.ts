import { describe, expect, it } from 'vitest';
import { byDateTaken, defaultComparison, orderPair, photoLabel, tagProblem, type ComparablePhoto } from './progress-photos.ts';

const photo = (id: string, takenOn: string, over: Partial<ComparablePhoto> = {}): ComparablePhoto => ({
  id, takenOn, stage: 'session', sessionNumber: 1, view: 'front', createdAt: `${takenOn}T10:00:00.000Z`, ...over,
});

describe('photoLabel', () => {
  it('names baseline and session photos with their view', () => {
    expect(photoLabel({ stage: 'baseline', sessionNumber: null, view: 'front' })).toBe('Baseline · Front');
    expect(photoLabel({ stage: 'session', sessionNumber: 10, view: 'left' })).toBe('Session 10 · Left side');
  });
});

describe('tagProblem', () => {
  it('wants a session number for a session photo, and none for a baseline', () => {
    expect(tagProblem({ stage: 'baseline', sessionNumber: null, view: 'front' })).toBeUndefined();
    expect(tagProblem({ stage: 'baseline', sessionNumber: 2, view: 'front' })).toBe('A baseline photo has no session number');
    expect(tagProblem({ stage: 'session', sessionNumber: null, view: 'right' })).toBe('Enter the session number');
    expect(tagProblem({ stage: 'session', sessionNumber: 0, view: 'right' })).toBe('Enter a session number from 1 to 500');
    expect(tagProblem({ stage: 'session', sessionNumber: 501, view: 'right' })).toBe('Enter a session number from 1 to 500');
    expect(tagProblem({ stage: 'session', sessionNumber: 10, view: 'right' })).toBeUndefined();
  });
});

describe('byDateTaken', () => {
  it('orders by day, then baseline first, then session number, then upload time', () => {
    const photos = [
      photo('s2', '2030-03-11', { sessionNumber: 2 }),
      photo('late', '2030-03-04', { sessionNumber: 1, createdAt: '2030-03-04T12:00:00.000Z' }),
      photo('base', '2030-03-04', { stage: 'baseline', sessionNumber: null }),
      photo('early', '2030-03-04', { sessionNumber: 1, createdAt: '2030-03-04T09:00:00.000Z' }),
    ];
    expect(photos.sort(byDateTaken).map((p) => p.id)).toEqual(['base', 'early', 'late', 's2']);
  });
});

describe('defaultComparison', () => {
  it('opens with the first and the latest photo of the same view, front first', () => {
    const photos = [
      photo('s10-front', '2030-05-06', { sessionNumber: 10 }),
      photo('base-left', '2030-03-04', { stage: 'baseline', sessionNumber: null, view: 'left' }),
      photo('base-front', '2030-03-04', { stage: 'baseline', sessionNumber: null }),
      photo('s5-front', '2030-04-01', { sessionNumber: 5 }),
      photo('s10-left', '2030-05-06', { sessionNumber: 10, view: 'left' }),
    ];
    expect(defaultComparison(photos)?.map((p) => p.id)).toEqual(['base-front', 's10-front']);
  });

  it('falls back to the first and latest of any view, and needs two photos', () => {
    expect(defaultComparison([photo('a', '2030-03-04', { view: 'left' }), photo('b', '2030-03-11', { view: 'right' })])?.map((p) => p.id)).toEqual(['a', 'b']);
    expect(defaultComparison([photo('a', '2030-03-04')])).toBeUndefined();
    expect(defaultComparison([])).toBeUndefined();
  });
});

describe('orderPair', () => {
  it('puts the earlier photo on the left whichever was chosen first', () => {
    const a = photo('a', '2030-03-04');
    const b = photo('b', '2030-05-06');
    expect(orderPair(b, a).map((p) => p.id)).toEqual(['a', 'b']);
    expect(orderPair(a, b).map((p) => p.id)).toEqual(['a', 'b']);
  });
});
