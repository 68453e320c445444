import { useState } from 'react';
import { ArrowRightLeft, FileDown, FileMinus, Gift, Package, ReceiptText, RotateCcw, ShoppingBag, Wallet } from 'lucide-react';
import type { z } from 'zod';
import type { clientPackageList, invoiceList, invoiceView, packageTypeList } from '../../../../features/money/money.schema.ts';
import { parseMoney } from '../../../../domain/money/money.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import type { ClinicContext } from '../../session.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Button } from '../../../components/button.tsx';
import { SelectField, TextField } from '../../../components/field.tsx';
import { TakePaymentDialog } from './take-payment-dialog.tsx';
import { METHOD_LABEL, STATE_BADGE } from './money-words.ts';
import { ClientSearch, type ClientContact } from '../booking/client-search.tsx';

type Invoice = z.infer<typeof invoiceView>;
type Services = { items: { id: string; name: string; priceMinor: number; active?: boolean }[] };

/**
 * The desk's money panel of a client record: packages with their balance and expiry,
 * selling a package, a visit or a gift voucher, invoices with their state, taking payment,
 * and (the owner only) refunds.
 */
export function ClientMoneyPanel({ clinic, clientId }: { clinic: ClinicContext; clientId: string }) {
  const slug = clinic.slug;
  const packages = useApi<z.infer<typeof clientPackageList>>(`/clinics/${slug}/clients/${clientId}/packages`);
  const invoices = useApi<z.infer<typeof invoiceList>>(`/clinics/${slug}/invoices?clientId=${clientId}`);
  const [paying, setPaying] = useState<Invoice>();
  const [open, setOpen] = useState<Invoice>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const reload = () => { setOpen(undefined); packages.reload(); invoices.reload(); };

  async function openInvoice(id: string, pay: boolean) {
    setError(undefined);
    try {
      const full = await api.get<Invoice>(`/clinics/${slug}/invoices/${id}`);
      if (pay) setPaying(full); else setOpen(full);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <section className="panel" aria-labelledby="money-heading">
      <h2 id="money-heading" className="flex items-center gap-2 text-xl"><Wallet aria-hidden="true" className="size-5 text-jade-700" />Packages, invoices and payments</h2>
      {message && <Alert tone="success" className="mt-3">{message}</Alert>}
      {error && <Alert tone="error" className="mt-3">{error}</Alert>}
      <h3 className="mt-4 flex items-center gap-2 text-lg"><Package aria-hidden="true" className="size-5" />Packages</h3>
      {packages.data && packages.data.items.length === 0 && <p className="muted">No packages.</p>}
      <ul className="mt-2 flex flex-col gap-2">
        {packages.data?.items.map((p) => (
          <li key={p.id} className="rounded-lg border border-line p-3">
            <p className="font-semibold">{p.name}</p>
            <p>
              {p.status === 'active' ? <><strong>{p.remaining} of {p.sessionsTotal}</strong> sessions left · {p.expired ? 'expired' : 'valid until'} {formatDate(p.expiresAt, packages.data?.timeZone)}</> : p.status === 'transferred' ? 'Moved to another client' : 'Refunded'}
            </p>
            <p className="muted text-sm">For {p.services.map((s) => s.name).join(', ')}</p>
            {clinic.role === 'owner' && p.status === 'active' && p.remaining > 0 && (
              <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">
                <RefundSessions slug={slug} held={p} onDone={(m) => { setMessage(m); reload(); }} />
                <TransferPackage slug={slug} held={p} onDone={(m) => { setMessage(m); reload(); }} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <Sell slug={slug} clientId={clientId} onSold={(inv) => { setMessage(`${inv.number} issued for ${formatMoney(inv.totalMinor, inv.currency)}.`); reload(); if (inv.outstandingMinor > 0) setPaying(inv); }} />
      <h3 className="mt-6 flex items-center gap-2 text-lg"><ReceiptText aria-hidden="true" className="size-5" />Invoices</h3>
      {invoices.data && invoices.data.items.length === 0 && <p className="muted">No invoices yet.</p>}
      <ul className="mt-2 flex flex-col gap-2">
        {invoices.data?.items.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-line p-3">
            <span className="font-semibold">{i.number}</span>
            <span>{formatDate(i.issuedAt, packages.data?.timeZone)}</span>
            <span>{formatMoney(i.totalMinor, i.currency)}</span>
            {i.kind === 'invoice' ? <span className={STATE_BADGE[i.state]!.badge}>{STATE_BADGE[i.state]!.label}</span> : <span className="badge badge-neutral">Credit note</span>}
            {i.kind === 'invoice' && i.outstandingMinor > 0 && <span className="muted">{formatMoney(i.outstandingMinor, i.currency)} to pay</span>}
            <span className="ml-auto flex flex-wrap gap-2">
              {i.kind === 'invoice' && i.outstandingMinor > 0 && <Button onClick={() => void openInvoice(i.id, true)}><Wallet aria-hidden="true" className="size-5" />Take payment<span className="sr-only"> for {i.number}</span></Button>}
              <Button variant="secondary" aria-expanded={open?.id === i.id} onClick={() => (open?.id === i.id ? setOpen(undefined) : void openInvoice(i.id, false))}>Details<span className="sr-only"> of {i.number}</span></Button>
              <a className="btn btn-ghost" href={`/api/v1/clinics/${slug}/invoices/${i.id}/pdf`} download><FileDown aria-hidden="true" className="size-5" />PDF<span className="sr-only"> of {i.number}</span></a>
            </span>
            {/* The details open under their own invoice, not below the whole list. */}
            {open?.id === i.id && (
              <div className="basis-full">
                <InvoiceDetails clinic={clinic} timeZone={packages.data?.timeZone} invoice={open} onClose={() => setOpen(undefined)} onChanged={(m) => { setMessage(m); reload(); }} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <TakePaymentDialog key={paying?.id ?? 'none'} slug={slug} invoice={paying} packages={packages.data?.items ?? []} onClose={() => setPaying(undefined)}
        onPaid={(m) => { setPaying(undefined); setMessage(m); reload(); }} />
    </section>
  );
}

/** Sell a package, a visit (a service) or a gift voucher: one invoice, then payment. */
function Sell({ slug, clientId, onSold }: { slug: string; clientId: string; onSold: (invoice: Invoice) => void }) {
  const types = useApi<z.infer<typeof packageTypeList>>(`/clinics/${slug}/package-types`);
  const services = useApi<Services>(`/clinics/${slug}/settings/services`);
  const [choice, setChoice] = useState('');
  const [voucherValue, setVoucherValue] = useState('');
  const [recipient, setRecipient] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const paid = (services.data?.items ?? []).filter((s) => s.priceMinor > 0 && s.active !== false);

  async function sell() {
    const [kind, id] = choice.split(':');
    let item: Record<string, unknown>;
    if (kind === 'package') item = { kind, packageTypeId: id };
    else if (kind === 'service') item = { kind, serviceId: id };
    else {
      const value = parseMoney(voucherValue);
      if (!value) { setError('Enter the voucher’s value in pounds, e.g. 100.'); return; }
      item = { kind: 'voucher', amountMinor: value, ...(recipient.trim() ? { recipientName: recipient.trim() } : {}) };
    }
    setBusy(true);
    setError(undefined);
    try {
      onSold(await api.post<Invoice>(`/clinics/${slug}/sales`, { clientId, items: [item] }));
      setChoice('');
      setVoucherValue('');
      setRecipient('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="mt-4 flex flex-col gap-3 rounded-lg bg-sand p-3" noValidate onSubmit={(e) => { e.preventDefault(); void sell(); }}>
      <h3 className="flex items-center gap-2 text-lg"><ShoppingBag aria-hidden="true" className="size-5" />Sell</h3>
      {error && <Alert tone="error">{error}</Alert>}
      <SelectField label="What" value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">Choose…</option>
        <optgroup label="Packages">
          {types.data?.items.filter((t) => t.active).map((t) => <option key={t.id} value={`package:${t.id}`}>{t.name}: {formatMoney(t.priceMinor, types.data!.currency)}</option>)}
        </optgroup>
        <optgroup label="A visit">
          {paid.map((s) => <option key={s.id} value={`service:${s.id}`}>{s.name}: {formatMoney(s.priceMinor)}</option>)}
        </optgroup>
        <option value="voucher:">A gift voucher</option>
      </SelectField>
      {choice === 'voucher:' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Voucher value (£)" inputMode="decimal" value={voucherValue} onChange={(e) => setVoucherValue(e.target.value)} />
          <TextField label="For (optional)" value={recipient} maxLength={120} onChange={(e) => setRecipient(e.target.value)} />
        </div>
      )}
      <div><Button type="submit" pending={busy} disabled={!choice}><Gift aria-hidden="true" className="size-5" />Sell and issue invoice</Button></div>
    </form>
  );
}

/** An invoice's lines and payments; the owner refunds a payment from here. */
function InvoiceDetails({ clinic, timeZone, invoice, onClose, onChanged }: { clinic: ClinicContext; timeZone: string | undefined; invoice: Invoice; onClose: () => void; onChanged: (message: string) => void }) {
  const [refunding, setRefunding] = useState<string>();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const money = (m: number) => formatMoney(m, invoice.currency);

  async function refund(paymentId: string) {
    const minor = parseMoney(amount);
    if (!minor) { setError('Enter the amount to refund, e.g. 20.00.'); return; }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${clinic.slug}/payments/${paymentId}/refunds`, { amountMinor: minor, currency: invoice.currency, reason: reason.trim() });
      onChanged(`${money(minor)} refunded on ${invoice.number}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rounded-lg border border-line bg-paper p-3" aria-label={`Invoice ${invoice.number}`} role="region">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-semibold">{invoice.number} · {invoice.clientName} · {formatMoney(invoice.totalMinor, invoice.currency)}{invoice.creditedMinor > 0 ? ` (${formatMoney(invoice.creditedMinor, invoice.currency)} credited)` : ''}</p>
        <Button variant="ghost" onClick={onClose}>Close<span className="sr-only"> {invoice.number}</span></Button>
      </div>
      <ul className="mt-2">{invoice.lines.map((l, i) => <li key={i}>{l.description}: {l.quantity} × {money(l.unitPriceMinor)} = {money(l.totalMinor)}</li>)}</ul>
      {clinic.role === 'owner' && invoice.kind === 'invoice' && invoice.totalMinor - invoice.creditedMinor > 0 && <CreditNote slug={clinic.slug} invoice={invoice} onDone={onChanged} />}
      {invoice.vouchers.map((v) => <p key={v.id} className="mt-2">Gift voucher code <strong className="font-mono">{v.code}</strong>: {money(v.balanceMinor)} left, valid until {formatDate(v.expiresAt, timeZone)}</p>)}
      {error && <Alert tone="error" className="mt-2">{error}</Alert>}
      <ul className="mt-2 flex flex-col gap-2">
        {invoice.payments.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center gap-2">
            <span>{p.kind === 'refund' ? 'Refund' : 'Paid'} · {METHOD_LABEL[p.method]} · {money(p.amountMinor)}{p.refundedMinor > 0 ? ` (${money(p.refundedMinor)} refunded)` : ''}</span>
            {clinic.role === 'owner' && p.kind === 'payment' && p.refundedMinor < p.amountMinor && refunding !== p.id && (
              <Button variant="ghost" onClick={() => { setRefunding(p.id); setAmount(((p.amountMinor - p.refundedMinor) / 100).toFixed(2)); }}><RotateCcw aria-hidden="true" className="size-5" />Refund<span className="sr-only"> {METHOD_LABEL[p.method]} {money(p.amountMinor)}</span></Button>
            )}
            {refunding === p.id && (
              <form className="flex w-full flex-wrap items-end gap-2" noValidate onSubmit={(e) => { e.preventDefault(); void refund(p.id); }}>
                <TextField label="Refund (£)" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
                <TextField label="Why" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
                <Button type="submit" variant="danger" pending={busy}>Refund</Button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The owner refunds unused sessions of a package: a credit note and money back in one step. */
function RefundSessions({ slug, held, onDone }: { slug: string; held: { id: string; name: string; remaining: number; priceMinor: number; sessionsTotal: number; currency: string }; onDone: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const [sessions, setSessions] = useState('1');
  const [amount, setAmount] = useState((Math.floor(held.priceMinor / held.sessionsTotal) / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open) return <div><Button variant="ghost" onClick={() => setOpen(true)}><RotateCcw aria-hidden="true" className="size-5" />Refund sessions</Button></div>;

  async function submit() {
    const minor = parseMoney(amount);
    if (!minor) { setError('Enter the amount to refund, e.g. 170.00.'); return; }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${slug}/client-packages/${held.id}/refund`, { sessions: Number(sessions), amountMinor: minor, currency: held.currency, reason: reason.trim() });
      onDone(`${sessions} session(s) refunded: ${formatMoney(minor, held.currency)} back to the client.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="grid gap-2 rounded-lg bg-sand p-3 sm:basis-full sm:grid-cols-3" noValidate aria-label={`Refund sessions of ${held.name}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {error && <Alert tone="error" className="sm:col-span-3">{error}</Alert>}
      <TextField label="Sessions to refund" inputMode="numeric" value={sessions} onChange={(e) => setSessions(e.target.value)} hint={`${held.remaining} left`} />
      <TextField label="Money back (£)" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      <TextField label="Why" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
      <div className="flex flex-wrap gap-2 sm:col-span-3">
        <Button type="submit" variant="danger" pending={busy}>Refund sessions</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}

/**
 * The owner corrects an issued invoice with a credit note (the invoice itself never
 * changes): an amount up to what is not yet credited, and why. Audited by the server.
 */
function CreditNote({ slug, invoice, onDone }: { slug: string; invoice: Invoice; onDone: (m: string) => void }) {
  const creditable = invoice.totalMinor - invoice.creditedMinor;
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState((creditable / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open) return <div className="mt-2"><Button variant="ghost" onClick={() => setOpen(true)}><FileMinus aria-hidden="true" className="size-5" />Issue a credit note<span className="sr-only"> for {invoice.number}</span></Button></div>;

  async function submit() {
    const minor = parseMoney(amount);
    if (!minor) { setError('Enter the amount to credit, e.g. 20.00.'); return; }
    if (!reason.trim()) { setError('Say why the invoice is corrected: it is printed on the credit note.'); return; }
    setBusy(true);
    setError(undefined);
    try {
      const note = await api.post<Invoice>(`/clinics/${slug}/invoices/${invoice.id}/credit-notes`, { amountMinor: minor, currency: invoice.currency, reason: reason.trim() });
      onDone(`${note.number} issued: ${formatMoney(minor, invoice.currency)} credited on ${invoice.number}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="mt-3 grid gap-2 rounded-lg bg-sand p-3 sm:grid-cols-2" noValidate aria-label={`Credit note for ${invoice.number}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <p className="sm:col-span-2">A credit note corrects {invoice.number}; the invoice itself is never changed. Up to {formatMoney(creditable, invoice.currency)} can be credited.</p>
      {error && <Alert tone="error" className="sm:col-span-2">{error}</Alert>}
      <TextField label="Amount to credit (£)" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      <TextField label="Why (printed on the credit note)" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" variant="danger" pending={busy}>Issue credit note</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}

/** The owner moves a package's remaining sessions to another client of the clinic, with the reason (kept in the audit log). */
function TransferPackage({ slug, held, onDone }: { slug: string; held: { id: string; name: string; remaining: number }; onDone: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<ClientContact>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open) return <div><Button variant="ghost" onClick={() => setOpen(true)}><ArrowRightLeft aria-hidden="true" className="size-5" />Move to another client<span className="sr-only">: {held.name}</span></Button></div>;

  async function submit() {
    if (!to) { setError('Find and choose the client who takes the sessions.'); return; }
    if (!reason.trim()) { setError('Say why the sessions move.'); return; }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/clinics/${slug}/client-packages/${held.id}/transfer`, { toClientId: to.id, reason: reason.trim() });
      onDone(`${held.remaining} session(s) of ${held.name} moved to ${to.name}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="flex flex-col gap-2 rounded-lg bg-sand p-3 sm:basis-full" noValidate aria-label={`Move ${held.name} to another client`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <p>The {held.remaining} remaining session(s) move to the client you choose; this client keeps the history.</p>
      {error && <Alert tone="error">{error}</Alert>}
      <ClientSearch slug={slug} chosen={to} onChoose={setTo} label="Move to" />
      <TextField label="Why" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" pending={busy}>Move the sessions</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>Cancel</Button>
      </div>
    </form>
  );
}
