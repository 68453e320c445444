import type { FormDefinition, Question } from '../../../domain/intake/form-definition.ts';
import type { SuitabilityResult } from '../../../domain/screening/suitability.ts';

export interface SuitabilityCheckProps {
  /** The check's questions (`suitabilityForm()`), already limited to this treatment. */
  form: FormDefinition;
  questions: readonly Question[];
  /** Where the form posts: the treatment page itself. */
  action: string;
  treatmentName: string;
  bookHref: string;
  clinicPhone: string | null;
  /** The posted answers, to keep them ticked after an answer. */
  values?: Readonly<Record<string, unknown>>;
  result?: SuitabilityResult;
  /** Field errors by question id. */
  errors?: Readonly<Record<string, string>>;
}

const ANCHOR = 'is-it-right-for-me';

/**
 * "Is it right for me?": a short anonymous check on a treatment page. A plain form that
 * posts to the page (no JavaScript); the answer is rendered above the questions. Follow-up
 * questions are always shown, marked "if…", since nothing branches without script.
 */
export function SuitabilityCheck({ form, questions, action, treatmentName, bookHref, clinicPhone, values = {}, result, errors = {} }: SuitabilityCheckProps) {
  const section = form.sections[0]!;
  return (
    <section id={ANCHOR} aria-labelledby={`${ANCHOR}-h`} className="prose-section">
      <h2 id={`${ANCHOR}-h`}>Is it right for me?</h2>
      <p className="mt-2">
        A few quick questions to see whether you can book {treatmentName} online, or whether it is better to talk with us first.
        {' '}{section.intro}
      </p>
      {result && (
        <div className={`panel mt-4 suitability-${result.outcome}`} role="status" aria-labelledby={`${ANCHOR}-result`}>
          <h3 id={`${ANCHOR}-result`} className="text-xl">{result.title}</h3>
          <p className="mt-2">{result.message}</p>
          {result.reasons.length > 0 && (
            <ul className="mt-2">{result.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          )}
          <p className="mt-4">
            {result.outcome === 'call-clinic'
              ? (clinicPhone ? <a className="btn btn-primary" href={`tel:${clinicPhone.replace(/\s+/g, '')}`}>Call the clinic on {clinicPhone}</a> : <span>Please contact the clinic.</span>)
              : <a className="btn btn-primary" href={bookHref}>{result.outcome === 'book-online' ? 'Book online' : 'Book a consultation'}</a>}
          </p>
        </div>
      )}
      {Object.keys(errors).length > 0 && (
        <p className="panel mt-4" role="alert">Please check the answers marked below.</p>
      )}
      <form method="post" action={`${action}#${ANCHOR}`} className="mt-4 flex flex-col gap-5" noValidate>
        {questions.map((q) => <Field key={q.id} q={q} value={values[q.id]} error={errors[q.id]} />)}
        <p><button type="submit" className="btn btn-secondary">See what suits me</button></p>
        <p className="muted text-sm">This is a guide, not a medical assessment. Nothing you enter here is saved.</p>
      </form>
    </section>
  );
}

function Hint({ q }: { q: Question }) {
  const followUp = q.showWhen ? 'Only if it applies to you. ' : '';
  return (followUp || q.help) ? <span className="muted block text-sm" id={`sc-${q.id}-hint`}>{followUp}{q.help}</span> : null;
}

function Field({ q, value, error }: { q: Question; value: unknown; error?: string }) {
  const describedBy = [q.help || q.showWhen ? `sc-${q.id}-hint` : '', error ? `sc-${q.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const err = error ? <span className="field-error block" id={`sc-${q.id}-error`}>{error}</span> : null;
  if (q.kind === 'yesNo' || q.kind === 'singleChoice' || q.kind === 'multipleChoice') {
    const options = q.kind === 'yesNo' ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] : q.options;
    const checked = (v: string) => (q.kind === 'yesNo' ? (value === true && v === 'yes') || (value === false && v === 'no')
      : Array.isArray(value) ? value.includes(v) : value === v);
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="font-semibold">{q.label}</legend>
        <Hint q={q} />{err}
        {options.map((o) => (
          <label key={o.value} className="mt-1 flex items-center gap-2">
            <input type={q.kind === 'multipleChoice' ? 'checkbox' : 'radio'} name={q.id} value={o.value} defaultChecked={checked(o.value)} />
            {o.label}
          </label>
        ))}
      </fieldset>
    );
  }
  if (q.kind === 'eventDates') {
    const dates = (value ?? {}) as Record<string, string>;
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="font-semibold">{q.label}</legend>
        <Hint q={q} />{err}
        {q.events.map((e) => (
          <label key={e.value} className="mt-2 flex flex-wrap items-center justify-between gap-2">
            <span>{e.label}</span>
            <input type="date" name={`${q.id}.${e.value}`} defaultValue={dates[e.value] ?? ''} className="input w-auto" />
          </label>
        ))}
      </fieldset>
    );
  }
  if (q.kind === 'number') {
    return (
      <label className="flex flex-col gap-1">
        <span className="font-semibold">{q.label}</span>
        <Hint q={q} />{err}
        <input type="number" name={q.id} inputMode="numeric" min={q.min} max={q.max} defaultValue={typeof value === 'number' ? value : ''} className="input w-32" aria-describedby={describedBy} />
      </label>
    );
  }
  return null;
}
