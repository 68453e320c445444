import { describe, expect, it } from 'vitest';
import { BUILT_IN_MEASURES, defineMeasure, type MeasureDefinition } from './measures.ts';

/**
 * The built-in measures are written in their parsed shape (every default spelled out, keys
 * in the schema's order) and are not parsed when the server starts. This is what checks
 * them instead: `defineMeasure` (the schema, the form's integrity checks and the scores'
 * checks against the form) must accept each and change nothing, not even the order of
 * the keys (measures and their forms are stored and compared as JSON).
 */
function checkBuiltIn(value: unknown): void {
  expect(JSON.stringify(defineMeasure(value as MeasureDefinition))).toBe(JSON.stringify(value));
}

describe('the built-in measures written in code', () => {
  it.each(Object.keys(BUILT_IN_MEASURES))('%s is valid and already in its parsed shape', (key) => checkBuiltIn(BUILT_IN_MEASURES[key]));

  it('would fail the check when broken, missing a default or out of order', () => {
    const measure = BUILT_IN_MEASURES['koos-pain']!;
    expect(() => checkBuiltIn({ ...measure })).not.toThrow();
    const { anchors: _anchors, ...withoutDefault } = measure;
    expect(() => checkBuiltIn(withoutDefault)).toThrow();
    const { key, ...others } = measure;
    expect(() => checkBuiltIn({ ...others, key })).toThrow();
    const [score] = measure.scores;
    expect(() => checkBuiltIn({ ...measure, scores: [{ ...score!, rule: { kind: 'mean', items: ['p10'] } }] })).toThrow(/not a question of the form/);
    const [section, ...sections] = measure.form.sections;
    const [question] = section!.questions;
    const { required: _required, ...questionWithoutDefault } = question!;
    expect(() => checkBuiltIn({ ...measure, form: { ...measure.form, sections: [{ ...section!, questions: [questionWithoutDefault] }, ...sections] } })).toThrow();
    expect(() => checkBuiltIn({ ...measure, form: { ...measure.form, sections: [section, section, ...sections] } })).toThrow(/used twice/);
    expect(() => checkBuiltIn({ ...measure, name: ` ${measure.name}` })).toThrow();
  });
});
