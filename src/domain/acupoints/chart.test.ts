import { describe, expect, it } from 'vitest';
import { ACUPOINTS } from './library.ts';
import { isMidlinePoint } from '../protocols/protocols.ts';
import { placeLabels, bestViewFor, CHART_MARKS, marksNear, zoomBox, CHART_VIEWS, isChartMidline, markIsChosen, unplacedCodes, VIEWS, viewsOf } from './chart.ts';

const marks = CHART_VIEWS.flatMap((v) => CHART_MARKS[v]);

describe('the point charts', () => {
  it('draws every library point on at least one view, and nothing that is not in the library', () => {
    for (const p of ACUPOINTS) expect(viewsOf(p.id).length, p.id).toBeGreaterThan(0);
    const ids = new Set(ACUPOINTS.map((p) => p.id));
    for (const m of marks) expect(ids.has(m.code), m.code).toBe(true);
    expect(unplacedCodes(ACUPOINTS.map((p) => p.id))).toEqual([]);
  });

  it('keeps every mark inside its view’s box, clear of the edges', () => {
    for (const m of marks) {
      const v = VIEWS[m.view];
      expect(m.x, `${m.code} on ${m.view}`).toBeGreaterThanOrEqual(12);
      expect(m.x).toBeLessThanOrEqual(v.width - 12);
      expect(m.y, `${m.code} on ${m.view}`).toBeGreaterThanOrEqual(12);
      expect(m.y).toBeLessThanOrEqual(v.height - 12);
    }
  });

  it('gives midline points one mark on the centre line, and the same points as the protocols do', () => {
    for (const p of ACUPOINTS) expect(isChartMidline(p.id), p.id).toBe(isMidlinePoint(p));
    for (const m of marks.filter((mk) => mk.side === 'midline')) {
      const v = VIEWS[m.view];
      if (v.facing !== 'right-side') expect(m.x, `${m.code} on ${m.view}`).toBe(v.width / 2);
    }
    expect(CHART_MARKS['face-front'].filter((m) => m.code === 'EX-HN3')).toEqual([{ view: 'face-front', code: 'EX-HN3', side: 'midline', x: 200, y: 190 }]);
  });

  it('mirrors bilateral points on the symmetric views: the client’s right on the viewer’s left from the front, on the viewer’s right from behind', () => {
    for (const view of CHART_VIEWS.map((v) => VIEWS[v])) {
      const onView = CHART_MARKS[view.id];
      for (const right of onView.filter((m) => m.side === 'right')) {
        const left = onView.find((m) => m.code === right.code && m.side === 'left');
        if (view.facing === 'right-side') {
          expect(left, `${right.code} on ${view.id}`).toBeUndefined();
          continue;
        }
        expect(left, `${right.code} on ${view.id}`).toBeDefined();
        expect(left!.x).toBe(view.width - right.x);
        expect(left!.y).toBe(right.y);
        if (view.facing === 'front') expect(right.x, `${right.code} on ${view.id}`).toBeLessThan(view.width / 2);
        else expect(right.x, `${right.code} on ${view.id}`).toBeGreaterThan(view.width / 2);
      }
      for (const left of onView.filter((m) => m.side === 'left')) {
        expect(onView.some((m) => m.code === left.code && m.side === 'right'), left.code).toBe(true);
      }
    }
    const st3 = CHART_MARKS['face-front'].filter((m) => m.code === 'ST3');
    expect(st3.map((m) => [m.side, m.x, m.y])).toEqual([['right', 144, 304], ['left', 256, 304]]);
  });

  it('lists a clinic’s own points instead of drawing them', () => {
    expect(viewsOf('JADE-1')).toEqual([]);
    expect(unplacedCodes(['ST3', 'JADE-1', 'JADE-1', 'GV20'])).toEqual(['JADE-1']);
  });

  it('marks the chosen sides and opens the view that draws most of the chosen points', () => {
    expect(markIsChosen('left', 'both')).toBe(true);
    expect(markIsChosen('left', 'right')).toBe(false);
    expect(markIsChosen('right', 'right')).toBe(true);
    expect(markIsChosen('midline', 'midline')).toBe(true);
    expect(bestViewFor([])).toBe('face-front');
    expect(bestViewFor(['ST35', 'EX-LE4', 'SP10', 'ST36'])).toBe('knee');
    expect(bestViewFor(['BL23', 'BL20', 'LI4'])).toBe('body-back');
    expect(bestViewFor(['ST3', 'GV20'])).toBe('face-front');
  });

  it('places code labels where they do not cover each other', () => {
    const spots = placeLabels([
      { key: 'LI20', text: 'LI20', x: 168, y: 292 },
      { key: 'ST3', text: 'ST3', x: 144, y: 304 },
      { key: 'GV26', text: 'GV26', x: 200, y: 322 },
    ], 400);
    // LI20's label would cover the ST3 dot on its outer side, so it goes inward; ST3's goes outward.
    expect(spots.get('LI20')).toMatchObject({ x: 179, anchor: 'start' });
    expect(spots.get('ST3')).toMatchObject({ x: 133, anchor: 'end' });
    expect(spots.get('GV26')).toMatchObject({ x: 211, anchor: 'start' });
  });
});

describe('a fingertip on a crowded chart', () => {
  const face = CHART_MARKS['face-front'];
  const at = (code: string, side: string) => face.find((m) => m.code === code && m.side === side)!;

  it('returns the marks within the finger’s reach, nearest first', () => {
    const st1 = at('ST1', 'right');
    const st2 = at('ST2', 'right');
    // Between Chengqi (y 240) and Sibai (y 264), a little nearer Sibai.
    const near = marksNear(face, { x: 150, y: 254 }, 20);
    expect(near.slice(0, 2)).toEqual([st2, st1]);
    expect(near.every((m) => Math.hypot(m.x - 150, m.y - 254) <= 20)).toBe(true);
  });

  it('returns one mark where the points are well apart, and none on empty skin', () => {
    expect(marksNear(face, { x: 200, y: 62 }, 16)).toEqual([at('GV23', 'midline')]);
    expect(marksNear(face, { x: 60, y: 470 }, 20)).toEqual([]);
  });

  it('finds that a fingertip on Chengqi also covers Sibai on a phone', () => {
    // On a phone the face is drawn about 340 px wide (0.85 px a unit): a 22 px fingertip reaches 26 units.
    expect(marksNear(face, at('ST1', 'right'), 26).slice(0, 2)).toEqual([at('ST1', 'right'), at('ST2', 'right')]);
  });

  it('magnifies a box around the marks, inside the view and in 4:3', () => {
    const box = zoomBox(VIEWS['face-front'], [at('ST1', 'right'), at('ST2', 'right'), at('EX-HN7', 'right')]);
    expect(box.width / box.height).toBeCloseTo(4 / 3);
    expect(box.x).toBeLessThanOrEqual(126 - 26);
    expect(box.x + box.width).toBeGreaterThanOrEqual(150 + 26);
    expect(box.y).toBeLessThanOrEqual(240 - 26);
    expect(box.y + box.height).toBeGreaterThanOrEqual(264 + 26);
    const corner = zoomBox(VIEWS['face-front'], [{ x: 5, y: 5 }]);
    expect(corner).toEqual({ x: 0, y: 0, width: 96, height: 72 });
  });
});
