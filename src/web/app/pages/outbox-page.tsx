import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ArrowLeft, Inbox, Mail, MailOpen, Paperclip } from 'lucide-react';
import type { z } from 'zod';
import type { clinicDetail } from '../../../features/clinics/clinics.schema.ts';
import type { OutboxItem, OutboxList } from '../../../features/notifications/outbox.schema.ts';
import { useApi } from '../../lib/use-api.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Loading } from '../../components/loading.tsx';

type OutboxEmail = OutboxItem;

const STATUS: Record<OutboxEmail['status'], { label: string; badge: string }> = {
  pending: { label: 'Waiting to send', badge: 'badge-neutral' },
  sent: { label: 'Sent', badge: '' },
  kept: { label: 'Kept here, not sent', badge: 'badge-clay' },
  failed: { label: 'Could not send', badge: 'badge-danger' },
};

export function OutboxPage() {
  usePageTitle('Outbox');
  return <RoleGate roles={['owner', 'reception']}>{(clinic) => <Outbox clinic={clinic} />}</RoleGate>;
}

function Outbox({ clinic }: { clinic: ClinicContext }) {
  const outbox = useApi<OutboxList>(`/clinics/${clinic.slug}/outbox?limit=100`);
  // The clinic's time zone, so times read as the clinic's local time.
  const detail = useApi<z.infer<typeof clinicDetail>>(`/clinics/${clinic.slug}`);
  const timeZone = detail.data?.timeZone;
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('email');
  const items = outbox.data?.items ?? [];
  const selected = items.find((e) => e.id === selectedId);

  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Outbox" description={<p>The e-mails Yintang has sent on the clinic’s behalf: confirmations, invitations and password links.</p>} />

      {outbox.data && !outbox.data.smtpConfigured && (
        <Alert tone="info" title="E-mails are kept here for now" className="mb-6">
          <p>This Yintang has no mail server connected yet, so e-mails are kept here instead of being sent, and you can read them below. Links meant for the recipient alone are withheld. Whoever looks after your Yintang can connect a mail server with the SMTP_URL setting.</p>
        </Alert>
      )}
      {outbox.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(outbox.error)}</Alert>}
      {!outbox.data && outbox.loading && <Loading label="Loading e-mails…" />}

      {outbox.data && items.length === 0 && (
        <EmptyState icon={Inbox} title="No e-mails yet">
          <p>When Yintang sends an e-mail for the clinic, such as an invitation or a confirmation, it will be listed here.</p>
        </EmptyState>
      )}

      {items.length > 0 && (
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <section aria-labelledby="emails-heading" className={selected ? 'hidden lg:block' : ''}>
            <h2 id="emails-heading" className="sr-only">E-mails</h2>
            <ul className="panel divide-y divide-line p-0 sm:p-0">
              {items.map((email) => {
                const current = email.id === selectedId;
                return (
                  <li key={email.id}>
                    <Link
                      to={`?email=${email.id}`}
                      aria-current={current ? 'true' : undefined}
                      className={`flex flex-col gap-1 px-5 py-4 text-ink no-underline hover:bg-jade-50/60 hover:text-ink ${current ? 'bg-jade-50 shadow-[inset_3px_0_0_var(--color-jade-600)]' : ''}`}
                    >
                      <span className="font-semibold">{email.subject}</span>
                      <span className="muted break-all"><span className="sr-only">To </span>{email.to}</span>
                      <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
                        <span className="muted">{formatDateTime(email.createdAt, timeZone)}</span>
                        <span className={`badge ${STATUS[email.status].badge}`}>{STATUS[email.status].label}</span>
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>

          {selected ? (
            <EmailReader email={selected} timeZone={timeZone} onClose={() => setParams({})} />
          ) : (
            <div className="hidden lg:block">
              <EmptyState icon={MailOpen} title="Choose an e-mail to read it">
                <p>The text appears here as the recipient sees it, except the links meant for them alone: those are withheld, so only the recipient can use them.</p>
              </EmptyState>
            </div>
          )}
        </div>
      )}
    </>
  );
}

function EmailReader({ email, timeZone, onClose }: { email: OutboxEmail; timeZone: string | undefined; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening an e-mail moves focus to it, so keyboard and screen-reader users land on the text.
  useEffect(() => {
    heading.current?.focus();
  }, [email.id]);

  return (
    <article className="panel min-w-0" aria-labelledby="email-subject">
      <p className="mb-4 lg:hidden">
        <button type="button" onClick={onClose} className="inline-flex cursor-pointer items-center gap-1.5 text-jade-700 underline decoration-jade-300 underline-offset-4">
          <ArrowLeft aria-hidden="true" className="size-4" />All e-mails
        </button>
      </p>
      <h2 id="email-subject" ref={heading} tabIndex={-1} className="flex items-start gap-2 text-xl">
        <Mail aria-hidden="true" className="mt-1 size-5 shrink-0 text-jade-700" />
        {email.subject}
      </h2>
      <dl className="mt-4 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 border-b border-line pb-4">
        <dt className="muted">To</dt>
        <dd className="break-all">{email.to}</dd>
        <dt className="muted">Date</dt>
        <dd>{formatDateTime(email.createdAt, timeZone)}</dd>
        <dt className="muted">Status</dt>
        <dd><span className={`badge ${STATUS[email.status].badge}`}>{STATUS[email.status].label}</span></dd>
        {email.attachments.length > 0 && (
          <>
            <dt className="muted">Attached</dt>
            <dd className="flex flex-wrap gap-2">
              {email.attachments.map((name) => (
                <span key={name} className="inline-flex items-center gap-1"><Paperclip aria-hidden="true" className="size-4" />{name}</span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {email.text === null ? (
        <p className="muted mt-4">This e-mail was queued before Yintang began keeping its links private, so only its subject is shown here.</p>
      ) : (
        <div className="mt-4 font-sans leading-relaxed break-words whitespace-pre-wrap">{email.text}</div>
      )}
    </article>
  );
}
