import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Lock } from 'lucide-react';
import type { MyTakings, PracticeReport } from '../../../../features/reports/practice-report.schema.ts';
import { ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { addDays, formatPlainDay, todayIn } from '../../../lib/clinic-time.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Loading } from '../../../components/loading.tsx';
import { SelectField } from '../../../components/field.tsx';
import { AttendanceChart, CountChart, NoChartData, periodLabel, UtilisationChart } from './report-charts.tsx';
import { AsTable, Figures, Panel, Table } from './report-parts.tsx';
import { Liability, Outstanding, Takings } from './money-sections.tsx';
import { DateField } from '../../../components/date-field.tsx';

type Section = 'utilisation' | 'attendance' | 'new-clients' | 'conversion' | 'retention' | 'takings' | 'outstanding' | 'liability';
interface Range { startDate: string; endDate: string; retentionWeeks: string }

const KIND_WORDS: Record<string, string> = { facial: 'Facial acupuncture', traditional: 'Traditional acupuncture', massage: 'Sports massage', knee: 'Knee care' };

/** 12.5% · "—" when there was nothing to divide by. */
const pct = (p: number | null) => (p === null ? '—' : `${p.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`);
/** 37 h 30 min. */
function hours(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h === 0 ? `${m} min` : m ? `${h} h ${m} min` : `${h} h`;
}

/** The last 12 full weeks up to today (the browser's date: the server reads the dates in the clinic's zone). */
function defaultRange(): Range {
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return { startDate: addDays(today, -83), endDate: today, retentionWeeks: '8' };
}

function presets(today: string): { label: string; range: [string, string] }[] {
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(monthStart, -1);
  return [
    { label: 'Last 4 weeks', range: [addDays(today, -27), today] },
    { label: 'This month', range: [monthStart, today] },
    { label: 'Last month', range: [`${lastMonthEnd.slice(0, 7)}-01`, lastMonthEnd] },
    { label: 'Last 12 weeks', range: [addDays(today, -83), today] },
    { label: 'Last 12 months', range: [addDays(today, -364), today] },
  ];
}

/**
 * The owner's practice reports over any range of dates: diary utilisation, no-shows and
 * late cancellations, new clients, consultation-to-course conversion and retention, each
 * with a chart, the same figures as a table, and a CSV download. Reception sees them
 * when the owner allows it in the clinic settings.
 */
export function PracticeReportsPage() {
  usePageTitle('Practice reports');
  return (
    <RoleGate roles={['owner', 'reception', 'practitioner']}>
      {(clinic) => (clinic.seesReports ? <Reports clinic={clinic} /> : clinic.seesOwnTakings ? <OwnTakings clinic={clinic} /> : (
        <>
          <PageHeader title="Practice reports" />
          <EmptyState icon={Lock} title={clinic.role === 'practitioner' ? 'Your takings are not shared with you' : 'The reports are not shared with reception'}>
            <p>The clinic’s owner can share them in Clinic settings.</p>
          </EmptyState>
        </>
      ))}
    </RoleGate>
  );
}

function Reports({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const range: Range = {
    startDate: params.get('startDate') ?? fallback.startDate,
    endDate: params.get('endDate') ?? fallback.endDate,
    retentionWeeks: params.get('retentionWeeks') ?? fallback.retentionWeeks,
  };
  const query = new URLSearchParams({ ...range }).toString();
  const report = useApi<PracticeReport>(`/clinics/${clinic.slug}/reports/practice?${query}`);
  const fieldErrors = report.error instanceof ApiError ? report.error.fieldErrors : {};
  const data = report.error === undefined ? report.data : undefined;
  const csv = (section: Section) => `/api/v1/clinics/${clinic.slug}/reports/practice/csv?${query}&section=${section}`;

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Practice reports"
        description={<p>How full the diary was, who did not come, new clients, how many consultations became a course, who came back, and the money: takings, invoices still owed and what the clinic owes in sessions and vouchers. Dates are the clinic’s local dates.</p>}
      />
      <RangeForm key={query} initial={range} errors={fieldErrors} onApply={(next) => setParams(new URLSearchParams({ ...next }))} />

      <div className="mt-6" aria-live="polite">
        {report.error !== undefined && <Alert tone="error">{errorMessage(report.error)}</Alert>}
        {!data && report.loading && <Loading label="Working out the figures…" />}
      </div>

      {data && (
        <div className="mt-6 flex flex-col gap-6">
          <p className="muted">
            {formatPlainDay(data.startDate)} to {formatPlainDay(data.endDate)} · {data.timeZone}
            {report.loading && ' · updating…'}
          </p>
          <Utilisation data={data} csv={csv('utilisation')} />
          <Attendance data={data} csv={csv('attendance')} />
          <div className="grid gap-6 lg:grid-cols-2">
            <Conversion data={data} csv={csv('conversion')} />
            <Retention data={data} csv={csv('retention')} />
          </div>
          <NewClients data={data} csv={csv('new-clients')} />
          <Takings data={data} csv={csv('takings')} />
          <Outstanding data={data} csv={csv('outstanding')} />
          <Liability data={data} csv={csv('liability')} />
        </div>
      )}
    </>
  );
}

/** A practitioner's own takings, when the owner allows it: the same range form, one section. */
function OwnTakings({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const fallback = defaultRange();
  const range: Range = { startDate: params.get('startDate') ?? fallback.startDate, endDate: params.get('endDate') ?? fallback.endDate, retentionWeeks: fallback.retentionWeeks };
  const query = new URLSearchParams({ startDate: range.startDate, endDate: range.endDate }).toString();
  const report = useApi<MyTakings>(`/clinics/${clinic.slug}/reports/my-takings?${query}`);
  const fieldErrors = report.error instanceof ApiError ? report.error.fieldErrors : {};
  const data = report.error === undefined ? report.data : undefined;
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My takings" description={<p>Money taken for the visits you gave, less refunds. Dates are the clinic’s local dates.</p>} />
      <RangeForm key={query} initial={range} errors={fieldErrors} onApply={(next) => setParams(new URLSearchParams({ startDate: next.startDate, endDate: next.endDate }))} withRetention={false} />
      <div className="mt-6" aria-live="polite">
        {report.error !== undefined && <Alert tone="error">{errorMessage(report.error)}</Alert>}
        {!data && report.loading && <Loading label="Working out the figures…" />}
      </div>
      {data && <div className="mt-6"><Takings data={data} /></div>}
    </>
  );
}

function RangeForm({ initial, errors, onApply, withRetention = true }: { initial: Range; errors: Record<string, string>; onApply: (r: Range) => void; withRetention?: boolean }) {
  const [values, setValues] = useState(initial);
  const set = (key: keyof Range) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  const today = todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <form onSubmit={onSubmit} noValidate className="panel" aria-labelledby="range-heading">
      <h2 id="range-heading" className="text-xl">Dates</h2>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label="Quick ranges">
        {presets(today).map((p) => (
          <li key={p.label}>
            <Button variant="secondary" onClick={() => onApply({ ...values, startDate: p.range[0], endDate: p.range[1] })}>{p.label}</Button>
          </li>
        ))}
      </ul>
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <DateField label="From" value={values.startDate} onValueChange={(value) => set('startDate')({ target: { value } })} error={errors.startDate} />
        <DateField label="To (included)" value={values.endDate} onValueChange={(value) => set('endDate')({ target: { value } })} error={errors.endDate} />
        {withRetention && (
          <SelectField label="Came back within" value={values.retentionWeeks} onChange={set('retentionWeeks')} error={errors.retentionWeeks}>
            {['4', '6', '8', '12', '26'].map((w) => <option key={w} value={w}>{w} weeks</option>)}
          </SelectField>
        )}
      </div>
      <div className="mt-5">
        <Button type="submit">Show reports</Button>
      </div>
    </form>
  );
}

function Utilisation({ data, csv }: { data: PracticeReport; csv: string }) {
  const u = data.utilisation;
  const summary = `Booked time as a share of available time: ${u.practitioners.map((p) => `${p.name} ${pct(p.percent)}`).join(', ')}.`;
  return (
    <Panel id="utilisation" title="Diary utilisation" csv={csv}
      intro={<p>Appointment time booked (no-shows included) over each practitioner’s working hours, after time off and closures. Rooms count the hours when anyone works.</p>}>
      <Figures items={[
        ['Booked', pct(u.total.percent), 'of working time'],
        ['Booked time', hours(u.total.bookedMinutes)],
        ['Working time', hours(u.total.availableMinutes)],
        ['Free time', hours(Math.max(0, u.total.availableMinutes - u.total.bookedMinutes))],
      ]} />
      {u.practitioners.length === 0 ? <p className="mt-4">No practitioners with working hours in these dates.</p> : (
        <>
          <h3 className="mt-5 text-base font-semibold">By practitioner</h3>
          <UtilisationChart rows={u.practitioners} summary={summary} />
          <AsTable>
            <Table caption="Utilisation by practitioner" head={['Practitioner', 'Working', 'Booked', 'Share']}
              rows={u.practitioners.map((p) => [p.name, hours(p.availableMinutes), hours(p.bookedMinutes), pct(p.percent)])} />
          </AsTable>
        </>
      )}
      {u.rooms.length > 0 && (
        <>
          <h3 className="mt-5 text-base font-semibold">By room</h3>
          <Table caption="Utilisation by room" head={['Room', 'Open', 'Booked', 'Share']}
            rows={u.rooms.map((r) => [r.name, hours(r.availableMinutes), hours(r.bookedMinutes), pct(r.percent)])} />
        </>
      )}
    </Panel>
  );
}

function Attendance({ data, csv }: { data: PracticeReport; csv: string }) {
  const a = data.attendance;
  const unit = data.granularity === 'week' ? 'Week of' : 'Month';
  const summary = `Per ${data.granularity}: ${a.periods.map((p) => `${periodLabel(p.start, data.granularity)}: ${p.kept} kept, ${p.noShows} no-shows, ${p.lateCancellations} late cancellations`).join('; ')}.`;
  return (
    <Panel id="attendance" title="No-shows and late cancellations" csv={csv}
      intro={<p>Rates are shares of the appointments still due once the cancellation notice began: kept, no-shows and late cancellations. Cancellations in good time are not counted against anyone.</p>}>
      <Figures items={[
        ['No-shows', pct(a.total.noShowPercent), `${a.total.noShows} of ${a.total.due}`],
        ['Late cancellations', pct(a.total.lateCancellationPercent), `${a.total.lateCancellations} of ${a.total.due}`],
        ['Kept', String(a.total.kept), 'appointments'],
        ['Cancelled in time', String(a.total.cancelledInTime), 'slots offered again'],
      ]} />
      {a.total.due > 0 ? (
        <>
          <div className="mt-5"><AttendanceChart periods={a.periods} granularity={data.granularity} summary={summary} /></div>
          <AsTable>
            <Table caption={`Appointments per ${data.granularity}`} head={[unit, 'Kept', 'No-shows', 'Late cancellations', 'No-show rate']}
              rows={a.periods.map((p) => [periodLabel(p.start, data.granularity), p.kept, p.noShows, p.lateCancellations, pct(p.noShowPercent)])} />
          </AsTable>
        </>
      ) : (
        <NoChartData title="No appointments in this period" detail="No appointment was due in these dates. Choose other dates to see a chart." />
      )}
      {a.practitioners.length > 0 && (
        <>
          <h3 className="mt-5 text-base font-semibold">By practitioner</h3>
          <Table caption="No-shows and late cancellations by practitioner" head={['Practitioner', 'Due', 'No-shows', 'Late cancellations']}
            rows={a.practitioners.map((p) => [p.name, p.due, `${p.noShows} (${pct(p.noShowPercent)})`, `${p.lateCancellations} (${pct(p.lateCancellationPercent)})`])} />
        </>
      )}
    </Panel>
  );
}

function Conversion({ data, csv }: { data: PracticeReport; csv: string }) {
  const c = data.conversion;
  return (
    <Panel id="conversion" title="Consultations that became a course" csv={csv}
      intro={<p>Clients whose consultation took place in these dates, and how many then booked a course of treatment (counted up to today, so recent consultations may still convert).</p>}>
      <Figures items={[
        ['Became a course', pct(c.percent), `${c.converted} of ${c.consultations}`],
        ['Consultations', String(c.consultations), 'clients seen'],
      ]} />
      {c.byKind.length > 0 && (
        <Table caption="Courses booked after a consultation, by treatment" head={['Course booked', 'Clients']}
          rows={c.byKind.map((k) => [KIND_WORDS[k.kind] ?? k.kind, k.count])} />
      )}
    </Panel>
  );
}

function Retention({ data, csv }: { data: PracticeReport; csv: string }) {
  const r = data.retention;
  return (
    <Panel id="retention" title="Clients who came back" csv={csv}
      intro={<p>Clients seen in these dates who came back within {r.weeks} weeks of their first visit in them. Those whose {r.weeks} weeks are not over yet, and who have not come back, are left out of the rate.</p>}>
      <Figures items={[
        ['Came back', pct(r.percent), `${r.returned} of ${r.seen - r.stillOpen}`],
        ['Clients seen', String(r.seen)],
        ['Still to come back', String(r.stillOpen), `within ${r.weeks} weeks`],
      ]} />
    </Panel>
  );
}

function NewClients({ data, csv }: { data: PracticeReport; csv: string }) {
  const n = data.newClients;
  const unit = data.granularity === 'week' ? 'Week of' : 'Month';
  const summary = `New clients per ${data.granularity}: ${n.periods.map((p) => `${periodLabel(p.start, data.granularity)} ${p.count}`).join(', ')}.`;
  return (
    <Panel id="new-clients" title="New clients" csv={csv} intro={<p>Clients whose first appointment with the clinic fell in these dates.</p>}>
      <Figures items={[['New clients', String(n.total)]]} />
      {n.total > 0 ? (
        <>
          <div className="mt-5"><CountChart periods={n.periods} granularity={data.granularity} summary={summary} name="New clients" /></div>
          <AsTable>
            <Table caption={`New clients per ${data.granularity}`} head={[unit, 'New clients']} rows={n.periods.map((p) => [periodLabel(p.start, data.granularity), p.count])} />
          </AsTable>
        </>
      ) : (
        <NoChartData title="No new clients in this period" detail="No client had their first appointment in these dates." />
      )}
      <p className="mt-3 text-sm"><Link to="/app/clients?sort=newest">See the newest clients</Link></p>
    </Panel>
  );
}
