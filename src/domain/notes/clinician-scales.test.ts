import { describe, expect, it } from 'vitest';
import { GLOGAU, gradeLabel, scalesFootnote, scalesUsed, WSRS } from './clinician-scales.ts';
import { checkTemplateFields, describeNoteField, NOTE_TEMPLATE_DEFINITIONS } from './templates.ts';

describe('clinician-rated scales', () => {
  it('has Glogau types I–IV and WSRS grades 1–5, each with a one-line explanation', () => {
    expect(GLOGAU.grades.map((g) => g.value)).toEqual(['I', 'II', 'III', 'IV']);
    expect(WSRS.grades.map((g) => g.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(gradeLabel(GLOGAU, 'III')).toBe('Type III, advanced: wrinkles at rest');
    expect(gradeLabel(WSRS, '1')).toBe('1, absent: no visible fold');
    expect(gradeLabel(WSRS, '6')).toBeUndefined();
    for (const g of [...GLOGAU.grades, ...WSRS.grades]) expect(g.label.length).toBeLessThan(60);
  });

  it('records them on the facial template, left and right folds separately', () => {
    const keys = NOTE_TEMPLATE_DEFINITIONS.facial.fields.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['glogau', 'foldLeft', 'foldRight']));
    expect(checkTemplateFields('facial', { glogau: 'II', foldLeft: '3', foldRight: '4' })).toEqual([]);
    expect(checkTemplateFields('facial', { glogau: '', foldLeft: '', foldRight: '' })).toEqual([]);
  });

  it('refuses grades outside the scales', () => {
    const problems = checkTemplateFields('facial', { glogau: 'V', foldLeft: '0', foldRight: '3.5' });
    expect(problems.map((p) => p.field)).toEqual(['fields.glogau', 'fields.foldLeft', 'fields.foldRight']);
    expect(checkTemplateFields('facial', { foldRight: '6' }).map((p) => p.field)).toEqual(['fields.foldRight']);
  });

  it('names each scale used once in a footnote with its citation', () => {
    expect(scalesUsed({ skin: 'Dry', glogau: '', foldLeft: '2', foldRight: '3' })).toEqual([WSRS]);
    expect(scalesUsed({ glogau: 'I' })).toEqual([GLOGAU]);
    expect(scalesUsed({ skin: 'Dry' })).toEqual([]);
    const note = scalesFootnote([GLOGAU, WSRS]);
    expect(note).toContain('Glogau RG');
    expect(note).toContain('Am J Clin Dermatol 2004;5:49-52');
    expect(note.split('\n')).toHaveLength(2);
  });
});

describe('a note field in words', () => {
  it('names a grade by its words rather than its stored code', () => {
    expect(describeNoteField('facial', 'glogau', 'III')).toEqual({ label: 'Photo-ageing (Glogau type)', text: 'Type III, advanced: wrinkles at rest' });
    expect(describeNoteField('facial', 'foldLeft', '1').text).toBe('1, absent: no visible fold');
    expect(describeNoteField('massage', 'pressure', 'firm')).toEqual({ label: 'Pressure', text: 'Firm' });
  });

  it('returns free text as written and names unknown keys in words', () => {
    expect(describeNoteField('facial', 'response', 'Relaxed')).toEqual({ label: 'Response', text: 'Relaxed' });
    expect(describeNoteField('facial', 'actionTaken', 'Ice')).toEqual({ label: 'Action taken', text: 'Ice' });
    expect(describeNoteField('facial', 'glogau', 'V')).toEqual({ label: 'Photo-ageing (Glogau type)', text: 'V' });
  });
});
