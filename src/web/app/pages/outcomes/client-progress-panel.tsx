import { LineChart } from 'lucide-react';
import { useApi } from '../../../lib/use-api.ts';
import { ApiError, errorMessage } from '../../../lib/api-client.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ProgressCharts } from './progress-chart.tsx';
import { OutcomeSummary, type Progress } from './outcome-summary.tsx';

/** A client's scores on their record: the latest and change from the start, then a chart per measure (owner and their practitioners). */
export function ClientProgressPanel({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const allowed = clinic.role === 'owner' || clinic.role === 'practitioner';
  const progress = useApi<Progress>(allowed ? `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/outcomes` : null);
  if (!allowed) return null;
  const forbidden = progress.error instanceof ApiError && progress.error.status === 403;
  if (forbidden) return null;
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <h2 id="progress-heading" className="flex items-center gap-2 text-xl"><LineChart aria-hidden="true" className="size-5 text-jade-700" />Progress</h2>
      {progress.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(progress.error)}</Alert>}
      {!progress.data && progress.loading && <Loading label="Loading progress…" />}
      {progress.data && (
        <>
          <div className="mt-4"><OutcomeSummary progress={progress.data} /></div>
          {progress.data.measures.length > 0 && <div className="mt-6"><ProgressCharts progress={progress.data} nested /></div>}
        </>
      )}
    </section>
  );
}
