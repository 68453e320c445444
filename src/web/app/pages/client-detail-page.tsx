import { Link, useLocation, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import type { z } from 'zod';
import type { clientContact } from '../../../features/clients/clients.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatDate, formatPhone } from '../../lib/format.ts';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { HealthQuestionsPanel } from './health-questions/health-questions-panel.tsx';
import { ClientConsentPanel } from './client-consent-panel.tsx';
import { ClientHistoryPanel } from './client-history-panel.tsx';
import { ConsultationPanel, PlansPanel, useClientPlans } from './course/plans-panel.tsx';
import { RecordExportPanel, WhoLookedPanel } from './clinical-record-panels.tsx';
import { FhirExportPanel } from './fhir-export-panel.tsx';
import { ClientMoneyPanel } from './money/client-money-panel.tsx';
import { ClientProgressPanel } from './outcomes/client-progress-panel.tsx';
import { ProgressPhotosPanel } from './outcomes/progress-photos-panel.tsx';

export type ClientContact = z.infer<typeof clientContact>;

export function ClientDetailPage() {
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <ClientDetail clinic={clinic} />}</RoleGate>;
}

function ClientDetail({ clinic }: { clinic: ClinicContext }) {
  const { clientId = '' } = useParams();
  const location = useLocation();
  const justAdded = (location.state as { added?: boolean } | null)?.added === true;
  const client = useApi<ClientContact>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}`);
  usePageTitle(client.data?.name ?? 'Client');
  const plans = useClientPlans(clinic, clientId);

  return (
    <>
      <p className="mb-4">
        <Link to="/app/clients" className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />All clients</Link>
      </p>
      <PageHeader eyebrow="Client" title={client.data?.name ?? (client.error ? 'Client not found' : 'Client')} />
      {justAdded && <Alert tone="success" className="mb-6">Client added. They can create an online account later with the same e-mail address.</Alert>}
      {client.error !== undefined && <Alert tone="error">{errorMessage(client.error)}</Alert>}
      {client.loading && !client.data && <Loading />}
      {client.data && (
        <div className="flex flex-col gap-8">
          <ContactCard client={client.data} />
          <ClientHistoryPanel clinic={clinic} clientId={client.data.id} />
          {(clinic.role === 'owner' || clinic.role === 'reception') && <ClientMoneyPanel clinic={clinic} clientId={client.data.id} />}
          <PlansPanel clinic={clinic} clientId={client.data.id} clientName={client.data.name} list={plans} />
          <HealthQuestionsPanel clinic={clinic} clientId={client.data.id} clientName={client.data.name} />
          <ClientConsentPanel clinic={clinic} clientId={client.data.id} />
          <ConsultationPanel clinic={clinic} clientId={client.data.id} plans={plans.data?.items ?? []} />
          <ClientProgressPanel clinic={clinic} clientId={client.data.id} />
          <ProgressPhotosPanel clinic={clinic} clientId={client.data.id} />
          {clinic.role !== 'reception' && <RecordExportPanel clinic={clinic} clientId={client.data.id} clientName={client.data.name} />}
          {clinic.role !== 'reception' && <FhirExportPanel clinic={clinic} clientId={client.data.id} clientName={client.data.name} />}
          {clinic.role === 'owner' && <WhoLookedPanel clinic={clinic} clientId={client.data.id} />}
        </div>
      )}
    </>
  );
}

/** A client's contact details as a description list. */
export function ContactCard({ client, title = 'Contact details', self = false }: { client: ClientContact; title?: string; self?: boolean }) {
  return (
    <section className="panel" aria-labelledby="contact-heading">
      <h2 id="contact-heading" className="text-xl">{title}</h2>
      <dl className="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-2">
        <div>
          <dt className="muted">E-mail</dt>
          <dd className="break-all"><a href={`mailto:${client.email}`}>{client.email}</a></dd>
        </div>
        <div>
          <dt className="muted">Phone</dt>
          <dd>{client.phone ? <a href={`tel:${client.phone}`}>{formatPhone(client.phone)}</a> : 'Not given'}</dd>
        </div>
        {!self && (
          <div>
            <dt className="muted">Online account</dt>
            <dd>{client.hasAccount ? 'Yes, they can sign in to Yintang' : 'Not yet: added by the clinic'}</dd>
          </div>
        )}
        <div>
          <dt className="muted">{self ? 'With the clinic since' : 'On file since'}</dt>
          <dd>{formatDate(client.createdAt)}</dd>
        </div>
      </dl>
    </section>
  );
}
