import { Link } from 'react-router';
import type { MyTakings, PracticeReport } from '../../../../features/reports/practice-report.schema.ts';
import { formatMoney } from '../../../lib/format.ts';
import { formatPlainDay } from '../../../lib/clinic-time.ts';
import { METHOD_LABEL } from '../money/money-words.ts';
import { AgeChart, anyTakings, chartLabel, NoChartData, TakingsChart } from './report-charts.tsx';
import { AsTable, Figures, Panel, Table } from './report-parts.tsx';

type TakingsFigures = PracticeReport['money']['takings'];

const METHODS = ['card_terminal', 'online_card', 'cash', 'bank_transfer'] as const;

/** Takings by day (or week, month), method and practitioner: the owner's, or a practitioner's own. */
export function Takings({ data, csv }: { data: PracticeReport | MyTakings; csv?: string }) {
  const t: TakingsFigures = 'money' in data ? data.money.takings : data.takings;
  const currency = 'money' in data ? data.money.currency : data.currency;
  const own = !('money' in data);
  const money = (n: number) => formatMoney(n, currency);
  const unit = t.chart.unit;
  const summary = `Takings per ${unit}: ${t.chart.periods.filter((p) => p.netMinor !== 0).map((p) => `${chartLabel(p.start, unit)} ${money(p.netMinor)}`).join(', ') || 'none'}.`;
  return (
    <Panel id="takings" title={own ? 'My takings' : 'Takings'} csv={csv}
      intro={<p>
        Money received (card, cash, bank transfer, card online) less refunds, on the day it was recorded.
        {own ? ' Only the visits you gave that were invoiced.' : ' A package or voucher counts when it is sold; paying later with a package session or a voucher moves no money.'}
      </p>}>
      <Figures items={[
        ['Takings', money(t.total.netMinor), 'after refunds'],
        ['Received', money(t.total.paymentsMinor)],
        ['Refunded', money(t.total.refundsMinor)],
        ...(own ? [] : [['Paid from vouchers and packages', money(t.redeemed.voucherMinor + t.redeemed.packageCreditMinor), 'not money taken'] as [string, string, string]]),
      ]} />
      <h3 className="mt-5 text-base font-semibold">Per {unit}, by method</h3>
      {anyTakings(t.chart.periods) ? (
        <>
          <TakingsChart periods={t.chart.periods} unit={unit} summary={summary} currency={currency} />
          <AsTable>
            <Table caption="Takings by day" head={['Day', ...METHODS.map((m) => METHOD_LABEL[m]!), 'Takings']}
              rows={t.days.map((d) => [formatPlainDay(d.date), ...METHODS.map((m) => money(d[m])), money(d.netMinor)])} />
          </AsTable>
        </>
      ) : (
        <NoChartData title="No takings in this period" detail="No money was taken or refunded in these dates. Choose other dates to see a chart." />
      )}
      <div className="mt-5 grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="text-base font-semibold">By method</h3>
          <Table caption="Takings by method" head={['Method', 'Received', 'Refunded', 'Takings']}
            rows={t.methods.map((m) => [METHOD_LABEL[m.method]!, money(m.paymentsMinor), money(m.refundsMinor), money(m.netMinor)])} />
        </div>
        {!own && (
          <div>
            <h3 className="text-base font-semibold">By practitioner</h3>
            {t.practitioners.length === 0 ? <p className="mt-2 text-sm">No takings in these dates.</p> : (
              <Table caption="Takings by practitioner" head={['Practitioner', 'Received', 'Refunded', 'Takings']}
                rows={t.practitioners.map((p) => [p.name, money(p.paymentsMinor), money(p.refundsMinor), money(p.netMinor)])} />
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}

const atMoment = (asOf: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(asOf));

/** Invoices issued and not fully paid at the end of the range, by age, the oldest listed. */
export function Outstanding({ data, csv }: { data: PracticeReport; csv: string }) {
  const o = data.money.outstanding;
  const money = (n: number) => formatMoney(n, data.money.currency);
  const summary = `Owed by age of invoice: ${o.bands.map((b) => `${b.label} ${money(b.totalMinor)} (${b.count})`).join(', ')}.`;
  return (
    <Panel id="outstanding" title="Invoices still owed" csv={csv}
      intro={<p>Invoices issued and not fully paid at {atMoment(data.money.asOf)} (the end of these dates, or now), after credit notes, payments and refunds.</p>}>
      <Figures items={[
        ['Owed', money(o.totalMinor), `${o.count} ${o.count === 1 ? 'invoice' : 'invoices'}`],
        ...o.bands.slice(1).filter((b) => b.count > 0).slice(0, 3).map((b): [string, string, string] => [b.label, money(b.totalMinor), `${b.count} ${b.count === 1 ? 'invoice' : 'invoices'}`]),
      ]} />
      {o.count > 0 && (
        <>
          <h3 className="mt-5 text-base font-semibold">By age</h3>
          <AgeChart bands={o.bands} summary={summary} currency={data.money.currency} />
          <AsTable>
            <Table caption="Owed by age of invoice" head={['Age', 'Invoices', 'Owed']} rows={o.bands.map((b) => [b.label, b.count, money(b.totalMinor)])} />
          </AsTable>
          <h3 className="mt-5 text-base font-semibold">The oldest first{o.count > o.invoices.length ? ` (${o.invoices.length} of ${o.count}; the CSV has the same)` : ''}</h3>
          <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Invoices still owed">
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Invoices still owed, the oldest first</caption>
              <thead><tr>{['Invoice', 'Client', 'Issued', 'Age', 'Total', 'Owed'].map((h, i) => <th key={h} scope="col" className={`py-1.5 pr-3 ${i > 2 ? 'text-right' : ''}`}>{h}</th>)}</tr></thead>
              <tbody>
                {o.invoices.map((i) => (
                  <tr key={i.id} className="border-t border-line">
                    <th scope="row" className="py-1.5 pr-3 font-normal tabular-nums">{i.number}</th>
                    <td className="py-1.5 pr-3"><Link to={`/app/clients/${i.clientId}`}>{i.clientName}</Link></td>
                    <td className="py-1.5 pr-3">{formatPlainDay(i.issuedAt.slice(0, 10))}</td>
                    <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{i.ageDays} {i.ageDays === 1 ? 'day' : 'days'}</td>
                    <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{money(i.totalMinor)}</td>
                    <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums font-semibold">{money(i.outstandingMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {o.count === 0 && <p className="mt-4">Every invoice issued by then was paid.</p>}
    </Panel>
  );
}

/** Sessions sold and not yet used, in money, and gift voucher balances, at the end of the range. */
export function Liability({ data, csv }: { data: PracticeReport; csv: string }) {
  const l = data.money.liability;
  const money = (n: number) => formatMoney(n, data.money.currency);
  return (
    <Panel id="liability" title="Owed to clients in sessions and vouchers" csv={csv}
      intro={<p>
        At {atMoment(data.money.asOf)}: sessions left on packages bought and not expired, each at its package’s price shared
        equally between its sessions, and what is left on gift vouchers not expired. The clinic has been paid for these and still owes the treatment.
      </p>}>
      <Figures items={[
        ['Owed in all', money(l.totalMinor)],
        ['Package sessions', money(l.packages.liabilityMinor), `${l.packages.sessionsLeft} sessions on ${l.packages.count} ${l.packages.count === 1 ? 'package' : 'packages'}`],
        ['Gift vouchers', money(l.vouchers.balanceMinor), `${l.vouchers.count} ${l.vouchers.count === 1 ? 'voucher' : 'vouchers'} with a balance`],
      ]} />
      {l.packages.byPackage.length > 0 && (
        <>
          <h3 className="mt-5 text-base font-semibold">By package</h3>
          <Table caption="Sessions left by package" head={['Package', 'Clients’ packages', 'Sessions left', 'Value']}
            rows={l.packages.byPackage.map((p) => [p.name, p.packages, p.sessionsLeft, money(p.liabilityMinor)])} />
        </>
      )}
    </Panel>
  );
}
