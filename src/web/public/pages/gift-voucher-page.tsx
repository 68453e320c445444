import { Gift } from 'lucide-react';
import { PublicLayout } from '../public-layout.tsx';
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { formatMoney } from '../../../domain/money/money.ts';
import type { VoucherOrderFields } from '../../../domain/money/voucher-order.ts';

export interface GiftVoucherPageProps {
  clinic: { slug: string; name: string; currency: string };
  validityMonths: number;
  treatments: { id: string; name: string; priceMinor: number; durationMin: number }[];
  values?: VoucherOrderFields;
  errors?: Record<string, string>;
  /** A notice above the form: the buyer came back from Stripe without paying, or Stripe did not answer. */
  notice?: string;
}

const SUGGESTED = [30, 50, 85, 100];

/**
 * A clinic's gift voucher shop: one plain form (no JavaScript), then Stripe's hosted page
 * for the card. Errors are listed at the top and beside each field, linked by
 * aria-describedby; every control has a visible label; one column on a phone.
 */
export function GiftVoucherPage({ clinic, validityMonths, treatments, values = {}, errors = {}, notice }: GiftVoucherPageProps) {
  const choice = values.choice === 'treatment' ? 'treatment' : 'value';
  const err = (name: keyof VoucherOrderFields) => errors[name] ? <span className="field-error block" id={`gv-${name}-error`}>{errors[name]}</span> : null;
  const described = (name: keyof VoucherOrderFields, hint?: boolean) => [hint ? `gv-${name}-hint` : '', errors[name] ? `gv-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (name: keyof VoucherOrderFields) => (errors[name] ? true : undefined);
  const errorCount = Object.keys(errors).length;
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Find a clinic', href: '/find' }, { name: clinic.name, href: `/clinics/${clinic.slug}` }, { name: 'Gift vouchers', href: `/clinics/${clinic.slug}/gift-vouchers` }]} />
      <div className="mx-auto max-w-2xl pt-6">
        <p className="eyebrow">{clinic.name}</p>
        <h1 className="mt-2 flex items-center gap-3 text-3xl leading-tight sm:text-4xl"><Gift aria-hidden="true" className="size-8 shrink-0 text-jade-700" />Give a gift voucher</h1>
        <p className="lead mt-3">
          A voucher for an amount, or for one treatment. It is valid for {validityMonths} months and can be used when booking online or at the clinic’s desk.
          You pay by card on Stripe’s secure page; the voucher code is e-mailed as soon as the payment arrives.
        </p>
        {notice && <p className="panel mt-5" role="status">{notice}</p>}
        {errorCount > 0 && (
          <div className="panel mt-5" role="alert" aria-labelledby="gv-errors">
            <h2 id="gv-errors" className="text-lg">Please check {errorCount === 1 ? 'one answer' : `${errorCount} answers`}</h2>
            <ul className="mt-2">{Object.entries(errors).map(([field, message]) => <li key={field}><a href={`#gv-${field}`}>{message}</a></li>)}</ul>
          </div>
        )}
        <form method="post" action={`/clinics/${clinic.slug}/gift-vouchers`} className="mt-6 flex flex-col gap-6" noValidate>
          <fieldset className="card flex flex-col gap-4">
            <legend className="px-1 text-xl font-semibold">The voucher</legend>
            <label className="flex items-center gap-3">
              <input type="radio" name="choice" value="value" defaultChecked={choice === 'value'} />
              <span className="font-semibold">An amount</span>
            </label>
            <div className="ml-8 flex flex-col gap-1">
              <label htmlFor="gv-amount">Amount in pounds</label>
              <span className="muted text-sm" id="gv-amount-hint">From £5 to £1,000 in whole pounds, spent over one visit or several; for example {SUGGESTED.map((n) => formatMoney(n * 100, clinic.currency)).join(', ')}.</span>
              {err('amount')}
              <input id="gv-amount" name="amount" inputMode="decimal" autoComplete="off" className="input w-40" defaultValue={values.amount ?? '50'} aria-describedby={described('amount', true)} aria-invalid={invalid('amount')} />
            </div>
            {treatments.length > 0 && (
              <>
                <label className="flex items-center gap-3">
                  <input type="radio" name="choice" value="treatment" defaultChecked={choice === 'treatment'} />
                  <span className="font-semibold">One treatment</span>
                </label>
                <div className="ml-8 flex flex-col gap-1">
                  <label htmlFor="gv-serviceId">Treatment</label>
                  {err('serviceId')}
                  <select id="gv-serviceId" name="serviceId" className="input" defaultValue={values.serviceId ?? ''} aria-describedby={described('serviceId')} aria-invalid={invalid('serviceId')}>
                    <option value="">Choose a treatment</option>
                    {treatments.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.durationMin} min), {formatMoney(t.priceMinor, clinic.currency)}</option>)}
                  </select>
                </div>
              </>
            )}
          </fieldset>

          <fieldset className="card flex flex-col gap-4">
            <legend className="px-1 text-xl font-semibold">Who it is for</legend>
            <TextField name="recipientName" label="Their name" autoComplete="off" values={values} err={err} described={described} invalid={invalid} />
            <TextField name="recipientEmail" label="Their e-mail address (optional)" type="email" autoComplete="off" values={values} err={err} described={described} invalid={invalid}
              hint="We e-mail the voucher to them when you have paid. Leave it empty to give it to them yourself." />
            <div className="flex flex-col gap-1">
              <label htmlFor="gv-message" className="font-semibold">A message (optional)</label>
              <span className="muted text-sm" id="gv-message-hint">Sent with the voucher, up to 300 characters.</span>
              {err('message')}
              <textarea id="gv-message" name="message" rows={3} maxLength={300} className="input" defaultValue={values.message ?? ''} aria-describedby={described('message', true)} aria-invalid={invalid('message')} />
            </div>
          </fieldset>

          <fieldset className="card flex flex-col gap-4">
            <legend className="px-1 text-xl font-semibold">You</legend>
            <TextField name="buyerName" label="Your name" autoComplete="name" values={values} err={err} described={described} invalid={invalid} />
            <TextField name="buyerEmail" label="Your e-mail address" type="email" autoComplete="email" values={values} err={err} described={described} invalid={invalid}
              hint="Your receipt and the voucher code are sent here." />
          </fieldset>

          <p className="flex flex-col gap-3 sm:flex-row sm:items-center">
            <button type="submit" className="btn btn-primary">Continue to payment</button>
            <span className="muted text-sm">Card details are taken by Stripe, never by the clinic or Yintang.</span>
          </p>
        </form>
      </div>
    </PublicLayout>
  );
}

function TextField({ name, label, hint, type = 'text', autoComplete, values, err, described, invalid }: {
  name: keyof VoucherOrderFields; label: string; hint?: string; type?: string; autoComplete: string; values: VoucherOrderFields;
  err: (n: keyof VoucherOrderFields) => React.ReactNode; described: (n: keyof VoucherOrderFields, hint?: boolean) => string | undefined; invalid: (n: keyof VoucherOrderFields) => true | undefined;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`gv-${name}`} className="font-semibold">{label}</label>
      {hint && <span className="muted text-sm" id={`gv-${name}-hint`}>{hint}</span>}
      {err(name)}
      <input id={`gv-${name}`} name={name} type={type} autoComplete={autoComplete} className="input" defaultValue={values[name] ?? ''} aria-describedby={described(name, Boolean(hint))} aria-invalid={invalid(name)} />
    </div>
  );
}

export interface GiftVoucherPayProps {
  clinic: { slug: string; name: string; currency: string };
  validityMonths: number;
  /** Stripe's hosted page for this order. */
  payUrl: string;
  order: { recipientName: string; recipientEmail: string | null; buyerEmail: string; totalMinor: number; treatment: string | null };
}

/**
 * The order to check before paying, and the way on to Stripe's page. A link, not a
 * redirect of the posted form: the site's policy lets forms post only to itself
 * (CSP form-action 'self'), which a redirect to Stripe would break.
 */
export function GiftVoucherPayPage({ clinic, validityMonths, payUrl, order }: GiftVoucherPayProps) {
  const total = formatMoney(order.totalMinor, clinic.currency);
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Find a clinic', href: '/find' }, { name: clinic.name, href: `/clinics/${clinic.slug}` }, { name: 'Gift vouchers', href: `/clinics/${clinic.slug}/gift-vouchers` }]} />
      <div className="mx-auto max-w-2xl pt-6">
        <h1 className="text-3xl leading-tight sm:text-4xl">Check and pay</h1>
        <dl className="card mt-5 grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Voucher</dt><dd>{order.treatment ? `${order.treatment} (${total})` : total}, valid {validityMonths} months</dd>
          <dt className="font-semibold">For</dt><dd>{order.recipientName}{order.recipientEmail ? `, e-mailed to ${order.recipientEmail}` : ''}</dd>
          <dt className="font-semibold">Receipt and code to</dt><dd>{order.buyerEmail}</dd>
        </dl>
        <p className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center">
          <a className="btn btn-primary" href={payUrl}>Pay {total} by card</a>
          <a className="btn btn-ghost" href={`/clinics/${clinic.slug}/gift-vouchers`}>Start again</a>
        </p>
        <p className="muted mt-3 text-sm">You go on to Stripe’s secure page to pay; card details never reach the clinic or Yintang. Nothing is charged until you confirm there.</p>
      </div>
    </PublicLayout>
  );
}

export interface GiftVoucherThanksProps {
  clinic: { slug: string; name: string; currency: string };
  state: 'paid' | 'open' | 'expired';
  recipientName: string;
  buyerEmail: string;
  recipientEmail: string | null;
  totalMinor: number;
  /** "7 December 2027", when paid. */
  expires: string | null;
}

/** After Stripe's page: the voucher is on its way (the code only by e-mail), or the payment has not arrived yet. */
export function GiftVoucherThanksPage({ clinic, state, recipientName, buyerEmail, recipientEmail, totalMinor, expires }: GiftVoucherThanksProps) {
  return (
    <PublicLayout>
      <Breadcrumbs crumbs={[{ name: 'Find a clinic', href: '/find' }, { name: clinic.name, href: `/clinics/${clinic.slug}` }, { name: 'Gift vouchers', href: `/clinics/${clinic.slug}/gift-vouchers` }]} />
      <div className="mx-auto max-w-2xl pt-6">
        {state === 'paid' ? (
          <>
            <h1 className="text-3xl leading-tight sm:text-4xl">Thank you: your gift voucher is on its way</h1>
            <div className="panel mt-5" role="status">
              <p>A voucher for {recipientName} worth {formatMoney(totalMinor, clinic.currency)} at {clinic.name}{expires ? `, valid until ${expires}` : ''}.</p>
              <p className="mt-2">The code and your receipt have been sent to {buyerEmail}{recipientEmail ? `, and the voucher to ${recipientEmail}` : ''}.</p>
            </div>
          </>
        ) : state === 'open' ? (
          <>
            <h1 className="text-3xl leading-tight sm:text-4xl">Waiting for your payment</h1>
            <p className="panel mt-5" role="status">Stripe has not told us about the payment yet. This can take a moment: reload this page shortly. The voucher is e-mailed to {buyerEmail} as soon as it arrives.</p>
          </>
        ) : (
          <>
            <h1 className="text-3xl leading-tight sm:text-4xl">This payment was not completed</h1>
            <p className="panel mt-5" role="status">Nothing was charged and no voucher was issued.</p>
          </>
        )}
        <p className="mt-6 flex flex-wrap gap-3">
          <a className="btn btn-secondary" href={`/clinics/${clinic.slug}`}>Back to {clinic.name}</a>
          {state !== 'open' && <a className="btn btn-secondary" href={`/clinics/${clinic.slug}/gift-vouchers`}>Buy another voucher</a>}
        </p>
      </div>
    </PublicLayout>
  );
}
