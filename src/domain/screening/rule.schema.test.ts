import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_FORM } from '../intake/default-intake-form.ts';
import { DEFAULT_RULES } from './default-rules.ts';
import { applyRuleChange, ruleChangeSchema, ruleIssuesAgainstForm, ruleSetSchema, screeningRuleSchema } from './rule.schema.ts';

const base = { id: 'r', title: 'R', level: 'review', appliesTo: ['facial'], when: { question: 'keloid', equals: true }, clientMessage: 'c', practitionerMessage: 'p', source: 'Reference 2b' };

describe('screeningRuleSchema', () => {
  it('accepts a rule and defaults it to enabled', () => {
    expect(screeningRuleSchema.parse(base).enabled).toBe(true);
  });

  it('requires a source, a known level and at least one category', () => {
    expect(screeningRuleSchema.safeParse({ ...base, source: ' ' }).success).toBe(false);
    expect(screeningRuleSchema.safeParse({ ...base, level: 'block' }).success).toBe(false);
    expect(screeningRuleSchema.safeParse({ ...base, appliesTo: [] }).success).toBe(false);
  });

  it('ties wait specs to wait rules, and asks other rules for a condition', () => {
    expect(screeningRuleSchema.safeParse({ ...base, level: 'wait' }).error?.issues[0]?.path).toEqual(['wait']);
    expect(screeningRuleSchema.safeParse({ ...base, wait: { question: 'a', days: 3 } }).error?.issues[0]?.path).toEqual(['wait']);
    const { when: _w, ...noWhen } = base;
    expect(screeningRuleSchema.safeParse(noWhen).error?.issues[0]?.path).toEqual(['when']);
    expect(screeningRuleSchema.safeParse({ ...noWhen, level: 'wait', wait: { question: 'recentInjuryDate', days: 3 } }).success).toBe(true);
    expect(screeningRuleSchema.safeParse({ ...noWhen, level: 'wait', wait: { question: 'recentInjuryDate', days: 0 } }).success).toBe(false);
  });

  it('refuses placeholders it cannot fill', () => {
    expect(screeningRuleSchema.safeParse({ ...base, clientMessage: 'Hello {name}' }).success).toBe(false);
    expect(screeningRuleSchema.safeParse({ ...base, clientMessage: 'Weeks: {answer:pregnancyWeeks}' }).success).toBe(true);
  });
});

describe('ruleSetSchema', () => {
  it('refuses a rule id used twice', () => {
    const r = ruleSetSchema.safeParse({ version: 2, rules: [base, base] });
    expect(r.error?.issues[0]).toMatchObject({ path: ['rules', 1, 'id'], message: 'Rule id "r" is used twice' });
  });

  it('round-trips the default rules through JSON, as a clinic’s stored copy would', () => {
    expect(ruleSetSchema.parse(JSON.parse(JSON.stringify(DEFAULT_RULES)))).toEqual(DEFAULT_RULES);
  });

  it('lets a clinic adjust a threshold and wording as a new version', () => {
    const adjusted = {
      version: 2,
      rules: DEFAULT_RULES.rules.map((r) => (r.id === 'wait-botox' ? { ...r, wait: { ...r.wait!, days: 90 }, clientMessage: 'After botulinum toxin on {eventDate}, we can see you from {earliestDate}.' } : r)),
    };
    const parsed = ruleSetSchema.parse(adjusted);
    expect(parsed.rules.find((r) => r.id === 'wait-botox')?.wait?.days).toBe(90);
  });
});

describe('ruleIssuesAgainstForm', () => {
  it('finds rules that read questions the form does not ask, values it does not offer, or dates that are not dates', () => {
    const rules = [
      screeningRuleSchema.parse({ ...base, id: 'a', when: { question: 'tattoos', equals: true } }),
      screeningRuleSchema.parse({ ...base, id: 'b', when: { question: 'pregnancy', equals: 'expecting' } }),
      screeningRuleSchema.parse({ ...base, id: 'c', level: 'wait', when: undefined, wait: { question: 'cosmeticProcedures', event: 'tattoo', days: 10 } }),
      screeningRuleSchema.parse({ ...base, id: 'd', level: 'wait', when: undefined, wait: { question: 'keloid', days: 10 } }),
      screeningRuleSchema.parse({ ...base, id: 'e', practitionerMessage: 'Shoe size {answer:shoeSize}' }),
      screeningRuleSchema.parse({ ...base, id: 'f', when: { question: 'keloid', atLeast: 3 } }),
    ];
    expect(ruleIssuesAgainstForm(rules, DEFAULT_INTAKE_FORM).map((i) => i.path[1])).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('ruleChangeSchema (the owner’s screen) and applyRuleChange', () => {
  const botox = DEFAULT_RULES.rules.find((r) => r.id === 'wait-botox')!;
  const keloid = DEFAULT_RULES.rules.find((r) => r.id === 'keloid')!;
  const change = { clientMessage: 'Please wait {days} days.', practitionerMessage: 'Botox {eventDate}.', enabled: true, waitDays: 21 };

  it('gives each field a plain message', () => {
    const messages = (input: object) => Object.fromEntries((ruleChangeSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages({ ...change, clientMessage: '  ', waitDays: 0 })).toEqual({ clientMessage: 'Please write the wording', waitDays: 'At least 1 day' });
    expect(messages({ ...change, waitDays: Number.NaN })).toEqual({ waitDays: 'Enter a whole number of days' });
    expect(messages({ ...change, waitDays: 2.5 })).toEqual({ waitDays: 'Enter a whole number of days' });
    expect(messages({ ...change, waitDays: 4000 })).toEqual({ waitDays: 'At most 3,660 days (about 10 years)' });
    expect(messages({ ...change, practitionerMessage: 'Hi {name}' })).toEqual({ practitionerMessage: 'Use only {eventDate}, {earliestDate}, {days} or {answer:questionId} in braces' });
    expect(messages({ ...change, clientMessage: 'x'.repeat(801) })).toEqual({ clientMessage: 'Please keep it to 800 characters or fewer' });
  });

  it('changes the wording, the days of a wait rule and whether it is on, and keeps the rest (source included)', () => {
    const changed = applyRuleChange(botox, ruleChangeSchema.parse({ ...change, enabled: false }));
    expect(changed).toEqual({ ...botox, clientMessage: change.clientMessage, practitionerMessage: change.practitionerMessage, enabled: false, wait: { ...botox.wait!, days: 21 } });
    expect(screeningRuleSchema.parse(changed)).toEqual(changed);
    // Days mean nothing to a rule that does not wait.
    expect(applyRuleChange(keloid, ruleChangeSchema.parse(change)).wait).toBeUndefined();
  });
});
