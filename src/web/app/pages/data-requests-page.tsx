import { UserX } from 'lucide-react';
import { Link } from 'react-router';
import type { StaffClosureRequest } from '../../../features/my-data/my-data.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatDate } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';

const STATUS_WORDS = { requested: 'Waiting for you', done: 'Closed', withdrawn: 'Withdrawn' } as const;

/** The owner's list of clients' requests to close their accounts (UK GDPR erasure). */
export function DataRequestsPage() {
  usePageTitle('Account closure requests');
  return <RoleGate roles={['owner']}>{(clinic) => <DataRequests clinic={clinic} />}</RoleGate>;
}

function DataRequests({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ items: StaffClosureRequest[] }>(`/clinics/${clinic.slug}/closure-requests`);
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Account closure requests"
        description={<p>Clients who asked to close their account. Answer within one month. Keep clinical records (health answers, consent forms, notes) until the date shown; delete the rest.</p>} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading requests…" />}
      {list.data && items.length === 0 && (
        <EmptyState icon={UserX} title="No requests"><p>When a client asks to close their account from their portal, the request appears here.</p></EmptyState>
      )}
      {items.length > 0 && (
        <ul className="panel divide-y divide-line p-0 sm:p-0" aria-label="Requests">
          {items.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0">
                <h2 className="text-lg"><Link to={`/app/clients/${r.clientId}`}>{r.clientName}</Link></h2>
                <p className="muted break-all">{r.clientEmail}</p>
                {r.reason && <p className="mt-1">“{r.reason}”</p>}
              </div>
              <div className="flex shrink-0 flex-col gap-1 sm:items-end">
                <span className={`badge ${r.status === 'requested' ? 'badge-caution' : 'badge-neutral'}`}>{STATUS_WORDS[r.status]}</span>
                <span className="muted text-sm">Asked on {formatDate(r.requestedAt)}</span>
                {r.retainUntil && <span className="muted text-sm">Clinical records kept until {formatDate(r.retainUntil)}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
