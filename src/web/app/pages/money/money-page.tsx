import { useEffect, useState } from 'react';
import { CreditCard, Gift, Landmark, Package, Save, Search } from 'lucide-react';
import type { z } from 'zod';
import type { billingSettings, packageTypeList, voucherView } from '../../../../features/money/money.schema.ts';
import { parseMoney } from '../../../../domain/money/money.ts';
import { api, ApiError, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../../components/field.tsx';

type Settings = z.infer<typeof billingSettings>;

/** Money set-up: the owner's legal details, VAT and policies, the packages the clinic sells; the desk's voucher look-up. */
export function MoneyPage() {
  usePageTitle('Money');
  return <RoleGate roles={['owner', 'reception']}>{(clinic) => <Money clinic={clinic} />}</RoleGate>;
}

function Money({ clinic }: { clinic: ClinicContext }) {
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Money"
        description={<p>{clinic.role === 'owner' ? 'What goes on your invoices, the packages you sell, and your policies for packages and gift vouchers.' : 'Check a gift voucher. Sell and take payment from a client’s record.'}</p>} />
      <div className="flex flex-col gap-8">
        <VoucherLookup slug={clinic.slug} />
        {clinic.role === 'owner' && <PackageTypes slug={clinic.slug} />}
        {clinic.role === 'owner' && <BillingSettings slug={clinic.slug} />}
        {clinic.role === 'owner' && <OnlinePayments slug={clinic.slug} />}
      </div>
    </>
  );
}

function VoucherLookup({ slug }: { slug: string }) {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<z.infer<typeof voucherView>>();
  const [error, setError] = useState<string>();
  async function look() {
    setError(undefined);
    setFound(undefined);
    try {
      setFound(await api.get(`/clinics/${slug}/vouchers/${encodeURIComponent(code.trim())}`));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? 'No voucher of this clinic has that code. Check the 16 characters.' : errorMessage(e));
    }
  }
  return (
    <section className="panel" aria-labelledby="voucher-heading">
      <h2 id="voucher-heading" className="flex items-center gap-2 text-xl"><Gift aria-hidden="true" className="size-5 text-jade-700" />Check a gift voucher</h2>
      <form className="mt-3 flex flex-wrap items-end gap-3" noValidate onSubmit={(e) => { e.preventDefault(); void look(); }}>
        <TextField label="Voucher code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} hint="e.g. KD7Q-M3XP-9HWT-R2FZ" />
        <Button type="submit" variant="secondary"><Search aria-hidden="true" className="size-5" />Check</Button>
      </form>
      {error && <Alert tone="error" className="mt-3">{error}</Alert>}
      {found && (
        <p className="mt-3" aria-live="polite">
          <strong>{found.code}</strong>: {formatMoney(found.balanceMinor, found.currency)} left of {formatMoney(found.initialMinor, found.currency)}
          {found.serviceName ? ` (for ${found.serviceName})` : ''} · {found.expired ? 'expired' : 'valid until'} {formatDate(found.expiresAt)}
          {found.recipientName ? ` · for ${found.recipientName}` : ''}
        </p>
      )}
    </section>
  );
}

function PackageTypes({ slug }: { slug: string }) {
  const list = useApi<z.infer<typeof packageTypeList>>(`/clinics/${slug}/package-types`);
  const services = useApi<{ items: { id: string; name: string }[] }>(`/clinics/${slug}/settings/services`);
  const [name, setName] = useState('');
  const [sessions, setSessions] = useState('10');
  const [price, setPrice] = useState('');
  const [months, setMonths] = useState('6');
  const [chosen, setChosen] = useState<string[]>([]);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saleMessage, setSaleMessage] = useState<string>();
  const [saleError, setSaleError] = useState<string>();

  // Taking a package off sale (or back on): the same terms sent back with `active` changed. Packages already sold keep theirs.
  async function setOnSale(t: z.infer<typeof packageTypeList>['items'][number], active: boolean) {
    setSaleMessage(undefined);
    setSaleError(undefined);
    try {
      await api.put(`/clinics/${slug}/package-types/${t.id}`, {
        name: t.name, sessions: t.sessions, priceMinor: t.priceMinor, validityMonths: t.validityMonths, serviceIds: t.serviceIds, active, sellOnline: t.sellOnline,
      });
      setSaleMessage(active ? `${t.name} is on sale again.` : `${t.name} is no longer sold. Clients who bought it keep their sessions.`);
      list.reload();
    } catch (e) {
      setSaleError(errorMessage(e));
    }
  }

  async function create() {
    const priceMinor = parseMoney(price);
    setError(undefined);
    setMessage(undefined);
    setFieldErrors({});
    if (priceMinor === null) { setFieldErrors({ priceMinor: 'Enter the price in pounds, e.g. 850' }); return; }
    setBusy(true);
    try {
      await api.post(`/clinics/${slug}/package-types`, { name: name.trim(), sessions: Number(sessions), priceMinor, validityMonths: Number(months), serviceIds: chosen, sellOnline: online });
      setMessage(`${name.trim()} is on sale.`);
      setName('');
      setPrice('');
      setChosen([]);
      list.reload();
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="packages-heading">
      <h2 id="packages-heading" className="flex items-center gap-2 text-xl"><Package aria-hidden="true" className="size-5 text-jade-700" />Packages</h2>
      <p className="mt-1">A course of sessions paid up front. Each attended session uses one; a package can cover complementary services too.</p>
      <div aria-live="polite" className="empty:hidden">
        {saleMessage && <Alert tone="success" className="mt-3">{saleMessage}</Alert>}
        {saleError && <Alert tone="error" className="mt-3">{saleError}</Alert>}
      </div>
      <ul className="mt-3 flex flex-col gap-2">
        {list.data?.items.map((t) => (
          <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-line p-3">
            <div className="min-w-0">
              <p className="font-semibold">{t.name}{!t.active && <span className="badge badge-neutral ml-2">Not on sale</span>}{t.active && t.sellOnline && <span className="badge badge-neutral ml-2">Sold online</span>}</p>
              <p>{t.sessions} sessions · {formatMoney(t.priceMinor, list.data!.currency)} · valid {t.validityMonths} months</p>
              <p className="muted text-sm">For {t.services.map((s) => s.name).join(', ')}</p>
            </div>
            <Button variant="secondary" onClick={() => void setOnSale(t, !t.active)}>
              {t.active ? 'Stop selling' : 'Sell again'}<span className="sr-only"> {t.name}</span>
            </Button>
          </li>
        ))}
        {list.data?.items.length === 0 && <li className="muted">No packages yet.</li>}
      </ul>
      <form className="mt-4 flex flex-col gap-3 rounded-lg bg-sand p-3" noValidate onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <h3 className="text-lg">New package</h3>
        {message && <Alert tone="success">{message}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
        <TextField label="Name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} hint="e.g. Facial course of 10" />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="Sessions" inputMode="numeric" value={sessions} onChange={(e) => setSessions(e.target.value)} error={fieldErrors.sessions} />
          <TextField label="Price (£)" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={fieldErrors.priceMinor} />
          <TextField label="Valid for (months)" inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} error={fieldErrors.validityMonths} />
        </div>
        <fieldset>
          <legend className="font-semibold">Services it covers</legend>
          {fieldErrors.serviceIds && <p className="text-danger">{fieldErrors.serviceIds}</p>}
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {services.data?.items.map((s) => (
              <CheckboxField key={s.id} label={s.name} checked={chosen.includes(s.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((x) => x !== s.id)))} />
            ))}
          </div>
        </fieldset>
        <CheckboxField label="Clients can buy it online" checked={online} onChange={(e) => setOnline(e.target.checked)}
          hint="Shown in the client portal with card payment, once your Stripe keys are set below." />
        <div><Button type="submit" pending={busy}><Save aria-hidden="true" className="size-5" />Add package</Button></div>
      </form>
    </section>
  );
}

function BillingSettings({ slug }: { slug: string }) {
  const current = useApi<Settings>(`/clinics/${slug}/billing`);
  const [s, setS] = useState<Settings>();
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  // The rate as typed: shown back from the number, "17." would lose its point before the 5 of 17.5.
  const [vatText, setVatText] = useState<string>();
  useEffect(() => { if (current.data) setS(current.data); }, [current.data]);
  if (!s) return null;
  const set = (change: Partial<Settings>) => setS({ ...s, ...change });

  async function save() {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    setFieldErrors({});
    try {
      const { currency: _c, onlinePayments: _o, ...body } = s!;
      setS(await api.put<Settings>(`/clinics/${slug}/billing`, { ...body, vatNumber: body.vatNumber?.trim() || null, companyNumber: body.companyNumber?.trim() || null }));
      setMessage('Saved. New invoices use these details; issued ones keep theirs.');
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="billing-heading">
      <h2 id="billing-heading" className="flex items-center gap-2 text-xl"><Landmark aria-hidden="true" className="size-5 text-jade-700" />Invoices, VAT and policies</h2>
      <form className="mt-3 flex flex-col gap-3" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {message && <Alert tone="success">{message}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
        <TextField label="Name on invoices" value={s.legalName} maxLength={200} onChange={(e) => set({ legalName: e.target.value })} error={fieldErrors.legalName} hint="Your company’s or your own registered name" />
        <TextAreaField label="Address on invoices" rows={2} value={s.legalAddress} maxLength={500} onChange={(e) => set({ legalAddress: e.target.value })} error={fieldErrors.legalAddress} />
        <TextField label="Company number (optional)" value={s.companyNumber ?? ''} maxLength={40} onChange={(e) => set({ companyNumber: e.target.value })} />
        <CheckboxField label="We are VAT registered" checked={s.vatRegistered} onChange={(e) => set({ vatRegistered: e.target.checked })} hint="Prices include VAT; invoices show the VAT in each line." />
        {s.vatRegistered && (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label="VAT number" value={s.vatNumber ?? ''} onChange={(e) => set({ vatNumber: e.target.value })} error={fieldErrors.vatNumber} hint="e.g. GB123456789" />
            <TextField label="VAT rate (%)" inputMode="decimal" value={vatText ?? String(s.vatRateBp / 100)}
              onChange={(e) => { setVatText(e.target.value); set({ vatRateBp: Math.round(Number(e.target.value) * 100) || 0 }); }} error={fieldErrors.vatRateBp} />
          </div>
        )}
        <CheckboxField label="A late cancellation uses a package session" checked={s.lateCancelDrawsCredit} onChange={(e) => set({ lateCancelDrawsCredit: e.target.checked })} />
        <CheckboxField label="A missed session (no-show) uses a package session" checked={s.noShowDrawsCredit} onChange={(e) => set({ noShowDrawsCredit: e.target.checked })} />
        <TextField label="Gift vouchers last (months)" inputMode="numeric" value={String(s.voucherValidityMonths)} onChange={(e) => set({ voucherValidityMonths: Number(e.target.value) || 0 })}
          error={fieldErrors.voucherValidityMonths} hint="At least 12 months" />
        <CheckboxField label="Sell gift vouchers on our public page" checked={s.sellVouchersOnline} onChange={(e) => set({ sellVouchersOnline: e.target.checked })}
          hint={s.onlinePayments.enabled ? 'Anyone can buy a voucher for an amount or a treatment, paid by card through Stripe.' : 'Shown once card payments online (Stripe) are turned on below.'} />
        <div><Button type="submit" pending={busy}><Save aria-hidden="true" className="size-5" />Save</Button></div>
      </form>
    </section>
  );
}

/** The owner's Stripe keys: card payments online go to the clinic's own Stripe account. Only the keys' last four characters come back. */
function OnlinePayments({ slug }: { slug: string }) {
  const current = useApi<Settings>(`/clinics/${slug}/billing`);
  const [state, setState] = useState<Settings['onlinePayments']>();
  const [secretKey, setSecretKey] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const shown = state ?? current.data?.onlinePayments;
  if (!shown) return null;

  async function send(keys: boolean) {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    setMessage(undefined);
    try {
      const saved = keys
        ? await api.put<Settings>(`/clinics/${slug}/billing/stripe`, { secretKey: secretKey.trim(), webhookSecret: webhookSecret.trim() })
        : await api.delete<Settings>(`/clinics/${slug}/billing/stripe`);
      setState(saved.onlinePayments);
      setSecretKey('');
      setWebhookSecret('');
      setMessage(keys ? 'Saved. Clients can now pay online for packages marked “Clients can buy it online”.' : 'Removed. Clients pay at the desk only.');
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="online-heading">
      <h2 id="online-heading" className="flex items-center gap-2 text-xl"><CreditCard aria-hidden="true" className="size-5 text-jade-700" />Card payments online (Stripe)</h2>
      <p className="mt-1">Clients pay by card on Stripe’s own secure page; card details never reach Yintang. Without keys, clients pay at the desk and nothing about paying online is shown.</p>
      {shown.enabled
        ? <p className="mt-2">On. Secret key ending <strong>{shown.secretKeyEnding}</strong>, webhook signing secret ending <strong>{shown.webhookSecretEnding}</strong>.</p>
        : <p className="mt-2">Off: no keys saved yet.</p>}
      <p className="muted mt-1 text-sm">In Stripe, add a webhook for <code>checkout.session.completed</code> and <code>checkout.session.expired</code> sent to this address:
        <code className="mt-1 block w-fit max-w-full select-all break-all rounded-md bg-sand px-2 py-1 text-ink">{`${window.location.origin}/api/v1/clinics/${slug}/stripe/webhook`}</code></p>
      <form className="mt-3 flex flex-col gap-3" noValidate onSubmit={(e) => { e.preventDefault(); void send(true); }}>
        {message && <Alert tone="success">{message}</Alert>}
        {error && <Alert tone="error">{error}</Alert>}
        <TextField label="Secret key" type="password" autoComplete="off" value={secretKey} onChange={(e) => setSecretKey(e.target.value)} error={fieldErrors.secretKey} hint="Starts with sk_live_ (or sk_test_ to try it out)" />
        <TextField label="Webhook signing secret" type="password" autoComplete="off" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} error={fieldErrors.webhookSecret} hint="Starts with whsec_" />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={busy}><Save aria-hidden="true" className="size-5" />{shown.enabled ? 'Replace keys' : 'Turn on'}</Button>
          {shown.enabled && <Button type="button" variant="secondary" disabled={busy} onClick={() => void send(false)}>Remove keys</Button>}
        </div>
      </form>
    </section>
  );
}
