import { useState } from 'react';
import { ClipboardList } from 'lucide-react';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { CourseDates, type CourseProposal } from './course/course-dates.tsx';
import { BookOwnCourse } from './course/book-own-course.tsx';
import { PlanCareBooking, PlanProgress, PlanStatusBadge, PlanSummary, type Plan } from './course/plan-view.tsx';
import type { PlanCare } from '../../lib/course-choice.ts';

/** The client's treatment plan: read it, accept it and book the whole course in one step; then follow its progress. */
export function MyPlanPage() {
  usePageTitle('My treatment plan');
  return <RoleGate roles={['client']}>{(clinic) => <MyPlans clinic={clinic} />}</RoleGate>;
}

function MyPlans({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ timeZone: string; items: Plan[] }>(`/clinics/${clinic.slug}/me/plans`);
  const items = list.data?.items ?? [];
  const [care, setCare] = useState<PlanCare>();
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My treatment plan"
        description={<p>The course your practitioner suggested after your consultation. Accept it and book every session in one go; you can move or cancel single sessions later, as with any appointment.</p>} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading your treatment plan…" />}
      {list.data && items.length === 0 && (
        <EmptyState icon={ClipboardList} title="No treatment plan yet">
          <p>After your consultation, your practitioner may suggest a course of sessions. It will appear here for you to read and book.</p>
        </EmptyState>
      )}
      <ul className="flex flex-col gap-6">
        {items.map((p) => <li key={p.id}><MyPlan clinic={clinic} plan={p} timeZone={list.data!.timeZone} onChanged={list.reload} onBookCare={setCare} /></li>)}
      </ul>
      <BookOwnCourse key={care?.key ?? 'own'} clinic={clinic} care={care} />
    </>
  );
}

function MyPlan({ clinic, plan, timeZone, onChanged, onBookCare }: {
  clinic: ClinicContext; plan: Plan; timeZone: string; onChanged: () => void; onBookCare: (care: PlanCare) => void;
}) {
  const [proposal, setProposal] = useState<CourseProposal>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const base = `/clinics/${clinic.slug}/plans/${plan.id}`;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const accept = () => run(async () => {
    await api.post(`${base}/accept`);
    setProposal(await api.post<CourseProposal>(`${base}/proposal`, {}));
    onChanged();
  });
  const chooseDates = () => run(async () => setProposal(await api.post<CourseProposal>(`${base}/proposal`, {})));
  const book = (starts: string[]) => run(async () => {
    await api.post(`${base}/book`, { starts });
    setProposal(undefined);
    setDone(`All ${starts.length} sessions are booked. We have e-mailed you the dates with a calendar invitation.`);
    onChanged();
  });

  return (
    <section className="panel flex flex-col gap-5" aria-labelledby={`plan-${plan.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="eyebrow">Suggested by {plan.practitioner.name}</p>
          <h2 id={`plan-${plan.id}`} className="mt-1 text-xl">{plan.title}</h2>
        </div>
        <PlanStatusBadge status={plan.status} />
      </div>
      <PlanSummary plan={plan} forClient />
      {done && <Alert tone="success">{done}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      {plan.progress && <PlanProgress plan={plan} timeZone={timeZone} />}
      <PlanCareBooking plan={plan} forClient onBook={onBookCare} />
      {!proposal && plan.status === 'proposed' && (
        <div className="flex flex-col gap-2 border-t border-line pt-5">
          <p>Happy with this plan? Accept it, then check the dates we propose for every session.</p>
          <div><Button pending={busy} onClick={accept}>Accept and choose dates</Button></div>
        </div>
      )}
      {!proposal && plan.status === 'accepted' && (
        <div className="flex flex-col gap-2 border-t border-line pt-5">
          <p>You accepted this plan. Choose the dates to book the course.</p>
          <div><Button pending={busy} onClick={chooseDates}>Choose dates</Button></div>
        </div>
      )}
      {proposal && (
        <div className="flex flex-col gap-3 border-t border-line pt-5">
          <h3 className="text-lg">Your {plan.sessions} sessions</h3>
          <CourseDates proposal={proposal} pending={busy} confirmLabel={`Book all ${plan.sessions} sessions`} onConfirm={book} />
        </div>
      )}
    </section>
  );
}
