import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { diaryEntry, diaryResponse } from '../../../../features/diary/diary.schema.ts';
import type { roomList, staffServiceList } from '../../../../features/scheduling/scheduling.schema.ts';
import type { ClientBookingView } from '../../../../features/booking/booking.schema.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDuration, formatLongDay, formatTime, formatWhen, localDate } from '../../../lib/clinic-time.ts';
import { formatPhone, possessive } from '../../../lib/format.ts';
import { normaliseTimeText } from '../../../lib/time-text.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CheckboxField, SelectField, TextField, TimeField } from '../../../components/field.tsx';
import { Dialog } from './dialog.tsx';
import { SlotPicker, type FreeSlot } from './slot-picker.tsx';
import { ClientSearch, type ClientContact } from './client-search.tsx';
import { STATUS, localToInstant } from './booking-format.ts';
import { canReviewFlags, hasFindings, ReadinessBadges } from '../readiness.tsx';
import { arrivalWindow } from '../../../../domain/scheduling/front-desk.ts';
import { PackageBalance } from '../money/package-balance.tsx';
import { DateField } from '../../../components/date-field.tsx';

export type Diary = z.infer<typeof diaryResponse>;
export type DiaryEntry = z.infer<typeof diaryEntry>;
export type StaffService = z.infer<typeof staffServiceList>['items'][number];
type RoomList = z.infer<typeof roomList>;

/** The services the clinic gives, with who gives them (for booking by phone and moving). */
export function useStaffServices(slug: string) {
  return useApi<{ items: StaffService[] }>(`/clinics/${slug}/settings/services`);
}

/** One appointment or block, opened from the diary or today's list: details and what can be done with it. */
export function EntryDialog({ clinic, entry, practitionerName, timeZone, serverNow, onClose, onChanged, onMove, onReviewFlags }: {
  clinic: ClinicContext;
  entry: DiaryEntry | undefined;
  practitionerName: string;
  timeZone: string;
  /** The server's clock when the diary loaded (its `now`); this device's when later or not given. */
  serverNow?: string;
  onClose: () => void;
  onChanged: (message: string) => void;
  onMove: (entry: DiaryEntry) => void;
  /** Opens "Review health flags" for the appointment (practitioners and the owner). */
  onReviewFlags?: (entry: DiaryEntry) => void;
}) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [waiveLate, setWaiveLate] = useState(false);
  useEffect(() => {
    setError(undefined);
    setConfirmCancel(false);
    setWaiveLate(false);
  }, [entry?.id]);
  if (!entry) return <Dialog open={false} onClose={onClose} title="">{null}</Dialog>;

  const now = Math.max(Date.now(), serverNow ? Date.parse(serverNow) : 0);
  const started = Date.parse(entry.start) <= now;
  const isBlock = entry.kind === 'block';
  const roomOnly = isBlock && !practitionerName && entry.room !== null;
  const title = roomOnly ? `${entry.room!.name} out of use${entry.note ? `: ${entry.note}` : ''}`
    : isBlock ? `Blocked time${entry.note ? `: ${entry.note}` : ''}` : entry.client?.name ?? 'Appointment';
  const when = `${formatLongDay(localDate(entry.start, timeZone))}, ${formatTime(entry.start, timeZone)} to ${formatTime(entry.end, timeZone)}`;

  async function run(label: string, work: () => Promise<unknown>, message: string) {
    setBusy(label);
    setError(undefined);
    try {
      await work();
      onChanged(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }
  const setStatus = (status: 'arrived' | 'no_show' | 'completed', message: string) =>
    run(status, () => api.post(`/clinics/${clinic.slug}/bookings/${entry.id}/status`, { status }), message);

  const canChange = !isBlock && (entry.status === 'confirmed' || entry.status === 'arrived' || entry.status === 'held');
  const statusButtons: { status: 'arrived' | 'no_show' | 'completed'; label: string }[] = [];
  // Arrived belongs to the appointment's day, from 30 minutes before the start (the server holds to the same rule).
  const arrival = arrivalWindow(Date.parse(entry.start), timeZone);
  const arrivalLater = !isBlock && entry.status === 'confirmed' && now < arrival.opens;
  if (!isBlock && entry.status === 'confirmed' && now >= arrival.opens && now < arrival.closes) statusButtons.push({ status: 'arrived', label: 'Mark arrived' });
  if (!isBlock && (entry.status === 'confirmed' || entry.status === 'arrived') && started) {
    statusButtons.push({ status: 'completed', label: 'Mark completed' }, { status: 'no_show', label: 'Mark no-show' });
  }

  return (
    <Dialog open onClose={onClose} title={title} description={when}>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[7rem_1fr]">
        {!isBlock && <><dt className="muted">Treatment</dt><dd>{entry.service?.name}</dd></>}
        {entry.course && <><dt className="muted">Course</dt><dd>Session {entry.course.position} of {entry.course.total}</dd></>}
        {!roomOnly && <><dt className="muted">{isBlock ? 'Who' : 'With'}</dt><dd>{practitionerName}</dd></>}
        {entry.room && <><dt className="muted">Room</dt><dd>{entry.room.name}</dd></>}
        {!isBlock && entry.client && (
          <>
            <dt className="muted">Client</dt>
            <dd>
              <Link to={`/app/clients/${entry.client.id}`}>{entry.client.name}</Link>
              {entry.client.phone && <> · <a href={`tel:${entry.client.phone}`}>{formatPhone(entry.client.phone)}</a></>}
              <PackageBalance slug={clinic.slug} clientId={entry.client.id} />
            </dd>
          </>
        )}
        {!isBlock && (
          <>
            <dt className="muted">Status</dt>
            <dd><span className={STATUS[entry.status].badge}>{STATUS[entry.status].label}{entry.lateCancellation ? ' (late)' : ''}</span></dd>
            <dt className="muted">Booked</dt>
            <dd>{entry.source === 'online' ? 'Online by the client' : 'By the clinic'}</dd>
          </>
        )}
        {!isBlock && entry.readiness && entry.status !== 'cancelled' && (
          <>
            <dt className="muted">Before the visit</dt>
            <dd><ReadinessBadges readiness={entry.readiness} /></dd>
          </>
        )}
      </dl>
      {!isBlock && onReviewFlags && canReviewFlags(clinic) && hasFindings(entry.readiness) && entry.status !== 'cancelled' && (
        <div>
          <Button variant="secondary" onClick={() => onReviewFlags(entry)}>
            {entry.readiness!.reviewOutstanding > 0 ? 'Review health flags' : 'Health flags'}
          </Button>
        </div>
      )}
      {!isBlock && entry.client && canReviewFlags(clinic) && ['confirmed', 'arrived', 'completed'].includes(entry.status) && (
        <p><Link className="btn btn-secondary" to={`/app/sessions/${entry.id}/note`}>Session note</Link></p>
      )}
      {arrivalLater && (
        <p className="muted">
          {localDate(arrival.opens, timeZone) === localDate(now, timeZone)
            ? `The client can be marked arrived from ${formatTime(arrival.opens, timeZone)}.`
            : `The client can be marked arrived on the day, from ${formatTime(arrival.opens, timeZone)}.`}
        </p>
      )}
      {error && <Alert tone="error">{error}</Alert>}

      {confirmCancel ? (
        <div className="rounded-lg border border-danger/30 bg-danger-50 p-4">
          <p className="font-medium">Cancel this appointment?</p>
          <p className="mt-1">The client is e-mailed, and the time is offered to anyone on the waiting list.</p>
          <CheckboxField className="mt-3" label="Do not record it as a late cancellation" hint="For example, when the clinic asked to cancel, or in an emergency."
            checked={waiveLate} onChange={(e) => setWaiveLate(e.target.checked)} />
          <div className="mt-4 flex flex-wrap gap-3">
            <Button variant="danger" pending={busy === 'cancel'}
              onClick={() => void run('cancel', () => api.post<ClientBookingView>(`/clinics/${clinic.slug}/bookings/${entry.id}/cancel`, waiveLate ? { lateCancellation: false } : {}), `${entry.client ? possessive(entry.client.name) : 'The'} appointment is cancelled.`)}>
              Cancel appointment
            </Button>
            <Button variant="secondary" onClick={() => setConfirmCancel(false)}>Keep it</Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          {statusButtons.map((b) => (
            <Button key={b.status} variant={b.status === 'no_show' ? 'secondary' : 'primary'} pending={busy === b.status}
              onClick={() => void setStatus(b.status, `${entry.client?.name ?? 'The client'}: ${b.label.replace('Mark ', '').replace('no-show', 'marked as a no-show')}.`)}>
              {b.label}
            </Button>
          ))}
          {!isBlock && entry.undoTo && (
            <Button variant="secondary" pending={busy === 'undo'}
              onClick={() => void run('undo', () => api.post(`/clinics/${clinic.slug}/bookings/${entry.id}/status/undo`), `${entry.client?.name ?? 'The client'}: ${STATUS[entry.status].label.toLowerCase()} undone, now ${STATUS[entry.undoTo!].label.toLowerCase()}.`)}>
              Undo {STATUS[entry.status].label.toLowerCase()}
            </Button>
          )}
          {canChange && entry.status !== 'held' && <Button variant="secondary" onClick={() => onMove(entry)}>Move</Button>}
          {canChange && <Button variant="danger" onClick={() => setConfirmCancel(true)}>Cancel appointment</Button>}
          {isBlock && (
            <Button variant="danger" pending={busy === 'unblock'} onClick={() => void run('unblock', () => api.delete(`/clinics/${clinic.slug}/blocks/${entry.id}`), roomOnly ? `${entry.room!.name} can be booked again.` : 'The blocked time is free again.')}>
              Remove block
            </Button>
          )}
        </div>
      )}
    </Dialog>
  );
}

/**
 * Moves an appointment to another free time, with the same or another practitioner who
 * gives the service: the keyboard's way of doing what dragging does. The times offered
 * follow the rules for staff (no online notice; the appointment's own time counts as free).
 */
export function MoveDialog({ clinic, entry, practitionerId, columns, timeZone, onClose, onMoved }: {
  clinic: ClinicContext;
  entry: DiaryEntry | undefined;
  practitionerId: string;
  columns: Diary['columns'];
  timeZone: string;
  onClose: () => void;
  onMoved: (message: string) => void;
}) {
  const services = useStaffServices(clinic.slug);
  const [who, setWho] = useState(practitionerId);
  const [choice, setChoice] = useState<FreeSlot>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const selectId = useId();
  useEffect(() => {
    setWho(practitionerId);
    setChoice(undefined);
    setError(undefined);
  }, [entry?.id, practitionerId]);
  if (!entry || !entry.service) return <Dialog open={false} onClose={onClose} title="">{null}</Dialog>;

  const service = services.data?.items.find((s) => s.id === entry.service!.id);
  const givers = columns.filter((c) => !service || (service.bookablePractitionerIds ?? service.practitionerIds).includes(c.practitionerId));
  const nameOf = (id: string) => columns.find((c) => c.practitionerId === id)?.name ?? 'the practitioner';

  async function move(slot: FreeSlot) {
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/clinics/${clinic.slug}/bookings/${entry!.id}`, { start: slot.start, ...(who !== practitionerId ? { practitionerId: who } : {}) }, { 'If-Match': `"${entry!.version}"` });
      onMoved(`${entry!.client?.name ?? 'The appointment'} moved to ${formatWhen(slot.start, timeZone)} with ${nameOf(who)}. The client has been e-mailed.`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.code === 'slot-not-offered')) {
        setError(e.status === 409 ? 'Someone has just booked that time. Here are the times still free.' : `${errorMessage(e)} The list below is up to date.`);
        setRefresh((n) => n + 1);
      } else {
        setError(errorMessage(e));
      }
      setChoice(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} wide title={`Move ${entry.client?.name ?? 'appointment'}`}
      description={<>{entry.service.name}, now {formatWhen(entry.start, timeZone)} with {nameOf(practitionerId)}.</>}>
      {givers.length > 1 && (
        <div>
          <label htmlFor={selectId} className="label">Practitioner</label>
          <select id={selectId} className="input mt-1.5 max-w-sm cursor-pointer" value={who} onChange={(e) => { setWho(e.target.value); setChoice(undefined); }}>
            {givers.map((c) => <option key={c.practitionerId} value={c.practitionerId}>{c.name}</option>)}
          </select>
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {choice ? (
        <div>
          <p>Move to <strong>{formatWhen(choice.start, timeZone)}</strong> with {nameOf(who)}? The client gets an e-mail with the new time.</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Button pending={busy} onClick={() => void move(choice)}>Move appointment</Button>
            <Button variant="secondary" disabled={busy} onClick={() => setChoice(undefined)}>Choose another time</Button>
          </div>
        </div>
      ) : (
        <SlotPicker slug={clinic.slug} serviceId={entry.service.id} practitionerId={who} timeZone={timeZone} onChoose={setChoice} refreshKey={refresh}
          skipStart={who === practitionerId ? entry.start : undefined} source={{ path: 'diary/free-times', bookingId: entry.id }} />
      )}
    </Dialog>
  );
}

export interface NewBookingDraft {
  practitionerId: string;
  date: string;
  time: string;
}

/** Books a client by phone at a time picked in the diary: an existing client, or someone new. */
export function BookDialog(props: {
  clinic: ClinicContext;
  draft: NewBookingDraft | undefined;
  columns: Diary['columns'];
  timeZone: string;
  onClose: () => void;
  onBooked: (message: string) => void;
}) {
  if (!props.draft) return <Dialog open={false} onClose={props.onClose} title="">{null}</Dialog>;
  const d = props.draft;
  return <BookForm key={`${d.practitionerId} ${d.date} ${d.time}`} {...props} draft={d} />;
}

function BookForm({ clinic, draft, columns, timeZone, onClose, onBooked }: {
  clinic: ClinicContext;
  draft: NewBookingDraft;
  columns: Diary['columns'];
  timeZone: string;
  onClose: () => void;
  onBooked: (message: string) => void;
}) {
  const services = useStaffServices(clinic.slug);
  const practitionerId = draft.practitionerId;
  const date = draft.date;
  const [time, setTime] = useState(draft.time);
  const [serviceId, setServiceId] = useState('');
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [chosen, setChosen] = useState<ClientContact>();
  const [client, setClient] = useState({ name: '', email: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const offered = (services.data?.items ?? []).filter((s) => s.active && (s.bookablePractitionerIds ?? s.practitionerIds).includes(practitionerId));
  const name = columns.find((c) => c.practitionerId === practitionerId)?.name ?? '';

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!serviceId) found.serviceId = 'Choose a treatment';
    if (mode === 'existing' && !chosen) found.clientId = 'Search for the client and choose them, or add a new client';
    if (mode === 'new' && !client.name.trim()) found.name = 'Enter the client’s name';
    if (mode === 'new' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(client.email.trim())) found.email = 'Enter an e-mail address such as name@example.com';
    const typed = normaliseTimeText(time);
    const start = typed ? localToInstant(date, typed, timeZone) : null;
    if (!typed) found.time = 'Enter a time such as 14:30 (24-hour clock)';
    else if (!start) found.time = 'That time does not exist on this date (the clocks change). Choose another.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/diary/bookings`, {
        serviceId, practitionerId, start,
        ...(mode === 'existing' ? { clientId: chosen!.id } : { client: { name: client.name.trim(), email: client.email.trim(), ...(client.phone.trim() ? { phone: client.phone.trim() } : {}) } }),
      });
      const who = mode === 'existing' ? chosen?.name : client.name.trim();
      onBooked(`${who ?? 'The client'} is booked with ${name} on ${formatWhen(start!, timeZone)}.`);
    } catch (e) {
      if (e instanceof ApiError) {
        const fe = e.fieldErrors;
        setErrors({ name: fe['client.name'] ?? '', email: fe['client.email'] ?? '', phone: fe['client.phone'] ?? '' });
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} wide title="Book an appointment" description={<>With {name} on {formatLongDay(date)}.</>}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-5">
        {error && <Alert tone="error">{error}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Treatment" value={serviceId} error={errors.serviceId} onChange={(e) => setServiceId(e.target.value)}>
            <option value="">Choose…</option>
            {offered.map((s) => <option key={s.id} value={s.id}>{s.name} ({formatDuration(s.durationMin)})</option>)}
          </SelectField>
          <TimeField label="Start time" value={time} error={errors.time} onValueChange={setTime} />
        </div>

        <fieldset>
          <legend className="label">Client</legend>
          <div className="mt-2 flex flex-wrap gap-2" role="group">
            <Button variant={mode === 'existing' ? 'primary' : 'secondary'} aria-pressed={mode === 'existing'} onClick={() => setMode('existing')}>Find a client</Button>
            <Button variant={mode === 'new' ? 'primary' : 'secondary'} aria-pressed={mode === 'new'} onClick={() => setMode('new')}>New client</Button>
          </div>
          {mode === 'existing' ? (
            <div className="mt-4">
              <ClientSearch slug={clinic.slug} chosen={chosen} onChoose={setChosen} error={errors.clientId} label="Search by name, e-mail or phone" hint="" />
              {chosen && <PackageBalance slug={clinic.slug} clientId={chosen.id} />}
            </div>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              <TextField className="sm:col-span-2" label="Full name" value={client.name} error={errors.name || undefined} autoComplete="off" onChange={(e) => setClient({ ...client, name: e.target.value })} />
              <TextField label="E-mail address" type="email" value={client.email} error={errors.email || undefined} autoComplete="off" hint="The confirmation and calendar invite go here." onChange={(e) => setClient({ ...client, email: e.target.value })} />
              <TextField label="Phone (optional)" type="tel" value={client.phone} error={errors.phone || undefined} autoComplete="off" onChange={(e) => setClient({ ...client, phone: e.target.value })} />
            </div>
          )}
        </fieldset>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={busy}>Book appointment</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Blocks time: a practitioner's (a meeting, training, a long lunch), a room's (repairs,
 * cleaning) or both. Practitioners block only their own time.
 */
export function BlockDialog({ clinic, open, columns, defaultPractitionerId, defaultDate, timeZone, onClose, onBlocked }: {
  clinic: ClinicContext;
  open: boolean;
  columns: Diary['columns'];
  defaultPractitionerId: string | undefined;
  defaultDate: string;
  timeZone: string;
  onClose: () => void;
  onBlocked: (message: string) => void;
}) {
  const mayBlockRooms = clinic.role !== 'practitioner';
  const rooms = useApi<RoomList>(open && mayBlockRooms ? `/clinics/${clinic.slug}/settings/rooms` : null);
  const [practitionerId, setPractitionerId] = useState('');
  const [roomId, setRoomId] = useState('');
  const [date, setDate] = useState(defaultDate);
  const [from, setFrom] = useState('12:00');
  const [to, setTo] = useState('13:00');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setPractitionerId(defaultPractitionerId ?? columns[0]?.practitionerId ?? '');
    setRoomId('');
    setDate(defaultDate);
    setError(undefined);
    setNote('');
  }, [open, defaultPractitionerId, defaultDate, columns]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const start = localToInstant(date, normaliseTimeText(from) ?? from, timeZone);
    const end = localToInstant(date, normaliseTimeText(to) ?? to, timeZone);
    if (!start || !end || end <= start) {
      setError('Choose a start and an end on the same day, the end after the start.');
      return;
    }
    if (!practitionerId && !roomId) {
      setError('Choose a practitioner, a room or both.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/blocks`, {
        ...(practitionerId ? { practitionerId } : {}), ...(roomId ? { roomId } : {}), start, end, ...(note.trim() ? { note: note.trim() } : {}),
      });
      const what = [columns.find((c) => c.practitionerId === practitionerId)?.name, rooms.data?.items.find((r) => r.id === roomId)?.name].filter(Boolean).join(' and ');
      onBlocked(`Time blocked for ${what} on ${formatLongDay(date)}, ${from} to ${to}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const activeRooms = (rooms.data?.items ?? []).filter((r) => r.active);
  return (
    <Dialog open={open} onClose={onClose} title="Block time" description="Blocked time cannot be booked, online or by phone.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error && <Alert tone="error">{error}</Alert>}
        <SelectField label="Practitioner" value={practitionerId} onChange={(e) => setPractitionerId(e.target.value)}>
          {columns.map((c) => <option key={c.practitionerId} value={c.practitionerId}>{c.name}</option>)}
          {mayBlockRooms && <option value="">No one: a room only</option>}
        </SelectField>
        {mayBlockRooms && activeRooms.length > 0 && (
          <SelectField label="Room" hint="A room out of use cannot be booked by anyone, for treatments that need it." value={roomId} onChange={(e) => setRoomId(e.target.value)}>
            <option value="">No room</option>
            {activeRooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </SelectField>
        )}
        <DateField label="Date" value={date} onValueChange={setDate} />
        <div className="grid grid-cols-2 gap-4">
          <TimeField label="From" value={from} onValueChange={setFrom} />
          <TimeField label="To" value={to} onValueChange={setTo} />
        </div>
        <TextField label="Note (optional)" hint="For example: training, a meeting or repairs. Staff see it in the diary." maxLength={120} value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={busy}>Block time</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
