import { useState } from 'react';
import { Eye, FileDown } from 'lucide-react';
import type { RecordAccessPage } from '../../../features/clinical-record/clinical-record.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { DateField } from '../../components/date-field.tsx';

const PAGE = 10;

/**
 * The client's clinical record as a PDF, for a GP letter or a subject access request: the
 * whole record or the sessions of a period. For the owner and the client's practitioners.
 */
export function RecordExportPanel({ clinic, clientId, clientName }: { clinic: ClinicContext; clientId: string; clientName: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const backwards = from !== '' && to !== '' && to < from;
  const q = new URLSearchParams();
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const href = `/api/v1/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/record.pdf${q.toString() ? `?${q}` : ''}`;
  return (
    <section className="panel" aria-labelledby="record-export-heading">
      <h2 id="record-export-heading" className="flex items-center gap-2 text-xl"><FileDown aria-hidden="true" className="size-5 text-jade-700" />Clinical record (PDF)</h2>
      <p className="muted mt-1 max-w-2xl">
        For a referral letter to a GP or a subject access request: {clientName}’s details, latest health answers and every signed session note with
        its points, needles, adverse events and amendments. Leave the dates empty for the whole record. The download is recorded in the audit log.
      </p>
      <div className="mt-4 grid max-w-xl grid-cols-2 gap-3 sm:gap-5">
        <DateField label="Sessions from" value={from} onValueChange={setFrom} />
        <DateField label="To (included)" value={to} onValueChange={setTo} error={backwards ? 'The end date must be on or after the start date' : undefined} />
      </div>
      <div className="mt-5">
        {backwards
          ? <Button variant="secondary" disabled><FileDown aria-hidden="true" className="size-5" />Download PDF</Button>
          : <a className="btn btn-secondary" href={href} download><FileDown aria-hidden="true" className="size-5" />Download PDF</a>}
      </div>
    </section>
  );
}

/** Who viewed or changed the client's clinical record, newest first (the owner's view of the audit log). */
export function WhoLookedPanel({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const base = `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/record-access`;
  const first = useApi<RecordAccessPage>(`${base}?limit=${PAGE}`);
  const [more, setMore] = useState<RecordAccessPage>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : first.data?.next ?? null;

  async function showMore() {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.get<RecordAccessPage>(`${base}?limit=${PAGE}&cursor=${encodeURIComponent(next)}`);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], next: page.next }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="who-looked-heading">
      <h2 id="who-looked-heading" className="flex items-center gap-2 text-xl"><Eye aria-hidden="true" className="size-5 text-jade-700" />Who looked at the clinical record</h2>
      <p className="muted mt-1">Every view, change, signature, amendment and download of this client’s notes, newest first. Only you, the owner, see this.</p>
      {first.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(first.error)}</Alert>}
      {!first.data && first.loading && <Loading label="Loading who looked…" />}
      {first.data && items.length === 0 && <p className="muted mt-4">Nobody has opened this client’s clinical record yet.</p>}
      {items.length > 0 && (
        <ol className="mt-4 flex list-none flex-col divide-y divide-line p-0" aria-label="Who looked, newest first">
          {items.map((i) => (
            <li key={i.id} className="grid gap-1 py-3 sm:grid-cols-[14rem_minmax(0,1fr)] sm:gap-4">
              <time dateTime={i.at} className="muted tabular-nums sm:whitespace-nowrap">{formatDateTime(i.at)}</time>
              <p>
                <span className="font-medium">{i.person?.name ?? 'Yintang'}</span>
                <span className="muted"> ({i.roleLabel})</span>
                <span className="block">{i.actionLabel}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {moreError !== undefined && <Alert tone="error" className="mt-3">{errorMessage(moreError)}</Alert>}
      {next && (
        <Button variant="secondary" className="mt-3" onClick={showMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show earlier'}
        </Button>
      )}
    </section>
  );
}
