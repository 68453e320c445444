import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ArrowLeft, ClipboardCheck, Pencil } from 'lucide-react';
import type { z } from 'zod';
import type { myIntake } from '../../../../features/intake/intake.schema.ts';
import type { FormDefinition } from '../../../../domain/intake/index.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useSession, type ClinicContext } from '../../session.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Loading } from '../../../components/loading.tsx';
import { Questionnaire } from './questionnaire.tsx';

type MyIntake = z.infer<typeof myIntake>;

/**
 * The client's health questions (`/app/health-questions`, linked from the booking e-mails
 * with `?clinic=…`): the clinic's questionnaire, saved as they go, or their answers with
 * a way to update them.
 */
export function HealthQuestionsPage() {
  usePageTitle('Health questions');
  const [params] = useSearchParams();
  const { contexts, active } = useSession();
  const slug = params.get('clinic');
  const clinic = contexts.find((c) => c.role === 'client' && c.slug === slug)
    ?? (active?.role === 'client' ? active : contexts.find((c) => c.role === 'client'));
  if (!clinic) {
    return (
      <>
        <PageHeader title="Health questions" />
        <EmptyState icon={ClipboardCheck} title="No health questions to answer" action={<Link className="btn btn-secondary" to="/app">Go to your home page</Link>}>
          <p>Health questions are for clients of a clinic. Please open the link from your booking e-mail while signed in with the address you booked with.</p>
        </EmptyState>
      </>
    );
  }
  return <MyHealthQuestions clinic={clinic} />;
}

function MyHealthQuestions({ clinic }: { clinic: ClinicContext }) {
  const path = `/clinics/${clinic.slug}/me/intake`;
  const mine = useApi<MyIntake>(path);
  const [editing, setEditing] = useState(false);
  const [sent, setSent] = useState(false);
  const data = mine.data;

  return (
    <>
      <p className="mb-4">
        <Link to="/app" className="inline-flex items-center gap-1.5"><ArrowLeft aria-hidden="true" className="size-4" />My appointments</Link>
      </p>
      <PageHeader eyebrow={clinic.name} title="Your health questions"
        description={!sent && (!data || data.status !== 'complete' || editing) ? <p>Most people can have treatment. Your answers help your practitioner plan it safely, and only they and the clinic’s owner read them.</p> : undefined} />
      {mine.error !== undefined && <Alert tone="error">{errorMessage(mine.error)}</Alert>}
      {!data && mine.loading && <Loading label="Loading your questions…" />}
      {data && sent && (
        <div className="max-w-xl">
          <Alert tone="success" title="Thank you, your answers are with the clinic">
            <p>Your practitioner will read them before your visit. If anything changes, come back here and update them.</p>
          </Alert>
          <p className="mt-6"><Link className="btn btn-primary" to="/app">Back to my appointments</Link></p>
        </div>
      )}
      {data && !sent && data.lockedUntil && (
        <div className="max-w-xl">
          <Alert tone="info" title="Your answers are with your practitioner for today’s visit">
            <p>They cannot be changed until the end of the day. Please tell your practitioner about anything new.</p>
          </Alert>
        </div>
      )}
      {data && !sent && !data.lockedUntil && data.status === 'complete' && !editing && (
        <section className="panel max-w-xl" aria-labelledby="done-heading">
          <ClipboardCheck aria-hidden="true" className="size-7 text-jade-700" />
          <h2 id="done-heading" className="mt-3 text-xl">Your answers are complete</h2>
          <p className="muted mt-1">Sent on {formatDate(data.submittedAt!)}{data.updateInProgress ? '. You have started an update that is not sent yet.' : '.'} If anything has changed, such as a new medicine or a recent treatment, please update them.</p>
          <Button className="mt-5" variant={data.updateInProgress ? 'primary' : 'secondary'} onClick={() => setEditing(true)}>
            <Pencil aria-hidden="true" className="size-5" />{data.updateInProgress ? 'Carry on with my update' : 'Update my answers'}
          </Button>
        </section>
      )}
      {data && !sent && !data.lockedUntil && (data.status !== 'complete' || editing) && (
        <Questionnaire
          form={data.form.definition as unknown as FormDefinition}
          categories={data.form.categories}
          today={data.form.today}
          initialAnswers={data.answers}
          saveDraft={async (patch) => { await api.put(`${path}/draft`, { answers: patch }); }}
          submit={async (answers) => {
            await api.post(`${path}/submit`, { answers });
            setSent(true);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}
