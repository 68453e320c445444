import { useState, type FormEvent } from 'react';
import { FileJson } from 'lucide-react';
import { RECORD_SHARE_LIMITS } from '../../../domain/fhir/record-share.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { CheckboxField, TextField } from '../../components/field.tsx';

/** Saves a JSON document as a file the browser downloads. */
function saveJson(document: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/fhir+json' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: fileName });
  window.document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The client's record as FHIR R4, for another clinic's or a GP's system. The practitioner
 * says to whom and why, and confirms the client agreed; that is stored with the export and
 * travels in it as a Consent. For the owner and the client's practitioners.
 */
export function FhirExportPanel({ clinic, clientId, clientName }: { clinic: ClinicContext; clientId: string; clientName: string }) {
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function share(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!recipient.trim()) local.recipient = 'Say who receives the record';
    if (!purpose.trim()) local.purpose = 'Say what the record is shared for';
    if (!agreed) local.clientAgreed = `Confirm that ${clientName} agreed to share their record`;
    setErrors(local);
    setProblem(undefined);
    setDone(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const bundle = await api.post<{ entry: unknown[] }>(`/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/fhir-export`, { recipient, purpose, clientAgreed: true });
      const name = clientName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
      saveJson(bundle, `fhir-record-${name}.json`);
      setDone(`Downloaded the file (${bundle.entry.length} FHIR resources). ${clientName}’s agreement to share with ${recipient.trim()} is recorded.`);
      setAgreed(false);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length) setErrors(error.fieldErrors);
      else setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="fhir-export-heading">
      <h2 id="fhir-export-heading" className="flex items-center gap-2 text-xl"><FileJson aria-hidden="true" className="size-5 text-jade-700" />Share the record (FHIR)</h2>
      <p className="muted mt-1 max-w-2xl">
        For a referral or a move to another clinic whose system reads FHIR R4, the health records standard: {clientName}’s details, appointments,
        signed session notes with the points used, health answers, outcome scores and consents, in one file. Only with their agreement; it is
        recorded with the download and in the audit log.
      </p>
      <form className="mt-4 flex max-w-xl flex-col gap-4" onSubmit={share} noValidate>
        <TextField label="Shared with" hint="The person or service receiving it, e.g. Dr Amy Shaw, Bath GP surgery" value={recipient}
          maxLength={RECORD_SHARE_LIMITS.recipient} onChange={(e) => setRecipient(e.target.value)} error={errors.recipient} />
        <TextField label="What for" hint="e.g. Referral for knee pain" value={purpose}
          maxLength={RECORD_SHARE_LIMITS.purpose} onChange={(e) => setPurpose(e.target.value)} error={errors.purpose} />
        <CheckboxField label={`${clientName} agreed to share their record with them for this`} checked={agreed}
          onChange={(e) => setAgreed(e.target.checked)} error={errors.clientAgreed} />
        {problem && <Alert tone="error">{problem}</Alert>}
        {done && <Alert tone="success">{done}</Alert>}
        <div>
          <Button type="submit" variant="secondary" pending={busy}>{!busy && <FileJson aria-hidden="true" className="size-5" />}Download FHIR record</Button>
        </div>
      </form>
    </section>
  );
}
