import { useEffect, useState, type FormEvent } from 'react';
import { Plus, Trash2 } from 'lucide-react';
import type { z } from 'zod';
import type { bookingSettings, closureList, exceptionList, roomList, weeklyHours } from '../../../features/scheduling/scheduling.schema.ts';
import type { memberList } from '../../../features/clinics/clinics.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatLongDay, formatPlainDay } from '../../lib/clinic-time.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField, TimeField, TimeInput } from '../../components/field.tsx';
import { DateField } from '../../components/date-field.tsx';

type Settings = z.infer<typeof bookingSettings>;
type Hours = z.infer<typeof weeklyHours>;
type Exceptions = z.infer<typeof exceptionList>;
type Closures = z.infer<typeof closureList>;
type Rooms = z.infer<typeof roomList>;
type Members = z.infer<typeof memberList>;

/** UK weeks start on Monday; the API numbers Sunday 0. */
const WEEKDAYS = [
  { n: 1, name: 'Monday' }, { n: 2, name: 'Tuesday' }, { n: 3, name: 'Wednesday' }, { n: 4, name: 'Thursday' },
  { n: 5, name: 'Friday' }, { n: 6, name: 'Saturday' }, { n: 0, name: 'Sunday' },
];

/** The owner's booking set-up: rules, each practitioner's hours and time off, closures, rooms and the widget. */
export function BookingSettingsPage() {
  usePageTitle('Hours and booking');
  return <RoleGate roles={['owner']}>{(clinic) => <BookingSettings clinic={clinic} />}</RoleGate>;
}

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id} className="text-xl">{title}</h2>
      {description && <p className="muted mt-1">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}

function BookingSettings({ clinic }: { clinic: ClinicContext }) {
  const members = useApi<Members>(`/clinics/${clinic.slug}/members`);
  const practitioners = (members.data?.items ?? []).filter((m) => m.role !== 'reception');
  const [who, setWho] = useState('');
  useEffect(() => {
    if (!who && practitioners[0]) setWho(practitioners[0].userId);
  }, [who, practitioners]);

  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Hours and booking" description={<p>When each practitioner works, when the clinic is closed, and the rules for booking online. Times are the clinic’s local time.</p>} />
      <div className="flex flex-col gap-8">
        <Section id="hours" title="Working hours" description="Each practitioner’s usual week. A break is the gap between two sessions of a day.">
          {members.error !== undefined && <Alert tone="error">{errorMessage(members.error)}</Alert>}
          {practitioners.length > 0 && (
            <SelectField label="Practitioner" className="max-w-sm" value={who} onChange={(e) => setWho(e.target.value)}>
              {practitioners.map((p) => <option key={p.userId} value={p.userId}>{p.name}</option>)}
            </SelectField>
          )}
          {who && <WeeklyHoursForm key={who} clinic={clinic} userId={who} name={practitioners.find((p) => p.userId === who)?.name ?? ''} />}
        </Section>
        {who && (
          <Section id="time-off" title="Time off and extra hours" description={`Holidays, courses or an extra evening for ${practitioners.find((p) => p.userId === who)?.name ?? 'this practitioner'}.`}>
            <ExceptionsEditor key={who} clinic={clinic} userId={who} />
          </Section>
        )}
        <Section id="closures" title="Clinic closures" description="Days nobody can be booked, such as bank holidays.">
          <ClosuresEditor clinic={clinic} />
        </Section>
        <Section id="rules" title="Booking rules">
          <RulesForm clinic={clinic} />
        </Section>
        <Section id="rooms" title="Rooms" description="Services that need a kind of room (for example a massage room) are booked only when one is free.">
          <RoomsEditor clinic={clinic} />
        </Section>
      </div>
    </>
  );
}

function WeeklyHoursForm({ clinic, userId, name }: { clinic: ClinicContext; userId: string; name: string }) {
  const hours = useApi<Hours>(`/clinics/${clinic.slug}/settings/practitioners/${userId}/hours`);
  const [days, setDays] = useState<Record<number, { start: string; end: string }[]>>();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!hours.data) return;
    const next: Record<number, { start: string; end: string }[]> = {};
    for (const d of hours.data.days) next[d.weekday] = d.intervals.map((i) => ({ ...i }));
    setDays(next);
  }, [hours.data]);

  if (hours.error !== undefined) return <Alert tone="error" className="mt-4">{errorMessage(hours.error)}</Alert>;
  if (!days) return <Loading label="Loading hours…" />;

  const update = (weekday: number, list: { start: string; end: string }[]) => setDays({ ...days, [weekday]: list });

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const body = { days: Object.entries(days!).filter(([, list]) => list.length).map(([weekday, intervals]) => ({ weekday: Number(weekday), intervals })) };
      await api.put(`/clinics/${clinic.slug}/settings/practitioners/${userId}/hours`, body);
      setMessage({ tone: 'success', text: `${name}’s hours are saved. Online booking follows them at once.` });
    } catch (e) {
      setMessage({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} className="mt-5 flex flex-col gap-4">
      <ul className="flex flex-col divide-y divide-line">
        {WEEKDAYS.map((d) => {
          const list = days[d.n] ?? [];
          return (
            <li key={d.n} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:gap-6">
              <p className="w-28 shrink-0 pt-2 font-medium">{d.name}</p>
              <div className="flex flex-1 flex-col gap-2">
                {list.length === 0 && <p className="muted pt-2">Not working</p>}
                {list.map((iv, i) => (
                  <div key={i} className="flex flex-wrap items-center gap-2">
                    <label className="sr-only" htmlFor={`h-${d.n}-${i}-s`}>{d.name}, session {i + 1}, from</label>
                    <TimeInput id={`h-${d.n}-${i}-s`} className="w-24" value={iv.start}
                      onValueChange={(v) => update(d.n, list.map((x, j) => (j === i ? { ...x, start: v } : x)))} />
                    <span aria-hidden="true">to</span>
                    <label className="sr-only" htmlFor={`h-${d.n}-${i}-e`}>{d.name}, session {i + 1}, to</label>
                    <TimeInput id={`h-${d.n}-${i}-e`} className="w-24" value={iv.end}
                      onValueChange={(v) => update(d.n, list.map((x, j) => (j === i ? { ...x, end: v } : x)))} />
                    <Button variant="ghost" className="px-2" onClick={() => update(d.n, list.filter((_, j) => j !== i))}>
                      <Trash2 aria-hidden="true" className="size-5" /><span className="sr-only">Remove {d.name} session {i + 1}</span>
                    </Button>
                  </div>
                ))}
              </div>
              <Button variant="secondary" className="self-start" onClick={() => update(d.n, [...list, list.length ? { start: '14:00', end: '17:30' } : { start: '09:00', end: '13:00' }])}>
                <Plus aria-hidden="true" className="size-4" />Add hours<span className="sr-only"> on {d.name}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Button type="submit" className="self-start" pending={busy}>Save hours</Button>
    </form>
  );
}

/** The API's field errors in words when it gave any, else its message. */
const problemText = (e: unknown) => (e instanceof ApiError && Object.keys(e.fieldErrors).length ? Object.values(e.fieldErrors).join(' ') : errorMessage(e));

/** Submitting an "add" form: busy while `send` runs, and what went wrong if it failed. */
function useAddSubmit(send: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await send();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, submit };
}

function ExceptionsEditor({ clinic, userId }: { clinic: ClinicContext; userId: string }) {
  const base = `/clinics/${clinic.slug}/settings/practitioners/${userId}/exceptions`;
  const list = useApi<Exceptions>(base);
  const [form, setForm] = useState({ kind: 'time_off' as 'time_off' | 'extra_hours', startDate: '', endDate: '', start: '', end: '', note: '' });
  const { error, setError, busy, submit: add } = useAddSubmit(async () => {
    await api.post(base, {
      kind: form.kind, startDate: form.startDate,
      ...(form.endDate ? { endDate: form.endDate } : {}),
      ...(form.start || form.end ? { start: form.start, end: form.end } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    });
    setForm({ ...form, startDate: '', endDate: '', start: '', end: '', note: '' });
    list.reload();
  });

  return (
    <>
      {list.data && list.data.items.length === 0 && <p className="muted">Nothing planned.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="flex flex-col gap-2">
          {list.data.items.map((x) => (
            <li key={x.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sand px-4 py-2">
              <span>
                <strong>{x.kind === 'time_off' ? 'Time off' : 'Extra hours'}</strong>{' '}
                {x.startDate === x.endDate ? formatLongDay(x.startDate) : `${formatPlainDay(x.startDate)} to ${formatPlainDay(x.endDate)}`}
                {x.start && `, ${x.start} to ${x.end}`}{x.note && ` (${x.note})`}
              </span>
              <Button variant="ghost" onClick={() => void api.delete(`${base}/${x.id}`).then(list.reload, (e: unknown) => setError(errorMessage(e)))}>Remove</Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="mt-5 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="What" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as 'time_off' | 'extra_hours' })}>
          <option value="time_off">Time off</option>
          <option value="extra_hours">Extra hours</option>
        </SelectField>
        <DateField label="First day" value={form.startDate} onValueChange={(value) => setForm({ ...form, startDate: value })} />
        <DateField label="Last day (optional)" value={form.endDate} onValueChange={(value) => setForm({ ...form, endDate: value })} />
        <TimeField label={form.kind === 'time_off' ? 'From (optional)' : 'From'} value={form.start} onValueChange={(v) => setForm({ ...form, start: v })} />
        <TimeField label={form.kind === 'time_off' ? 'To (optional)' : 'To'} value={form.end} onValueChange={(v) => setForm({ ...form, end: v })} />
        <TextField label="Note (optional)" value={form.note} maxLength={200} onChange={(e) => setForm({ ...form, note: e.target.value })} />
        {error && <Alert tone="error" className="sm:col-span-2 lg:col-span-3">{error}</Alert>}
        <Button type="submit" variant="secondary" className="self-end justify-self-start" pending={busy}>Add</Button>
      </form>
    </>
  );
}

function ClosuresEditor({ clinic }: { clinic: ClinicContext }) {
  const base = `/clinics/${clinic.slug}/settings/closures`;
  const list = useApi<Closures>(base);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { error, setError, busy, submit: add } = useAddSubmit(async () => {
    await api.post(base, { date, name: name.trim() });
    setDate('');
    setName('');
    list.reload();
  });
  return (
    <>
      {list.data && list.data.items.length === 0 && <p className="muted">No closures planned.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="flex flex-col gap-2">
          {list.data.items.map((c) => (
            <li key={c.date} className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sand px-4 py-2">
              <span><strong>{formatLongDay(c.date)}</strong> · {c.name}</span>
              <Button variant="ghost" onClick={() => void api.delete(`${base}/${c.date}`).then(list.reload, (e: unknown) => setError(errorMessage(e)))}>
                Reopen<span className="sr-only"> {formatLongDay(c.date)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="mt-5 grid gap-4 sm:grid-cols-[14rem_1fr_auto] sm:items-end">
        <DateField label="Date" value={date} onValueChange={setDate} />
        <TextField label="Reason" hint="For example: Christmas Day" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" variant="secondary" pending={busy}>Close the clinic</Button>
      </form>
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
    </>
  );
}

function RulesForm({ clinic }: { clinic: ClinicContext }) {
  const settings = useApi<Settings>(`/clinics/${clinic.slug}/settings/booking`);
  const [form, setForm] = useState<Record<string, string>>();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setForm({
      notice: String(s.minimumNoticeMin / 60), horizon: String(Math.round(s.horizonDays / 7)), step: String(s.slotStepMin),
      cancel: String(s.cancellationWindowHours), reminder: String(s.reminderLeadMin / 60), origins: s.widgetOrigins.join('\n'),
      verifiedFacial: s.requireVerifiedFacialQualification ? 'yes' : 'no',
    });
  }, [settings.data]);
  if (settings.error !== undefined) return <Alert tone="error">{errorMessage(settings.error)}</Alert>;
  if (!form) return <Loading label="Loading booking rules…" />;

  const set = (k: string, v: string) => setForm({ ...form, [k]: v });
  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const updated = await api.patch<Settings>(`/clinics/${clinic.slug}/settings/booking`, {
        minimumNoticeMin: Math.round(Number(form!.notice) * 60),
        horizonDays: Math.round(Number(form!.horizon) * 7),
        slotStepMin: Number(form!.step),
        cancellationWindowHours: Math.round(Number(form!.cancel)),
        reminderLeadMin: Math.round(Number(form!.reminder) * 60),
        widgetOrigins: (form!.origins ?? '').split(/\s+/).map((o) => o.trim()).filter(Boolean),
        requireVerifiedFacialQualification: form!.verifiedFacial === 'yes',
      });
      setForm({ ...form!, origins: updated.widgetOrigins.join('\n') });
      setMessage({ tone: 'success', text: 'The booking rules are saved.' });
    } catch (e) {
      setMessage({ tone: 'error', text: problemText(e) });
    } finally {
      setBusy(false);
    }
  }
  const origin = window.location.origin;
  return (
    <form onSubmit={save} noValidate className="flex flex-col gap-5">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextField label="Minimum notice (hours)" type="number" min={0} step={0.5} value={form.notice} hint="How soon before a time it can be booked online" onChange={(e) => set('notice', e.target.value)} />
        <TextField label="Book ahead up to (weeks)" type="number" min={1} max={104} value={form.horizon} onChange={(e) => set('horizon', e.target.value)} />
        <SelectField label="Start times every" value={form.step} onChange={(e) => set('step', e.target.value)}>
          {[5, 10, 15, 20, 30, 60].map((m) => <option key={m} value={m}>{m} minutes</option>)}
        </SelectField>
        <TextField label="Cancellation notice (hours)" type="number" min={0} max={720} value={form.cancel} hint="Later cancellations are recorded as late" onChange={(e) => set('cancel', e.target.value)} />
        <TextField label="Reminder e-mail (hours before)" type="number" min={0} max={168} value={form.reminder} onChange={(e) => set('reminder', e.target.value)} />
      </div>
      <CheckboxField label="Facial acupuncture only with practitioners whose qualification you have verified"
        checked={form.verifiedFacial === 'yes'} onChange={(e) => set('verifiedFacial', e.target.checked ? 'yes' : 'no')}
        hint="Facial sessions are offered and booked, online and in the diary, only with practitioners whose facial acupuncture certificate you have marked as verified on their profile (Staff). Untick to let everyone who gives a facial service be booked for it." />
      <TextAreaField label="Websites that may show your booking widget" rows={3} value={form.origins} onChange={(e) => set('origins', e.target.value)}
        hint="One web address per line, exactly as it starts in the browser’s address bar, such as https://www.your-clinic.co.uk (with or without www is a different address: add both if your site answers to both). Only these sites can book through the widget; anywhere else it tells visitors that the site is not set up and links to your booking page." />
      <div>
        <p className="label">Add online booking to your own website</p>
        <p className="hint mt-1">Paste this where the booking calendar should appear:</p>
        <pre className="mt-2 overflow-x-auto rounded-lg bg-sand p-3 text-sm"><code>{`<script src="${origin}/widget.js" data-clinic="${clinic.slug}" async></script>`}</code></pre>
        <p className="hint mt-2">Your booking page on Yintang: <a href={`/clinics/${clinic.slug}/book`}>{`${origin}/clinics/${clinic.slug}/book`}</a></p>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Button type="submit" className="self-start" pending={busy}>Save booking rules</Button>
    </form>
  );
}

function RoomsEditor({ clinic }: { clinic: ClinicContext }) {
  const base = `/clinics/${clinic.slug}/settings/rooms`;
  const list = useApi<Rooms>(base);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('treatment');
  const { error, setError, busy, submit: add } = useAddSubmit(async () => {
    await api.post(base, { name: name.trim(), kind: kind.trim() });
    setName('');
    list.reload();
  });
  const rooms = (list.data?.items ?? []).filter((r) => r.active);
  return (
    <>
      {list.data && rooms.length === 0 && <p className="muted">No rooms added: bookings are not limited by rooms.</p>}
      {rooms.length > 0 && (
        <ul className="flex flex-col gap-2">
          {rooms.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-sand px-4 py-2">
              <span><strong>{r.name}</strong> · {r.kind}</span>
              <Button variant="ghost" onClick={() => void api.delete(`${base}/${r.id}`).then(list.reload, (e: unknown) => setError(errorMessage(e)))}>
                Remove<span className="sr-only"> {r.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="mt-5 grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <TextField label="Room name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <TextField label="Kind" value={kind} maxLength={40} onChange={(e) => setKind(e.target.value)} />
        <Button type="submit" variant="secondary" pending={busy}>Add room</Button>
      </form>
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
    </>
  );
}
