import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Download, Filter, LineChart as LineChartIcon, Printer } from 'lucide-react';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { OutcomeReportView } from '../../../../features/outcomes/outcome-report.schema.ts';
import { ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate } from '../../../lib/format.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Loading } from '../../../components/loading.tsx';
import { SelectField } from '../../../components/field.tsx';
import { DateField } from '../../../components/date-field.tsx';

type Group = OutcomeReportView['groups'][number];
type Score = Group['measures'][number]['scores'][number];
const FILTERS = ['from', 'to', 'serviceId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const EMPTY: Filters = { from: '', to: '', serviceId: '' };
const JADE = '#245a4c';
const CLAY = '#b4694a';

const filtersFrom = (params: URLSearchParams): Filters => Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Filters;
const queryOf = (f: Filters) => {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
  return q;
};

/** A figure as the report shows it: "−3", "−4.96"; a true minus sign for negatives. */
const num = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 }).replace('-', '−');
const pct = (share: number) => `${(share * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
const who = (g: Group) => g.practitionerName ?? 'All practitioners';

/** The owner's clinic outcome report: how clients' scores changed, per service and practitioner. */
export function OutcomeReportPage() {
  usePageTitle('Outcome report');
  return <RoleGate roles={['owner']}>{(clinic) => <Report clinic={clinic} />}</RoleGate>;
}

function Report({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query = queryOf(filters).toString();
  const report = useApi<OutcomeReportView>(`/clinics/${clinic.slug}/outcome-report${query ? `?${query}` : ''}`);
  const fieldErrors = report.error instanceof ApiError ? report.error.fieldErrors : {};
  const data = report.error === undefined ? report.data : undefined;
  const csvHref = `/api/v1/clinics/${clinic.slug}/outcome-report.csv${query ? `?${query}` : ''}`;
  const serviceIds = data ? [...new Set(data.groups.map((g) => g.serviceId))] : [];

  return (
    <div className="outcome-report">
      <PageHeader
        eyebrow={clinic.name}
        title="Outcome report"
        description={<p>How clients’ own scores changed over their courses, per service and practitioner, as a clinical audit would show it. No client is named.</p>}
        actions={(
          <div className="flex flex-wrap gap-3 print:hidden">
            <a className="btn btn-secondary" href={csvHref} download><Download aria-hidden="true" className="size-5" />Download CSV</a>
            <Button variant="secondary" onClick={() => window.print()}><Printer aria-hidden="true" className="size-5" />Print</Button>
          </div>
        )}
      />

      <FilterForm key={params.toString()} initial={filters} services={report.data?.services ?? []} errors={fieldErrors} onApply={(next) => setParams(queryOf(next))} />

      <div className="mt-6" aria-live="polite">
        {report.error !== undefined && <Alert tone="error">{errorMessage(report.error)}</Alert>}
        {!report.data && report.loading && <Loading label="Working out the report…" />}
      </div>

      {data && (
        <>
          <h2 className="text-xl">Courses that started {formatDate(data.from)} to {formatDate(data.to)}</h2>
          <HowToRead minGroup={data.minGroup} />
          {serviceIds.length === 0 ? (
            <div className="mt-6">
              <EmptyState icon={LineChartIcon} title="No courses with questionnaires in this period">
                <p>Once clients answer the outcome questionnaires you chose for a service, their courses appear here. Try a longer period.</p>
              </EmptyState>
            </div>
          ) : (
            serviceIds.map((id) => <ServiceSection key={id} groups={data.groups.filter((g) => g.serviceId === id)} minGroup={data.minGroup} />)
          )}
        </>
      )}
    </div>
  );
}

function FilterForm({ initial, services, errors, onApply }: { initial: Filters; services: OutcomeReportView['services']; errors: Record<string, string>; onApply: (f: Filters) => void }) {
  const [values, setValues] = useState(initial);
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form onSubmit={onSubmit} noValidate className="panel print:hidden" aria-labelledby="report-filter-heading">
      <h2 id="report-filter-heading" className="text-xl">Period and service</h2>
      <div className="mt-4 grid gap-5 sm:grid-cols-3">
        <DateField label="Courses started from" value={values.from} onValueChange={(value) => set('from')({ target: { value } })} error={errors.from} />
        <DateField label="To (included)" value={values.to} onValueChange={(value) => set('to')({ target: { value } })} error={errors.to} />
        <SelectField label="Service" value={values.serviceId} onChange={set('serviceId')} error={errors.serviceId}>
          <option value="">Every service</option>
          {services.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
      </div>
      <div className="mt-5 flex flex-wrap gap-3">
        <Button type="submit"><Filter aria-hidden="true" className="size-5" />Show the report</Button>
        <Button variant="ghost" onClick={() => { setValues(EMPTY); onApply(EMPTY); }}>The last 12 months</Button>
      </div>
    </form>
  );
}

function HowToRead({ minGroup }: { minGroup: number }) {
  return (
    <details className="panel mt-4 print:block" open>
      <summary className="cursor-pointer font-semibold">How to read this report</summary>
      <ul className="mt-3 flex list-disc flex-col gap-1.5 pl-6">
        <li>A <strong>course</strong> is one client’s questionnaires for one service. It counts in the period and for the practitioner of its first questionnaire’s session. It is <strong>completed</strong> when the client answered an end-of-course questionnaire or their treatment plan for the service was completed.</li>
        <li>The <strong>change</strong> is the client’s latest score minus their first. The range after it is the 95% confidence interval of the mean (Student’s t): with few clients it is wide, and a range that crosses 0 does not show a change.</li>
        <li><strong>Meaningfully improved</strong>: the score moved by at least the measure’s minimal important change, in the better direction.</li>
        <li><strong>Answered</strong>: questionnaires answered of those sent.</li>
        <li><strong>Groups of fewer than {minGroup} clients are not shown</strong>, so that no client can be recognised. Outcomes are not controlled for anything: they describe, they do not prove the treatment worked.</li>
      </ul>
    </details>
  );
}

function ServiceSection({ groups, minGroup }: { groups: Group[]; minGroup: number }) {
  const all = groups.find((g) => g.practitionerId === null)!;
  const headingId = `service-${all.serviceId}`;
  const charts = all.measures.flatMap((m) => m.scores.map((s) => ({ measure: m, score: s })));
  return (
    <section aria-labelledby={headingId} className="panel mt-6 break-inside-avoid-page">
      <h2 id={headingId} className="text-2xl">{all.serviceName}</h2>
      {all.shown ? (
        <p className="mt-1" data-testid="course-counts">
          <span className="text-lg font-semibold tabular-nums">{all.coursesStarted}</span> courses started, <span className="text-lg font-semibold tabular-nums">{all.coursesCompleted}</span> completed
        </p>
      ) : (
        <p className="mt-2 rounded-lg bg-sand px-3 py-2">Fewer than {minGroup} clients started a course of this service in the period, so nothing is shown.</p>
      )}
      {all.shown && charts.map(({ measure, score }) => (
        <ScoreBlock key={`${measure.measureKey}-${score.scoreId}`} title={measure.scores.length > 1 ? `${measure.name}: ${score.label}` : measure.name}
          rows={groups.map((g) => ({ group: g, measure: g.measures.find((m) => m.measureKey === measure.measureKey), score: g.measures.find((m) => m.measureKey === measure.measureKey)?.scores.find((s) => s.scoreId === score.scoreId) }))}
          reference={score} minGroup={minGroup} />
      ))}
    </section>
  );
}

interface Row {
  group: Group;
  measure: Group['measures'][number] | undefined;
  score: Score | undefined;
}

function ScoreBlock({ title, rows, reference, minGroup }: { title: string; rows: Row[]; reference: Score; minGroup: number }) {
  const better = reference.higherIsBetter ? 'higher' : 'lower';
  return (
    <div className="mt-6 border-t border-line pt-5">
      <h3 className="text-lg">{title}</h3>
      <p className="muted">{better === 'higher' ? 'Higher' : 'Lower'} is better; a change of {num(reference.mic)} points or more is meaningful.</p>
      <ChangeChart rows={rows} reference={reference} title={title} />
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">{title}: change from the first score, per practitioner</caption>
          <thead>
            <tr className="align-bottom">
              <th scope="col" className="py-2 pr-3">Practitioner</th>
              <th scope="col" className="py-2 pr-3">Courses started</th>
              <th scope="col" className="py-2 pr-3">Completed</th>
              <th scope="col" className="py-2 pr-3">Clients with a follow-up</th>
              <th scope="col" className="py-2 pr-3">Mean change (95% CI)</th>
              <th scope="col" className="py-2 pr-3">Meaningfully improved</th>
              <th scope="col" className="py-2">Answered</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ group: g, measure: m, score: s }) => (
              <tr key={g.practitionerId ?? 'all'} className={`border-t border-line ${g.practitionerId === null ? 'font-semibold' : ''}`}>
                <th scope="row" className="py-2 pr-3 font-medium">{who(g)}</th>
                {!g.shown ? (
                  <td colSpan={6} className="muted py-2">Fewer than {minGroup} clients: not shown</td>
                ) : (
                  <>
                    <td className="py-2 pr-3 tabular-nums">{g.coursesStarted}</td>
                    <td className="py-2 pr-3 tabular-nums">{g.coursesCompleted}</td>
                    {s?.shown && s.meanChange !== null && s.ciLow !== null && s.ciHigh !== null && s.improvedShare !== null ? (
                      <>
                        <td className="py-2 pr-3 tabular-nums">{s.clients}</td>
                        <td className="py-2 pr-3 tabular-nums">{num(s.meanChange)} <span className="muted font-normal">({num(s.ciLow)} to {num(s.ciHigh)})</span></td>
                        <td className="py-2 pr-3 tabular-nums">{s.improved} of {s.clients} ({pct(s.improvedShare)})</td>
                      </>
                    ) : (
                      <td colSpan={3} className="muted py-2 pr-3">Fewer than {minGroup} clients with a follow-up: change not shown</td>
                    )}
                    <td className="py-2 tabular-nums">{m && m.asked !== null && m.answered !== null ? `${m.answered} of ${m.asked}${m.responseRate === null ? '' : ` (${pct(m.responseRate)})`}` : '–'}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The mean change per practitioner as bars with their 95% interval, the line of no change
 * and the meaningful change in the better direction marked. The table beside it carries the
 * same figures for screen readers and print.
 */
function ChangeChart({ rows, reference, title }: { rows: Row[]; reference: Score; title: string }) {
  const data = rows.filter((r) => r.group.shown && r.score?.shown && r.score.meanChange !== null).map((r) => ({
    name: who(r.group), all: r.group.practitionerId === null,
    mean: r.score!.meanChange!, ci: [r.score!.meanChange! - r.score!.ciLow!, r.score!.ciHigh! - r.score!.meanChange!] as [number, number],
  }));
  if (data.length === 0) return null;
  const target = reference.higherIsBetter ? reference.mic : -reference.mic;
  const lo = Math.min(0, target, ...data.map((d) => d.mean - d.ci[0]));
  const hi = Math.max(0, target, ...data.map((d) => d.mean + d.ci[1]));
  const pad = (hi - lo) * 0.1 || 1;
  const summary = `${title}, mean change from the first score: ${data.map((d) => `${d.name} ${num(d.mean)}`).join('; ')}. The table below has the figures.`;
  return (
    <div role="img" aria-label={summary} className="mt-3 w-full" style={{ height: 56 + data.length * 52 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#e4dfd5" horizontal={false} />
          <XAxis type="number" domain={[Math.floor(lo - pad), Math.ceil(hi + pad)]} tick={{ fill: '#55615d', fontSize: 12 }} tickLine={false} axisLine={{ stroke: '#8b948f' }} />
          <YAxis type="category" dataKey="name" width={140} tick={{ fill: '#1f2a27', fontSize: 13 }} tickLine={false} axisLine={false} />
          <ReferenceLine x={0} stroke="#8b948f" />
          <ReferenceLine x={target} stroke={CLAY} strokeDasharray="5 4" label={{ value: 'Meaningful change', position: 'top', fill: '#8f4f35', fontSize: 12 }} />
          <Bar dataKey="mean" barSize={22} isAnimationActive={false}>
            {data.map((d) => <Cell key={d.name} fill={d.all ? JADE : '#5b8f80'} />)}
            <ErrorBar dataKey="ci" width={8} strokeWidth={2} stroke="#1f2a27" direction="x" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
