import { describe, expect, it } from 'vitest';
import { applyRule } from './scoring.ts';
import { instrumentKey, instrumentToMeasure, licensedInstrumentSchema, type LicensedInstrumentInput } from './licensed-instrument.ts';
import { questionnaireFor } from './measures.ts';

/** A made-up instrument shaped like a patient-generated profile (0–6, lower is better); no licensed text. */
const entry: LicensedInstrumentInput = {
  name: 'Example symptom profile', shortName: 'ESP-2', citation: 'Made up for this test.', licence: 'Licence 123 from the rights holder, to 31 December 2031.',
  licenceHeld: true, minutes: 2, items: ['First symptom', 'Second symptom', 'One activity'],
  scale: { min: 0, max: 6, minLabel: 'As good as it could be', maxLabel: 'As bad as it could be' },
  scoring: 'mean', higherIsBetter: false, mic: 1, micSource: 'The rights holder’s guidance.',
};

describe('a licensed instrument entered by a clinic', () => {
  it('becomes a measure scored as the mean of its items: (4 + 2 + 3) / 3 = 3', () => {
    const m = instrumentToMeasure(licensedInstrumentSchema.parse(entry), instrumentKey(entry.shortName));
    expect(m.key).toBe('lic-esp-2');
    expect(m.scores[0]).toMatchObject({ min: 0, max: 6, higherIsBetter: false, mic: 1 });
    expect(applyRule(m.scores[0]!.rule, { item1: 4, item2: 2, item3: 3 })).toBe(3);
    expect(applyRule(m.scores[0]!.rule, { item1: 4, item2: 2 })).toBeNull();
    const q = questionnaireFor(m);
    expect(q.form.sections[0]!.questions.map((x) => x.label)).toEqual(['First symptom', 'Second symptom', 'One activity']);
    expect(q.anchors.item2).toEqual({ min: 'As good as it could be', max: 'As bad as it could be' });
  });

  it('scored as a sum: 4 + 2 + 3 = 9 on 0–18, and only when every item is answered', () => {
    const m = instrumentToMeasure(licensedInstrumentSchema.parse({ ...entry, scoring: 'sum' }), 'lic-esp-2');
    expect(m.scores[0]).toMatchObject({ min: 0, max: 18 });
    expect(applyRule(m.scores[0]!.rule, { item1: 4, item2: 2, item3: 3 })).toBe(9);
    expect(applyRule(m.scores[0]!.rule, { item1: 4, item2: 2 })).toBeNull();
  });

  it('refuses an entry without the licence confirmed, a scale upside down, a change larger than the range, no items', () => {
    const problems = (input: unknown) => {
      const r = licensedInstrumentSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(problems({ ...entry, licenceHeld: false })).toEqual(['licenceHeld']);
    expect(problems({ ...entry, scale: { ...entry.scale, min: 6, max: 6 } })).toContain('scale.max');
    expect(problems({ ...entry, mic: 7 })).toEqual(['mic']);
    expect(problems({ ...entry, items: [] })).toEqual(['items']);
    expect(problems({ ...entry, items: ['  '] })).toEqual(['items.0']);
  });

  it('never takes the key of a built-in measure', () => {
    expect(() => instrumentToMeasure(licensedInstrumentSchema.parse(entry), 'nprs')).toThrow();
    expect(instrumentKey('FACE-Q: Lines')).toBe('lic-face-q-lines');
  });
});
