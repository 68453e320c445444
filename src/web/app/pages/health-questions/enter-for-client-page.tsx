import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import type { z } from 'zod';
import type { intakeForm, intakeStatus } from '../../../../features/intake/intake.schema.ts';
import type { FormDefinition } from '../../../../domain/intake/index.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { RoleGate, STAFF_ROLES } from '../../role-gate.tsx';
import type { ClinicContext } from '../../session.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClientContact } from '../client-detail-page.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { Questionnaire } from './questionnaire.tsx';

type IntakeForm = z.infer<typeof intakeForm>;
type IntakeStatus = z.infer<typeof intakeStatus>;

/**
 * Staff enter a client's answers for them (from a paper form or by phone). The form starts
 * empty: reception never sees earlier answers. The submission is recorded as entered by
 * this member of staff on the client's behalf.
 */
export function EnterForClientPage() {
  usePageTitle('Enter health answers');
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <EnterForClient clinic={clinic} />}</RoleGate>;
}

function EnterForClient({ clinic }: { clinic: ClinicContext }) {
  const { clientId = '' } = useParams();
  const base = `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}`;
  const client = useApi<ClientContact>(base);
  const form = useApi<IntakeForm>(`/clinics/${clinic.slug}/intake/form?clientId=${encodeURIComponent(clientId)}`);
  const status = useApi<IntakeStatus>(`${base}/intake/status`);
  const [done, setDone] = useState<IntakeStatus>();
  const name = client.data?.name ?? 'the client';
  const error = client.error ?? form.error ?? status.error;

  return (
    <>
      <p className="mb-4">
        <Link to={`/app/clients/${clientId}`} className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />Back to {name}</Link>
      </p>
      <PageHeader eyebrow="Health questions" title={`Enter answers for ${name}`}
        description={<p>{status.data?.paperReceivedAt ? 'Copy the answers from their paper form.' : 'For a client answering by phone or on paper.'} The answers are recorded as entered by you on their behalf.</p>} />
      {error !== undefined && <Alert tone="error">{errorMessage(error)}</Alert>}
      {(form.loading || status.loading) && !form.data && <Loading />}
      {done && (
        <div className="max-w-xl">
          <Alert tone="success" title="Answers saved">
            <p>{name}’s health questions are complete (version {done.version}, {done.source === 'paper' ? 'from a paper form' : 'entered by staff'}).</p>
          </Alert>
          <p className="mt-6"><Link className="btn btn-primary" to={`/app/clients/${clientId}`}>Back to {name}</Link></p>
        </div>
      )}
      {!done && form.data && status.data && (
        status.data.lockedUntil
          ? <Alert tone="info">These answers are locked for today’s visit and cannot be changed until the end of the day.</Alert>
          : (
            <Questionnaire
              form={form.data.definition as unknown as FormDefinition}
              categories={form.data.categories}
              today={form.data.today}
              initialAnswers={{}}
              submitLabel="Save the answers"
              reviewIntro={`Check the answers against what ${name} told you before saving them.`}
              submit={async (answers) => {
                setDone(await api.post<IntakeStatus>(`${base}/intake/submit`, { answers }));
                window.scrollTo({ top: 0 });
              }}
            />
          )
      )}
    </>
  );
}
