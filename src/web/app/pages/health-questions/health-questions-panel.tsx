import { useState } from 'react';
import { Link } from 'react-router';
import { ClipboardCheck, ClipboardPen, FileInput, Lock } from 'lucide-react';
import type { z } from 'zod';
import type { clientIntake, intakeStatus } from '../../../../features/intake/intake.schema.ts';
import { describeAnswer, findQuestion, visibleSections, type AnswerValue, type Answers, type FormDefinition } from '../../../../domain/intake/index.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { Loading } from '../../../components/loading.tsx';

type IntakeStatus = z.infer<typeof intakeStatus>;
type ClientIntake = z.infer<typeof clientIntake>;

const STATUS_WORDS: Record<IntakeStatus['status'], string> = { complete: 'Complete', draft: 'Started, not sent', missing: 'Not answered yet' };
const SOURCE_WORDS = { client: 'by the client', staff: 'by staff for the client', paper: 'from a paper form' } as const;

/**
 * "Health questions" on a client's page. Everyone on the staff sees whether they are
 * complete and can record a paper form or enter answers for the client; the practitioner
 * and the owner also read the answers, with what changed since the last visit highlighted,
 * and can lock them for the visit.
 */
export function HealthQuestionsPanel({ clinic, clientId, clientName }: { clinic: ClinicContext; clientId: string; clientName: string }) {
  const clinical = clinic.role === 'owner' || clinic.role === 'practitioner';
  const base = `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/intake`;
  const status = useApi<IntakeStatus>(clinical ? null : `${base}/status`);
  const full = useApi<ClientIntake>(clinical ? base : null);
  const data: IntakeStatus | undefined = clinical ? full.data : status.data;
  const error = clinical ? full.error : status.error;
  const reload = clinical ? full.reload : status.reload;
  const [message, setMessage] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [pending, setPending] = useState<'paper' | 'lock'>();

  const act = async (kind: 'paper' | 'lock', run: () => Promise<unknown>, done: string) => {
    setPending(kind);
    setActionError(undefined);
    try {
      await run();
      setMessage(done);
      reload();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setPending(undefined);
    }
  };

  const Icon = data?.status === 'complete' ? ClipboardCheck : ClipboardPen;
  return (
    <section className="panel" aria-labelledby="health-questions-heading">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id="health-questions-heading" className="text-xl">Health questions</h2>
        {data && <span className={`badge ${data.status === 'complete' ? '' : 'badge-caution'}`}><Icon aria-hidden="true" className="size-4" />{STATUS_WORDS[data.status]}</span>}
      </div>
      {error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(error)}</Alert>}
      {!data && error === undefined && <Loading />}
      {message && <Alert tone="success" className="mt-4">{message}</Alert>}
      {actionError && <Alert tone="error" className="mt-4">{actionError}</Alert>}
      {data && (
        <>
          <ul className="muted mt-2 flex flex-col gap-1">
            {data.submittedAt && <li>Version {data.version}, sent {formatDate(data.submittedAt)} {SOURCE_WORDS[data.source!]}{clinical && full.data?.enteredByName ? ` (entered by ${full.data.enteredByName})` : ''}.</li>}
            {data.status === 'missing' && <li>{clientName} has not started the questions. The booking e-mails ask them to.</li>}
            {data.draftSavedAt && <li>{data.status === 'complete' ? 'An update' : 'Answers'} in progress, last saved {formatDateTime(data.draftSavedAt)}.</li>}
            {data.paperReceivedAt && <li>Paper form received {formatDate(data.paperReceivedAt)}.</li>}
            {data.lockedUntil && <li className="inline-flex items-center gap-1.5"><Lock aria-hidden="true" className="size-4" />Locked for the visit until {formatDateTime(data.lockedUntil)}.</li>}
            {!clinical && <li>Only the client’s practitioner and the owner can read the answers.</li>}
          </ul>
          <div className="mt-4 flex flex-wrap gap-3">
            {clinical && full.data?.nextVisit && data.status === 'complete' && !data.lockedUntil && (
              <Button pending={pending === 'lock'} onClick={() => void act('lock', () => api.post(`${base}/lock`, { bookingId: full.data!.nextVisit!.bookingId }), 'Locked for this visit: the answers cannot change until the end of that day.')}>
                <Lock aria-hidden="true" className="size-5" />Lock for this visit
              </Button>
            )}
            {data.status !== 'complete' && !data.paperReceivedAt && (
              <Button variant="secondary" pending={pending === 'paper'} onClick={() => void act('paper', () => api.post(`${base}/paper-received`), 'Recorded: paper form received.')}>
                <FileInput aria-hidden="true" className="size-5" />Paper form received
              </Button>
            )}
            {!data.lockedUntil && <Link className="btn btn-secondary" to={`/app/clients/${clientId}/health-questions`}>Enter answers for the client</Link>}
          </div>
          {clinical && full.data?.nextVisit && !data.lockedUntil && data.status === 'complete' && (
            <p className="hint mt-2">Locking keeps these answers as they are for the visit on {formatDateTime(full.data.nextVisit.startsAt)}.</p>
          )}
          {clinical && full.data?.answers && <AnswerList intake={full.data} />}
        </>
      )}
    </section>
  );
}

function AnswerList({ intake }: { intake: ClientIntake }) {
  const form = intake.form.definition as unknown as FormDefinition;
  const answers = intake.answers as Answers;
  const since = intake.sinceLastVisit;
  const changed = new Map((since?.changes ?? []).map((c) => [c.questionId, c]));
  const sections = visibleSections(form, answers, { categories: intake.form.categories, today: intake.form.today });
  return (
    <div className="mt-6 flex flex-col gap-6">
      {since && (
        since.changes.length === 0
          ? <Alert tone="info">No changes since the last visit on {formatDate(since.visitAt)}.</Alert>
          : (
            <Alert tone="caution" title={`Changed since the last visit on ${formatDate(since.visitAt)}${since.baselineVersion === null ? ' (first answered after it)' : ''}`}>
              <ul className="mt-2 flex flex-col gap-2">
                {since.changes.map((c) => {
                  const q = findQuestion(form, c.questionId);
                  return (
                    <li key={c.questionId}>
                      <span className="font-medium">{c.label ?? c.questionId}</span>{' '}
                      {c.change === 'added' ? <>now: {describeAnswer(q, c.after as AnswerValue)}</>
                        : c.change === 'removed' ? <>no longer answered (was: {describeAnswer(q, c.before as AnswerValue)})</>
                        : <>{describeAnswer(q, c.before as AnswerValue)} → <strong>{describeAnswer(q, c.after as AnswerValue)}</strong></>}
                    </li>
                  );
                })}
              </ul>
            </Alert>
          )
      )}
      {sections.map(({ section, questions }) => (
        <section key={section.id} aria-labelledby={`answers-${section.id}`}>
          <h3 id={`answers-${section.id}`} className="text-lg">{section.title}</h3>
          <dl className="-mx-3 mt-2 grid gap-x-8 gap-y-1 sm:grid-cols-2">
            {questions.map((q) => {
              const change = changed.get(q.id);
              return (
                <div key={q.id} className={`rounded-lg px-3 py-2 ${change ? 'border border-caution/30 bg-caution-50' : ''}`}>
                  <dt className="muted text-base">{q.label}{change && <span className="badge badge-caution ml-2 align-middle text-sm">Changed</span>}</dt>
                  <dd className={answers[q.id] === undefined ? 'text-muted italic' : 'font-medium break-words'}>{describeAnswer(q, answers[q.id])}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}
