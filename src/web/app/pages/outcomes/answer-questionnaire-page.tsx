import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CircleCheck, Clock } from 'lucide-react';
import type { z } from 'zod';
import { answersSchemaFor, cleanAnswers, fieldErrors, visibleSections, type AnswerContext, type FormDefinition } from '../../../../domain/intake/index.ts';
import type { answeredView, questionnaireSet } from '../../../../features/outcomes/outcomes.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatWhen } from '../../../lib/clinic-time.ts';
import { usePageTitle } from '../../use-page-title.ts';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Loading } from '../../../components/loading.tsx';
import { QuestionField } from '../health-questions/question-field.tsx';
import { ScaleField } from './scale-field.tsx';

type QuestionnaireSet = z.infer<typeof questionnaireSet>;
type Answered = z.infer<typeof answeredView>;
type Values = Record<string, Record<string, unknown>>;

/**
 * The questions before a session (pain, activities, facial concerns), answered on one
 * short page: opened from the e-mail link (its token is the key, no sign-in) or from the
 * portal (`?booking=`, signed in). Checked with the same schema the server uses.
 */
export function AnswerQuestionnairePage() {
  usePageTitle('How are you doing?');
  const [params] = useSearchParams();
  const clinic = params.get('clinic') ?? '';
  const token = params.get('token') ?? '';
  const booking = params.get('booking') ?? '';
  const validClinic = /^[a-z0-9-]{3,60}$/.test(clinic);
  const base = !validClinic ? null
    : /^[A-Za-z0-9_-]{20,100}$/.test(token) ? `/clinics/${clinic}/questionnaires/by-token/${token}`
      : /^[0-9a-f-]{36}$/.test(booking) ? `/clinics/${clinic}/me/questionnaires/${booking}` : null;
  const set = useApi<QuestionnaireSet>(base);

  if (!base) return <><h1 className="text-3xl">We could not open your questions</h1><Alert tone="error" className="mt-6">This link is incomplete. Please open the link from the e-mail again.</Alert></>;
  if (set.error !== undefined) {
    const signIn = set.error instanceof ApiError && set.error.status === 401;
    return (
      <>
        <h1 className="text-3xl">We could not open your questions</h1>
        <Alert tone="error" className="mt-6">{signIn ? 'Please sign in to answer your questions.' : errorMessage(set.error)}</Alert>
        {signIn && <p className="mt-4"><Link to={`/app/sign-in?next=${encodeURIComponent(`/app/questionnaire?clinic=${clinic}&booking=${booking}`)}`}>Sign in</Link></p>}
      </>
    );
  }
  if (!set.data) return <Loading label="Opening your questions…" />;
  return <Answer set={set.data} base={base} signedIn={!token} clinic={clinic} />;
}

function Answer({ set, base, signedIn, clinic }: { set: QuestionnaireSet; base: string; signedIn: boolean; clinic: string }) {
  const pending = set.items.filter((i) => i.status === 'pending');
  const context: AnswerContext = useMemo(() => ({ categories: [], today: set.today }), [set.today]);
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Answered>();
  const minutes = pending.reduce((sum, i) => sum + i.minutes, 0);

  const setAnswer = (measure: string, question: string, value: unknown) => {
    setValues((v) => ({ ...v, [measure]: { ...v[measure], [question]: value } }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`${measure}.${question}`))));
  };

  async function send() {
    setProblem(undefined);
    const found: Record<string, string> = {};
    const answers: Values = {};
    for (const item of pending) {
      const form = item.form as unknown as FormDefinition;
      const cleaned = cleanAnswers(form, values[item.measureKey] ?? {});
      const result = answersSchemaFor(form, context).safeParse(cleaned);
      if (result.success) answers[item.measureKey] = result.data as Record<string, unknown>;
      else for (const e of fieldErrors(result.error)) found[`${item.measureKey}.${e.field}`] ??= e.message;
    }
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      setProblem(Object.keys(found).length === 1 ? 'Please answer the highlighted question.' : `Please answer the ${Object.keys(found).length} highlighted questions.`);
      document.getElementById(`q-${first.split('.').slice(0, 2).join('-')}`)?.focus();
      return;
    }
    setSending(true);
    try {
      setDone(await api.post<Answered>(base, { answers }));
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      setProblem(errorMessage(error));
    } finally {
      setSending(false);
    }
  }

  if (done || pending.length === 0) {
    return (
      <div className="text-center">
        <CircleCheck aria-hidden="true" className="mx-auto size-12 text-jade-700" />
        <h1 tabIndex={-1} className="mt-4 text-3xl">Thank you</h1>
        <p className="mt-3 text-lg">Your answers are with {set.clinicName} for your visit on {formatWhen(set.sessionAt, set.timeZone)}.</p>
        <p className="muted mt-3">Only you and the practitioners who treat you can see them.</p>
        {signedIn
          ? <p className="mt-6"><Link className="btn btn-primary" to={`/app/progress?clinic=${clinic}`}>See my progress</Link></p>
          : <p className="mt-6"><Link to="/app/sign-in?next=/app/progress">Sign in to see your progress</Link></p>}
      </div>
    );
  }

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <p className="eyebrow">{set.clinicName}</p>
      <h1 tabIndex={-1} className="mt-1 text-3xl leading-tight sm:text-4xl">How are you doing?</h1>
      <p className="mt-3 text-lg">Before your {set.serviceName.toLowerCase()} on {formatWhen(set.sessionAt, set.timeZone)}.</p>
      <p className="muted mt-1 flex items-center gap-1.5"><Clock aria-hidden="true" className="size-4" />About {minutes} minute{minutes === 1 ? '' : 's'}</p>
      {problem && <Alert tone="error" className="mt-6">{problem}</Alert>}
      {pending.map((item) => {
        const form = item.form as unknown as FormDefinition;
        const mine = values[item.measureKey] ?? {};
        const sections = visibleSections(form, cleanAnswers(form, mine) as never, context);
        return (
          <section key={item.requestId} aria-labelledby={`m-${item.measureKey}`} className="panel mt-8">
            <h2 id={`m-${item.measureKey}`} className="text-xl">{item.name}</h2>
            {sections.map(({ section, questions }) => (
              <div key={section.id} className="mt-5">
                {sections.length > 1 && <h3 className="text-lg">{section.title}</h3>}
                {section.intro && <p className="muted mt-1">{section.intro}</p>}
                <div className="mt-4 flex flex-col gap-7">
                  {questions.map((q) => {
                    const key = `${item.measureKey}.${q.id}`;
                    const id = `q-${item.measureKey}-${q.id}`;
                    if (q.kind === 'number' && q.integer && q.min !== undefined && q.max !== undefined && q.max - q.min <= 10) {
                      // A rating that follows a named item (the PSFS activities) says which item it rates.
                      const named = mine[`${q.id}Name`];
                      const label = typeof named === 'string' && named.trim() ? `${named.trim()}: ${q.label.charAt(0).toLowerCase()}${q.label.slice(1)}` : q.label;
                      return <ScaleField key={q.id} id={id} label={label} min={q.min} max={q.max} anchors={item.anchors[q.id]}
                        value={mine[q.id]} error={errors[key]} onChange={(v) => setAnswer(item.measureKey, q.id, v)} />;
                    }
                    const own = Object.fromEntries(Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).map(([k, v]) => [k.slice(key.length + 1), v]));
                    return (
                      <div key={q.id} id={id} tabIndex={-1} className="outline-none">
                        <QuestionField question={q} value={mine[q.id]} errors={own} today={set.today} onChange={(v) => setAnswer(item.measureKey, q.id, v)} />
                      </div>
                    );
                  })}
                </div>
              </div>
            ))}
          </section>
        );
      })}
      <div className="mt-8">
        <Button type="submit" className="w-full sm:w-auto" pending={sending}>Send my answers</Button>
      </div>
    </form>
  );
}
