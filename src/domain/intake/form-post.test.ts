import { describe, expect, it } from 'vitest';
import { answersSchemaFor } from './answers.schema.ts';
import { DEFAULT_INTAKE_FORM } from './default-intake-form.ts';
import { answersFromFormPost } from './form-post.ts';

describe('answersFromFormPost', () => {
  it('turns posted text fields into typed answers', () => {
    const answers = answersFromFormPost(DEFAULT_INTAKE_FORM, {
      pregnancy: 'pregnant',
      pregnancyWeeks: '14',
      bloodThinners: 'yes',
      diabetes: 'no',
      implants: ['pacemaker', 'joint'],
      supplements: '',
      'cosmeticProcedures.botox': '2027-04-20',
      'cosmeticProcedures.filler': '',
      'medications.0.name': 'Apixaban',
      'medications.0.dose': '',
      'medications.1.name': '',
      'medications.3.name': 'Metformin',
      gpName: '',
    });
    expect(answers).toEqual({
      pregnancy: 'pregnant',
      pregnancyWeeks: 14,
      bloodThinners: true,
      diabetes: false,
      implants: ['pacemaker', 'joint'],
      cosmeticProcedures: { botox: '2027-04-20' },
      medications: [{ name: 'Apixaban' }, { name: 'Metformin' }],
    });
  });

  it('leaves bad values for the schema to refuse with a message, and passes unknown names through', () => {
    const answers = answersFromFormPost(DEFAULT_INTAKE_FORM, { pregnancyWeeks: 'twelve', bloodThinners: 'perhaps', sneaky: 'x' });
    expect(answers).toEqual({ pregnancyWeeks: 'twelve', bloodThinners: 'perhaps', sneaky: 'x' });
    const r = answersSchemaFor(DEFAULT_INTAKE_FORM, { categories: ['facial'], today: '2027-05-01' }, { partial: true }).safeParse(answers);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['bloodThinners', 'pregnancyWeeks', 'sneaky']);
  });
});
