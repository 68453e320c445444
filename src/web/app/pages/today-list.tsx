import { useState } from 'react';
import { Link } from 'react-router';
import { CalendarDays } from 'lucide-react';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatTime } from '../../lib/clinic-time.ts';
import { formatPhone } from '../../lib/format.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { STATUS } from './booking/booking-format.ts';
import type { Diary, DiaryEntry } from './booking/diary-actions.tsx';
import { canReviewFlags, hasFindings, HealthFlagsDialog, ReadinessBadges } from './readiness.tsx';

type Row = DiaryEntry & { practitioner: string };

/**
 * Today's appointments: the signed-in practitioner's own, or the whole clinic's for the
 * owner and reception. Mark each client arrived, completed or a no-show as the day goes.
 */
export function TodayList({ clinic }: { clinic: ClinicContext }) {
  const diary = useApi<Diary>(`/clinics/${clinic.slug}/diary?days=1`);
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [flagsOf, setFlagsOf] = useState<Row>();
  const tz = diary.data?.timeZone ?? 'Europe/London';
  const many = (diary.data?.columns.length ?? 0) > 1;
  const rows: Row[] = (diary.data?.columns ?? [])
    .flatMap((c) => c.entries.filter((e) => e.kind === 'appointment' && e.status !== 'expired').map((e) => ({ ...e, practitioner: c.name })))
    .sort((a, b) => a.start.localeCompare(b.start));
  const active = rows.filter((r) => r.status !== 'cancelled');

  async function mark(row: Row, status: 'arrived' | 'no_show' | 'completed') {
    setBusy(row.id + status);
    setMessage(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/bookings/${row.id}/status`, { status });
      setMessage({ tone: 'success', text: `${row.client?.name ?? 'The client'} is marked ${STATUS[status].label.toLowerCase()}.` });
      diary.reload();
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(undefined);
    }
  }

  if (diary.error !== undefined) return <Alert tone="error">{errorMessage(diary.error)}</Alert>;
  if (!diary.data) return <Loading label="Loading today’s appointments…" />;
  if (rows.length === 0) {
    return (
      <EmptyState icon={CalendarDays} title="No appointments today" action={<Link className="btn btn-secondary" to="/app/diary">Open the diary</Link>}>
        <p>{clinic.role === 'practitioner' ? 'You have nothing booked today.' : 'Nothing is booked at the clinic today.'} New bookings appear here as they come in.</p>
      </EmptyState>
    );
  }

  return (
    <section aria-labelledby="today-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="today-heading" className="text-xl">
          {clinic.role === 'practitioner' ? 'Your appointments today' : 'Appointments today'}
          <span className="muted font-normal"> · {active.length}</span>
        </h2>
        <Link to="/app/diary">Open the diary</Link>
      </div>
      {message && <Alert tone={message.tone} className="mt-4">{message.text}</Alert>}
      <ul className="panel mt-4 divide-y divide-line p-0 sm:p-0">
        {rows.map((r) => {
          const started = Date.parse(r.start) <= Date.now();
          const cancelled = r.status === 'cancelled';
          return (
            <li key={r.id} className={`flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:gap-5 ${cancelled ? 'opacity-70' : ''}`}>
              <p className="w-28 shrink-0 font-semibold tabular-nums">
                {formatTime(r.start, tz)}<span className="muted font-normal">–{formatTime(r.end, tz)}</span>
              </p>
              <div className="min-w-0 flex-1">
                <p className="font-semibold">
                  {r.client ? <Link to={`/app/clients/${r.client.id}`} className="text-ink no-underline hover:text-jade-700 hover:underline">{r.client.name}</Link> : 'Client'}
                  {r.client?.phone && <span className="muted font-normal"> · <a href={`tel:${r.client.phone}`}>{formatPhone(r.client.phone)}</a></span>}
                </p>
                <p className="muted">{r.service?.name}{many ? ` · with ${r.practitioner}` : ''}</p>
                {!cancelled && <ReadinessBadges readiness={r.readiness} className="mt-2" />}
              </div>
              <span className={`${STATUS[r.status].badge} self-start sm:self-center`}>{STATUS[r.status].label}{r.lateCancellation ? ' (late)' : ''}</span>
              {canReviewFlags(clinic) && r.client && (r.status === 'confirmed' || r.status === 'arrived' || r.status === 'completed') && (
                <Link className="btn btn-secondary self-start sm:self-center" to={`/app/sessions/${r.id}/note`} aria-label={`Session note for ${r.client.name}`}>Session note</Link>
              )}
              {(r.status === 'confirmed' || r.status === 'arrived') && (
                <div className="flex flex-wrap gap-2" role="group" aria-label={`Update ${r.client?.name ?? 'appointment'}`}>
                  {canReviewFlags(clinic) && hasFindings(r.readiness) && (
                    <Button variant="secondary" onClick={() => setFlagsOf(r)}>
                      {r.readiness!.reviewOutstanding > 0 ? 'Review health flags' : 'Health flags'}
                    </Button>
                  )}
                  {r.status === 'confirmed' && (
                    <Button variant="primary" pending={busy === r.id + 'arrived'} onClick={() => void mark(r, 'arrived')}>Mark arrived</Button>
                  )}
                  {started && <Button variant="secondary" pending={busy === r.id + 'completed'} onClick={() => void mark(r, 'completed')}>Mark completed</Button>}
                  {started && <Button variant="ghost" pending={busy === r.id + 'no_show'} onClick={() => void mark(r, 'no_show')}>Mark no-show</Button>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <HealthFlagsDialog key={flagsOf?.id ?? 'none'} clinic={clinic} entry={flagsOf} onClose={() => setFlagsOf(undefined)} onReviewed={diary.reload} />
    </section>
  );
}
