import { describe, expect, it } from 'vitest';
import { checkProtocolPoints, pointFinder } from '../protocols/protocols.ts';
import { amendedFields, applyAmendments, isLotNumber, isNeedleCount, normaliseLot, signProblems, type AmendableNote, type SignableNote } from './session-note.ts';
import { checkTemplateFields, NOTE_TEMPLATE_DEFINITIONS, templateFor } from './templates.ts';
import { NOTE_TEMPLATES } from './note-kinds.ts';

const draft: SignableNote = {
  status: 'draft', template: 'facial', points: [{ side: 'both', needles: 1 }], needleLot: 'L2307A', needlesIn: 2, needlesOut: 2, discrepancy: null,
};

describe('needle counts', () => {
  it('accepts whole numbers from 0 to 200 and refuses negative, fractional and absurd counts', () => {
    for (const n of [0, 1, 38, 200]) expect(isNeedleCount(n), String(n)).toBe(true);
    for (const n of [-1, 1.5, 201, 10_000, Number.NaN, '3', null]) expect(isNeedleCount(n), String(n)).toBe(false);
  });
});

describe('lot numbers', () => {
  it('accepts the shapes printed on needle boxes, in capitals', () => {
    for (const lot of ['L2307A', '230915', 'hw-2023/11', 'A1B2.C3', 'LOT 12'.replace(' ', '')]) expect(isLotNumber(lot), lot).toBe(true);
    expect(normaliseLot(' l2307a ')).toBe('L2307A');
  });
  it('refuses words, too short or long, spaces, no digit and stray punctuation', () => {
    for (const lot of ['n/a', 'AB', 'same as last time', 'ABCDEF', '12 34', '-123', '123-', '12--34', 'x'.repeat(30) + '1', 'L23<07']) {
      expect(isLotNumber(lot), lot).toBe(false);
    }
  });
});

describe('signing', () => {
  it('allows a reconciled, reviewed draft', () => {
    expect(signProblems(draft, 0)).toEqual([]);
  });
  it('refuses a signed note with 409 note-signed', () => {
    expect(signProblems({ ...draft, status: 'signed' }, 0)).toMatchObject([{ code: 'note-signed', status: 409 }]);
  });
  it('refuses differing counts until a discrepancy says what was searched and found', () => {
    const short = { ...draft, needlesOut: 1 };
    const [problem] = signProblems(short, 0);
    expect(problem).toMatchObject({ code: 'needles-unreconciled', status: 422 });
    expect(problem!.detail).toContain('1 needle fewer');
    expect(signProblems({ ...short, discrepancy: { searched: 'Couch and floor', found: '', recovered: 0 } }, 0)[0]!.code).toBe('needles-unreconciled');
    expect(signProblems({ ...short, discrepancy: { searched: '  ', found: 'On the couch', recovered: 1 } }, 0)[0]!.code).toBe('needles-unreconciled');
    expect(signProblems({ ...short, discrepancy: { searched: 'Couch and floor', found: 'One needle on the couch, disposed of', recovered: 1 } }, 0)).toEqual([]);
    expect(signProblems({ ...draft, needlesOut: 3 }, 0)[0]!.detail).toContain('1 more needle came out');
  });
  it('refuses a needled session without both counts', () => {
    expect(signProblems({ ...draft, needlesOut: null }, 0)[0]!.code).toBe('needles-uncounted');
    expect(signProblems({ ...draft, points: [], needlesIn: null, needlesOut: null }, 0)).toEqual([]);
  });
  it('refuses while a review finding is unacknowledged, with the count problem too', () => {
    expect(signProblems(draft, 1)).toMatchObject([{ code: 'review-outstanding', status: 422 }]);
    expect(signProblems({ ...draft, needlesOut: 0 }, 2).map((p) => p.code)).toEqual(['needles-unreconciled', 'review-outstanding']);
    expect(signProblems(draft, 2)[0]!.detail).toContain('2 screening findings');
  });
});

describe('amendments', () => {
  const note: AmendableNote = {
    fields: { concerns: 'Fine lines', response: 'Relaxed' }, points: [{ pointCode: 'ST3', side: 'both', needles: 1 }],
    needleBrand: 'Seirin', needleSize: '0.16 × 15 mm', needleLot: 'L2307A', needlesIn: 2, needlesOut: 2, discrepancy: null,
  };
  it('records each changed field with before and after, and nothing unchanged', () => {
    const changes = amendedFields(note, { fields: { response: 'Relaxed; small bruise at left ST3', concerns: 'Fine lines' }, needleLot: 'L2307B', needlesIn: 2 });
    expect(changes).toEqual([
      { field: 'fields.response', before: 'Relaxed', after: 'Relaxed; small bruise at left ST3' },
      { field: 'needleLot', before: 'L2307A', after: 'L2307B' },
    ]);
    expect(amendedFields(note, { fields: { concerns: 'Fine lines' } })).toEqual([]);
    expect(amendedFields(note, { points: [{ pointCode: 'ST3', side: 'left', needles: 1 }] })[0]!.field).toBe('points');
  });
  it('reads the note with its amendments applied, leaving the original as it was', () => {
    const changes = amendedFields(note, { fields: { response: 'Calm' }, needlesOut: 1, discrepancy: { searched: 'Couch', found: 'Nothing', recovered: 0 } });
    const now = applyAmendments(note, [{ changes }]);
    expect(now.fields.response).toBe('Calm');
    expect(now.needlesOut).toBe(1);
    expect(now.discrepancy).toEqual({ searched: 'Couch', found: 'Nothing', recovered: 0 });
    expect(note.fields.response).toBe('Relaxed');
    expect(note.needlesOut).toBe(2);
  });
});

describe('templates', () => {
  it('has a template for every note kind, with unique field keys', () => {
    for (const t of NOTE_TEMPLATES) {
      const keys = NOTE_TEMPLATE_DEFINITIONS[t].fields.map((f) => f.key);
      expect(new Set(keys).size, t).toBe(keys.length);
    }
    expect(templateFor('knee').fields.map((f) => f.key)).toContain('painBefore');
  });
  it('accepts empty and valid values, refuses unknown keys, bad choices, scales and long text', () => {
    expect(checkTemplateFields('knee', { knee: 'left', painBefore: '7', painAfter: '', advice: 'Ice' })).toEqual([]);
    const problems = checkTemplateFields('knee', { knee: 'middle', painBefore: '11', tongue: 'pale', advice: 'x'.repeat(2001) });
    expect(problems.map((p) => p.field)).toEqual(['fields.knee', 'fields.painBefore', 'fields.tongue', 'fields.advice']);
  });
});

describe('points', () => {
  it('accepts library and clinic points and refuses points in neither', () => {
    const find = pointFinder(['JAWLINE1']);
    expect(checkProtocolPoints([{ pointCode: 'st-3', side: 'both', needles: 1 }, { pointCode: 'jawline1', side: 'left', needles: 2 }], find)).toMatchObject({
      ok: true, points: [{ pointCode: 'ST3' }, { pointCode: 'JAWLINE1' }],
    });
    expect(checkProtocolPoints([{ pointCode: 'ST99', side: 'both', needles: 1 }], find)).toMatchObject({ ok: false, problems: [{ field: 'points.0.pointCode' }] });
  });
});

describe('amendments of stored notes', () => {
  it('sees no change when only the key order of stored points differs', () => {
    const base: AmendableNote = { fields: {}, points: [{ side: 'both', pointCode: 'ST3', needles: 1 } as never], needleBrand: null, needleSize: null, needleLot: null, needlesIn: null, needlesOut: null, discrepancy: null };
    expect(amendedFields(base, { points: [{ pointCode: 'ST3', side: 'both', needles: 1 }] })).toEqual([]);
  });
});
