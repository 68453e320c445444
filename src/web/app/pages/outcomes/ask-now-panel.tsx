import { useState, type FormEvent } from 'react';
import { Send } from 'lucide-react';
import type { AskedView } from '../../../../features/outcomes/outcomes.schema.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField } from '../../../components/field.tsx';

const TIMING_WORDS: Record<string, string> = { baseline: 'at the start', interval: 'during the course', end: 'at the end of the course', extra: 'asked now' };

/**
 * The questionnaires asked before this session (which, when e-mailed, whether answered),
 * and "Ask now": the practitioner e-mails the client one measure before the session,
 * outside the service's schedule.
 */
export function AskNowPanel({ clinic, bookingId }: { clinic: ClinicContext; bookingId: string }) {
  const asked = useApi<AskedView>(`/clinics/${clinic.slug}/bookings/${encodeURIComponent(bookingId)}/questionnaires`);
  const [measureKey, setMeasureKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<string>();
  if (!asked.data) return asked.error === undefined ? null : <Alert tone="error">{errorMessage(asked.error)}</Alert>;
  const data = asked.data;
  const open = data.measures.filter((m) => !data.asked.some((a) => a.measureKey === m.key));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!measureKey) {
      setError('Choose the questionnaire to send.');
      return;
    }
    setBusy(true);
    setError(undefined);
    setSent(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/bookings/${encodeURIComponent(bookingId)}/questionnaires`, { measureKey });
      setSent(`${data.measures.find((m) => m.key === measureKey)?.name ?? 'The questionnaire'} was sent.`);
      setMeasureKey('');
      asked.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="asked-heading" className="panel flex flex-col gap-3">
      <h2 id="asked-heading" className="font-semibold">Questionnaires for this visit</h2>
      {data.asked.length === 0 ? (
        <p className="muted text-sm">None asked yet.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm" aria-label="Questionnaires asked">
          {data.asked.map((a) => (
            <li key={a.requestId} className="rounded-md border border-line px-3 py-2">
              <p className="font-medium">{a.name} <span className="muted font-normal">({TIMING_WORDS[a.timing] ?? a.timing})</span></p>
              <p className="muted">
                {a.emailedAt ? `E-mailed ${formatDateTime(a.emailedAt, data.timeZone)}` : `Asked ${formatDateTime(a.askedAt, data.timeZone)}; not e-mailed (no e-mail address)`}
                {' · '}
                {a.status === 'answered' && a.answeredAt ? `answered ${formatDateTime(a.answeredAt, data.timeZone)}` : 'not answered yet'}
              </p>
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 && (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 border-t border-line pt-3">
          <SelectField label="Ask now" value={measureKey} onChange={(e) => { setMeasureKey(e.target.value); setError(undefined); }} error={error}
            hint="The client gets an e-mail with a link to answer before the visit.">
            <option value="">Choose a questionnaire</option>
            {open.map((m) => <option key={m.key} value={m.key}>{m.name}</option>)}
          </SelectField>
          <div><Button type="submit" variant="secondary" disabled={busy}><Send aria-hidden="true" className="size-4" />{busy ? 'Sending…' : 'Send to the client'}</Button></div>
          <p role="status" className="text-sm text-jade-800">{sent}</p>
        </form>
      )}
    </section>
  );
}
