/**
 * Outcome measures as data. A measure is a questionnaire for the intake form engine
 * (`src/domain/intake`: items, scales, branching) plus its scores (a rule each, see
 * `scoring.ts`), the direction of improvement and the minimal important change (MIC).
 *
 * Yintang ships only measures free to use (docs: /work/shared/reference/outcomes.md):
 * - NPRS, the 0–10 numeric pain rating (free; MIC about 2 points);
 * - PSFS, the Patient-Specific Functional Scale (free; the client names up to five
 *   activities they find hard and rates each 0–10; score = mean; MIC about 2 points);
 * - the KOOS Pain subscale (Roos & Lohmander 2003), used unmodified, as its terms ask
 *   (RehabMeasures lists the KOOS as free; the current koos.nu terms were not retrieved);
 * - a facial self-assessment written for Yintang (each concern the client chose in their
 *   health questions rated 0–10, plus overall satisfaction; not validated).
 * MYMOP, FACE-Q and WOMAC need a licence: a clinic that holds one enters the instrument
 * itself as a `MeasureDefinition` (checked by `measureDefinitionSchema`).
 */
import { z } from 'zod';
import { defineForm, findQuestion, formDefinitionSchema, type ChoiceOption, type FormDefinition } from '../intake/form-definition.ts';
import { scoreRuleSchema, type ScoreRule } from './scoring.ts';

const keySchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60);
const textSchema = z.string().trim().min(1).max(300);

export const scoreDefinitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/),
  label: textSchema,
  rule: scoreRuleSchema,
  /** The range the score can take, for charts. */
  min: z.number(),
  max: z.number(),
  /** Direction of improvement: true when a higher score is better. */
  higherIsBetter: z.boolean(),
  /** Minimal important change, in score points: a change of at least this much is meaningful. */
  mic: z.number().positive(),
  /** Where the MIC comes from, and whether it is a convention rather than a published figure. */
  micSource: textSchema,
});
export type ScoreDefinition = z.output<typeof scoreDefinitionSchema>;

/** End labels of a 0–10 (or other numeric) scale, by question id: "0 = No pain … 10 = Worst pain imaginable". */
const anchorsSchema = z.record(z.string(), z.strictObject({ min: textSchema, max: textSchema }));
export type ScaleAnchors = z.output<typeof anchorsSchema>;

export const measureDefinitionSchema = z.strictObject({
  key: keySchema,
  version: z.int().min(1),
  name: textSchema,
  shortName: z.string().trim().min(1).max(40),
  description: z.string().trim().max(1000),
  citation: z.string().trim().max(600),
  licence: z.string().trim().max(600),
  /** About how long it takes, for the e-mail and the page. */
  minutes: z.int().min(1).max(30),
  form: formDefinitionSchema,
  scores: z.array(scoreDefinitionSchema).min(1).max(10),
  anchors: anchorsSchema.default({}),
  /** Built-in measures whose items are made for each client (see `questionnaireFor`). */
  personalised: z.enum(['psfs-activities', 'facial-concerns']).optional(),
}).superRefine((m, ctx) => {
  for (const [i, score] of m.scores.entries()) {
    for (const id of ruleQuestionIds(score.rule)) {
      const q = findQuestion(m.form, id);
      if (!q) ctx.addIssue({ code: 'custom', path: ['scores', i, 'rule'], message: `The score reads "${id}", which is not a question of the form` });
      else if ((score.rule.kind === 'mean' || score.rule.kind === 'sum') && q.kind !== 'number' && q.kind !== 'singleChoice') {
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'rule'], message: `"${id}" is not a number or choice question` });
      } else if (score.rule.kind === 'listMean' && (q.kind !== 'list' || !q.fields.some((f) => f.id === (score.rule as { field: string }).field))) {
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'rule'], message: `"${id}" is not a list with that field` });
      }
    }
    if (score.min >= score.max) ctx.addIssue({ code: 'custom', path: ['scores', i, 'max'], message: 'The maximum must be above the minimum' });
  }
});
export type MeasureDefinitionInput = z.input<typeof measureDefinitionSchema>;
export type MeasureDefinition = z.output<typeof measureDefinitionSchema>;

function ruleQuestionIds(rule: ScoreRule): string[] {
  return rule.kind === 'listMean' ? [rule.question] : rule.items;
}

/**
 * Parses a measure entered at run time (a licensed instrument, `licensed-instrument.ts`);
 * throws with every problem. The built-in measures below are written in their parsed shape
 * (every default spelled out, keys in the schema's order) and are not parsed at every
 * start: a test (measures.parsed.test.ts) checks that this accepts them and changes nothing.
 */
export function defineMeasure(input: MeasureDefinitionInput): MeasureDefinition {
  const result = measureDefinitionSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid measure "${String(input.key)}": ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

const zeroToTen = { kind: 'number' as const, min: 0, max: 10, integer: true };

export const NPRS: MeasureDefinition = {
  key: 'nprs',
  version: 1,
  name: 'Pain rating (0 to 10)',
  shortName: 'Pain',
  description: 'One question: how bad the pain has been over the last 24 hours, from 0 (no pain) to 10 (the worst pain imaginable).',
  citation: 'Numeric Pain Rating Scale (NPRS). MCID about 2 points: https://www.sralab.org/rehabilitation-measures/numeric-pain-rating-scale; https://pubmed.ncbi.nlm.nih.gov/21411827/',
  licence: 'Free to use.',
  minutes: 1,
  form: {
    id: 'nprs', version: 1, title: 'Pain rating',
    sections: [{ id: 'pain', title: 'Your pain', questions: [{ id: 'pain', label: 'On average over the last 24 hours, how bad has your pain been?', required: true, ...zeroToTen }] }],
  },
  scores: [{
    id: 'pain', label: 'Pain (0–10)', rule: { kind: 'mean', items: ['pain'] }, min: 0, max: 10, higherIsBetter: false,
    mic: 2, micSource: 'About 2 points (Shirley Ryan AbilityLab; not universal).',
  }],
  anchors: { pain: { min: 'No pain', max: 'Worst pain imaginable' } },
};

/** How many activities a client may name on the PSFS. */
export const PSFS_MAX_ACTIVITIES = 5;
const psfsItems = Array.from({ length: PSFS_MAX_ACTIVITIES }, (_, i) => `activity${i + 1}`);
const PSFS_RATING_LABEL = 'How well can you do it today?';

export const PSFS: MeasureDefinition = {
  key: 'psfs',
  version: 1,
  name: 'Patient-Specific Functional Scale',
  shortName: 'Function (PSFS)',
  description: 'You name up to five activities your problem makes hard, and rate how well you can do each, from 0 (unable) to 10 (as well as before). Later you rate the same activities again.',
  citation: 'Patient-Specific Functional Scale (Stratford et al. 1995). Score = mean of the activity ratings; MCID about 2 points for the mean.',
  licence: 'Free to use.',
  minutes: 2,
  form: {
    id: 'psfs', version: 1, title: 'Activities you find hard',
    sections: [{
      id: 'activities', title: 'Activities you find hard',
      intro: 'Name up to five important activities that you are unable to do, or find hard, because of your problem. Then rate each one.',
      questions: psfsItems.flatMap((id, i) => [
        { id: `${id}Name`, label: `Activity ${i + 1}`, required: i === 0, ...(i > 0 ? { showWhen: { question: `${psfsItems[i - 1]}Name`, answered: true } } : {}), kind: 'shortText' as const, maxLength: 80 },
        { id, label: PSFS_RATING_LABEL, required: true, showWhen: { question: `${id}Name`, answered: true }, ...zeroToTen },
      ]),
    }],
  },
  scores: [{
    id: 'function', label: 'Function (mean of activities, 0–10)', rule: { kind: 'mean', items: psfsItems, minAnswered: 1 }, min: 0, max: 10, higherIsBetter: true,
    mic: 2, micSource: 'About 2 points for the mean (reference: outcomes.md).',
  }],
  anchors: Object.fromEntries(psfsItems.map((id) => [id, { min: 'Unable to do it', max: 'As well as before' }])),
  personalised: 'psfs-activities',
};

const KOOS_FREQUENCY: ChoiceOption[] = ['Never', 'Monthly', 'Weekly', 'Daily', 'Always'].map((label, i) => ({ value: String(i), label }));
const KOOS_SEVERITY: ChoiceOption[] = ['None', 'Mild', 'Moderate', 'Severe', 'Extreme'].map((label, i) => ({ value: String(i), label }));
// The KOOS wording, unmodified.
const KOOS_PAIN_ACTIVITIES = [
  'Twisting/pivoting on your knee', 'Straightening knee fully', 'Bending knee fully', 'Walking on flat surface',
  'Going up or down stairs', 'At night while in bed', 'Sitting or lying', 'Standing upright',
];
const koosItems = Array.from({ length: 9 }, (_, i) => `p${i + 1}`);

export const KOOS_PAIN: MeasureDefinition = {
  key: 'koos-pain',
  version: 1,
  name: 'Knee pain (KOOS Pain subscale)',
  shortName: 'Knee (KOOS Pain)',
  description: 'Nine questions about knee pain in the last week, from the Knee injury and Osteoarthritis Outcome Score. Scored 0 to 100, where 100 means no knee pain.',
  citation: 'KOOS (Roos & Lohmander 2003), Pain subscale: 9 items scored 0–4, normalised to 0–100 (100 = no problems), scorable when more than half are answered. http://koos.nu/faq.html',
  licence: 'Free (RehabMeasures: "Cost: Free"); used unmodified. The current koos.nu terms were not retrieved: the clinic should check them.',
  minutes: 2,
  form: {
    id: 'koos-pain', version: 1, title: 'Knee pain',
    sections: [
      { id: 'painFrequency', title: 'Knee pain', questions: [{ id: 'p1', label: 'How often do you experience knee pain?', required: true, kind: 'singleChoice', options: KOOS_FREQUENCY }] },
      {
        id: 'painActivities', title: 'Knee pain during activities',
        intro: 'What amount of knee pain have you experienced the last week during the following activities?',
        questions: KOOS_PAIN_ACTIVITIES.map((activity, i) => ({ id: `p${i + 2}`, label: activity, required: true, kind: 'singleChoice' as const, options: KOOS_SEVERITY })),
      },
    ],
  },
  scores: [{
    id: 'pain', label: 'Knee pain (0–100, 100 = no pain)',
    rule: { kind: 'mean', items: koosItems, minAnswered: 5, rescale: { itemMin: 0, itemMax: 4, to: 100, invert: true } },
    min: 0, max: 100, higherIsBetter: true,
    mic: 10, micSource: 'Convention (about 8–10 points is often used); not a figure from the reference.',
  }],
  anchors: {},
};

/** The facial concerns of the health questions (`skinConcerns`), as the facial self-assessment rates them. */
export interface FacialConcern {
  readonly value: string;
  readonly label: string;
}

/** The question id for a concern: `fine-lines` → `concernFineLines`. */
export const concernQuestionId = (value: string) => `concern${value.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;

/** In its parsed shape (the built-in measure below is not parsed); a client's own is checked by `defineForm`. */
function facialForm(concerns: readonly FacialConcern[]): FormDefinition {
  const items = concerns.length ? concerns : [{ value: 'overall', label: 'The concerns you came with' }];
  return {
    id: 'facial-self', version: 1, title: 'Your skin: how it feels to you',
    sections: [{
      id: 'concerns', title: 'Your concerns',
      intro: 'For each concern you told us about, how much does it bother you now?',
      questions: [
        ...items.map((c) => ({ id: concernQuestionId(c.value), label: c.label, required: true, ...zeroToTen })),
        { id: 'satisfaction', label: 'Overall, how satisfied are you with how your skin looks?', required: true, ...zeroToTen },
      ],
    }],
  };
}

function facialScores(concerns: readonly FacialConcern[]) {
  const items = (concerns.length ? concerns.map((c) => c.value) : ['overall']).map(concernQuestionId);
  return [
    {
      id: 'concerns', label: 'How much your concerns bother you (0–10)', rule: { kind: 'mean' as const, items, minAnswered: 1 }, min: 0, max: 10,
      higherIsBetter: false, mic: 2, micSource: 'Convention (as for 0–10 ratings); this self-assessment is not validated.',
    },
    {
      id: 'satisfaction', label: 'Satisfaction with your skin (0–10)', rule: { kind: 'mean' as const, items: ['satisfaction'] }, min: 0, max: 10,
      higherIsBetter: true, mic: 2, micSource: 'Convention (as for 0–10 ratings); this self-assessment is not validated.',
    },
  ];
}

function facialAnchors(concerns: readonly FacialConcern[]): ScaleAnchors {
  const items = (concerns.length ? concerns.map((c) => c.value) : ['overall']).map(concernQuestionId);
  return { ...Object.fromEntries(items.map((id) => [id, { min: 'Not at all', max: 'Very much' }])), satisfaction: { min: 'Not at all satisfied', max: 'Completely satisfied' } };
}

export const FACIAL_SELF_ASSESSMENT: MeasureDefinition = {
  key: 'facial-self',
  version: 1,
  name: 'Facial self-assessment',
  shortName: 'Facial',
  description: 'Each concern you chose in your health questions, rated 0 to 10 for how much it bothers you now, and your overall satisfaction with your skin.',
  citation: 'Written for Yintang: a client self-rating of their own cosmetic goals. Not validated.',
  licence: 'Yintang\u2019s own; free.',
  minutes: 1,
  form: facialForm([]),
  scores: facialScores([]),
  anchors: facialAnchors([]),
  personalised: 'facial-concerns',
};

/** The measures Yintang ships, by key. */
export const BUILT_IN_MEASURES: Readonly<Record<string, MeasureDefinition>> = Object.freeze({
  [NPRS.key]: NPRS, [PSFS.key]: PSFS, [KOOS_PAIN.key]: KOOS_PAIN, [FACIAL_SELF_ASSESSMENT.key]: FACIAL_SELF_ASSESSMENT,
});
export const BUILT_IN_MEASURE_KEYS = Object.keys(BUILT_IN_MEASURES) as readonly string[];

/** A questionnaire as sent to one client: the exact form, scores and anchors, stored with the request. */
export interface Questionnaire {
  readonly measureKey: string;
  readonly measureVersion: number;
  readonly name: string;
  readonly minutes: number;
  readonly form: FormDefinition;
  readonly scores: readonly ScoreDefinition[];
  readonly anchors: ScaleAnchors;
}

/** What a personalised measure is built from for one client. */
export interface PersonalContext {
  /** The concerns the client chose in their health questions (facial). */
  readonly concerns?: readonly FacialConcern[];
  /** The activities the client named at baseline (PSFS follow-ups rate the same ones, in the same order). */
  readonly activities?: readonly string[];
}

/**
 * The questionnaire one client answers. The PSFS baseline asks the client to name their
 * activities; a follow-up lists the baseline's activities to rate again (same item ids,
 * so the scores compare). The facial self-assessment has one item per chosen concern.
 */
export function questionnaireFor(measure: MeasureDefinition, context: PersonalContext = {}): Questionnaire {
  const base = { measureKey: measure.key, measureVersion: measure.version, name: measure.name, minutes: measure.minutes };
  if (measure.personalised === 'psfs-activities' && context.activities?.length) {
    const activities = context.activities.slice(0, PSFS_MAX_ACTIVITIES);
    const form = defineForm({
      id: 'psfs', version: 1, title: 'Activities you find hard',
      sections: [{
        id: 'activities', title: 'The activities you named',
        intro: 'Rate again how well you can do each activity today.',
        questions: activities.map((name, i) => ({ id: psfsItems[i]!, ...zeroToTen, required: true, label: name })),
      }],
    });
    return { ...base, form, scores: measure.scores, anchors: measure.anchors };
  }
  if (measure.personalised === 'facial-concerns') {
    const concerns = context.concerns ?? [];
    return { ...base, form: defineForm(facialForm(concerns)), scores: facialScores(concerns).map((s) => scoreDefinitionSchema.parse(s)), anchors: facialAnchors(concerns) };
  }
  return { ...base, form: measure.form, scores: measure.scores, anchors: measure.anchors };
}

/** The activities a client named in a PSFS baseline's answers, in order. */
export function psfsActivities(answers: Readonly<Record<string, unknown>>): string[] {
  return psfsItems.map((id) => answers[`${id}Name`]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}
