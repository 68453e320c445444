import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CourseFields } from './course-fields.tsx';
import { courseProblems, courseProposalBody, isCourseable, type CourseChoice } from '../../../lib/course-choice.ts';
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
  const [v, setV] = useState<CourseChoice>({ serviceId: '', practitionerId: defaultPractitionerId ?? '', count: '6', weeks: '1', firstDate: defaultDate, time: '10:00' });
  const [chosen, setChosen] = useState<ClientContact>();
  const [proposal, setProposal] = useState<CourseProposal>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const offered = (services.data?.items ?? []).filter((s) => s.active && isCourseable(s));
  const service = offered.find((s) => s.id === v.serviceId);
  const givers = (people.data?.items ?? []).filter((p) => !service || (service.bookablePractitionerIds ?? service.practitionerIds).includes(p.id));
  const change = (patch: Partial<CourseChoice>) => { setV((o) => ({ ...o, ...patch })); setProposal(undefined); };
  const who = () => ({ serviceId: v.serviceId, practitionerId: v.practitionerId, clientId: chosen!.id });

  async function propose(event: React.FormEvent) {
    event.preventDefault();
    const found = courseProblems(v);
    if (!chosen) found.clientId = 'Search for the client and choose them';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      setProposal(await api.post<CourseProposal>(`/clinics/${clinic.slug}/series/proposals`, { ...courseProposalBody(v), clientId: chosen!.id }));
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
        <CourseFields value={v} errors={errors} services={offered} practitioners={givers} onChange={change} />
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
