import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CreditCard, FileDown, Package, ReceiptText } from 'lucide-react';
import type { z } from 'zod';
import type { myMoney } from '../../../../features/money/money.schema.ts';
import { api, errorMessage } from '../../../lib/api-client.ts';
import { Button } from '../../../components/button.tsx';
import { useApi } from '../../../lib/use-api.ts';
import { formatDate, formatMoney, formatPhone } from '../../../lib/format.ts';
import { RoleGate } from '../../role-gate.tsx';
import { usePageTitle } from '../../use-page-title.ts';
import type { ClinicContext } from '../../session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Alert } from '../../../components/alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { STATE_BADGE } from './money-words.ts';

/** The client's own invoices (with PDFs) and packages with their sessions left and expiry. */
export function MyMoneyPage() {
  usePageTitle('My invoices and packages');
  return <RoleGate roles={['client']}>{(clinic) => <MyMoney clinic={clinic} />}</RoleGate>;
}

function MyMoney({ clinic }: { clinic: ClinicContext }) {
  const data = useApi<z.infer<typeof myMoney>>(`/clinics/${clinic.slug}/me/money`);
  const packages = data.data?.packages.filter((p) => p.status === 'active') ?? [];
  // What the client still owes (invoices are in the clinic's one currency); paid at the clinic, not online.
  const owing = data.data?.invoices.filter((i) => i.kind === 'invoice' && i.outstandingMinor > 0) ?? [];
  const toPay = owing.reduce((sum, i) => sum + i.outstandingMinor, 0);
  const contact = data.data?.payAtClinic ?? { phone: null, email: '' };
  const [params, setParams] = useSearchParams();
  const back = params.get('checkout');
  const [returned, setReturned] = useState<{ tone: 'success' | 'info' | 'error'; text: string }>();
  const [buying, setBuying] = useState<string>();
  const [buyError, setBuyError] = useState<string>();
  // Back from Stripe's page: ask whether the payment arrived (it records it if Stripe's message has not come yet).
  useEffect(() => {
    if (!back) return;
    if (back === 'cancelled') { setReturned({ tone: 'info', text: 'You left the payment page; nothing was charged.' }); setParams({}, { replace: true }); return; }
    api.get<{ paid: boolean }>(`/clinics/${clinic.slug}/me/checkout/${encodeURIComponent(back)}`)
      .then((r) => { setReturned(r.paid ? { tone: 'success', text: 'Thank you: your payment arrived and your package is ready to use.' } : { tone: 'info', text: 'Your payment has not arrived yet. This page will show your package once it does.' }); data.reload(); })
      .catch((e: unknown) => setReturned({ tone: 'error', text: errorMessage(e) }))
      .finally(() => setParams({}, { replace: true }));
  }, [back]);

  async function buy(packageTypeId: string) {
    setBuying(packageTypeId);
    setBuyError(undefined);
    try {
      const started = await api.post<{ url: string }>(`/clinics/${clinic.slug}/me/checkout`, { packageTypeId });
      window.location.assign(started.url);
    } catch (e) {
      setBuyError(errorMessage(e));
      setBuying(undefined);
    }
  }
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="My invoices and packages" description={<p>What you have bought from {clinic.name}, and what is left to use.</p>} />
      {data.loading && !data.data && <Loading label="Loading…" />}
      {data.error !== undefined && <Alert tone="error">{errorMessage(data.error)}</Alert>}
      {returned && <Alert className="mb-6" tone={returned.tone}>{returned.text}</Alert>}
      {data.data && (
        <div className="flex flex-col gap-8">
          {data.data.shop && data.data.shop.length > 0 && (
            <section className="panel" aria-labelledby="shop-heading">
              <h2 id="shop-heading" className="flex items-center gap-2 text-xl"><CreditCard aria-hidden="true" className="size-5 text-jade-700" />Buy a package</h2>
              <p className="mt-1">Pay by card on Stripe’s secure page. The package is yours as soon as the payment arrives.</p>
              {buyError && <Alert tone="error">{buyError}</Alert>}
              <ul className="mt-3 flex flex-col gap-3">
                {data.data.shop.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-line p-3">
                    <div>
                      <p className="font-semibold">{p.name}</p>
                      <p>{p.sessions} sessions · {formatMoney(p.priceMinor, p.currency)} · use them within {p.validityMonths} months</p>
                    </div>
                    <Button className="ml-auto" pending={buying === p.id} disabled={buying !== undefined} onClick={() => void buy(p.id)}>
                      Buy and pay by card<span className="sr-only"> for {p.name}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel" aria-labelledby="my-packages-heading">
            <h2 id="my-packages-heading" className="flex items-center gap-2 text-xl"><Package aria-hidden="true" className="size-5 text-jade-700" />My packages</h2>
            {packages.length === 0 && <p className="muted mt-2">You have no packages.</p>}
            <ul className="mt-3 flex flex-col gap-3">
              {packages.map((p) => (
                <li key={p.id} className="rounded-lg border border-line p-3">
                  <p className="font-semibold">{p.name}</p>
                  <p className="text-lg"><strong>{p.remaining}</strong> of {p.sessionsTotal} sessions left</p>
                  <p>{p.expired ? 'Expired on' : 'Use them by'} {formatDate(p.expiresAt, data.data!.timeZone)}</p>
                  <p className="muted text-sm">For {p.services.map((s) => s.name).join(', ')}</p>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="my-invoices-heading">
            <h2 id="my-invoices-heading" className="flex items-center gap-2 text-xl"><ReceiptText aria-hidden="true" className="size-5 text-jade-700" />My invoices</h2>
            {data.data.invoices.length === 0 && <p className="muted mt-2">No invoices yet.</p>}
            {toPay > 0 && (
              <Alert className="mt-3" tone="caution" title={`You have ${formatMoney(toPay, owing[0]!.currency)} to pay`}>
                <p>Please pay at the clinic’s desk at your next visit. An invoice cannot be paid online here.</p>
                <p className="mt-1">
                  Questions about it? {contact.phone
                    ? <>Call {clinic.name} on <a className="whitespace-nowrap" href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{formatPhone(contact.phone)}</a>.</>
                    : <>E-mail {clinic.name} at <a href={`mailto:${contact.email}`}>{contact.email}</a>.</>}
                </p>
              </Alert>
            )}
            <ul className="mt-3 flex flex-col gap-2">
              {data.data.invoices.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-3 rounded-lg border border-line p-3">
                  <span className="font-semibold">{i.kind === 'invoice' ? 'Invoice' : 'Credit note'} {i.number}</span>
                  <span>{formatDate(i.issuedAt, data.data!.timeZone)}</span>
                  <span>{formatMoney(i.totalMinor, i.currency)}</span>
                  {i.kind === 'invoice' && <span className={STATE_BADGE[i.state]!.badge}>{STATE_BADGE[i.state]!.label}</span>}
                  {i.kind === 'invoice' && i.outstandingMinor > 0 && <span>{formatMoney(i.outstandingMinor, i.currency)} to pay at the clinic</span>}
                  <a className="btn btn-ghost ml-auto" href={`/api/v1/clinics/${clinic.slug}/invoices/${i.id}/pdf`} download>
                    <FileDown aria-hidden="true" className="size-5" />Download PDF<span className="sr-only"> of {i.number}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
