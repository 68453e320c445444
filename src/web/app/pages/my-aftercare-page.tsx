import { HeartHandshake } from 'lucide-react';
import type { MyAftercareItem } from '../../../features/aftercare/aftercare.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';

/** The aftercare advice the client was e-mailed after each visit, kept here. */
export function MyAftercarePage() {
  usePageTitle('Aftercare');
  return <RoleGate roles={['client']}>{(clinic) => <MyAftercare clinic={clinic} />}</RoleGate>;
}

function MyAftercare({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<{ items: MyAftercareItem[] }>(`/clinics/${clinic.slug}/me/aftercare`);
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Aftercare" description={<p>The clinic’s advice after each visit. If anything worries you, call the clinic; in an emergency, call 999.</p>} />
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading your aftercare advice…" />}
      {list.data && items.length === 0 && (
        <EmptyState icon={HeartHandshake} title="No aftercare advice yet">
          <p>After each treatment we e-mail you advice for the next day or two, and keep it here.</p>
        </EmptyState>
      )}
      <ul className="flex flex-col gap-6">
        {items.map((a) => (
          <li key={a.bookingId} className="panel">
            <p className="eyebrow">After your visit on {formatDateTime(a.visitAt)}</p>
            <h2 className="mt-1 text-xl">{a.serviceName}</h2>
            {/* Rendered and sanitised by the server from the clinic's Markdown. */}
            <div className="prose prose-compact mt-4" dangerouslySetInnerHTML={{ __html: a.html }} />
          </li>
        ))}
      </ul>
    </>
  );
}
