import { Link } from 'react-router';
import { ClipboardList, LineChart } from 'lucide-react';
import type { z } from 'zod';
import type { pendingList } from '../../../../features/outcomes/outcomes.schema.ts';
import { useApi } from '../../../lib/use-api.ts';
import { errorMessage } from '../../../lib/api-client.ts';
import { formatWhen } from '../../../lib/clinic-time.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ProgressCharts, type Progress } from './progress-chart.tsx';
import { ProgressPhotosPanel } from './progress-photos-panel.tsx';

type Pending = z.infer<typeof pendingList>;

/** The client's questions still to answer, and their scores over the course. */
export function MyProgressPage() {
  usePageTitle('My progress');
  return <RoleGate roles={['client']}>{(clinic) => <MyProgress clinic={clinic} />}</RoleGate>;
}

function MyProgress({ clinic }: { clinic: ClinicContext }) {
  const progress = useApi<Progress>(`/clinics/${clinic.slug}/me/outcomes`);
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My progress" description={<p>How you are doing over your course, from the short questions you answer before some visits. Only you and the practitioners who treat you can see this.</p>} />
      <PendingQuestions clinic={clinic} />
      {progress.error !== undefined && <Alert tone="error">{errorMessage(progress.error)}</Alert>}
      {!progress.data && progress.loading && <Loading label="Loading your progress…" />}
      {progress.data && progress.data.measures.length === 0 && (
        <EmptyState icon={LineChart} title="Nothing to show yet">
          <p>Before your first visit and some later ones, we e-mail you a few short questions. Your answers appear here as a chart.</p>
        </EmptyState>
      )}
      {progress.data && progress.data.measures.length > 0 && <ProgressCharts progress={progress.data} />}
      {clinic.clientId && <div className="mt-8"><ProgressPhotosPanel clinic={clinic} clientId={clinic.clientId} /></div>}
    </>
  );
}

/** A card for each visit with questions still to answer (also used on the portal home). */
export function PendingQuestions({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<Pending>(`/clinics/${clinic.slug}/me/questionnaires`);
  const pending = list.data?.pending ?? [];
  if (!pending.length) return null;
  return (
    <ul className="mb-8 flex flex-col gap-3" aria-label="Questions to answer">
      {pending.map((p) => (
        <li key={p.bookingId} className="panel flex flex-wrap items-center gap-4 border-jade-200 bg-jade-50">
          <ClipboardList aria-hidden="true" className="size-6 shrink-0 text-jade-700" />
          <div className="min-w-48 flex-1">
            <p className="font-medium">A few questions before your visit on {formatWhen(p.sessionAt, list.data!.timeZone)}</p>
            <p className="muted text-sm">About {p.minutes} minute{p.minutes === 1 ? '' : 's'}</p>
          </div>
          <Link className="btn btn-primary" to={`/app/questionnaire?clinic=${clinic.slug}&booking=${p.bookingId}`}>Answer now</Link>
        </li>
      ))}
    </ul>
  );
}
