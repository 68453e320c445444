import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextField, TimeField } from '../../../components/field.tsx';
import { Dialog } from '../booking/dialog.tsx';
import { ClientSearch, type ClientContact } from '../booking/client-search.tsx';
import { useStaffServices } from '../booking/diary-actions.tsx';
import { CourseDates, type CourseProposal } from './course-dates.tsx';

/**
 * Reception (or a practitioner, in their own diary) books a course for a client: service,
 * number of sessions, interval, practitioner and start; then every proposed date with
 * alternatives for clashes; then all in one step (the series booking).
 */
export function BookCourseDialog({ clinic, open, defaultDate, defaultPractitionerId, onClose, onBooked }: {
  clinic: ClinicContext;
  open: boolean;
  defaultDate: string;
  defaultPractitionerId?: string;
  onClose: () => void;
  onBooked: (message: string) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} wide title="Book a course" description="Several sessions at the same time of day, booked together.">
      {open && <CourseForm clinic={clinic} defaultDate={defaultDate} defaultPractitionerId={defaultPractitionerId} onBooked={onBooked} onClose={onClose} />}
    </Dialog>
  );
}

function CourseForm({ clinic, defaultDate, defaultPractitionerId, onBooked, onClose }: {
  clinic: ClinicContext; defaultDate: string; defaultPractitionerId?: string; onBooked: (message: string) => void; onClose: () => void;
}) {
  const services = useStaffServices(clinic.slug);
  const people = useApi<{ items: { id: string; name: string }[] }>(`/clinics/${clinic.slug}/practitioners`);
  const [v, setV] = useState({ serviceId: '', practitionerId: defaultPractitionerId ?? '', count: '6', weeks: '1', firstDate: defaultDate, time: '10:00' });
  const [chosen, setChosen] = useState<ClientContact>();
  const [proposal, setProposal] = useState<CourseProposal>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const offered = (services.data?.items ?? []).filter((s) => s.active && s.kind !== 'consultation');
  const service = offered.find((s) => s.id === v.serviceId);
  const givers = (people.data?.items ?? []).filter((p) => !service || (service.bookablePractitionerIds ?? service.practitionerIds).includes(p.id));
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => { setV((o) => ({ ...o, [k]: e.target.value })); setProposal(undefined); };
  const who = () => ({ serviceId: v.serviceId, practitionerId: v.practitionerId, clientId: chosen!.id });

  async function propose(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const count = Number(v.count);
    if (!chosen) found.clientId = 'Search for the client and choose them';
    if (!v.serviceId) found.serviceId = 'Choose a treatment';
    if (!v.practitionerId) found.practitionerId = 'Choose a practitioner';
    if (!Number.isInteger(count) || count < 2 || count > 52) found.count = 'Enter between 2 and 52 sessions';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.firstDate)) found.firstDate = 'Choose the date of the first session';
    if (!/^\d{2}:\d{2}$/.test(v.time)) found.time = 'Enter a time such as 10:00';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      setProposal(await api.post<CourseProposal>(`/clinics/${clinic.slug}/series/proposals`, {
        ...who(), count, every: { n: Number(v.weeks), unit: 'weeks' }, firstDate: v.firstDate, time: v.time,
      }));
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function book(starts: string[]) {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/series`, { ...who(), starts });
      const practitioner = givers.find((p) => p.id === v.practitionerId)?.name ?? 'the practitioner';
      onBooked(`${chosen!.name} is booked for ${starts.length} sessions of ${service?.name.toLowerCase() ?? 'treatment'} with ${practitioner}. One e-mail lists them all.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      {error && <Alert tone="error">{error}</Alert>}
      <form onSubmit={propose} noValidate className="flex flex-col gap-5">
        <ClientSearch slug={clinic.slug} chosen={chosen} onChoose={(c) => { setChosen(c); setProposal(undefined); }} error={errors.clientId} label="Client" hint="Search by name, e-mail or phone." />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Treatment" value={v.serviceId} error={errors.serviceId} onChange={set('serviceId')}>
            <option value="">Choose…</option>
            {offered.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </SelectField>
          <SelectField label="Practitioner" value={v.practitionerId} error={errors.practitionerId} onChange={set('practitionerId')}>
            <option value="">Choose…</option>
            {givers.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </SelectField>
          <TextField label="Sessions" inputMode="numeric" value={v.count} error={errors.count} onChange={set('count')} />
          <SelectField label="How often" value={v.weeks} onChange={set('weeks')}>
            {[1, 2, 3, 4].map((w) => <option key={w} value={w}>{w === 1 ? 'Every week' : `Every ${w} weeks`}</option>)}
          </SelectField>
          <TextField label="First session" type="date" value={v.firstDate} error={errors.firstDate} onChange={set('firstDate')} />
          <TimeField label="Time" value={v.time} error={errors.time} onValueChange={(time) => { setV((o) => ({ ...o, time })); setProposal(undefined); }} />
        </div>
        {!proposal && (
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={busy}>Show the dates</Button>
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
          </div>
        )}
      </form>
      {proposal && <CourseDates proposal={proposal} pending={busy} confirmLabel={`Book all ${proposal.sessions.length} sessions`} onConfirm={book} />}
    </div>
  );
}
