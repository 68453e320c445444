import { useState } from 'react';
import { ClipboardList, NotebookPen, Plus } from 'lucide-react';
import type { z } from 'zod';
import type { consultation as consultationSchema } from '../../../../features/plans/plans.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi, type ApiQuery } from '../../../lib/use-api.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextAreaField, TextField, TimeField } from '../../../components/field.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useStaffServices } from '../booking/diary-actions.tsx';
import { CourseDates, type CourseProposal } from './course-dates.tsx';
import { PlanCareBooking, PlanProgress, PlanStatusBadge, PlanSummary, type Plan } from './plan-view.tsx';
import { BookCourseDialog } from './book-course-dialog.tsx';
import { COURSE_INTERVAL_WEEKS, intervalLabel, isCourseable, type PlanCare } from '../../../lib/course-choice.ts';
import { addDays, todayIn } from '../../../lib/clinic-time.ts';
import { GLOGAU, WSRS, type ClinicianScale } from '../../../../domain/notes/clinician-scales.ts';
import { DateField } from '../../../components/date-field.tsx';

type Consultation = z.infer<typeof consultationSchema>;
const clinical = (clinic: ClinicContext) => clinic.role === 'owner' || clinic.role === 'practitioner';

/**
 * A client's treatment plans on their record: every plan with its progress. The owner and
 * the client's practitioners propose, withdraw and complete plans; reception sees the
 * schedule and progress and books the course of a plan the client accepted.
 */
export type ClientPlans = ApiQuery<{ timeZone: string; items: Plan[] }>;

/** A client's plans, fetched once for the record and shared by the plans and consultation panels (each read is audited). */
export const useClientPlans = (clinic: ClinicContext, clientId: string): ClientPlans =>
  useApi(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/plans`);

export function PlansPanel({ clinic, clientId, clientName, list }: { clinic: ClinicContext; clientId: string; clientName: string; list: ClientPlans }) {
  const [proposing, setProposing] = useState(false);
  const [message, setMessage] = useState<string>();
  const items = list.data?.items ?? [];
  return (
    <section className="panel flex flex-col gap-5" aria-labelledby="plans-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="plans-heading" className="flex items-center gap-2 text-xl"><ClipboardList aria-hidden="true" className="size-5 text-jade-700" />Treatment plans</h2>
        {clinical(clinic) && !proposing && <Button variant="secondary" onClick={() => { setProposing(true); setMessage(undefined); }}><Plus aria-hidden="true" className="size-5" />Propose a plan</Button>}
      </div>
      {message && <Alert tone="success">{message}</Alert>}
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading plans…" />}
      {proposing && (
        <ProposePlanForm clinic={clinic} clientId={clientId} onCancel={() => setProposing(false)}
          onProposed={() => { setProposing(false); setMessage(`Plan proposed. ${clientName} sees it under “Treatment plan” when they sign in, to accept and book.`); list.reload(); }} />
      )}
      {list.data && items.length === 0 && !proposing && <p className="muted">No treatment plan yet.{clinical(clinic) ? ' Propose one after the consultation: the client accepts it and books the course online.' : ''}</p>}
      {items.length > 0 && (
        <ul className="flex flex-col divide-y divide-line border-t border-line">
          {items.map((p) => <li key={p.id} className="py-5"><StaffPlan clinic={clinic} plan={p} timeZone={list.data!.timeZone} onChanged={list.reload} /></li>)}
        </ul>
      )}
    </section>
  );
}

function StaffPlan({ clinic, plan, timeZone, onChanged }: { clinic: ClinicContext; plan: Plan; timeZone: string; onChanged: () => void }) {
  const [proposal, setProposal] = useState<CourseProposal>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [care, setCare] = useState<PlanCare>();
  const [booked, setBooked] = useState<string>();
  const base = `/clinics/${clinic.slug}/plans/${plan.id}`;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="text-lg">{plan.title}</h3>
        <PlanStatusBadge status={plan.status} />
        <span className="muted text-sm">Proposed {formatDateTime(plan.createdAt, timeZone)}{plan.acceptedAt ? `, accepted ${formatDateTime(plan.acceptedAt, timeZone)}` : ''}</span>
      </div>
      <PlanSummary plan={plan} />
      {plan.progress && <PlanProgress plan={plan} timeZone={timeZone} />}
      {error && <Alert tone="error">{error}</Alert>}
      {booked && <Alert tone="success">{booked}</Alert>}
      <PlanCareBooking plan={plan} onBook={(c) => { setBooked(undefined); setCare(c); }} />
      <BookCourseDialog clinic={clinic} open={care !== undefined} care={care} client={{ id: plan.clientId, name: plan.clientName }}
        defaultDate={addDays(todayIn(timeZone), 7)} onClose={() => setCare(undefined)} onBooked={(message) => { setCare(undefined); setBooked(message); onChanged(); }} />
      {proposal ? (
        <CourseDates proposal={proposal} pending={busy} confirmLabel={`Book all ${plan.sessions} sessions`}
          onConfirm={(starts) => run(async () => { await api.post(`${base}/book`, { starts }); setProposal(undefined); onChanged(); })} />
      ) : (
        <div className="flex flex-wrap gap-3">
          {plan.status === 'accepted' && <Button pending={busy} onClick={() => run(async () => setProposal(await api.post<CourseProposal>(`${base}/proposal`, {})))}>Book the course</Button>}
          {clinical(clinic) && plan.status === 'in_progress' && <Button variant="secondary" pending={busy} onClick={() => run(async () => { await api.post(`${base}/status`, { action: 'complete' }); onChanged(); })}>Mark the course completed</Button>}
          {clinical(clinic) && ['proposed', 'accepted', 'in_progress'].includes(plan.status) && (
            <Button variant="ghost" pending={busy} onClick={() => run(async () => { await api.post(`${base}/status`, { action: 'withdraw' }); onChanged(); })}>Withdraw the plan</Button>
          )}
        </div>
      )}
    </div>
  );
}


function ProposePlanForm({ clinic, clientId, onCancel, onProposed }: { clinic: ClinicContext; clientId: string; onCancel: () => void; onProposed: () => void }) {
  const services = useStaffServices(clinic.slug);
  const people = useApi<{ items: { id: string; name: string }[] }>(`/clinics/${clinic.slug}/practitioners`);
  const offered = (services.data?.items ?? []).filter((s) => s.active && isCourseable(s));
  const [v, setV] = useState({
    serviceId: '', practitionerId: '', sessions: '6', weeks: '1', firstDate: '', time: '10:00', price: '', explanation: '',
    extraServiceId: '', extraSessions: '', extraWeeks: '2', maintenanceWeeks: '4', maintenanceNote: '',
  });
  const extra = offered.find((s) => s.id === v.extraServiceId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const service = offered.find((s) => s.id === v.serviceId);
  const givers = (people.data?.items ?? []).filter((p) => !service || (service.bookablePractitionerIds ?? service.practitionerIds).includes(p.id));
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));
  const suggested = service ? service.priceMinor * (Number(v.sessions) || 0) : null;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const sessions = Number(v.sessions);
    const price = v.price.trim() === '' && suggested !== null ? suggested : Math.round(Number(v.price.replace(/[£,\s]/g, '')) * 100);
    if (!v.serviceId) found.serviceId = 'Choose a treatment';
    if (!v.practitionerId) found.practitionerId = 'Choose a practitioner';
    if (!Number.isInteger(sessions) || sessions < 2 || sessions > 52) found.sessions = 'Enter between 2 and 52 sessions';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.firstDate)) found.firstDate = 'Choose the date of the first session';
    if (!/^\d{2}:\d{2}$/.test(v.time)) found.time = 'Enter a time such as 10:00';
    if (!Number.isFinite(price) || price < 0) found.price = 'Enter a price such as 540.00';
    const extraSessions = Number(v.extraSessions);
    if (extra && (!Number.isInteger(extraSessions) || extraSessions < 1)) found.extraSessions = 'How many sessions?';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/plans`, {
        serviceId: v.serviceId, practitionerId: v.practitionerId, sessions, intervalDays: Number(v.weeks) * 7, firstDate: v.firstDate, time: v.time,
        priceMinor: price, explanation: v.explanation.trim(),
        complementary: extra ? [{ name: extra.name, sessions: extraSessions, intervalDays: Number(v.extraWeeks) * 7, serviceId: extra.id }] : [],
        maintenance: v.maintenanceWeeks ? { intervalDays: Number(v.maintenanceWeeks) * 7, note: v.maintenanceNote.trim() } : null,
      });
      onProposed();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5 rounded-lg border border-line bg-sand/40 p-4 sm:p-5" aria-label="Propose a plan">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Treatment" value={v.serviceId} error={errors.serviceId} onChange={set('serviceId')}>
          <option value="">Choose…</option>
          {offered.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <SelectField label="Practitioner" value={v.practitionerId} error={errors.practitionerId} onChange={set('practitionerId')}>
          <option value="">Choose…</option>
          {givers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </SelectField>
        <TextField label="Sessions" inputMode="numeric" value={v.sessions} error={errors.sessions} onChange={set('sessions')} />
        <SelectField label="How often" value={v.weeks} onChange={set('weeks')}>
          {COURSE_INTERVAL_WEEKS.slice(0, 4).map((w) => <option key={w} value={w}>{intervalLabel(w)}</option>)}
        </SelectField>
        <DateField label="First session" value={v.firstDate} error={errors.firstDate} onValueChange={(value) => set('firstDate')({ target: { value } })} />
        <TimeField label="Preferred time" value={v.time} error={errors.time} onValueChange={(time) => setV((o) => ({ ...o, time }))} />
        <TextField label="Course price (£)" inputMode="decimal" value={v.price} error={errors.price ?? errors.priceMinor} onChange={set('price')}
          hint={suggested !== null ? `Leave blank for ${formatMoney(suggested)} (${v.sessions || 0} × the session price).` : 'For the whole course.'} />
        <SelectField label="After the course" value={v.maintenanceWeeks} onChange={set('maintenanceWeeks')}>
          <option value="">No maintenance sessions</option>
          {[4, 6, 8].map((w) => <option key={w} value={w}>One session every {w} weeks</option>)}
        </SelectField>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="label mb-2">Alongside the course (optional)</legend>
        <SelectField label="Care" value={v.extraServiceId} onChange={set('extraServiceId')} hint="e.g. sports massage or knee-pain care; the client can book it from the plan.">
          <option value="">None</option>
          {offered.filter((s) => s.id !== v.serviceId).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <TextField label="Sessions" inputMode="numeric" value={v.extraSessions} error={errors.extraSessions} onChange={set('extraSessions')} />
        <SelectField label="How often" value={v.extraWeeks} onChange={set('extraWeeks')}>
          {COURSE_INTERVAL_WEEKS.slice(0, 4).map((w) => <option key={w} value={w}>{intervalLabel(w)}</option>)}
        </SelectField>
      </fieldset>
      <TextAreaField label="A word for the client (optional)" rows={3} value={v.explanation} onChange={set('explanation')} hint="What the course aims for and what to expect. The client reads this with the plan." />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" pending={busy}>Propose the plan</Button>
        <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

const ASSESSMENT: { key: 'concerns' | 'goals' | 'pattern' | 'tongue' | 'pulse' | 'skin'; label: string; rows: number; placeholder?: string }[] = [
  { key: 'concerns', label: 'Concerns', rows: 3 },
  { key: 'goals', label: 'Goals', rows: 3 },
  { key: 'pattern', label: 'Pattern', rows: 2, placeholder: 'e.g. Liver qi stagnation with Spleen qi deficiency' },
  { key: 'tongue', label: 'Tongue', rows: 2 },
  { key: 'pulse', label: 'Pulse', rows: 2 },
  { key: 'skin', label: 'Skin assessment', rows: 3 },
];

/** The clinician-rated skin observations of the consultation record, each a choice of its scale's grades. */
const RATED: { key: 'glogau' | 'foldLeft' | 'foldRight'; label: string; hint: string; scale: ClinicianScale }[] = [
  { key: 'glogau', label: 'Photo-ageing (Glogau type)', hint: 'Your rating of the face at rest and in motion, type I to IV', scale: GLOGAU },
  { key: 'foldLeft', label: 'Nasolabial fold, left (WSRS)', hint: 'Client’s left side, graded 1 (none) to 5 (extreme)', scale: WSRS },
  { key: 'foldRight', label: 'Nasolabial fold, right (WSRS)', hint: 'Client’s right side, graded 1 (none) to 5 (extreme)', scale: WSRS },
];

/** The consultation record: concerns and goals, the assessment, the findings to acknowledge and the plan proposed (owner and the client's practitioners). */
export function ConsultationPanel({ clinic, clientId, plans }: { clinic: ClinicContext; clientId: string; plans: Plan[] }) {
  const record = useApi<Consultation>(clinical(clinic) ? `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/consultation` : null);
  // Kept here, not in the form: a save reloads the record and the form starts afresh at its new revision.
  const [saved, setSaved] = useState(false);
  if (!clinical(clinic)) return null;
  return (
    <section className="panel flex flex-col gap-5" aria-labelledby="consultation-heading">
      <h2 id="consultation-heading" className="flex items-center gap-2 text-xl"><NotebookPen aria-hidden="true" className="size-5 text-jade-700" />Consultation record</h2>
      {record.error !== undefined && <Alert tone="error">{errorMessage(record.error)}</Alert>}
      {!record.data && record.loading && <Loading label="Loading the consultation record…" />}
      {record.data && <ConsultationForm key={record.data.revision} clinic={clinic} record={record.data} plans={plans} onSaved={() => { setSaved(true); record.reload(); }} onEdit={() => setSaved(false)} saved={saved} />}
    </section>
  );
}

function ConsultationForm({ clinic, record, plans, onSaved, onEdit, saved }: {
  clinic: ClinicContext; record: Consultation; plans: Plan[]; onSaved: () => void; onEdit: () => void; saved: boolean;
}) {
  const [v, setV] = useState({ concerns: record.concerns, goals: record.goals, pattern: record.pattern, tongue: record.tongue, pulse: record.pulse, skin: record.skin,
    glogau: record.glogau, foldLeft: record.foldLeft, foldRight: record.foldRight, planId: record.planId ?? '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = record.findings.filter((f) => f.decision === null && f.level !== 'note');

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    onEdit();
    try {
      await api.put(`/clinics/${clinic.slug}/clients/${encodeURIComponent(record.clientId)}/consultation`, { ...v, planId: v.planId || null, revision: record.revision });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      {saved && <Alert tone="success">Consultation record saved.</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {record.revision === 0 && (record.fromAnswers.concerns || record.fromAnswers.goals) && <p className="muted">Concerns and goals start from the client’s health questions.</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        {ASSESSMENT.map((a) => (
          <TextAreaField key={a.key} label={a.label} rows={a.rows} placeholder={a.placeholder} value={v[a.key]} onChange={(e) => setV((o) => ({ ...o, [a.key]: e.target.value }))} />
        ))}
      </div>
      <fieldset className="grid gap-4 lg:max-w-xl">
        <legend className="label mb-2">Skin scales (clinician-rated)</legend>
        {RATED.map((r) => (
          <SelectField key={r.key} label={r.label} hint={r.hint} value={v[r.key]} onChange={(e) => setV((o) => ({ ...o, [r.key]: e.target.value }))}>
            <option value="">Not rated</option>
            {r.scale.grades.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}
          </SelectField>
        ))}
      </fieldset>
      <div>
        <h3 className="label">Screening findings</h3>
        {record.findings.length === 0 ? <p className="muted mt-1">No findings from the client’s health questions.</p> : (
          <ul className="mt-2 flex flex-col gap-2">
            {record.findings.map((f) => (
              <li key={`${f.serviceKind} ${f.ruleId}`} className="flex flex-wrap items-center gap-2">
                <span className={`badge ${f.level === 'refer' ? 'badge-danger' : f.level === 'note' ? 'badge-neutral' : 'badge-caution'}`}>{f.level}</span>
                <span>{f.title}</span>
                <span className="muted text-sm">({f.serviceKind}{f.decision ? `, ${f.decision}` : ''})</span>
              </li>
            ))}
          </ul>
        )}
        {open.length > 0 && <p className="muted mt-2 text-sm">Acknowledge or clear these under Health questions, on this page.</p>}
      </div>
      <SelectField label="Proposed plan" value={v.planId} onChange={(e) => setV((o) => ({ ...o, planId: e.target.value }))}>
        <option value="">None yet</option>
        {plans.filter((p) => p.status !== 'withdrawn').map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
      </SelectField>
      <div><Button type="submit" pending={busy}>Save the consultation record</Button></div>
    </form>
  );
}
