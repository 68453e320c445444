/**
 * The screening engine: evaluates a client's answers against a clinic's rules for one
 * treatment category and appointment date, and says what that means for booking.
 *
 * Pure and deterministic: no clock, no I/O; the same input always gives the same findings
 * in the same order (most serious first, then in rule order). Fast enough to run on every
 * booking request (bench/screening.ts prints the time per evaluation: microseconds).
 *
 * Dates are calendar dates in the clinic's zone. "Wait 28 days after botulinum toxin on
 * 20 May" gives an earliest date of 17 June: an appointment on 17 June is fine, one on
 * 16 June is refused with that date.
 *
 * @example
 * const { findings, summary } = screen({ rules: DEFAULT_RULES.rules, answers, form: DEFAULT_INTAKE_FORM,
 *   treatmentCategory: 'facial', appointmentDate: '2027-06-10' });
 * if (!summary.canBookOnline) // refuse with screening-refer, or screening-wait naming summary.earliestDate
 */

import { addDays, calendarDateAt, formatCalendarDate, isCalendarDate, type CalendarDate } from '../intake/calendar-date.ts';
import { dateAnswer, evaluateCondition, type AnswerValue, type Answers } from '../intake/conditions.ts';
import { formQuestions, type FormDefinition, type Question, type TreatmentCategory } from '../intake/form-definition.ts';
import type { ScreeningLevel, ScreeningRule } from './rule.schema.ts';

export interface ScreenInput {
  /** The clinic's current rules (parsed with `ruleSetSchema`). Disabled rules are skipped. */
  readonly rules: readonly ScreeningRule[];
  /** The client's latest validated answers (`answersSchemaFor`). */
  readonly answers: Answers;
  /** The form the answers are to, for wording answers in messages. */
  readonly form: FormDefinition;
  /** The service's category (`services.kind`). */
  readonly treatmentCategory: TreatmentCategory;
  /**
   * The appointment's day: a calendar date `YYYY-MM-DD` in the clinic's zone, or the
   * appointment's start as an instant (epoch ms or ISO with offset), read in `timeZone`.
   * For "which dates may this client book at all", pass today: the summary's earliest date says.
   */
  readonly appointmentDate: CalendarDate | string | number;
  /** The clinic's IANA zone, for an instant; default Europe/London. */
  readonly timeZone?: string;
}

/** One rule that applies to this client, treatment and date. */
export interface Finding {
  readonly ruleId: string;
  readonly title: string;
  readonly level: ScreeningLevel;
  /** For the client: kind, plain words, never a diagnosis. */
  readonly message: string;
  /** For the practitioner. */
  readonly practitionerMessage: string;
  /** The rule's source (citation). */
  readonly source: string;
  /** Wait rules: the first date treatment may be given. */
  readonly earliestDate?: CalendarDate;
}

export interface ScreeningSummary {
  /** The most serious finding's level, or null when nothing was found. */
  readonly highestLevel: ScreeningLevel | null;
  /** The latest earliest date of all wait findings: no treatment of this category before it. Null without wait findings. */
  readonly earliestDate: CalendarDate | null;
  /** False when any finding is `refer` or `wait`: online booking for this date is refused. */
  readonly canBookOnline: boolean;
  /** True when any finding is `review`: the practitioner acknowledges before the visit. */
  readonly needsAcknowledgement: boolean;
  /** The appointment's calendar date the findings are for. */
  readonly appointmentDate: CalendarDate;
}

export interface ScreeningResult {
  readonly findings: readonly Finding[];
  readonly summary: ScreeningSummary;
}

const RANK: Record<ScreeningLevel, number> = { refer: 0, wait: 1, review: 2, note: 3 };

/** Screens answers for one appointment (see the module comment). Throws only on an invalid date or zone. */
export function screen(input: ScreenInput): ScreeningResult {
  const day = appointmentDay(input.appointmentDate, input.timeZone ?? 'Europe/London');
  const context = { referenceDate: day };
  const found: Finding[] = [];

  for (const rule of input.rules) {
    if (!rule.enabled || !rule.appliesTo.includes(input.treatmentCategory)) continue;
    if (rule.when && !evaluateCondition(rule.when, input.answers, context)) continue;
    const vars: Vars = { answers: input.answers, form: input.form };
    let earliestDate: CalendarDate | undefined;
    if (rule.wait) {
      const from = dateAnswer(input.answers[rule.wait.question], rule.wait.event);
      if (from === undefined) continue;
      earliestDate = addDays(from, rule.wait.days);
      if (day >= earliestDate) continue; // the wait is over by the appointment
      Object.assign(vars, { eventDate: from, earliestDate, days: rule.wait.days });
    }
    found.push({
      ruleId: rule.id,
      title: rule.title,
      level: rule.level,
      message: render(rule.clientMessage, vars),
      practitionerMessage: render(rule.practitionerMessage, vars),
      source: rule.source,
      ...(earliestDate ? { earliestDate } : {}),
    });
  }

  // Stable sort: most serious first, rule order within a level.
  const findings = found.map((f, i) => [f, i] as const).sort(([a, i], [b, j]) => RANK[a.level] - RANK[b.level] || i - j).map(([f]) => f);
  let earliest: CalendarDate | null = null;
  for (const f of findings) if (f.earliestDate && (earliest === null || f.earliestDate > earliest)) earliest = f.earliestDate;
  const highestLevel = findings[0]?.level ?? null;
  return {
    findings,
    summary: {
      highestLevel,
      earliestDate: earliest,
      canBookOnline: !findings.some((f) => f.level === 'refer' || f.level === 'wait'),
      needsAcknowledgement: findings.some((f) => f.level === 'review'),
      appointmentDate: day,
    },
  };
}

function appointmentDay(value: CalendarDate | string | number, timeZone: string): CalendarDate {
  if (typeof value === 'string' && value.length === 10) {
    if (!isCalendarDate(value)) throw new RangeError(`Not a calendar date: ${value}`);
    return value;
  }
  return calendarDateAt(value, timeZone);
}

interface Vars {
  answers: Answers;
  form: FormDefinition;
  eventDate?: CalendarDate;
  earliestDate?: CalendarDate;
  days?: number;
}

function render(template: string, vars: Vars): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    if (name === 'eventDate' && vars.eventDate) return formatCalendarDate(vars.eventDate);
    if (name === 'earliestDate' && vars.earliestDate) return formatCalendarDate(vars.earliestDate);
    if (name === 'days' && vars.days !== undefined) return String(vars.days);
    if (name.startsWith('answer:')) return describeAnswer(questionById(vars.form).get(name.slice(7)), vars.answers[name.slice(7)]);
    return whole;
  });
}

const questionMaps = new WeakMap<FormDefinition, Map<string, Question>>();

function questionById(form: FormDefinition): Map<string, Question> {
  let map = questionMaps.get(form);
  if (!map) {
    map = new Map(formQuestions(form).map(({ question }) => [question.id, question]));
    questionMaps.set(form, map);
  }
  return map;
}

/** An answer in words for a message: option labels, dates as "3 June 2027", numbers with their unit. */
export function describeAnswer(question: Question | undefined, value: AnswerValue | undefined): string {
  if (value === undefined) return 'not given';
  const label = (v: string) => (question && 'options' in question ? (question.options.find((o) => o.value === v)?.label ?? v) : v);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return question?.kind === 'number' && question.unit ? `${value} ${question.unit}` : String(value);
  if (typeof value === 'string') return isCalendarDate(value) ? formatCalendarDate(value) : label(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? label(v) : Object.values(v).join(' ')).toString()).join(', ');
  const events = question?.kind === 'eventDates' ? question.events : [];
  return Object.entries(value)
    .map(([k, d]) => `${events.find((e) => e.value === k)?.label ?? k} ${formatCalendarDate(d)}`)
    .join(', ');
}
