import { useEffect, useState } from 'react';
import { Clock, HeartHandshake, Pencil, Plus, Sparkles } from 'lucide-react';
import type { z } from 'zod';
import type { serviceBody, staffServiceList } from '../../../features/scheduling/scheduling.schema.ts';
import type { memberList } from '../../../features/clinics/clinics.schema.ts';
import { api, ApiError, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatDuration, formatPrice } from '../../lib/clinic-time.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { Dialog } from './booking/dialog.tsx';
import { AftercareDialog } from './aftercare-dialog.tsx';

type StaffService = z.infer<typeof staffServiceList>['items'][number];
type ServiceBody = z.input<typeof serviceBody>;
type Members = z.infer<typeof memberList>;

const KINDS: { value: ServiceBody['kind']; label: string }[] = [
  { value: 'consultation', label: 'Consultation' },
  { value: 'facial', label: 'Facial acupuncture' },
  { value: 'traditional', label: 'Traditional acupuncture' },
  { value: 'massage', label: 'Sports massage' },
  { value: 'knee', label: 'Knee pain care' },
];

/** The owner's list of treatments: price, length, buffers, who gives them and how they can be booked. */
export function ServicesPage() {
  usePageTitle('Services');
  return <RoleGate roles={['owner']}>{(clinic) => <Services clinic={clinic} />}</RoleGate>;
}

function Services({ clinic }: { clinic: ClinicContext }) {
  const services = useApi<{ items: StaffService[] }>(`/clinics/${clinic.slug}/settings/services`);
  const members = useApi<Members>(`/clinics/${clinic.slug}/members`);
  const [editing, setEditing] = useState<StaffService | 'new'>();
  const [aftercareFor, setAftercareFor] = useState<StaffService>();
  const [message, setMessage] = useState<string>();
  const practitioners = (members.data?.items ?? []).filter((m) => m.role !== 'reception');
  const nameOf = (id: string) => practitioners.find((p) => p.userId === id)?.name;
  const items = services.data?.items ?? [];
  const active = items.filter((s) => s.active);
  const retired = items.filter((s) => !s.active);

  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Services"
        description={<p>Treatments, prices and lengths, who gives them, and whether clients can book them online.</p>}
        actions={<Button onClick={() => setEditing('new')}><Plus aria-hidden="true" className="size-5" />Add a service</Button>}
      />
      {message && <Alert tone="success" className="mb-6">{message}</Alert>}
      {services.error !== undefined && <Alert tone="error">{errorMessage(services.error)}</Alert>}
      {!services.data && services.loading && <Loading label="Loading services…" />}
      {services.data && items.length === 0 && (
        <EmptyState icon={Sparkles} title="No services yet" action={<Button onClick={() => setEditing('new')}>Add a service</Button>}>
          <p>Add the treatments you offer, starting with a free consultation, so clients can book them.</p>
        </EmptyState>
      )}
      {active.length > 0 && (
        <ul className="panel divide-y divide-line p-0 sm:p-0" aria-label="Services">
          {active.map((s) => <ServiceRow key={s.id} service={s} nameOf={nameOf} onEdit={() => setEditing(s)} onAftercare={() => setAftercareFor(s)} />)}
        </ul>
      )}
      {retired.length > 0 && (
        <section aria-labelledby="retired" className="mt-10">
          <h2 id="retired" className="text-xl">Retired</h2>
          <p className="muted mt-1">No longer bookable; kept on past appointments.</p>
          <ul className="panel mt-4 divide-y divide-line p-0 sm:p-0">
            {retired.map((s) => <ServiceRow key={s.id} service={s} nameOf={nameOf} onEdit={() => setEditing(s)} />)}
          </ul>
        </section>
      )}
      <ServiceDialog clinic={clinic} service={editing} practitioners={practitioners} onClose={() => setEditing(undefined)}
        onSaved={(text) => { setEditing(undefined); setMessage(text); services.reload(); }} />
      <AftercareDialog clinic={clinic} service={aftercareFor} onClose={() => setAftercareFor(undefined)}
        onSaved={(text) => { setAftercareFor(undefined); setMessage(text); }} />
    </>
  );
}

function ServiceRow({ service: s, nameOf, onEdit, onAftercare }: { service: StaffService; nameOf: (id: string) => string | undefined; onEdit: () => void; onAftercare?: () => void }) {
  const who = s.practitionerIds.map(nameOf).filter(Boolean);
  return (
    <li className="flex flex-col gap-3 px-5 py-5 sm:flex-row sm:items-start sm:gap-6">
      <div className="min-w-0 flex-1">
        <h3 className="text-lg">{s.name}</h3>
        <p className="muted mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="inline-flex items-center gap-1.5"><Clock aria-hidden="true" className="size-4" />{formatDuration(s.durationMin)}</span>
          {(s.bufferBeforeMin > 0 || s.bufferAfterMin > 0) && (
            <span>
              {[s.bufferBeforeMin ? `${s.bufferBeforeMin} min before` : '', s.bufferAfterMin ? `${s.bufferAfterMin} min after` : ''].filter(Boolean).join(' and ')} for preparing the room
            </span>
          )}
        </p>
        <p className="mt-1">{who.length ? `Given by ${who.join(', ')}` : <span className="text-caution">No practitioner gives it yet</span>}</p>
        <p className="mt-2 flex flex-wrap gap-2">
          {!s.active ? <span className="badge badge-neutral">Retired</span> : s.bookableOnline ? <span className="badge">Bookable online</span> : <span className="badge badge-neutral">By phone only</span>}
          {s.requiresConsultation && <span className="badge badge-clay">Consultation first</span>}
          {s.newClientsOnly && <span className="badge badge-neutral">New clients only</span>}
          {s.roomKind && <span className="badge badge-neutral">Room: {s.roomKind}</span>}
          {s.onlinePayment !== 'none' && (
            <span className="badge badge-neutral">{s.onlinePayment === 'deposit' ? `Deposit ${formatPrice(s.depositMinor ?? 0, s.currency)} online` : 'Paid online'}</span>
          )}
        </p>
      </div>
      <p className="price sm:w-24 sm:text-right">{formatPrice(s.priceMinor, s.currency)}</p>
      <div className="flex flex-wrap gap-2 sm:flex-col sm:items-stretch">
        <Button variant="secondary" onClick={onEdit}><Pencil aria-hidden="true" className="size-4" />Edit<span className="sr-only"> {s.name}</span></Button>
        {onAftercare && <Button variant="ghost" onClick={onAftercare}><HeartHandshake aria-hidden="true" className="size-4" />Aftercare<span className="sr-only"> for {s.name}</span></Button>}
      </div>
    </li>
  );
}

interface FormState {
  name: string;
  slug: string;
  kind: ServiceBody['kind'];
  description: string;
  duration: string;
  price: string;
  bufferBefore: string;
  bufferAfter: string;
  bookableOnline: boolean;
  requiresConsultation: boolean;
  newClientsOnly: boolean;
  onlinePayment: ServiceBody['onlinePayment'];
  deposit: string;
  roomKind: string;
  practitionerIds: string[];
}

const toForm = (s: StaffService | undefined): FormState => ({
  name: s?.name ?? '',
  slug: s?.slug ?? '',
  kind: s?.kind ?? 'facial',
  description: s?.description ?? '',
  duration: String(s?.durationMin ?? 60),
  price: s ? (s.priceMinor / 100).toFixed(2) : '',
  bufferBefore: String(s?.bufferBeforeMin ?? 0),
  bufferAfter: String(s?.bufferAfterMin ?? 15),
  bookableOnline: s?.bookableOnline ?? true,
  requiresConsultation: s?.requiresConsultation ?? false,
  newClientsOnly: s?.newClientsOnly ?? false,
  onlinePayment: s?.onlinePayment ?? 'none',
  deposit: s?.depositMinor ? (s.depositMinor / 100).toFixed(2) : '',
  roomKind: s?.roomKind ?? '',
  practitionerIds: s?.practitionerIds ?? [],
});

const slugify = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);

/** £95 or 95.50 → 9550 pence; undefined if not a price. */
export function poundsToPence(text: string): number | undefined {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}

function ServiceDialog({ clinic, service, practitioners, onClose, onSaved }: {
  clinic: ClinicContext;
  service: StaffService | 'new' | undefined;
  practitioners: Members['items'];
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const existing = service && service !== 'new' ? service : undefined;
  const [form, setForm] = useState<FormState>(toForm(existing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  useEffect(() => {
    setForm(toForm(existing));
    setErrors({});
    setError(undefined);
  }, [service]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const priceMinor = poundsToPence(form.price);
    if (!form.name.trim()) found.name = 'Enter a name';
    if (priceMinor === undefined) found.price = 'Enter a price in pounds, such as 95 or 95.50 (0 for free)';
    const depositMinor = form.onlinePayment === 'deposit' ? poundsToPence(form.deposit) : null;
    if (depositMinor === undefined || depositMinor === 0) found.deposit = 'Enter the deposit in pounds, such as 20';
    else if (depositMinor !== null && priceMinor !== undefined && depositMinor > priceMinor) found.deposit = 'The deposit cannot be more than the price';
    const durationMin = Number(form.duration);
    if (!Number.isInteger(durationMin) || durationMin < 5 || durationMin > 480) found.duration = 'Enter whole minutes, from 5 to 480';
    for (const key of ['bufferBefore', 'bufferAfter'] as const) {
      const n = Number(form[key]);
      if (!Number.isInteger(n) || n < 0 || n > 120) found[key] = 'Enter whole minutes, from 0 to 120';
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    const body: ServiceBody = {
      name: form.name.trim(),
      slug: existing ? form.slug : slugify(form.slug || form.name) || 'service',
      kind: form.kind,
      description: form.description.trim(),
      durationMin,
      priceMinor: priceMinor!,
      bufferBeforeMin: Number(form.bufferBefore),
      bufferAfterMin: Number(form.bufferAfter),
      bookableOnline: form.bookableOnline,
      requiresConsultation: form.requiresConsultation,
      newClientsOnly: form.newClientsOnly,
      onlinePayment: form.onlinePayment,
      depositMinor: depositMinor ?? null,
      roomKind: form.roomKind.trim() || null,
      practitionerIds: form.practitionerIds,
    };
    setBusy('save');
    setError(undefined);
    try {
      if (existing) await api.patch(`/clinics/${clinic.slug}/settings/services/${existing.id}`, body);
      else await api.post(`/clinics/${clinic.slug}/settings/services`, body);
      onSaved(existing ? `${body.name} is saved.` : `${body.name} is added.`);
    } catch (e) {
      if (e instanceof ApiError) {
        const fe = e.fieldErrors;
        setErrors({ name: fe.name ?? '', slug: fe.slug ?? '', price: fe.priceMinor ?? '', duration: fe.durationMin ?? '', deposit: fe.depositMinor ?? '' });
      }
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  async function setActive(active: boolean) {
    if (!existing) return;
    setBusy('active');
    setError(undefined);
    try {
      if (active) await api.patch(`/clinics/${clinic.slug}/settings/services/${existing.id}`, { active: true });
      else await api.delete(`/clinics/${clinic.slug}/settings/services/${existing.id}`);
      onSaved(active ? `${existing.name} is bookable again.` : `${existing.name} is retired. Past appointments keep it.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Dialog open={service !== undefined} onClose={onClose} wide title={existing ? `Edit ${existing.name}` : 'Add a service'}>
      <form onSubmit={save} noValidate className="flex flex-col gap-5">
        {error && <Alert tone="error">{error}</Alert>}
        <TextField label="Name" value={form.name} error={errors.name || undefined} onChange={(e) => set('name', e.target.value)} maxLength={120} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Kind of treatment" value={form.kind} onChange={(e) => set('kind', e.target.value as FormState['kind'])}>
            {KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </SelectField>
          <TextField label="Price (£)" inputMode="decimal" value={form.price} error={errors.price || undefined} hint="0 for a free consultation" onChange={(e) => set('price', e.target.value)} />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Length (minutes)" type="number" min={5} max={480} step={5} value={form.duration} error={errors.duration || undefined} onChange={(e) => set('duration', e.target.value)} />
          <TextField label="Buffer before (minutes)" type="number" min={0} max={120} step={5} value={form.bufferBefore} error={errors.bufferBefore || undefined} onChange={(e) => set('bufferBefore', e.target.value)} />
          <TextField label="Buffer after (minutes)" type="number" min={0} max={120} step={5} value={form.bufferAfter} error={errors.bufferAfter || undefined} hint="Cleaning, needle disposal" onChange={(e) => set('bufferAfter', e.target.value)} />
        </div>
        <TextAreaField label="Description" hint="Shown to clients when they book." rows={3} value={form.description} onChange={(e) => set('description', e.target.value)} />
        <fieldset>
          <legend className="label">Given by</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {practitioners.map((p) => (
              <CheckboxField key={p.userId} label={p.name} checked={form.practitionerIds.includes(p.userId)}
                onChange={(e) => set('practitionerIds', e.target.checked ? [...form.practitionerIds, p.userId] : form.practitionerIds.filter((id) => id !== p.userId))} />
            ))}
          </div>
        </fieldset>
        <TextField label="Room it needs (optional)" hint="A room kind, such as treatment or massage. Leave empty if any room will do." value={form.roomKind} onChange={(e) => set('roomKind', e.target.value)} />
        <div className="flex flex-col gap-3">
          <CheckboxField label="Clients can book it online" checked={form.bookableOnline} onChange={(e) => set('bookableOnline', e.target.checked)} />
          <CheckboxField label="Needs a consultation first" hint="A first session cannot be booked online until a consultation is on record." checked={form.requiresConsultation} onChange={(e) => set('requiresConsultation', e.target.checked)} />
          <CheckboxField label="For new clients only" checked={form.newClientsOnly} onChange={(e) => set('newClientsOnly', e.target.checked)} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Payment when booked online" hint="Taken by card on Stripe’s page, only once the clinic’s Stripe keys are set on the Money page."
            value={form.onlinePayment} onChange={(e) => set('onlinePayment', e.target.value as FormState['onlinePayment'])}>
            <option value="none">Nothing: paid at the clinic</option>
            <option value="deposit">A deposit</option>
            <option value="full">The full price</option>
          </SelectField>
          {form.onlinePayment === 'deposit' && (
            <TextField label="Deposit (£)" inputMode="decimal" value={form.deposit} error={errors.deposit || undefined} hint="The rest is paid at the clinic" onChange={(e) => set('deposit', e.target.value)} />
          )}
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" pending={busy === 'save'}>{existing ? 'Save changes' : 'Add service'}</Button>
          <Button variant="secondary" onClick={onClose}>Cancel</Button>
          {existing && (existing.active
            ? <Button variant="danger" className="sm:ml-auto" pending={busy === 'active'} onClick={() => void setActive(false)}>Retire service</Button>
            : <Button variant="secondary" className="sm:ml-auto" pending={busy === 'active'} onClick={() => void setActive(true)}>Make bookable again</Button>)}
        </div>
      </form>
    </Dialog>
  );
}
