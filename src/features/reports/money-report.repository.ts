import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { queryRows } from '../site/site.repository.ts';
import { AGE_BAND_STARTS, OUTSTANDING_LISTED, type OutstandingRow, type OutstandingSummary, type PackageLiabilityRow, type TakingsRow } from '../../domain/reports/money-figures.ts';
import type { Span } from './practice-report.repository.ts';

/**
 * The money figures' reads: aggregate SQL over payments, invoices, packages and vouchers
 * of one clinic. Sums leave the database as float8 (exact up to 2^53 pence; bigint would
 * come back as text from node-postgres), instants as epoch milliseconds. Queries only;
 * the rules are in src/domain/reports/money-figures.ts.
 */

const at = (ms: number) => new Date(ms).toISOString();

/**
 * Payments and refunds recorded in the range, summed twice in one pass (grouping sets) from
 * the daily roll-up: by local date and method, and by the invoiced visit's practitioner and
 * method. With `practitionerId`, only the takings of that practitioner's visits.
 */
export function takingsRows(q: Queryable, s: Span, practitionerId?: string) {
  return queryRows<TakingsRow>(q, sql`
    select case when grouping(t.date) = 0 then t.date::text end as date, t.practitioner_id as "practitionerId", t.method,
      sum(t.payments_minor)::float8 as "paymentsMinor", sum(t.refunds_minor)::float8 as "refundsMinor"
    from takings_day_totals t
    where t.clinic_id = ${s.clinicId} and t.date between ${s.startDate} and ${s.endDate}
      ${practitionerId ? sql`and t.practitioner_id = ${practitionerId}` : sql``}
    group by grouping sets ((t.date, t.method), (t.practitioner_id, t.method))
    having sum(t.payments_minor) <> 0 or sum(t.refunds_minor) <> 0`);
}

/**
 * Invoices issued before `asOf` with something left to pay at `asOf` (their total less the
 * credit notes, payments and refunds recorded before it: the open spans containing `asOf`),
 * summed by age band, and the oldest of them with their number and client (ties at the
 * edge included; the domain sorts and cuts). One statement: the bands' rows carry `band`,
 * the invoices' rows an `id`. Ages are whole days as ageInDays works them out, in float8
 * over the same epoch milliseconds.
 */
export async function outstandingSummary(q: Queryable, clinicId: string, asOf: number): Promise<OutstandingSummary> {
  const rows = await queryRows<{ band: number | null; count: number; bandMinor: number } & Omit<OutstandingRow, 'id'> & { id: string | null }>(q, sql`
    with open as materialized (
      select i.id, i.number_text, i.client_id, i.total_minor, s.outstanding_minor, (extract(epoch from i.issued_at) * 1000)::float8 as issued_ms, i.issued_at
      from invoice_open_spans s
      join invoices i on i.clinic_id = s.clinic_id and i.id = s.invoice_id
      where s.clinic_id = ${clinicId} and tstzrange(s.from_at, s.until_at, '(]') @> ${at(asOf)}::timestamptz and s.outstanding_minor > 0),
    oldest as (select * from open order by issued_at fetch first ${OUTSTANDING_LISTED} rows with ties)
    select width_bucket(greatest(0, floor((${asOf}::float8 - o.issued_ms) / 86400000))::int, ${`{${AGE_BAND_STARTS.join(',')}}`}::int[]) as band,
      count(*)::int as count, sum(o.outstanding_minor)::float8 as "bandMinor",
      null::uuid as id, null::text as number, null::uuid as "clientId", null::text as "clientName", null::float8 as "issuedAt", null::int as "totalMinor", null::float8 as "outstandingMinor"
    from open o
    group by 1
    union all
    select null, null, null, o.id, o.number_text, o.client_id, c.name, o.issued_ms, o.total_minor, o.outstanding_minor::float8
    from oldest o
    join clients c on c.clinic_id = ${clinicId} and c.id = o.client_id`);
  return {
    bands: rows.flatMap((r) => (r.band === null ? [] : [{ band: r.band, count: r.count, totalMinor: r.bandMinor }])),
    oldest: rows.flatMap((r) => (r.id === null ? [] : [{
      id: r.id, number: r.number, clientId: r.clientId, clientName: r.clientName, issuedAt: r.issuedAt, totalMinor: r.totalMinor, outstandingMinor: r.outstandingMinor,
    }])),
  };
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
