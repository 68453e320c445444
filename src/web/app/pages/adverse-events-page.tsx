import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Download, ExternalLink, Filter, ShieldAlert, ShieldCheck } from 'lucide-react';
import type { RegisterPage } from '../../../features/clinical-record/clinical-record.schema.ts';
import { ADVERSE_EVENT_KIND_LABELS, ADVERSE_EVENT_SEVERITY_LABELS } from '../../../domain/notes/adverse-event-register.ts';
import { ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField } from '../../components/field.tsx';
import { DateField } from '../../components/date-field.tsx';

type Event = RegisterPage['events'][number];
const FILTERS = ['type', 'severity', 'practitionerId', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const EMPTY: Filters = { type: '', severity: '', practitionerId: '', from: '', to: '' };

const filtersFrom = (params: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
const queryOf = (f: Filters) => {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
  return q;
};

const SEVERITY_BADGE: Record<Event['severity'], string> = { mild: 'badge badge-neutral', moderate: 'badge badge-caution', serious: 'badge badge-danger' };

/** The owner's adverse event register: every event of a signed note, the rate per 100 sessions, CSV. */
export function AdverseEventsPage() {
  usePageTitle('Adverse events');
  return <RoleGate roles={['owner']}>{(clinic) => <Register clinic={clinic} />}</RoleGate>;
}

function Register({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = queryOf(filters).toString();
  const page = useApi<RegisterPage>(`/clinics/${clinic.slug}/adverse-events${query ? `?${query}` : ''}`);
  const fieldErrors = page.error instanceof ApiError ? page.error.fieldErrors : {};
  const data = page.error === undefined ? page.data : undefined;
  const csvHref = `/api/v1/clinics/${clinic.slug}/adverse-events.csv${query ? `?${query}` : ''}`;

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Adverse events"
        description={<p>Every adverse event recorded in a signed session note: bruising, bleeding, pain, fainting, a needle left in, anything else. Use it to spot patterns and to report serious events.</p>}
        actions={<a className="btn btn-secondary" href={csvHref} download><Download aria-hidden="true" className="size-5" />Download CSV</a>}
      />

      <FilterForm key={params.toString()} initial={filters} practitioners={page.data?.practitioners ?? []} errors={fieldErrors}
        onApply={(next) => setParams(queryOf(next))} />

      <div className="mt-6" aria-live="polite">
        {page.error !== undefined && <Alert tone="error">{errorMessage(page.error)}</Alert>}
        {!page.data && page.loading && <Loading label="Loading the register…" />}
      </div>

      {data && (
        <>
          <Summary data={data} />
          {data.totals.serious > 0 && <ReportingSteps data={data} />}
          <section aria-labelledby="events-heading" className="mt-8">
            <h2 id="events-heading" className="text-xl">Events</h2>
            <p className="muted mt-1">Newest first. Times are the clinic’s local time ({data.timeZone}).</p>
            {data.events.length === 0 ? (
              <EmptyState icon={ShieldCheck} title="No adverse events in this period">
                <p>Nothing matches these filters. Try a longer period, or clear the filters.</p>
              </EmptyState>
            ) : (
              <>
                <EventTable events={data.events} timeZone={data.timeZone} />
                <EventCards events={data.events} timeZone={data.timeZone} />
                {data.truncated && <p className="muted mt-3">Only the newest {data.events.length} are listed; the CSV has them all.</p>}
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

function FilterForm({ initial, practitioners, errors, onApply }: {
  initial: Filters; practitioners: RegisterPage['practitioners']; errors: Record<string, string>; onApply: (f: Filters) => void;
}) {
  const [values, setValues] = useState(initial);
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="panel" aria-labelledby="register-filter-heading">
      <h2 id="register-filter-heading" className="text-xl">Filter</h2>
      <div className="mt-4 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Type" value={values.type} onChange={set('type')} error={errors.type}>
          <option value="">Every type</option>
          {Object.entries(ADVERSE_EVENT_KIND_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </SelectField>
        <SelectField label="Severity" value={values.severity} onChange={set('severity')} error={errors.severity}>
          <option value="">Any severity</option>
          {Object.entries(ADVERSE_EVENT_SEVERITY_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </SelectField>
        <SelectField label="Practitioner" value={values.practitionerId} onChange={set('practitionerId')} error={errors.practitionerId}>
          <option value="">Everyone</option>
          {practitioners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </SelectField>
        <div className="grid grid-cols-2 gap-3 sm:col-span-2 sm:gap-5">
          <DateField label="From" value={values.from} onValueChange={(value) => set('from')({ target: { value } })} error={errors.from} />
          <DateField label="To (included)" value={values.to} onValueChange={(value) => set('to')({ target: { value } })} error={errors.to} />
        </div>
      </div>
      <div className="mt-5 flex flex-wrap gap-3">
        <Button type="submit"><Filter aria-hidden="true" className="size-5" />Show events</Button>
        <Button variant="ghost" onClick={() => { setValues(EMPTY); onApply(EMPTY); }}>Clear filters</Button>
      </div>
    </form>
  );
}

function rateWords(rate: number | null) {
  return rate === null ? 'No sessions' : rate.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

function Summary({ data }: { data: RegisterPage }) {
  const t = data.totals;
  const figures: [string, string, string][] = [
    ['Adverse events', String(t.events), 'in signed notes'],
    ['Sessions', String(t.sessions), 'signed notes in the period'],
    ['Rate per 100 sessions', rateWords(t.ratePer100), t.ratePer100 === null ? 'nothing to divide by' : `${t.events} ÷ ${t.sessions} × 100`],
    ['Serious', String(t.serious), t.serious > 0 ? 'see the reporting steps' : 'none in this period'],
  ];
  return (
    <section aria-labelledby="summary-heading" className="mt-2">
      <h2 id="summary-heading" className="text-xl">
        {formatDate(data.period.from)} to {formatDate(data.period.to)}
      </h2>
      <ul className="mt-4 grid list-none grid-cols-2 gap-3 p-0 lg:grid-cols-4" aria-label="Figures for the period" data-testid="register-figures">
        {figures.map(([label, value, hint]) => (
          <li key={label} className={`panel ${label === 'Serious' && t.serious > 0 ? 'border-danger/40' : ''}`}>
            <p className="muted text-base">{label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{value}</p>
            <p className="muted mt-1 text-sm">{hint}</p>
          </li>
        ))}
      </ul>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <Breakdown title="By type" rows={t.byKind.map((k) => [k.label, k.count])} />
        <Breakdown title="By severity" rows={t.bySeverity.map((s) => [s.label, s.count])} />
      </div>
    </section>
  );
}

function Breakdown({ title, rows }: { title: string; rows: [string, number][] }) {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <div className="panel">
      <h3 className="text-lg">{title}</h3>
      <dl className="mt-3 grid grid-cols-[8rem_minmax(0,1fr)_2rem] items-center gap-x-3 gap-y-2">
        {rows.map(([label, n]) => (
          <div key={label} className="contents">
            <dt className={n === 0 ? 'muted' : ''}>{label}</dt>
            <dd className="h-2 rounded-full bg-sand" aria-hidden="true"><div className="h-2 rounded-full bg-jade-600" style={{ width: `${(n / max) * 100}%` }} /></dd>
            <dd className="text-right tabular-nums">{n}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ReportingSteps({ data }: { data: RegisterPage }) {
  return (
    <section aria-labelledby="steps-heading" className="mt-6 rounded-xl border border-danger/30 bg-danger-50 p-5 sm:p-6">
      <h2 id="steps-heading" className="flex items-center gap-2 text-xl"><ShieldAlert aria-hidden="true" className="size-5 text-danger" />
        {data.totals.serious === 1 ? 'A serious event: what to do' : `${data.totals.serious} serious events: what to do`}
      </h2>
      <ol className="mt-4 flex list-decimal flex-col gap-3 pl-6">
        {data.reportingSteps.map((s) => (
          <li key={s.title}>
            <p className="font-semibold">{s.title}</p>
            <p className="text-ink/90">{s.detail}</p>
            {s.link && (
              <a href={s.link} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1">
                {new URL(s.link).hostname}<ExternalLink aria-hidden="true" className="size-4" /><span className="sr-only"> (opens in a new tab)</span>
              </a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Severity({ e }: { e: Event }) {
  return <span className={SEVERITY_BADGE[e.severity]}>{e.severityLabel}</span>;
}

function WhatHappened({ e }: { e: Event }) {
  return (
    <>
      {e.description && <span className="block">{e.description}</span>}
      {e.actionTaken && <span className="muted block">Action: {e.actionTaken}</span>}
      {e.addedByAmendment && <span className="muted block text-sm">Added by an amendment</span>}
    </>
  );
}

function Needles({ e }: { e: Event }) {
  if (!e.needleLot && !e.needleBrand) return <span className="muted">Not recorded</span>;
  return (
    <>
      {e.needleBrand && <span className="block">{e.needleBrand}</span>}
      {e.needleLot && <span className="muted block tabular-nums whitespace-nowrap">Lot {e.needleLot}</span>}
    </>
  );
}

/** Desktops: a table whose long text wraps, so no column is cut off. */
function EventTable({ events, timeZone }: { events: Event[]; timeZone: string }) {
  return (
    <div className="panel mt-4 hidden p-0 md:block sm:p-0">
      <table className="w-full table-fixed border-collapse text-left align-top">
        <caption className="sr-only">Adverse events, newest first</caption>
        <colgroup>
          <col className="w-[8.5rem]" /><col className="w-[18%]" /><col className="w-[8rem]" /><col /><col className="w-[10rem] max-lg:hidden" />
        </colgroup>
        <thead className="border-b border-line bg-sand">
          <tr>
            {['When', 'Client and practitioner', 'Type', 'What happened', 'Needles'].map((h, i) => (
              <th key={h} scope="col" className={`px-4 py-3 font-semibold ${i === 4 ? 'max-lg:hidden' : ''}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {events.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="px-4 py-3"><time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, timeZone)}</time></td>
              <td className="px-4 py-3 break-words">
                <Link to={`/app/clients/${e.client.id}`} className="block font-medium">{e.client.name}</Link>
                <span className="muted block">{e.practitioner.name}</span>
                {e.serviceName && <span className="muted block text-sm">{e.serviceName}</span>}
              </td>
              <td className="px-4 py-3"><span className="block">{e.kindLabel}</span><span className="mt-1 inline-block"><Severity e={e} /></span></td>
              <td className="px-4 py-3 break-words"><WhatHappened e={e} /></td>
              <td className="px-4 py-3 break-words max-lg:hidden"><Needles e={e} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phones: one card per event. */
function EventCards({ events, timeZone }: { events: Event[]; timeZone: string }) {
  return (
    <ul className="mt-4 flex list-none flex-col gap-3 p-0 md:hidden" aria-label="Adverse events, newest first">
      {events.map((e) => (
        <li key={e.id} className="panel">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-semibold">{e.kindLabel}</p>
            <Severity e={e} />
          </div>
          <p className="muted mt-1"><time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, timeZone)}</time></p>
          <dl className="mt-3 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-2">
            <dt className="muted">Client</dt><dd><Link to={`/app/clients/${e.client.id}`}>{e.client.name}</Link></dd>
            <dt className="muted">Practitioner</dt><dd>{e.practitioner.name}</dd>
            <dt className="muted">What</dt><dd className="break-words"><WhatHappened e={e} /></dd>
            <dt className="muted">Needles</dt><dd><Needles e={e} /></dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
