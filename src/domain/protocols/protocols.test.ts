import { describe, expect, it } from 'vitest';
import { checkProtocolPoints, DEFAULT_PROTOCOLS, isMidlinePoint, needlesAt, pointFinder, totalNeedles, type ProtocolPoint } from './protocols.ts';
import { ACUPOINTS } from '../acupoints/library.ts';

const find = pointFinder(['EAR-SHENMEN']);
const p = (pointCode: string, side: ProtocolPoint['side'] = 'both', needles = 1): ProtocolPoint => ({ pointCode, side, needles });
const problems = (points: ProtocolPoint[]) => {
  const r = checkProtocolPoints(points, find);
  return r.ok ? [] : r.problems;
};

describe('protocol points', () => {
  it('counts both sides twice', () => {
    expect(needlesAt(p('ST6', 'both', 1))).toBe(2);
    expect(needlesAt(p('ST6', 'left', 3))).toBe(3);
    expect(totalNeedles([p('ST6'), p('LI4')])).toBe(4);
    expect(totalNeedles([p('EX-HN3', 'midline', 2), p('ST36', 'right', 1), p('GB14', 'both', 3)])).toBe(9);
    expect(totalNeedles([])).toBe(0);
  });

  it('knows the midline points of the library', () => {
    const midline = ACUPOINTS.filter(isMidlinePoint).map((a) => a.id);
    expect(midline).toEqual(expect.arrayContaining(['EX-HN3', 'GV20', 'GV26', 'CV24', 'CV12']));
    expect(midline).not.toContain('ST8');
    expect(midline).not.toContain('JIACHENGJIANG');
  });

  it('accepts library codes in any spelling and the clinic’s own codes, stored in one form', () => {
    const r = checkProtocolPoints([p('St 36'), p('sj23'), p('yintang', 'midline'), p('ear-shenmen', 'left', 2)], find);
    expect(r).toEqual({ ok: true, points: [p('ST36'), p('TE23'), p('EX-HN3', 'midline'), p('EAR-SHENMEN', 'left', 2)] });
  });

  it('refuses unknown points, a point twice on a side, the wrong side for the midline, and needle counts out of range', () => {
    expect(problems([p('ST99')])).toEqual([{ field: 'points.0.pointCode', message: expect.stringContaining('ST99') }]);
    expect(problems([p('ST6', 'left'), p('st-6', 'left')])).toEqual([{ field: 'points.1.side', message: expect.stringContaining('already') }]);
    expect(problems([p('ST6', 'both'), p('ST6', 'right')]).map((x) => x.field)).toEqual(['points.1.side']);
    expect(problems([p('ST6', 'left'), p('ST6', 'right')])).toEqual([]);
    expect(problems([p('GV20', 'both')]).map((x) => x.field)).toEqual(['points.0.side']);
    expect(problems([p('LI4', 'midline')]).map((x) => x.field)).toEqual(['points.0.side']);
    expect(problems([p('EAR-SHENMEN', 'midline')])).toEqual([]);
    expect(problems([p('LI4', 'both', 0)]).map((x) => x.field)).toEqual(['points.0.needles']);
    expect(problems([p('LI4', 'both', 11)]).map((x) => x.field)).toEqual(['points.0.needles']);
    expect(problems([p('LI4', 'both', 1.5)]).map((x) => x.field)).toEqual(['points.0.needles']);
    expect(problems([p('LI4', 'both', 10)])).toEqual([]);
  });

  it('refuses more than 60 points', () => {
    const many = ACUPOINTS.slice(0, 61).map((a) => p(a.id, isMidlinePoint(a) ? 'midline' : 'left'));
    expect(many).toHaveLength(61);
    expect(problems(many.slice(0, 60))).toEqual([]);
    expect(problems(many).map((x) => x.field)).toEqual(['points']);
  });

  it('ships defaults that pass their own checks', () => {
    expect(DEFAULT_PROTOCOLS.map((d) => d.name)).toEqual(['Facial rejuvenation core', 'Knee pain', 'Constitutional']);
    for (const d of DEFAULT_PROTOCOLS) expect(checkProtocolPoints(d.points, pointFinder([])), d.name).toEqual({ ok: true, points: d.points });
  });
});
