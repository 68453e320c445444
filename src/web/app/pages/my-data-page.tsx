import { useState } from 'react';
import { Archive, FileDown, FileJson, UserX } from 'lucide-react';
import type { z } from 'zod';
import type { myClosure } from '../../../features/my-data/my-data.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate } from '../../lib/format.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';

type Closure = z.infer<typeof myClosure>;

/** UK GDPR self-service: a copy of everything the clinic holds (JSON and PDF) and a request to close the account. */
export function MyDataPage() {
  usePageTitle('My data');
  return <RoleGate roles={['client']}>{(clinic) => <MyData clinic={clinic} />}</RoleGate>;
}

function MyData({ clinic }: { clinic: ClinicContext }) {
  const base = `/api/v1/clinics/${encodeURIComponent(clinic.slug)}/me`;
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My data"
        description={<p>Under UK data protection law (UK GDPR) you can have a copy of everything {clinic.name} holds about you, and ask for your account to be closed.</p>} />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="copy-heading" className="panel">
          <h2 id="copy-heading" className="flex items-center gap-2 text-xl"><Archive aria-hidden="true" className="size-5 text-jade-700" />A copy of your data</h2>
          <p className="mt-2">Your details, appointments, health answers, signed consent forms, session notes, treatment plans, questionnaires, aftercare, reviews, a list of your progress photos, and a list of who at the clinic looked at or changed your record. Each download is noted in the clinic’s audit log.</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <a className="btn btn-primary" href={`${base}/data.pdf`} download><FileDown aria-hidden="true" className="size-5" />Download as PDF</a>
            <a className="btn btn-secondary" href={`${base}/data.json`} download><FileJson aria-hidden="true" className="size-5" />Download as JSON</a>
          </div>
          <p className="muted mt-3 text-sm">The PDF is for reading and printing; the JSON file holds the same data for other software. The photos themselves are not in either file: open them on My progress, or at the address given for each in the JSON file, while signed in.</p>
        </section>
        <CloseAccount clinic={clinic} />
      </div>
    </>
  );
}

function CloseAccount({ clinic }: { clinic: ClinicContext }) {
  const closure = useApi<Closure>(`/clinics/${clinic.slug}/me/closure-request`);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const current = closure.data?.current;
  const open = current?.status === 'requested';

  async function send() {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/me/closure-request`, reason.trim() ? { reason: reason.trim() } : {});
      setConfirming(false);
      closure.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="close-heading" className="panel">
      <h2 id="close-heading" className="flex items-center gap-2 text-xl"><UserX aria-hidden="true" className="size-5 text-jade-700" />Close your account</h2>
      <div className="mt-2 flex max-w-2xl flex-col gap-3">
        <p>When the clinic closes your account, your sign-in, contact details, waiting-list places, reviews and any future appointments are deleted.</p>
        <p><strong>Clinical records are kept.</strong> By law and professional rules, the clinic must keep your health answers, consent forms and treatment notes for 8 years after your last visit (for children, until their 25th birthday, or 26th if they were 17 at their last visit). They are then deleted. Nobody uses them in the meantime except to answer a legal or safety question.</p>
      </div>
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
      {open && current && (
        <Alert tone="success" className="mt-4" title="Your request is with the clinic">
          You asked on {formatDate(current.requestedAt)}. The clinic will confirm by e-mail within one month.{current.retainUntil ? ` Clinical records will be kept until ${formatDate(current.retainUntil)}.` : ''}
        </Alert>
      )}
      {!open && closure.data && !confirming && (
        <Button variant="danger" className="mt-4" onClick={() => setConfirming(true)}><UserX aria-hidden="true" className="size-5" />Ask to close my account</Button>
      )}
      {!open && confirming && (
        <div className="mt-4 flex flex-col gap-4 rounded-lg border border-danger/30 bg-danger-50 p-4">
          <TextAreaField label="Anything you would like the clinic to know (optional)" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="flex flex-wrap gap-3">
            <Button variant="danger" pending={busy} onClick={() => void send()}>Send my request</Button>
            <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>Keep my account</Button>
          </div>
        </div>
      )}
    </section>
  );
}
