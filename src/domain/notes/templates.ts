import type { NoteTemplate } from './note-kinds.ts';
import { GLOGAU, WSRS, type ClinicianScale } from './clinician-scales.ts';

/**
 * The structured fields of a session note, one template per service kind. A note's
 * `fields` is an object of strings keyed by these field keys; the template decides which
 * keys exist, their labels, and what each may hold. Pure data and checks: no I/O.
 */

export type TemplateFieldKind = 'text' | 'longText' | 'choice' | 'scale';

export interface TemplateField {
  key: string;
  label: string;
  kind: TemplateFieldKind;
  /** A short hint under the label (plain words, no jargon). */
  hint?: string;
  /** `choice` only: the values it may take, with their labels. */
  options?: readonly { value: string; label: string }[];
  /** Text limit in characters (`text`, `longText`). */
  max?: number;
}

export interface NoteTemplateDefinition {
  template: NoteTemplate;
  title: string;
  /** Whether the template records points and needles (a consultation may not needle). */
  needles: boolean;
  fields: readonly TemplateField[];
}

const text = (key: string, label: string, hint?: string): TemplateField => ({ key, label, kind: 'text', max: 200, ...(hint ? { hint } : {}) });
const long = (key: string, label: string, hint?: string): TemplateField => ({ key, label, kind: 'longText', max: 2000, ...(hint ? { hint } : {}) });
const scale = (key: string, label: string, hint: string): TemplateField => ({ key, label, kind: 'scale', hint });
const choice = (key: string, label: string, options: [string, string][]): TemplateField => ({
  key, label, kind: 'choice', options: options.map(([value, l]) => ({ value, label: l })),
});
/** A clinician-rated scale as a choice of its grades (see clinician-scales.ts for the citation). */
const rated = (key: string, label: string, hint: string, s: ClinicianScale): TemplateField => ({
  key, label, kind: 'choice', hint, options: s.grades.map((g) => ({ value: g.value, label: g.label })),
});

export const NOTE_TEMPLATE_DEFINITIONS: Record<NoteTemplate, NoteTemplateDefinition> = {
  facial: {
    template: 'facial', title: 'Facial acupuncture', needles: true,
    fields: [
      long('concerns', 'Concerns today', 'What the client wants to work on, in their words'),
      long('skin', 'Skin today', 'Hydration, tone, redness, breakouts'),
      rated('glogau', 'Photo-ageing (Glogau type)', 'Your rating of the face at rest and in motion, type I to IV', GLOGAU),
      rated('foldLeft', 'Nasolabial fold, left (WSRS)', 'Client’s left side, graded 1 (none) to 5 (extreme)', WSRS),
      rated('foldRight', 'Nasolabial fold, right (WSRS)', 'Client’s right side, graded 1 (none) to 5 (extreme)', WSRS),
      long('treatment', 'Treatment given', 'Anything beside the needles: gua sha, facial cupping, massage'),
      long('response', 'Response', 'How the client felt during and after'),
      long('aftercare', 'Aftercare advice'),
    ],
  },
  traditional: {
    template: 'traditional', title: 'Traditional acupuncture', needles: true,
    fields: [
      long('complaint', 'Presenting complaint'),
      text('tongue', 'Tongue'),
      text('pulse', 'Pulse'),
      text('pattern', 'Pattern (diagnosis)'),
      long('response', 'Response'),
      long('advice', 'Advice given'),
    ],
  },
  massage: {
    template: 'massage', title: 'Sports massage', needles: false,
    fields: [
      long('areas', 'Areas worked'),
      long('techniques', 'Techniques'),
      choice('pressure', 'Pressure', [['light', 'Light'], ['medium', 'Medium'], ['firm', 'Firm']]),
      long('response', 'Response'),
      long('advice', 'Advice and exercises'),
    ],
  },
  knee: {
    template: 'knee', title: 'Knee pain care', needles: true,
    fields: [
      choice('knee', 'Knee treated', [['left', 'Left'], ['right', 'Right'], ['both', 'Both']]),
      scale('painBefore', 'Pain before (0–10)', '0 is no pain, 10 the worst imaginable'),
      scale('painAfter', 'Pain after (0–10)', '0 is no pain, 10 the worst imaginable'),
      long('function', 'Function today', 'Stairs, walking, kneeling'),
      long('treatment', 'Treatment given'),
      long('advice', 'Advice and exercises'),
    ],
  },
  consultation: {
    template: 'consultation', title: 'Consultation', needles: true,
    fields: [
      long('concerns', 'Concerns'),
      long('goals', 'Goals'),
      long('assessment', 'Assessment', 'Constitution, pattern, tongue, pulse, skin'),
      long('plan', 'Proposed plan'),
    ],
  },
};

/** The template of a service kind (every service kind has one). */
export const templateFor = (serviceKind: string): NoteTemplateDefinition =>
  NOTE_TEMPLATE_DEFINITIONS[serviceKind as NoteTemplate] ?? NOTE_TEMPLATE_DEFINITIONS.traditional;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Checks a note's structured fields against its template: no keys the template lacks,
 * choices from the list, scales whole numbers 0–10, text within its limit. An empty
 * string means "not filled in yet" and is always allowed (a draft fills in as it goes).
 */
export function checkTemplateFields(template: NoteTemplate, fields: Record<string, string>): FieldProblem[] {
  const def = NOTE_TEMPLATE_DEFINITIONS[template];
  const byKey = new Map(def.fields.map((f) => [f.key, f]));
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const field = byKey.get(key);
    const at = `fields.${key}`;
    if (!field) {
      problems.push({ field: at, message: `${def.title} notes have no field “${key.slice(0, 40)}”` });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ field: at, message: 'Enter text' });
      continue;
    }
    if (value === '') continue;
    if (field.kind === 'choice' && !field.options!.some((o) => o.value === value)) {
      problems.push({ field: at, message: `Choose ${field.options!.map((o) => o.label.toLowerCase()).join(', ')}` });
    }
    if (field.kind === 'scale' && !/^(10|[0-9])$/.test(value)) problems.push({ field: at, message: 'Use a whole number from 0 to 10' });
    if (field.max !== undefined && value.length > field.max) problems.push({ field: at, message: `Use at most ${field.max} characters` });
  }
  return problems;
}

/** A field key the template does not name, as words ("actionTaken" → "Action taken"). */
export const fieldLabel = (key: string) => {
  const words = key.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * A note field as a person reads it: the template's label, and a choice by its words rather
 * than its stored code (a Glogau type "III" as "Type III, advanced: wrinkles at rest", a fold
 * grade "3" as "3, moderate: …", pressure "firm" as "Firm"). Free text is returned as written.
 */
export function describeNoteField(template: string, key: string, value: string): { label: string; text: string } {
  const f = NOTE_TEMPLATE_DEFINITIONS[template as NoteTemplate]?.fields.find((x) => x.key === key);
  return { label: f?.label ?? fieldLabel(key), text: f?.options?.find((o) => o.value === value)?.label ?? value };
}
