import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Hourglass, Mail, Phone, UserMinus, UserPlus } from 'lucide-react';
import type { z } from 'zod';
import type { waitlistEntry, waitlistList } from '../../../features/waitlist/waitlist.schema.ts';
import type { clinicDetail, memberList } from '../../../features/clinics/clinics.schema.ts';
import type { staffServiceList } from '../../../features/scheduling/scheduling.schema.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDateTime, formatPhone } from '../../lib/format.ts';
import { addDays, formatLongDay, todayIn } from '../../lib/clinic-time.ts';
import { RoleGate, STAFF_ROLES } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { useSession, type ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { SelectField } from '../../components/field.tsx';
import { Dialog } from './booking/dialog.tsx';
import { ClientSearch, type ClientContact } from './booking/client-search.tsx';
import { DateField } from '../../components/date-field.tsx';

type Entry = z.infer<typeof waitlistEntry>;
type MemberList = z.infer<typeof memberList>;

/** Who is waiting for a time, by day and treatment; staff add and remove clients. */
export function WaitlistPage() {
  usePageTitle('Waiting list');
  return <RoleGate roles={STAFF_ROLES}>{(clinic) => <Waitlist clinic={clinic} />}</RoleGate>;
}

/** The entries of one day, by treatment, in the order people joined. */
function byDayAndService(items: readonly Entry[]) {
  const days = new Map<string, Map<string, Entry[]>>();
  for (const e of items) {
    const services = days.get(e.date) ?? new Map<string, Entry[]>();
    days.set(e.date, services);
    services.set(e.serviceName, [...(services.get(e.serviceName) ?? []), e]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, services]) => ({ date, services: [...services.entries()].map(([name, entries]) => ({ name, entries })) }));
}

function Waitlist({ clinic }: { clinic: ClinicContext }) {
  const [params, setParams] = useSearchParams();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : undefined;
  const list = useApi<z.infer<typeof waitlistList>>(`/clinics/${clinic.slug}/waitlist${date ? `?date=${date}` : ''}`);
  const detail = useApi<z.infer<typeof clinicDetail>>(`/clinics/${clinic.slug}`);
  const timeZone = detail.data?.timeZone ?? 'Europe/London';
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Entry>();
  const [message, setMessage] = useState<string>();
  const days = byDayAndService(list.data?.items ?? []);
  const staffView = clinic.role !== 'practitioner';

  const changed = (text: string) => {
    setMessage(text);
    setAdding(false);
    setRemoving(undefined);
    list.reload();
  };

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Waiting list"
        description={
          <p>
            Clients waiting for a time on a particular day. When a time frees up on their day, Yintang e-mails them (at most once an hour),
            and the first to book it gets it.{clinic.role === 'practitioner' ? ' You see the treatments you give.' : ''}
          </p>
        }
        actions={<Button onClick={() => { setMessage(undefined); setAdding(true); }}><UserPlus aria-hidden="true" className="size-5" />Add a client</Button>}
      />

      {date && (
        <p className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>Showing <strong>{formatLongDay(date)}</strong> only.</span>
          <button type="button" className="cursor-pointer text-jade-700 underline decoration-jade-300 underline-offset-4 hover:text-jade-800" onClick={() => setParams({})}>
            Show every day
          </button>
        </p>
      )}
      <div aria-live="polite" className="empty:hidden">{message && <Alert tone="success" className="mb-6">{message}</Alert>}</div>
      {list.error !== undefined && <Alert tone="error" className="mb-6">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading the waiting list…" />}

      {list.data && days.length === 0 && (
        <EmptyState icon={Hourglass} title={date ? `Nobody is waiting for ${formatLongDay(date)}` : 'Nobody is waiting'}>
          <p>Clients join the list from their appointments page when no time suits them, or you can add them here.</p>
        </EmptyState>
      )}

      <div className="flex flex-col gap-8">
        {days.map((day) => (
          <section key={day.date} aria-labelledby={`day-${day.date}`}>
            <h2 id={`day-${day.date}`} className="text-xl">
              {formatLongDay(day.date)}
              {day.date === todayIn(timeZone) && <span className="badge ml-3 align-middle">Today</span>}
            </h2>
            <p className="mt-1">
              <Link to={`/app/diary?date=${day.date}`}>Open the diary for this day</Link>
            </p>
            <div className="mt-4 flex flex-col gap-4">
              {day.services.map((service) => (
                <section key={service.name} className="panel p-0 sm:p-0" aria-label={`${service.name}, ${formatLongDay(day.date)}`}>
                  <h3 className="flex flex-wrap items-baseline justify-between gap-2 border-b border-line px-5 py-3 text-lg">
                    {service.name}
                    <span className="muted text-base font-normal">{service.entries.length} waiting</span>
                  </h3>
                  <ol className="divide-y divide-line">
                    {service.entries.map((e) => (
                      <WaitingClient key={e.id} entry={e} timeZone={timeZone} linkClient={staffView} onRemove={() => { setMessage(undefined); setRemoving(e); }} />
                    ))}
                  </ol>
                </section>
              ))}
            </div>
          </section>
        ))}
      </div>

      {adding && <AddDialog clinic={clinic} timeZone={timeZone} defaultDate={date} onClose={() => setAdding(false)} onAdded={changed} />}
      <RemoveDialog clinic={clinic} entry={removing} onClose={() => setRemoving(undefined)} onRemoved={changed} />
    </>
  );
}

function WaitingClient({ entry: e, timeZone, linkClient, onRemove }: { entry: Entry; timeZone: string; linkClient: boolean; onRemove: () => void }) {
  return (
    <li className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
      <div className="min-w-0">
        <p className="font-semibold">
          {linkClient ? <Link to={`/app/clients/${e.clientId}`}>{e.clientName}</Link> : e.clientName}
        </p>
        <p className="muted">{e.practitionerName ? `Wants ${e.practitionerName}` : 'Any practitioner'} · joined {formatDateTime(e.createdAt, timeZone)}</p>
        {(e.clientEmail || e.clientPhone) && (
          <p className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
            {e.clientPhone && (
              <a className="inline-flex items-center gap-1.5" href={`tel:${e.clientPhone}`}>
                <Phone aria-hidden="true" className="size-4" />{formatPhone(e.clientPhone)}
              </a>
            )}
            {e.clientEmail && (
              <a className="inline-flex min-w-0 items-center gap-1.5 break-all" href={`mailto:${e.clientEmail}`}>
                <Mail aria-hidden="true" className="size-4 shrink-0" />{e.clientEmail}
              </a>
            )}
          </p>
        )}
        <p className="mt-2">
          {e.lastNotifiedAt
            ? <span className="badge badge-wrap">E-mailed about a free time {formatDateTime(e.lastNotifiedAt, timeZone)}</span>
            : <span className="badge badge-neutral badge-wrap">Not e-mailed yet</span>}
        </p>
      </div>
      <Button variant="secondary" className="shrink-0 self-start" onClick={onRemove}>
        <UserMinus aria-hidden="true" className="size-5" />Remove<span className="sr-only"> {e.clientName} from the waiting list</span>
      </Button>
    </li>
  );
}

function RemoveDialog({ clinic, entry, onClose, onRemoved }: { clinic: ClinicContext; entry: Entry | undefined; onClose: () => void; onRemoved: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function remove() {
    if (!entry) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.delete(`/clinics/${clinic.slug}/waitlist/${entry.id}`);
      onRemoved(`${entry.clientName} is no longer waiting for ${entry.serviceName.toLowerCase()} on ${formatLongDay(entry.date)}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={entry !== undefined} onClose={() => { setError(undefined); onClose(); }} title="Remove from the waiting list?"
      description={entry && <>{entry.clientName}, waiting for {entry.serviceName.toLowerCase()} on {formatLongDay(entry.date)}.</>}>
      <p>We will not e-mail them about free times that day any more. Nothing is sent to tell them they were removed.</p>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" pending={busy} onClick={() => void remove()}>Remove</Button>
        <Button variant="secondary" disabled={busy} onClick={onClose}>Keep them on the list</Button>
      </div>
    </Dialog>
  );
}

function AddDialog({ clinic, timeZone, defaultDate, onClose, onAdded }: {
  clinic: ClinicContext;
  timeZone: string;
  defaultDate: string | undefined;
  onClose: () => void;
  onAdded: (text: string) => void;
}) {
  const me = useSession().session?.user?.id;
  const services = useApi<z.infer<typeof staffServiceList>>(`/clinics/${clinic.slug}/settings/services`);
  const members = useApi<MemberList>(`/clinics/${clinic.slug}/members`);
  const today = todayIn(timeZone);
  const [client, setClient] = useState<ClientContact>();
  const [serviceId, setServiceId] = useState('');
  const [practitionerId, setPractitionerId] = useState('');
  const [date, setDate] = useState(defaultDate && defaultDate >= today ? defaultDate : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  // A practitioner adds clients for the treatments they give.
  const offered = (services.data?.items ?? []).filter((s) => s.active && (clinic.role !== 'practitioner' || (me !== undefined && s.practitionerIds.includes(me))));
  const service = offered.find((s) => s.id === serviceId);
  const givers = (members.data?.items ?? []).filter((m) => service?.practitionerIds.includes(m.userId));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!client) found.client = 'Search for the client and choose them';
    if (!serviceId) found.serviceId = 'Choose a treatment';
    if (!date) found.date = 'Choose a day';
    else if (date < today) found.date = 'Choose today or a later day';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/waitlist`, { clientId: client!.id, serviceId, date, practitionerId: practitionerId || null });
      onAdded(`${client!.name} is on the waiting list for ${service!.name.toLowerCase()} on ${formatLongDay(date)}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} wide title="Add a client to the waiting list"
      description="If a time frees up on their day, they are e-mailed with a link to book it.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-5">
        {error && <Alert tone="error">{error}</Alert>}
        <ClientSearch slug={clinic.slug} chosen={client} onChoose={setClient} error={errors.client} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Treatment" value={serviceId} error={errors.serviceId} onChange={(e) => { setServiceId(e.target.value); setPractitionerId(''); }}>
            <option value="">Choose…</option>
            {offered.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </SelectField>
          <DateField label="Day" min={today} max={addDays(today, 365)} value={date} error={errors.date} onValueChange={setDate} />
        </div>
        <SelectField label="Practitioner" value={practitionerId} disabled={!service} hint={service ? undefined : 'Choose a treatment first.'}
          onChange={(e) => setPractitionerId(e.target.value)}>
          <option value="">Any practitioner who gives it</option>
          {givers.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
        </SelectField>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={busy}>Add to the waiting list</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
