/**
 * Outcome-measure scoring as data: a measure's scores are rules over the answers of its
 * questionnaire (a form of the intake form engine), so a clinic that holds a licence for
 * an instrument (MYMOP, FACE-Q) can enter its items and scoring itself. Pure: no clock,
 * no I/O.
 *
 * | rule        | score                                                                          |
 * |-------------|--------------------------------------------------------------------------------|
 * | `mean`      | mean of the numeric answers to `items`; `null` below `minAnswered` answers     |
 * | `listMean`  | mean of one numeric `field` across the items of a `list` answer (PSFS baseline)|
 * | `sum`       | sum of the numeric answers to `items`; `null` unless every item is answered    |
 *
 * Either may `rescale` the mean linearly from the item range to 0–`to` (optionally
 * inverted): KOOS subscales are `100 − mean × 100 / 4`. A choice answer counts as its
 * option value read as a number (`'3'` → 3).
 */
import { z } from 'zod';
import type { AnswerValue, Answers } from '../intake/conditions.ts';

const idSchema = z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/);

const rescaleSchema = z.strictObject({
  /** The item range the mean is in. */
  itemMin: z.number(),
  itemMax: z.number(),
  /** The score range after rescaling: 0 to `to`. */
  to: z.number().positive(),
  /** Turn it over, so the item range's minimum becomes `to` (KOOS: 0 = no problem → 100). */
  invert: z.boolean().default(false),
});

export const scoreRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mean'), items: z.array(idSchema).min(1).max(100), minAnswered: z.int().min(1).optional(), rescale: rescaleSchema.optional() }),
  z.strictObject({ kind: z.literal('listMean'), question: idSchema, field: idSchema, minAnswered: z.int().min(1).optional(), rescale: rescaleSchema.optional() }),
  // A sum is only comparable when every item is answered, so it has no `minAnswered`.
  z.strictObject({ kind: z.literal('sum'), items: z.array(idSchema).min(1).max(100) }),
]);
export type ScoreRule = z.output<typeof scoreRuleSchema>;
export type ScoreRuleInput = z.input<typeof scoreRuleSchema>;

/** One number from an answer, or undefined when it is not one. */
export function numericAnswer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** Rounds to one decimal place, as scores are shown and stored (half away from zero). */
export const round1 = (n: number) => Math.sign(n) * Math.round(Math.abs(n) * 10) / 10;

/** The numbers a rule reads from the answers, in order. */
export function ruleValues(rule: ScoreRule, answers: Answers): number[] {
  if (rule.kind === 'mean' || rule.kind === 'sum') {
    return rule.items.map((id) => numericAnswer(answers[id])).filter((n): n is number => n !== undefined);
  }
  const list = answers[rule.question] as AnswerValue | undefined;
  if (!Array.isArray(list)) return [];
  return (list as unknown[]).map((item) => (item && typeof item === 'object' ? numericAnswer((item as Record<string, unknown>)[rule.field]) : undefined))
    .filter((n): n is number => n !== undefined);
}

/**
 * The score of a rule over the answers, to one decimal place; null when too few items were
 * answered to score (every item is needed by default for `mean`, one for `listMean`).
 */
export function applyRule(rule: ScoreRule, answers: Answers): number | null {
  const values = ruleValues(rule, answers);
  if (rule.kind === 'sum') return values.length === rule.items.length ? round1(values.reduce((a, b) => a + b, 0)) : null;
  const needed = rule.minAnswered ?? (rule.kind === 'mean' ? rule.items.length : 1);
  if (values.length === 0 || values.length < needed) return null;
  let score = values.reduce((a, b) => a + b, 0) / values.length;
  if (rule.rescale) {
    const { itemMin, itemMax, to, invert } = rule.rescale;
    const fraction = (score - itemMin) / (itemMax - itemMin);
    score = (invert ? 1 - fraction : fraction) * to;
  }
  return round1(score);
}
