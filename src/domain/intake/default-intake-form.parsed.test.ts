import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { defineForm, type FormDefinition } from './form-definition.ts';

/**
 * The default intake form is written in its parsed shape (every default spelled out, keys
 * in the schema's order) and is not parsed when the server starts. This is what checks it
 * instead: `defineForm` (the schema and the integrity checks: unique ids, branching on
 * earlier questions only, values that exist) must accept it and change nothing, not even
 * the order of the keys (forms are compared by their JSON).
 */
function checkBuiltIn(value: unknown): void {
  expect(JSON.stringify(defineForm(value as FormDefinition))).toBe(JSON.stringify(value));
}

describe('the default intake form written in code', () => {
  it('is valid and already in its parsed shape', () => checkBuiltIn(DEFAULT_INTAKE_FORM));

  it('would fail the check when broken, missing a default or out of order', () => {
    const [first, ...otherSections] = DEFAULT_INTAKE_FORM.sections;
    const [question, second, ...otherQuestions] = first!.questions;
    const withQuestions = (...questions: unknown[]) => ({ ...DEFAULT_INTAKE_FORM, sections: [{ ...first!, questions: [...questions, ...otherQuestions] }, ...otherSections] });
    expect(() => checkBuiltIn(withQuestions(question, second))).not.toThrow();
    expect(() => checkBuiltIn(withQuestions(question, question))).toThrow(/used twice/);
    expect(() => checkBuiltIn(withQuestions(question, { ...second!, showWhen: { question: 'conditions', answered: true } }))).toThrow(/not an earlier question/);
    const { required: _required, ...withoutDefault } = second!;
    expect(() => checkBuiltIn(withQuestions(question, withoutDefault))).toThrow();
    const { id, ...others } = second!;
    expect(() => checkBuiltIn(withQuestions(question, { ...others, id }))).toThrow();
    expect(() => checkBuiltIn(withQuestions(question, { ...second!, label: ` ${second!.label}` }))).toThrow();
    expect(() => checkBuiltIn({ ...DEFAULT_INTAKE_FORM, sections: [] })).toThrow(/Invalid form/);
  });
});
