import { useId, useState } from 'react';
import { CalendarClock, CalendarX2, Plus, RefreshCw, Trash2 } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { newBusyCalendarBody, type BusyCalendarView } from '../../../features/busy-calendars/busy-calendars.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { applyServerErrors } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { TextField } from '../../components/field.tsx';

type NewCalendar = z.input<typeof newBusyCalendarBody>;

/**
 * A practitioner's outside calendars (another clinic, a hospital rota): their busy times
 * block the practitioner's free slots here. Shown on the practitioner's own profile and,
 * for the owner, on each practitioner's page, with whether each calendar still works.
 */
export function BusyCalendarsSection({ base, name, self }: { base: string; name: string; self: boolean }) {
  const path = `${base}/busy-calendars`;
  const list = useApi<{ items: BusyCalendarView[] }>(path);
  const [announcement, setAnnouncement] = useState<{ tone: 'success' | 'error'; text: string }>();
  const items = list.data?.items ?? [];
  const changed = (text: string, tone: 'success' | 'error' = 'success') => {
    setAnnouncement({ text, tone });
    list.reload();
  };
  const whose = self ? 'your' : `${name}’s`;

  return (
    <section aria-labelledby="busy-calendars-heading">
      <h2 id="busy-calendars-heading" className="flex items-center gap-2 text-2xl">
        <CalendarClock aria-hidden="true" className="size-6 text-jade-700" />Busy times from other calendars
      </h2>
      <p className="muted mt-1 max-w-2xl">
        If {self ? 'you also work' : `${name} also works`} somewhere else, add the private address of that calendar. Times marked busy there
        are not offered for booking here, checked every few minutes. Only the start and end of each busy time are kept: never titles,
        notes, places or who else is there.
      </p>

      <div aria-live="polite" className="empty:hidden">
        {announcement && <Alert tone={announcement.tone} className="mt-5">{announcement.text}</Alert>}
      </div>
      {list.error !== undefined && <Alert tone="error" className="mt-5">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading calendars…" />}
      {list.data && items.length === 0 && (
        <div className="mt-5">
          <EmptyState icon={CalendarX2} title="No other calendars">
            <p>Nothing outside this clinic blocks {whose} free times yet.</p>
          </EmptyState>
        </div>
      )}
      {items.length > 0 && (
        <ul className="panel mt-5 divide-y divide-line p-0 sm:p-0" aria-label={`${self ? 'My' : `${name}’s`} other calendars`}>
          {items.map((c) => <CalendarRow key={c.id} path={path} item={c} onChanged={changed} />)}
        </ul>
      )}
      <AddCalendarForm path={path} whose={whose} onAdded={(c) => changed(
        c.status === 'ok' ? `${c.label} added: ${busyWords(c.busyCount)} now block${c.busyCount === 1 ? 's' : ''} ${whose} free times.` : `${c.label} added, but it could not be read: ${c.lastError ?? 'unknown error'}`,
        c.status === 'ok' ? 'success' : 'error',
      )} />
    </section>
  );
}

const busyWords = (n: number) => `${n} busy time${n === 1 ? '' : 's'}`;

function CalendarRow({ path, item, onChanged }: { path: string; item: BusyCalendarView; onChanged: (text: string, tone?: 'success' | 'error') => void }) {
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const act = async (work: () => Promise<string | { text: string; tone: 'error' }>) => {
    setBusy(true);
    try {
      const done = await work();
      if (typeof done === 'string') onChanged(done);
      else onChanged(done.text, done.tone);
    } catch (error) {
      onChanged(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const at = (iso: string | null) => (iso ? formatDateTime(iso) : null);
  return (
    <li className="flex flex-col gap-4 px-5 py-5 md:flex-row md:items-start md:justify-between" aria-labelledby={titleId}>
      <div className="min-w-0">
        <p id={titleId} className="font-semibold">{item.label}</p>
        <p className="muted break-all text-sm">{item.urlHint}</p>
        <p className="mt-2 flex flex-wrap gap-2">
          {item.status === 'ok' && <span className="badge">Working</span>}
          {item.status === 'pending' && <span className="badge badge-neutral">Not fetched yet</span>}
          {item.status === 'failing' && <span className="badge badge-danger">Failing</span>}
          <span className="badge badge-neutral">{busyWords(item.busyCount)} ahead</span>
        </p>
        {item.status === 'failing' && (
          <Alert tone="error" className="mt-3" title="This calendar could not be read">
            <p>{item.lastError}</p>
            <p>
              {item.lastSuccessAt ? `It last worked on ${at(item.lastSuccessAt)}; the busy times read then still block.` : 'It has never worked.'}
              {' '}Copy the private address again from the calendar service, remove this one and add the new one.
            </p>
          </Alert>
        )}
        {item.status === 'ok' && item.lastSuccessAt && <p className="muted mt-2 text-sm">Last checked {at(item.lastSuccessAt)}.</p>}
      </div>
      <div className="flex flex-wrap gap-3 md:shrink-0">
        <Button variant="secondary" pending={busy} onClick={() => void act(async () => {
          const c = await api.post<BusyCalendarView>(`${path}/${encodeURIComponent(item.id)}/refresh`);
          return c.status === 'ok' ? `${c.label} checked: ${busyWords(c.busyCount)}.` : { text: `${c.label} could not be read: ${c.lastError ?? ''}`, tone: 'error' as const };
        })}>
          <RefreshCw aria-hidden="true" className="size-5" />Check now<span className="sr-only"> {item.label}</span>
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => void act(async () => {
          await api.delete(`${path}/${encodeURIComponent(item.id)}`);
          return `${item.label} removed; its busy times no longer block.`;
        })}>
          <Trash2 aria-hidden="true" className="size-5" />Remove<span className="sr-only"> {item.label}</span>
        </Button>
      </div>
    </li>
  );
}

function AddCalendarForm({ path, whose, onAdded }: { path: string; whose: string; onAdded: (c: BusyCalendarView) => void }) {
  const [formError, setFormError] = useState<string>();
  const empty: NewCalendar = { label: '', url: '' };
  const { register, handleSubmit, setError, reset, formState: { errors, isSubmitting } } = useForm<NewCalendar>({ resolver: zodResolver(newBusyCalendarBody), defaultValues: empty });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const added = await api.post<BusyCalendarView>(path, values);
      reset(empty);
      onAdded(added);
    } catch (error) {
      setFormError(applyServerErrors(error, setError, ['label', 'url']));
    }
  });
  return (
    <section aria-labelledby="add-busy-calendar-heading" className="panel mt-8">
      <h3 id="add-busy-calendar-heading" className="text-xl">Add another calendar</h3>
      <p className="muted mt-1 max-w-2xl">
        Google Calendar: Settings, the calendar, “Secret address in iCal format”. Outlook: Settings, Calendar, Shared calendars, “Publish a
        calendar”, the ICS link. Apple iCloud: share the calendar as a public calendar and copy its webcal:// link. Treat the address like a
        password: it is kept on the server and never shown again in full.
      </p>
      {formError && <Alert tone="error" className="mt-5">{formError}</Alert>}
      <form onSubmit={onSubmit} noValidate className="mt-5 grid gap-5 md:grid-cols-2">
        <TextField label="Name" hint="For example Other clinic, or Hospital rota." autoComplete="off" error={errors.label?.message} {...register('label')} />
        <TextField label="Private calendar address" hint={`The iCal (.ics) address of ${whose} other calendar.`} type="url" autoComplete="off" spellCheck={false} error={errors.url?.message} {...register('url')} />
        <div className="md:col-span-2">
          <Button type="submit" pending={isSubmitting}><Plus aria-hidden="true" className="size-5" />Add calendar</Button>
        </div>
      </form>
    </section>
  );
}
