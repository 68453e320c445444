/**
 * A licensed instrument a clinic enters itself (MYMOP, FACE-Q …): Yintang ships no licensed
 * question text (reference: outcomes.md, "What Yintang may ship"), so a clinic that holds a
 * licence types the items as its licence allows, with the scale, the scoring rule (sum or
 * mean of the items), the direction of improvement and the minimal important change. The
 * entry becomes an ordinary `MeasureDefinition` for the form engine: asked, scored and
 * charted like the built-in measures. Pure.
 */
import { z } from 'zod';
import { BUILT_IN_MEASURE_KEYS, defineMeasure, type MeasureDefinition } from './measures.ts';

const text = (max: number) => z.string().trim().min(1, 'Please fill this in').max(max, `At most ${max} characters`);

export const licensedInstrumentSchema = z.strictObject({
  name: text(120),
  shortName: text(40),
  /** Where the instrument comes from (authors, paper). */
  citation: text(600),
  /** The licence the clinic holds: from whom, its number, until when. */
  licence: text(600),
  /** The owner confirms the clinic holds a licence to use the text in this way. */
  licenceHeld: z.literal(true, { message: 'Please confirm that your clinic holds a licence for this instrument' }),
  minutes: z.int().min(1).max(30),
  items: z.array(text(300)).min(1, 'Add at least one item').max(50, 'At most 50 items'),
  scale: z.strictObject({
    min: z.int().min(0).max(100),
    max: z.int().min(1).max(100),
    minLabel: text(80),
    maxLabel: text(80),
  }).refine((s) => s.max > s.min, { message: 'The top of the scale must be above the bottom', path: ['max'] })
    .refine((s) => s.max - s.min <= 20, { message: 'A scale has at most 21 points', path: ['max'] }),
  scoring: z.enum(['sum', 'mean'], { message: 'Choose sum or mean' }),
  higherIsBetter: z.boolean(),
  mic: z.number().positive('The meaningful change must be above 0'),
  micSource: text(300),
}).superRefine((m, ctx) => {
  const range = m.scoring === 'sum' ? (m.scale.max - m.scale.min) * m.items.length : m.scale.max - m.scale.min;
  if (m.mic > range) ctx.addIssue({ code: 'custom', path: ['mic'], message: `The meaningful change cannot be more than the score's range (${range})` });
});
export type LicensedInstrumentInput = z.input<typeof licensedInstrumentSchema>;
export type LicensedInstrument = z.output<typeof licensedInstrumentSchema>;

/** The key of a clinic's instrument: `lic-` and its short name in kebab case (`MYMOP2` → `lic-mymop2`). */
export function instrumentKey(shortName: string): string {
  const slug = shortName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'instrument';
  return `lic-${slug}`;
}

/**
 * The measure an entered instrument becomes: one section with an item per line, each a
 * whole number on the scale (both ends labelled), and one score, the sum or the mean of
 * every item (all required).
 */
export function instrumentToMeasure(input: LicensedInstrument, key: string, version = 1): MeasureDefinition {
  if (BUILT_IN_MEASURE_KEYS.includes(key)) throw new Error(`"${key}" is a built-in measure`);
  const ids = input.items.map((_, i) => `item${i + 1}`);
  const n = input.items.length;
  const [min, max] = input.scoring === 'sum' ? [input.scale.min * n, input.scale.max * n] : [input.scale.min, input.scale.max];
  return defineMeasure({
    key, version, name: input.name, shortName: input.shortName,
    description: `Entered by the clinic under its own licence. ${n} item${n === 1 ? '' : 's'}, each ${input.scale.min} (${input.scale.minLabel}) to ${input.scale.max} (${input.scale.maxLabel}); score = ${input.scoring} of the items.`,
    citation: input.citation, licence: input.licence, minutes: input.minutes,
    form: {
      id: key, version, title: input.name,
      sections: [{
        id: 'items', title: input.name,
        questions: input.items.map((label, i) => ({ id: ids[i]!, kind: 'number' as const, min: input.scale.min, max: input.scale.max, integer: true, required: true, label })),
      }],
    },
    anchors: Object.fromEntries(ids.map((id) => [id, { min: input.scale.minLabel, max: input.scale.maxLabel }])),
    scores: [{
      id: 'score', label: `${input.shortName} (${input.scoring}, ${min}–${max})`,
      rule: input.scoring === 'sum' ? { kind: 'sum', items: ids } : { kind: 'mean', items: ids },
      min, max, higherIsBetter: input.higherIsBetter, mic: input.mic, micSource: input.micSource,
    }],
  });
}
