import { useState } from 'react';
import { Link } from 'react-router';
import { CalendarClock, History } from 'lucide-react';
import type { z } from 'zod';
import type { clientHistory } from '../../../features/clients/client-history.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatLongDay, formatTime, localDate } from '../../lib/clinic-time.ts';
import type { ClinicContext } from '../session.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { STATUS } from './booking/booking-format.ts';

export type ClientHistory = z.infer<typeof clientHistory>;
type Appointment = ClientHistory['past'][number];

const PAGE = 10;
const shortDayWithYear = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
/** 8 Dec 2026, for narrow screens. */
const formatShortDate = (date: string) => shortDayWithYear.format(new Date(`${date}T12:00:00Z`)).replace(',', '');

/** "1 no-show", "2 no-shows". */
export function countWords(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The counts in words, leaving out what never happened: "4 completed visits, 1 no-show, 1 late cancellation". */
export function summaryLine(c: ClientHistory['counts']): string {
  const parts = [
    c.completed > 0 && countWords(c.completed, 'completed visit'),
    c.upcoming > 0 && `${c.upcoming} upcoming`,
    c.noShows > 0 && countWords(c.noShows, 'no-show'),
    c.lateCancellations > 0 && countWords(c.lateCancellations, 'late cancellation'),
    c.cancellations > 0 && countWords(c.cancellations, 'cancellation'),
  ].filter((p): p is string => typeof p === 'string');
  return parts.length === 0 ? 'No visits yet.' : `${parts.join(', ')}.`;
}

/** The badge of an appointment: a late cancellation and a past visit nobody marked are told apart. */
export function statusOf(a: Appointment, past: boolean): { label: string; badge: string } {
  if (a.status === 'cancelled' && a.lateCancellation) return { label: 'Late cancellation', badge: 'badge badge-caution' };
  if (past && (a.status === 'confirmed' || a.status === 'held')) return { label: 'Not marked', badge: 'badge badge-neutral' };
  return STATUS[a.status];
}

/**
 * A client's visits on their record: the counts in words, what is coming, what happened
 * (a page at a time), the courses in progress and the waiting list. No health data.
 */
export function ClientHistoryPanel({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const base = `/clinics/${clinic.slug}/clients/${encodeURIComponent(clientId)}/history`;
  const history = useApi<ClientHistory>(`${base}?limit=${PAGE}`);
  const [more, setMore] = useState<{ items: Appointment[]; cursor: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const h = history.data;
  const past = h ? [...h.past, ...(more?.items ?? [])] : [];
  const cursor = more ? more.cursor : h?.nextCursor ?? null;

  async function showMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await api.get<ClientHistory>(`${base}?limit=${PAGE}&before=${encodeURIComponent(cursor)}`);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.past], cursor: page.nextCursor }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading" className="flex items-center gap-2 text-xl"><History aria-hidden="true" className="size-5 text-jade-700" />Visits</h2>
      {history.error !== undefined && <Alert tone="error" className="mt-4">{errorMessage(history.error)}</Alert>}
      {!h && history.loading && <Loading label="Loading visits…" />}
      {h && (
        <>
          <p className="mt-2 text-lg" data-testid="visit-counts">{summaryLine(h.counts)}</p>

          {h.courses.length > 0 && (
            <div className="mt-6">
              <h3 className="text-lg">Courses in progress</h3>
              <ul className="mt-2 flex flex-col gap-2" aria-label="Courses in progress">
                {h.courses.map((c) => (
                  <li key={c.seriesId} className="rounded-lg border border-line bg-sand/40 px-4 py-3">
                    <p><span className="font-medium">{c.serviceName} course:</span> {c.done} of {c.total} done, {c.booked} booked{c.noShows > 0 ? `, ${countWords(c.noShows, 'missed', 'missed')}` : ''}</p>
                    <CourseBar done={c.done} booked={c.booked} total={c.total} />
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="mt-6">
            <h3 className="text-lg">Upcoming</h3>
            {h.upcoming.length === 0
              ? <p className="muted mt-2">Nothing booked.</p>
              : <AppointmentList label="Upcoming appointments" items={h.upcoming} timeZone={h.timeZone} past={false} />}
          </div>

          <div className="mt-6">
            <h3 className="text-lg">Past visits and cancellations</h3>
            {past.length === 0
              ? <p className="muted mt-2">None yet.</p>
              : <AppointmentList label="Past visits and cancellations" items={past} timeZone={h.timeZone} past />}
            {moreError !== undefined && <Alert tone="error" className="mt-3">{errorMessage(moreError)}</Alert>}
            {cursor && <Button variant="secondary" className="mt-3" pending={loadingMore} onClick={() => void showMore()}>Show more</Button>}
          </div>

          <div className="mt-6">
            <h3 className="flex items-center gap-2 text-lg"><CalendarClock aria-hidden="true" className="size-5 text-jade-700" />Waiting list</h3>
            {h.waitlist.length === 0 ? <p className="muted mt-2">Not waiting for a slot.</p> : (
              <ul className="mt-2 divide-y divide-line border-y border-line" aria-label="Waiting-list entries">
                {h.waitlist.map((w) => (
                  <li key={w.id} className="py-3">
                    <p className="font-medium">{w.serviceName}{w.practitionerName ? ` with ${w.practitionerName}` : ', any practitioner'}</p>
                    <p className="muted text-sm">Hoping for {formatLongDay(w.date)} · waiting since {formatDate(w.since, h.timeZone)}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function AppointmentList({ label, items, timeZone, past }: { label: string; items: Appointment[]; timeZone: string; past: boolean }) {
  return (
    <ul className="mt-2 divide-y divide-line border-y border-line" aria-label={label}>
      {items.map((a) => {
        const day = localDate(a.startsAt, timeZone);
        const status = statusOf(a, past);
        return (
          <li key={a.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-3">
            <div className="min-w-0 flex-1">
              <p>
                <Link to={`/app/diary?date=${day}`} className="font-medium">
                  <span className="sm:hidden">{formatShortDate(day)}</span>
                  <span className="hidden sm:inline">{formatLongDay(day)}</span>
                  {' '}at {formatTime(a.startsAt, timeZone)}
                  <span className="sr-only"> (open the diary on this day)</span>
                </Link>
              </p>
              <p className="muted text-sm">
                {a.serviceName} with {a.practitionerName}
                {a.course && <> · session {a.course.position} of {a.course.total}</>}
              </p>
            </div>
            <span className={status.badge}>{status.label}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Done, booked and still to book, as a bar with its words beside it for screen readers. */
function CourseBar({ done, booked, total }: { done: number; booked: number; total: number }) {
  if (total <= 0) return null;
  const pct = (n: number) => `${Math.min(100, (n / total) * 100)}%`;
  return (
    <div className="mt-2 flex h-2 overflow-hidden rounded-full bg-line" aria-hidden="true">
      <div className="bg-jade-700" style={{ width: pct(done) }} />
      <div className="bg-jade-200" style={{ width: pct(booked) }} />
    </div>
  );
}
