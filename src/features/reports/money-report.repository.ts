import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { queryRows } from '../site/site.repository.ts';
import type { OutstandingRow, PackageLiabilityRow, TakingsRow } from '../../domain/reports/money-figures.ts';
import type { Span } from './practice-report.repository.ts';

/**
 * The money figures' reads: aggregate SQL over payments, invoices, packages and vouchers
 * of one clinic. Sums leave the database as float8 (exact up to 2^53 pence; bigint would
 * come back as text from node-postgres), instants as epoch milliseconds. Queries only;
 * the rules are in src/domain/reports/money-figures.ts.
 */

const at = (ms: number) => new Date(ms).toISOString();

/**
 * Payments and refunds recorded in the range, summed twice in one pass (grouping sets): by
 * local date and method, and by the invoiced visit's practitioner and method. With
 * `practitionerId`, only the takings of that practitioner's visits.
 */
export function takingsRows(q: Queryable, s: Span, timeZone: string, practitionerId?: string) {
  return queryRows<TakingsRow>(q, sql`
    with t as (
      select (p.recorded_at at time zone ${timeZone})::date as d, p.method, b.practitioner_id as pid, p.kind, p.amount_minor
      from payments p
      join invoices i on i.clinic_id = p.clinic_id and i.id = p.invoice_id
      left join bookings b on b.clinic_id = i.clinic_id and b.id = i.booking_id
      where p.clinic_id = ${s.clinicId} and p.recorded_at >= ${at(s.from)}::timestamptz and p.recorded_at < ${at(s.to)}::timestamptz
        ${practitionerId ? sql`and b.practitioner_id = ${practitionerId}` : sql``})
    select case when grouping(t.d) = 0 then t.d::text end as date, t.pid as "practitionerId", t.method,
      coalesce(sum(t.amount_minor) filter (where t.kind = 'payment'), 0)::float8 as "paymentsMinor",
      coalesce(sum(t.amount_minor) filter (where t.kind = 'refund'), 0)::float8 as "refundsMinor"
    from t
    group by grouping sets ((t.d, t.method), (t.pid, t.method))`);
}

/**
 * Invoices issued before `asOf` with something left to pay at `asOf`: their total less the
 * credit notes, payments and refunds recorded before it.
 */
export function outstandingRows(q: Queryable, clinicId: string, asOf: number) {
  return queryRows<OutstandingRow>(q, sql`
    with paid as (
      select p.invoice_id, sum(case when p.kind = 'payment' then p.amount_minor else -p.amount_minor end) as net
      from payments p
      where p.clinic_id = ${clinicId} and p.recorded_at < ${at(asOf)}::timestamptz
      group by p.invoice_id),
    credited as (
      select c.corrects_invoice_id as invoice_id, sum(c.total_minor) as total
      from invoices c
      where c.clinic_id = ${clinicId} and c.kind = 'credit_note' and c.issued_at < ${at(asOf)}::timestamptz
      group by c.corrects_invoice_id),
    open as (
      select i.id, i.number_text, i.client_id, i.issued_at, i.total_minor,
        i.total_minor - coalesce(cr.total, 0) - coalesce(pd.net, 0) as outstanding
      from invoices i
      left join paid pd on pd.invoice_id = i.id
      left join credited cr on cr.invoice_id = i.id
      where i.clinic_id = ${clinicId} and i.kind = 'invoice' and i.issued_at < ${at(asOf)}::timestamptz)
    select o.id, o.number_text as number, o.client_id as "clientId", c.name as "clientName",
      (extract(epoch from o.issued_at) * 1000)::float8 as "issuedAt", o.total_minor as "totalMinor", o.outstanding::float8 as "outstandingMinor"
    from open o
    join clients c on c.clinic_id = ${clinicId} and c.id = o.client_id
    where o.outstanding > 0`);
}

/**
 * Sessions left at `asOf` on packages bought before it and not expired then, by package
 * name: the sessions bought plus every change recorded before `asOf` (a transfer's
 * receiving package starts with the sessions it was given, so its own "transferred in"
 * row is not added twice).
 */
export function packageLiabilityRows(q: Queryable, clinicId: string, asOf: number) {
  return queryRows<PackageLiabilityRow>(q, sql`
    with held as (
      select cp.name, cp.price_minor / cp.sessions_total as session_value,
        cp.sessions_total + coalesce(ch.delta, 0) as sessions_left
      from client_packages cp
      left join (
        select pc.client_package_id, sum(pc.delta) as delta
        from package_credits pc
        where pc.clinic_id = ${clinicId} and pc.at < ${at(asOf)}::timestamptz and pc.reason <> 'transferred_in'
        group by pc.client_package_id) ch on ch.client_package_id = cp.id
      where cp.clinic_id = ${clinicId} and cp.purchased_at < ${at(asOf)}::timestamptz and cp.expires_at > ${at(asOf)}::timestamptz)
    select name, count(*)::int as packages, sum(sessions_left)::int as "sessionsLeft", sum(sessions_left * session_value)::float8 as "liabilityMinor"
    from held
    where sessions_left > 0
    group by name`);
}

/** Gift vouchers issued before `asOf` and not expired then, with their balance at `asOf`. */
export async function voucherBalances(q: Queryable, clinicId: string, asOf: number) {
  const [row] = await queryRows<{ count: number; balanceMinor: number }>(q, sql`
    with spent as (
      select p.voucher_id, sum(case when p.kind = 'payment' then p.amount_minor else -p.amount_minor end) as net
      from payments p
      where p.clinic_id = ${clinicId} and p.method = 'voucher' and p.voucher_id is not null and p.recorded_at < ${at(asOf)}::timestamptz
      group by p.voucher_id),
    v as (
      select v.initial_minor - coalesce(s.net, 0) as balance
      from vouchers v
      left join spent s on s.voucher_id = v.id
      where v.clinic_id = ${clinicId} and v.issued_at < ${at(asOf)}::timestamptz and v.expires_at > ${at(asOf)}::timestamptz)
    select (count(*) filter (where balance > 0))::int as count, coalesce(sum(balance) filter (where balance > 0), 0)::float8 as "balanceMinor"
    from v`);
  return row ?? { count: 0, balanceMinor: 0 };
}
