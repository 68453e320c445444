import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { CalendarClock, CircleCheck, CircleStop, History, NotebookPen, Pencil, Save, Stethoscope, type LucideIcon } from 'lucide-react';
import type { RulesResponse } from '../../../features/screening/screening.schema.ts';
import {
  applyRuleChange, ruleChangeSchema, SCREENING_LEVELS, type ScreeningLevel, type ScreeningRule,
} from '../../../domain/screening/rule.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../components/field.tsx';

/** How each level reads on the screen, most serious first. */
const LEVELS: Record<ScreeningLevel, { heading: string; explains: string; icon: LucideIcon; badge: string }> = {
  refer: {
    heading: 'Refer: please call the clinic', icon: CircleStop, badge: 'badge-danger',
    explains: 'Online booking of the treatment is refused and the client is asked, kindly, to call. Staff can still book once a practitioner has recorded a decision.',
  },
  wait: {
    heading: 'Wait until a later date', icon: CalendarClock, badge: 'badge-caution',
    explains: 'The client is offered only dates from the end of the waiting time. A booking before it is refused, with the earliest date.',
  },
  review: {
    heading: 'Practitioner review', icon: Stethoscope, badge: 'badge-clay',
    explains: 'The client can book. The appointment is flagged in the diary and the day list until the practitioner records that they have read it.',
  },
  note: {
    heading: 'Note for the practitioner', icon: NotebookPen, badge: 'badge-neutral',
    explains: 'Shown to the practitioner before the visit. Nothing changes for the client.',
  },
};

const TREATMENT_LABELS: Record<string, string> = {
  consultation: 'Consultation',
  facial: 'Facial acupuncture',
  traditional: 'Traditional acupuncture',
  knee: 'Knee pain care',
  massage: 'Sports massage',
};

/** The owner's screening rules: grouped by level, each with its wording and source, changed one rule at a time as new versions. */
export function ScreeningRulesPage() {
  usePageTitle('Screening rules');
  return <RoleGate roles={['owner']}>{(clinic) => <ScreeningRules clinic={clinic} />}</RoleGate>;
}

function ScreeningRules({ clinic }: { clinic: ClinicContext }) {
  const path = `/clinics/${clinic.slug}/settings/screening-rules`;
  const query = useApi<RulesResponse>(path);
  // The last save, so it stays in view while the list reloads.
  const [saved, setSaved] = useState<RulesResponse>();
  const [editing, setEditing] = useState<string>();
  const [message, setMessage] = useState<string>();
  // The rule just saved or left: its card takes focus back and, once saved, says so beside it.
  const [back, setBack] = useState<{ id: string; saved?: number }>();
  const data = saved && (!query.data || saved.version >= query.data.version) ? saved : query.data;
  const rules = (data?.rules ?? []) as ScreeningRule[];

  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Screening rules"
        description={(
          <p>
            Before a visit, Yintang checks each client’s health answers against these rules. Every rule starts from published guidance, named under it.
            You can change a waiting time or the wording, or switch a rule off; each save is kept as a new version.
          </p>
        )} />
      {query.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(query.error)}</Alert>}
      {!data && query.loading && <Loading label="Loading the screening rules…" />}
      <div aria-live="polite" className="mb-6 empty:hidden">{message && <Alert tone="success">{message}</Alert>}</div>
      {data && (
        <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_18rem]">
          <div className="flex min-w-0 flex-col gap-8">
            <nav aria-label="Jump to">
              <ul className="flex flex-wrap gap-2">
                {SCREENING_LEVELS.map((level) => (
                  <li key={level}>
                    <a href={`#level-${level}`} className="btn btn-secondary">
                      {LEVELS[level].heading.split(':')[0]}<span className="text-sm text-muted">{rules.filter((r) => r.level === level).length}</span>
                    </a>
                  </li>
                ))}
                <li className="xl:hidden">
                  <a href="#versions-heading" className="btn btn-ghost"><History aria-hidden="true" className="size-5" />Version history</a>
                </li>
              </ul>
            </nav>
            {SCREENING_LEVELS.map((level) => (
              <LevelSection key={level} level={level}>
                {rules.filter((r) => r.level === level).map((rule) => (
                  <li key={rule.id}>
                    {editing === rule.id
                      ? (
                          <RuleForm clinic={clinic} rule={rule} rules={rules} version={data.version}
                            onCancel={() => { setEditing(undefined); setBack({ id: rule.id }); }}
                            onSaved={(next) => {
                              setSaved(next);
                              setEditing(undefined);
                              setBack({ id: rule.id, saved: next.version });
                              setMessage(`Saved as version ${next.version}. Bookings are screened with it from now on.`);
                              query.reload();
                            }} />
                        )
                      : (
                          <RuleCard rule={rule} back={back?.id === rule.id ? back : undefined}
                            onEdit={() => { setMessage(undefined); setBack(undefined); setEditing(rule.id); }} />
                        )}
                  </li>
                ))}
              </LevelSection>
            ))}
          </div>
          <Versions versions={data.versions} current={data.version} />
        </div>
      )}
    </>
  );
}

function LevelSection({ level, children }: { level: ScreeningLevel; children: ReactNode }) {
  const { heading, explains, icon: Icon } = LEVELS[level];
  return (
    <section aria-labelledby={`level-${level}`} className="flex flex-col gap-3">
      <div>
        <h2 id={`level-${level}`} tabIndex={-1} className="flex scroll-mt-20 items-center gap-2 text-2xl">
          <Icon aria-hidden="true" className="size-6 shrink-0 text-jade-700" />{heading}
        </h2>
        <p className="muted mt-1 max-w-2xl">{explains}</p>
      </div>
      <ul className="flex flex-col gap-4">{children}</ul>
    </section>
  );
}

/** Shows a source with its web addresses as links (bare domains link to their https:// site). */
export function SourceText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s)]+[^\s).,;]|\b(?:[a-z0-9-]+\.)+(?:com|org|uk|ca|info|net)(?:\/[^\s);,]*[^\s).,;])?)/gi);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0 || !part) return <Fragment key={i}>{part}</Fragment>;
        const href = /^https?:\/\//i.test(part) ? part : `https://${part}`;
        return <a key={i} href={href} target="_blank" rel="noreferrer noopener" className="break-words">{part}<span className="sr-only"> (opens in a new tab)</span></a>;
      })}
    </>
  );
}

/** A rule's wording, its {placeholders} set apart: they are filled in for each client. */
function Wording({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\{[^{}]*\})/).map((part, i) => (i % 2 === 1
        ? <span key={i} className="rounded bg-sand px-1 font-mono text-[0.85em] text-ink">{part}</span>
        : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

function RuleCard({ rule, back, onEdit }: { rule: ScreeningRule; back?: { saved?: number }; onEdit: () => void }) {
  const change = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (back) change.current?.focus();
  }, [back]);
  return (
    <article aria-labelledby={`rule-${rule.id}`} className={`panel flex flex-col gap-4 ${rule.enabled ? '' : 'bg-sand/60'}`}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id={`rule-${rule.id}`} className="flex flex-wrap items-center gap-2 text-lg">
            {rule.title}
            {!rule.enabled && <span className="badge badge-neutral">Switched off</span>}
          </h3>
          <p className="muted mt-1 text-sm">
            <span className="sr-only">Applies to: </span>{rule.appliesTo.map((c) => TREATMENT_LABELS[c] ?? c).join(' · ')}
          </p>
        </div>
        <Button ref={change} variant="secondary" className="self-start" onClick={onEdit}>
          <Pencil aria-hidden="true" className="size-4" />Change<span className="sr-only"> “{rule.title}”</span>
        </Button>
      </div>
      {back?.saved !== undefined && (
        <p className="flex items-center gap-2 font-medium text-jade-700">
          <CircleCheck aria-hidden="true" className="size-5 shrink-0" />Saved as version {back.saved}
        </p>
      )}
      {rule.wait && (
        <p className="font-medium">
          <CalendarClock aria-hidden="true" className="mr-1.5 inline size-5 align-text-bottom text-caution" />
          Earliest treatment: {rule.wait.days} {rule.wait.days === 1 ? 'day' : 'days'} after the date the client gives
        </p>
      )}
      <dl className="grid gap-3 md:grid-cols-2">
        <div>
          <dt className="text-sm font-semibold">Clients see</dt>
          <dd className="mt-0.5"><Wording text={rule.clientMessage} /></dd>
        </div>
        <div>
          <dt className="text-sm font-semibold">Practitioners see</dt>
          <dd className="mt-0.5"><Wording text={rule.practitionerMessage} /></dd>
        </div>
        <div className="md:col-span-2">
          <dt className="text-sm font-semibold">Source</dt>
          <dd className="muted mt-0.5 text-sm break-words"><SourceText text={rule.source} /></dd>
        </div>
      </dl>
    </article>
  );
}

const FIELDS = ['clientMessage', 'practitionerMessage', 'waitDays', 'enabled', 'note'] as const;

/** Where the server found a problem in the saved rule set, as the name of a field on this form. */
function fieldOf(serverField: string, index: number): (typeof FIELDS)[number] | undefined {
  if (serverField === 'note') return 'note';
  const prefix = `rules.${index}.`;
  if (!serverField.startsWith(prefix)) return undefined;
  const rest = serverField.slice(prefix.length);
  if (rest === 'wait.days' || rest === 'wait') return 'waitDays';
  return (FIELDS as readonly string[]).includes(rest) ? rest as (typeof FIELDS)[number] : undefined;
}

function RuleForm({ clinic, rule, rules, version, onCancel, onSaved }: {
  clinic: ClinicContext; rule: ScreeningRule; rules: ScreeningRule[]; version: number; onCancel: () => void; onSaved: (next: RulesResponse) => void;
}) {
  const [formError, setFormError] = useState<string>();
  const first = useRef<HTMLHeadingElement>(null);
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm({
    resolver: zodResolver(ruleChangeSchema),
    defaultValues: {
      clientMessage: rule.clientMessage, practitionerMessage: rule.practitionerMessage, enabled: rule.enabled, note: '',
      ...(rule.wait ? { waitDays: rule.wait.days } : {}),
    },
  });
  useEffect(() => first.current?.focus(), []);
  const index = rules.findIndex((r) => r.id === rule.id);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    const next = rules.map((r) => (r.id === rule.id ? applyRuleChange(r, values) : r));
    try {
      onSaved(await api.put<RulesResponse>(`/clinics/${clinic.slug}/settings/screening-rules`, {
        rules: next, baseVersion: version, note: values.note ? values.note : `Changed “${rule.title}”`,
      }));
    } catch (error) {
      if (!(error instanceof ApiError)) return setFormError(errorMessage(error));
      let placed = 0;
      const all = Object.entries(error.fieldErrors);
      for (const [field, text] of all) {
        const name = fieldOf(field, index);
        if (!name) continue;
        setError(name, { type: 'server', message: text }, { shouldFocus: placed === 0 });
        placed++;
      }
      setFormError(placed > 0 && placed === all.length ? 'Please check the highlighted fields.' : errorMessage(error));
    }
  });

  const placeholders = rule.wait ? '{eventDate}, {earliestDate} and {days}' : '{answer:questionId}';
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby={`edit-${rule.id}`} className="panel flex flex-col gap-5 border-jade-300 shadow-soft">
      <div>
        <h3 id={`edit-${rule.id}`} ref={first} tabIndex={-1} className="text-lg">Change “{rule.title}”</h3>
        <p className="muted mt-1 text-sm">Saving makes version {version + 1}. The source stays as it is.</p>
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}
      {rule.wait && (
        <TextField label="Days to wait" type="number" inputMode="numeric" min={1} max={3660} step={1} inputClassName="max-w-32"
          hint="Counted from the date the client gives: with 28 days, a procedure on 1 March means treatment from 29 March."
          error={errors.waitDays?.message} {...register('waitDays', { valueAsNumber: true })} />
      )}
      <TextAreaField label="What clients see" rows={4} error={errors.clientMessage?.message} {...register('clientMessage')}
        hint={`Kind and plain, never a diagnosis. Words in braces, such as ${placeholders}, are filled in for each client.`} />
      <TextAreaField label="What practitioners see" rows={3} error={errors.practitionerMessage?.message} {...register('practitionerMessage')} />
      <CheckboxField label="Use this rule" error={errors.enabled?.message} {...register('enabled')}
        hint="Untick to switch it off: it no longer screens anyone, and you can switch it on again later." />
      <TextField label="Note for the history (optional)" maxLength={500} error={errors.note?.message} {...register('note')}
        hint="For example, why you changed it. Left blank, the history says which rule changed." />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={isSubmitting}><Save aria-hidden="true" className="size-5" />Save as version {version + 1}</Button>
        <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function Versions({ versions, current }: { versions: RulesResponse['versions']; current: number }) {
  return (
    <aside aria-labelledby="versions-heading" className="panel self-start">
      <h2 id="versions-heading" tabIndex={-1} className="flex scroll-mt-20 items-center gap-2 text-lg"><History aria-hidden="true" className="size-5 text-jade-700" />Version history</h2>
      <ol className="mt-3 flex flex-col gap-3">
        {versions.map((v) => (
          <li key={v.version} className="flex flex-col gap-1 border-b border-line pb-3 last:border-0 last:pb-0">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              Version {v.version}{v.version === current && <span className="badge">In use</span>}
            </p>
            <p className="muted text-sm">
              {/* Version 1 is stored when the clinic first saves a change; it dates from the start. */}
              {v.version === 1 && v.createdByName === null
                ? 'From the start · Yintang’s default rules'
                : `${v.createdAt ? formatDateTime(v.createdAt) : ''} · ${v.createdByName ?? 'Yintang'}`}
            </p>
            {v.note && v.note !== 'Yintang’s default rules' && <p className="text-sm">{v.note}</p>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
