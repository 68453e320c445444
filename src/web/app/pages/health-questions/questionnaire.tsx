import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { ArrowLeft, ArrowRight, Check, CloudAlert, LoaderCircle, Pencil } from 'lucide-react';
import {
  answersSchemaFor, cleanAnswers, describeAnswer, fieldErrors, formQuestions, resumeSection, visibleSections,
  type AnswerContext, type FieldError, type FormDefinition, type TreatmentCategory,
} from '../../../../domain/intake/index.ts';
import { ApiError, errorMessage } from '../../../lib/api-client.ts';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { QuestionField } from './question-field.tsx';

type Values = Record<string, unknown>;
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface QuestionnaireProps {
  form: FormDefinition;
  categories: readonly TreatmentCategory[];
  today: string;
  initialAnswers: Values;
  /** Saves answers as the person goes (a patch: null clears an answer). Absent: no drafts (staff entering answers). */
  saveDraft?: (patch: Values) => Promise<void>;
  /** Submits the complete answers; throws an ApiError with field errors if the server refuses them. */
  submit: (answers: Values) => Promise<void>;
  submitLabel?: string;
  /** Shown above the review, e.g. who the answers are entered for. */
  reviewIntro?: string;
  disabled?: boolean;
}

/** Messages for one question, keyed by the path below it (`''` for the question itself). */
function messagesFor(errors: readonly FieldError[], id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const [head, ...rest] = e.field.split('.');
    if (head === id) out[rest.join('.')] ??= e.message;
  }
  return out;
}

/**
 * The health questionnaire, a section per step: only the questions that apply are shown,
 * answers save as the person goes ("Saved"), it opens where they left off, and it ends on
 * a review with "Change" beside each section. Every check is the one answers schema the
 * server uses, so the messages are the same on both sides.
 */
export function Questionnaire({ form, categories, today, initialAnswers, saveDraft, submit, submitLabel = 'Send my answers', reviewIntro, disabled = false }: QuestionnaireProps) {
  const context: AnswerContext = useMemo(() => ({ categories, today }), [categories, today]);
  const full = useMemo(() => answersSchemaFor(form, context), [form, context]);
  const partial = useMemo(() => answersSchemaFor(form, context, { partial: true }), [form, context]);
  const allIds = useMemo(() => formQuestions(form).map(({ question }) => question.id), [form]);

  const { control, getValues } = useForm<Values>({ defaultValues: initialAnswers });
  const values = useWatch({ control }) as Values;
  const answers = useMemo(() => cleanAnswers(form, values), [form, values]);
  const sections = useMemo(() => visibleSections(form, answers as never, context), [form, answers, context]);

  const [step, setStep] = useState(() => resumeSection(form, cleanAnswers(form, initialAnswers) as never, context));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const answersKey = JSON.stringify(answers);
  const lastSaved = useRef(answersKey);
  const onReview = step >= sections.length;

  /** Saves every answer that passes the schema; an answer still being typed wrongly waits. */
  const save = useCallback(async () => {
    if (!saveDraft || disabled) return;
    const cleaned = cleanAnswers(form, getValues());
    const result = partial.safeParse(cleaned);
    const refused = new Set(result.success ? [] : fieldErrors(result.error).map((e) => e.field.split('.')[0]!));
    const patch: Values = {};
    for (const id of allIds) if (!refused.has(id)) patch[id] = cleaned[id] ?? null;
    const key = JSON.stringify(cleaned);
    setSaveState('saving');
    try {
      await saveDraft(patch);
      lastSaved.current = key;
      setSaveState('saved');
    } catch (error) {
      setSaveState('error');
      setFormError(errorMessage(error));
    }
  }, [saveDraft, disabled, form, getValues, partial, allIds]);

  // Save a moment after the person stops changing answers.
  useEffect(() => {
    if (!saveDraft || disabled || answersKey === lastSaved.current) return;
    const timer = setTimeout(() => void save(), 900);
    return () => clearTimeout(timer);
  }, [answersKey, save, saveDraft, disabled]);

  const goTo = (next: number) => {
    setStep(next);
    setFormError(undefined);
    requestAnimationFrame(() => {
      headingRef.current?.focus();
      window.scrollTo({ top: 0 });
    });
  };

  const focusQuestion = (id: string) => requestAnimationFrame(() => {
    const box = document.querySelector<HTMLElement>(`[data-question="${id}"]`);
    box?.querySelector<HTMLElement>('input, textarea, select, fieldset')?.focus();
    box?.scrollIntoView({ block: 'center' });
  });

  /** Checks the current section with the full schema (required answers included). */
  const next = async () => {
    const ids = new Set(sections[step]!.questions.map((q) => q.id));
    const result = full.safeParse(answers);
    const mine = result.success ? [] : fieldErrors(result.error).filter((e) => ids.has(e.field.split('.')[0]!));
    setErrors(mine);
    if (mine.length) {
      focusQuestion(mine[0]!.field.split('.')[0]!);
      return;
    }
    if (answersKey !== lastSaved.current) void save();
    goTo(step + 1);
  };

  const send = async () => {
    setFormError(undefined);
    const result = full.safeParse(answers);
    if (!result.success) return showErrors(fieldErrors(result.error));
    setSubmitting(true);
    try {
      await submit(result.data as Values);
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) showErrors(error.problem.errors);
      else setFormError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  const showErrors = (list: FieldError[]) => {
    setErrors(list);
    const first = list[0]!.field.split('.')[0]!;
    const at = sections.findIndex((s) => s.questions.some((q) => q.id === first));
    setFormError(list.length === 1 ? 'One answer needs checking.' : `${list.length} answers need checking.`);
    if (at >= 0) {
      setStep(at);
      focusQuestion(first);
    }
  };

  const section = sections[step];
  return (
    <div className="flex max-w-xl flex-col">
      <Progress step={step} total={sections.length} saveState={saveDraft ? saveState : 'idle'} />
      {formError && <Alert tone="error" className="mt-4">{formError}</Alert>}
      {!onReview && section && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); void next(); }} className="mt-5 flex flex-col">
          <h2 ref={headingRef} tabIndex={-1} className="text-2xl outline-none">{section.section.title}</h2>
          {section.section.intro && <p className="muted mt-1">{section.section.intro}</p>}
          <div className="mt-6 flex flex-col gap-8">
            {section.questions.map((q) => (
              <div key={q.id} data-question={q.id}>
                <Controller control={control} name={q.id} render={({ field }) => (
                  <QuestionField question={q} value={field.value} today={today} errors={messagesFor(errors, q.id)}
                    onChange={(v) => {
                      field.onChange(v);
                      if (errors.some((e) => e.field.split('.')[0] === q.id)) setErrors((list) => list.filter((e) => e.field.split('.')[0] !== q.id));
                    }} />
                )} />
              </div>
            ))}
          </div>
          <StepButtons back={step > 0 ? () => goTo(step - 1) : undefined} nextLabel={step + 1 === sections.length ? 'Review my answers' : 'Continue'} disabled={disabled} />
        </form>
      )}
      {onReview && (
        <div className="mt-5">
          <h2 ref={headingRef} tabIndex={-1} className="text-2xl outline-none">Check your answers</h2>
          <p className="muted mt-1">{reviewIntro ?? 'Have a look through. You can change anything before you send it.'}</p>
          <div className="mt-6 flex flex-col gap-4">
            {sections.map(({ section: s, questions }, i) => (
              <section key={s.id} className="panel" aria-labelledby={`review-${s.id}`}>
                <div className="flex items-start justify-between gap-3">
                  <h3 id={`review-${s.id}`} className="text-lg">{s.title}</h3>
                  <button type="button" className="btn btn-ghost -mt-2 -mr-2 px-3" onClick={() => goTo(i)}>
                    <Pencil aria-hidden="true" className="size-4" />Change<span className="sr-only"> {s.title}</span>
                  </button>
                </div>
                <dl className="mt-2 flex flex-col gap-3">
                  {questions.map((q) => (
                    <div key={q.id}>
                      <dt className="muted text-base">{q.label}</dt>
                      <dd className={answers[q.id] === undefined ? 'text-muted italic' : 'font-medium break-words'}>{describeAnswer(q, answers[q.id] as never)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <div className="sticky bottom-0 -mx-4 mt-6 flex gap-3 border-t border-line bg-paper/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:px-0">
            <Button variant="secondary" onClick={() => goTo(sections.length - 1)} aria-label="Back to the last section"><ArrowLeft aria-hidden="true" className="size-5" />Back</Button>
            <Button className="flex-1 sm:flex-none" pending={submitting} disabled={disabled} onClick={() => void send()}><Check aria-hidden="true" className="size-5" />{submitLabel}</Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** Back and Continue, kept within thumb's reach at the bottom of a phone screen. */
function StepButtons({ back, nextLabel, disabled }: { back?: () => void; nextLabel: string; disabled: boolean }) {
  return (
    <div className="sticky bottom-0 -mx-4 mt-8 flex gap-3 border-t border-line bg-paper/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:px-0">
      {back && <Button variant="secondary" onClick={back}><ArrowLeft aria-hidden="true" className="size-5" />Back</Button>}
      <Button type="submit" className="flex-1 sm:flex-none" disabled={disabled}>{nextLabel}<ArrowRight aria-hidden="true" className="size-5" /></Button>
    </div>
  );
}

function Progress({ step, total, saveState }: { step: number; total: number; saveState: SaveState }) {
  const shown = Math.min(step + 1, total);
  const review = step >= total;
  return (
    <div>
      <div className="flex items-center justify-between gap-3 text-base">
        <p className="muted">{review ? 'Last step: check and send' : `Step ${shown} of ${total}`}</p>
        <p role="status" aria-live="polite" className="muted inline-flex items-center gap-1.5">
          {saveState === 'saving' && <><LoaderCircle aria-hidden="true" className="size-4 animate-spin" />Saving…</>}
          {saveState === 'saved' && <><Check aria-hidden="true" className="size-4 text-jade-700" />Saved</>}
          {saveState === 'error' && <><CloudAlert aria-hidden="true" className="size-4 text-danger" />Not saved</>}
        </p>
      </div>
      <div className="mt-2 h-2 overflow-hidden rounded-full bg-jade-100" aria-hidden="true">
        <div className="h-full rounded-full bg-jade-600 transition-[width]" style={{ width: `${Math.round(((review ? total : step) / Math.max(total, 1)) * 100)}%` }} />
      </div>
    </div>
  );
}
