import { Mail, Phone } from 'lucide-react';
import type { z } from 'zod';
import type { clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatPhone } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { ContactCard, type ClientContact } from './client-detail-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

/** A client's own contact details as the clinic holds them. */
export function MyDetailsPage() {
  usePageTitle('My details');
  return <RoleGate roles={['client']}>{(clinic) => <MyDetails clinic={clinic} />}</RoleGate>;
}

function MyDetails({ clinic }: { clinic: ClinicContext }) {
  const me = useApi<ClientContact>(clinic.clientId ? `/clinics/${clinic.slug}/clients/${clinic.clientId}` : null);
  const detail = useApi<z.infer<typeof clinicDetail>>(`/clinics/${clinic.slug}`);
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My details" description={<p>The contact details {clinic.name} holds for you.</p>} />
      {me.error !== undefined && <Alert tone="error">{errorMessage(me.error)}</Alert>}
      {me.loading && !me.data && <Loading />}
      {me.data && (
        <div className="flex flex-col gap-6">
          <ContactCard client={me.data} title={me.data.name} self />
          <section className="panel" aria-labelledby="change-heading">
            <h2 id="change-heading" className="text-xl">Something out of date?</h2>
            <p className="mt-1">Please let the clinic know and they will update it for you.</p>
            {detail.data && (
              <ul className="mt-3 flex flex-col gap-2">
                {detail.data.phone && <li className="flex items-center gap-2"><Phone aria-hidden="true" className="size-5 text-jade-700" /><a href={`tel:${detail.data.phone}`}>{formatPhone(detail.data.phone)}</a></li>}
                <li className="flex items-center gap-2"><Mail aria-hidden="true" className="size-5 text-jade-700" /><a href={`mailto:${detail.data.email}`}>{detail.data.email}</a></li>
              </ul>
            )}
          </section>
        </div>
      )}
    </>
  );
}
