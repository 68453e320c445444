import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './default-rules.ts';
import { ruleSetSchema } from './rule.schema.ts';

/**
 * The default rules are written in their parsed shape (every default spelled out, keys in
 * the schema's order) and are not parsed when the server starts. This is what checks them
 * instead: parsing must succeed (unique ids, sources, wordings...) and change nothing, not
 * even the order of the keys (saving rules compares them with the defaults by their JSON).
 */
function checkBuiltIn(value: unknown): void {
  const parsed = ruleSetSchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(value));
}

describe('the default rules written in code', () => {
  it('are valid and already in their parsed shape', () => checkBuiltIn(DEFAULT_RULES));

  it('would fail the check when broken, missing a default or out of order', () => {
    const [first, second, ...rest] = DEFAULT_RULES.rules;
    expect(() => checkBuiltIn({ ...DEFAULT_RULES, rules: [first, first, ...rest] })).toThrow(/used twice/);
    const { enabled: _enabled, ...withoutDefault } = first!;
    expect(() => checkBuiltIn({ ...DEFAULT_RULES, rules: [withoutDefault, second, ...rest] })).toThrow();
    const { id, ...others } = first!;
    expect(() => checkBuiltIn({ ...DEFAULT_RULES, rules: [{ ...others, id }, second, ...rest] })).toThrow();
    expect(() => checkBuiltIn({ ...DEFAULT_RULES, rules: [{ ...first!, title: ` ${first!.title}` }, second, ...rest] })).toThrow();
  });
});
