import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CalendarRange } from 'lucide-react';
import type { z } from 'zod';
import type { publicPractitionerList, publicServiceList } from '../../../../features/scheduling/scheduling.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CourseFields } from './course-fields.tsx';
import { courseProblems, courseProposalBody, isCourseable, type CourseChoice, type PlanCare } from '../../../lib/course-choice.ts';
import { CourseDates, type CourseProposal } from './course-dates.tsx';

/** A date `days` from now in the browser's calendar, as YYYY-MM-DD (the first session's default). */
const isoDateIn = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * A client books a course of sessions themself: treatment, practitioner, how many, how
 * often, the first date and time; then every proposed date, with the nearest free times
 * where one is taken; then all in one step. The clinic's online rules apply as for one
 * booking (a consultation first where the treatment asks for one, health screening).
 */
export function BookOwnCourse({ clinic, care }: {
  clinic: ClinicContext;
  /** Care from the client's plan to book (complementary care, maintenance): the form starts from it. */
  care?: PlanCare;
}) {
  const services = useApi<z.infer<typeof publicServiceList>>(`/clinics/${clinic.slug}/services`);
  const people = useApi<z.infer<typeof publicPractitionerList>>(`/clinics/${clinic.slug}/practitioners`);
  const [v, setV] = useState<CourseChoice>({ serviceId: '', practitionerId: '', count: '6', weeks: '1', firstDate: isoDateIn(7), time: '10:00', ...care?.choice });
  const heading = useRef<HTMLHeadingElement>(null);
  // Chosen from the plan: bring the form into view, starting at its heading.
  useEffect(() => {
    if (!care) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [care]);
  const [proposal, setProposal] = useState<CourseProposal>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [booked, setBooked] = useState<string>();
  const [busy, setBusy] = useState(false);
  // A course is of treatments, not of free consultations.
  // One paid online when booked (a deposit or the full price) is booked a session at a time (the server refuses a course of it).
  const offered = (services.data?.items ?? []).filter((s) => isCourseable(s) && !s.payOnline);
  const paidOnline = (services.data?.items ?? []).filter((s) => isCourseable(s) && s.payOnline);
  const service = offered.find((s) => s.id === v.serviceId);
  const givers = (people.data?.items ?? []).filter((p) => !service || service.practitionerIds.includes(p.id));
  const change = (patch: Partial<CourseChoice>) => { setV((o) => ({ ...o, ...patch })); setProposal(undefined); setBooked(undefined); };

  async function propose(event: React.FormEvent) {
    event.preventDefault();
    const found = courseProblems(v);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      setProposal(await api.post<CourseProposal>(`/clinics/${clinic.slug}/series/proposals`, courseProposalBody(v)));
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
      await api.post(`/clinics/${clinic.slug}/series`, { serviceId: v.serviceId, practitionerId: v.practitionerId, starts });
      const practitioner = givers.find((p) => p.id === v.practitionerId)?.name ?? 'your practitioner';
      setBooked(`You are booked for ${starts.length} sessions of ${service?.name.toLowerCase() ?? 'treatment'} with ${practitioner}. We have e-mailed you the dates.`);
      setProposal(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel mt-10 flex flex-col gap-5" aria-labelledby="own-course-heading">
      <div>
        <h2 id="own-course-heading" ref={heading} tabIndex={-1} className="flex items-center gap-2 text-xl">
          <CalendarRange aria-hidden="true" className="size-5 text-jade-700" />{care ? `Book ${care.label.charAt(0).toLowerCase()}${care.label.slice(1)}` : 'Book a course yourself'}
        </h2>
        <p className="muted mt-1">
          {care
            ? 'From your treatment plan. Choose when suits you; we show every date before anything is booked.'
            : 'Most treatments work best as a course, for example six sessions a week apart. Choose the treatment and when suits you; we show every date before anything is booked.'}
        </p>
      </div>
      {paidOnline.length > 0 && (
        <p className="muted">
          {paidOnline.map((s) => s.name).join(', ')}: the clinic asks for {paidOnline.every((s) => s.payOnline!.kind === 'full') ? 'payment' : 'a deposit'} when booked online, so {paidOnline.length === 1 ? 'it is' : 'these are'} booked one session at a time (<a href={`/clinics/${clinic.slug}/book`}>book a session</a>) or by the clinic.
        </p>
      )}
      {booked && <Alert tone="success" title="Your course is booked">{booked} <Link to="/app">See your appointments</Link></Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <form onSubmit={propose} noValidate className="flex flex-col gap-5">
        <CourseFields value={v} errors={errors} services={offered} practitioners={givers} onChange={change} />
        {!proposal && <div><Button type="submit" pending={busy}>Show the dates</Button></div>}
      </form>
      {proposal && <CourseDates proposal={proposal} pending={busy} confirmLabel={`Book all ${proposal.sessions.length} sessions`} onConfirm={book} />}
    </section>
  );
}
