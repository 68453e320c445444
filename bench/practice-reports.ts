/**
 * Practice reports benchmark: `npm run bench:reports`.
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL (any database on the server;
 * the benchmark creates its own database beside it and drops it at the end). It seeds one
 * clinic with 12 practitioners (each with a room), 8,000 clients and 100,000 appointments
 * over three years (Monday to Saturday, ten 45-minute slots a day; consultations, facial
 * courses, traditional acupuncture and massage; about 3% no-shows and 4% cancellations,
 * half of them late), all generated in SQL from the slot's position, so every run seeds
 * the same rows. Money follows: 43,000 visit invoices (most paid at the desk or online, some
 * with a voucher or a package session, some refunded in part, about 5% still owed), 5,000
 * ten-session packages bought online with their sessions drawn week by week, and 2,000 gift
 * vouchers sold in cash: 50,000 invoices. It then times the practice report service (every
 * section, its reads run side by side, the figures worked out) for four ranges, and each
 * read on its own for the longest range, printing median and p95 server time.
 * The target is under 300 ms per report. Figures are printed, never asserted.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/data/db.ts';
import { clinics, memberships, practitionerWeeklyHours, rooms, services, users } from '../src/data/schema/index.ts';
import { getPracticeReport } from '../src/features/reports/practice-report.service.ts';
import {
  attendanceCounts, bookedMinutes, conversionCounts, firstVisits, retentionVisits,
} from '../src/features/reports/practice-report.repository.ts';
import { rangeInstants } from '../src/domain/reports/report-period.ts';
import { outstandingSummary, packageLiabilityRows, takingsRows, voucherBalances } from '../src/features/reports/money-report.repository.ts';
import { readWorkingTime } from '../src/features/reports/working-time.repository.ts';
import type { Tx } from '../src/data/db.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Actor } from '../src/server/access.ts';

const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!baseUrl) {
  console.error('bench:reports needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(1);
}

const PRACTITIONERS = 12;
const CLIENTS = 8000;
const DAYS = 1100;
const FIRST_DAY = '2024-07-01';
const NOW = Date.parse('2027-07-05T12:00:00Z');
const TZ = 'Europe/London';

// BENCH_KEEP=1 keeps the seeded database for the next run (and reuses it): for EXPLAIN and quick iterations.
// BENCH_KEEP_NAME names it (default yintang_bench_reports_kept), so two people on one server keep their own.
const keep = process.env.BENCH_KEEP === '1';
const keptName = process.env.BENCH_KEEP_NAME ?? 'yintang_bench_reports_kept';
if (!/^[a-z_][a-z0-9_]*$/.test(keptName)) {
  console.error('BENCH_KEEP_NAME must be a plain lower-case identifier');
  process.exit(1);
}
const name = keep ? keptName : `yintang_bench_reports_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const kept = keep && (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
if (!kept) await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
// Seeding a hundred thousand bookings takes longer than the app's 10 s limit per query.
const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10, timeouts: { connectMs: 5_000, queryMs: 600_000 } });

// PostgreSQL's own CPU time (its backends' user + system time, from /proc when the server runs
// on this machine) and Node's: unlike server time, it hardly moves with the machine's load, so
// runs on a busy machine can still be compared. Linux counts in ticks of 10 ms (CLK_TCK 100).
// A backend the pool opens during a measurement counts from zero; one it closes (idle) is left out.
async function backendCpu(): Promise<Map<number, number> | null> {
  const r = await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`) as unknown as { rows: { pid: number }[] };
  const out = new Map<number, number>();
  for (const { pid } of r.rows) {
    let stat: string;
    try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const fields = stat.split(') ')[1]!.split(' ');
    out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return out.size > 0 ? out : null;
}

async function measure(fn: () => Promise<unknown>, iterations = 9) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  const pg0 = await backendCpu();
  const node0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const node = process.cpuUsage(node0);
  const pg1 = await backendCpu();
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.floor(samples.length * 0.95)]!,
    pgCpu: pg0 === null || pg1 === null ? null : [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? 0), 0) / iterations, nodeCpu: (node.user + node.system) / 1000 / iterations,
  };
}
const cpu = (r: { pgCpu: number | null; nodeCpu: number }) => `   CPU: PostgreSQL ${r.pgCpu === null ? '    n/a' : ms(r.pgCpu)}, Node ${ms(r.nodeCpu)}`;
const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

try {
  await database.migrate();
  const db = database.db;
  const t0 = performance.now();
  if (!kept) await seed();
  const clinicId = (await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'bench-reports')))[0]!.id;
  const ownerId = (await db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@bench.example')))[0]!.id;
  await db.execute(sql`analyze`);
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from bookings`) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
  const [{ inv, pay }] = (await db.execute(sql`select (select count(*) from invoices)::int as inv, (select count(*) from payments)::int as pay`) as unknown as { rows: { inv: number; pay: number }[] }).rows as [{ inv: number; pay: number }];
  console.log(`Seeded ${inv.toLocaleString('en-GB')} invoices and ${pay.toLocaleString('en-GB')} payments and refunds`);
  console.log(`Seeded ${n.toLocaleString('en-GB')} bookings, ${CLIENTS.toLocaleString('en-GB')} clients, ${PRACTITIONERS} practitioners on PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s${kept ? ' (kept from an earlier run)' : ''}`);
  async function seed() {
  const [clinic] = await db.insert(clinics).values({ slug: 'bench-reports', name: 'Bench Reports', addressLine1: '1 High Street', town: 'Bath', postcode: 'BA1 1AA', email: 'bench@example.com', timeZone: TZ }).returning({ id: clinics.id });
  const clinicId = clinic!.id;
  const people = await db.insert(users).values([
    { email: 'owner@bench.example', name: 'Owner', passwordHash: 'x' },
    ...Array.from({ length: PRACTITIONERS }, (_, i) => ({ email: `p${i}@bench.example`, name: `Practitioner ${String(i + 1).padStart(2, '0')}`, passwordHash: 'x' })),
  ]).returning({ id: users.id, email: users.email });
  const ownerId = people.find((p) => p.email === 'owner@bench.example')!.id;
  const practitionerIds = people.filter((p) => p.id !== ownerId).map((p) => p.id);
  await db.insert(memberships).values([{ clinicId, userId: ownerId, role: 'owner' as const }, ...practitionerIds.map((userId) => ({ clinicId, userId, role: 'practitioner' as const }))]);
  await db.insert(practitionerWeeklyHours).values(practitionerIds.flatMap((practitionerId) => [1, 2, 3, 4, 5, 6].map((weekday) => ({ clinicId, practitionerId, weekday, startMinute: 540, endMinute: 1020 }))));
  await db.insert(rooms).values(practitionerIds.map((_, i) => ({ clinicId, name: `Room ${i + 1}`, kind: 'treatment', sortOrder: i })));
  await db.insert(services).values([
    { clinicId, slug: 'consultation', name: 'Consultation', kind: 'consultation' as const, durationMin: 45, priceMinor: 0, sortOrder: 1 },
    { clinicId, slug: 'facial', name: 'Facial acupuncture', kind: 'facial' as const, durationMin: 45, priceMinor: 9500, sortOrder: 2 },
    { clinicId, slug: 'traditional', name: 'Traditional acupuncture', kind: 'traditional' as const, durationMin: 45, priceMinor: 6500, sortOrder: 3 },
    { clinicId, slug: 'massage', name: 'Sports massage', kind: 'massage' as const, durationMin: 45, priceMinor: 6000, sortOrder: 4 },
  ]);
  await db.execute(sql`insert into clients (clinic_id, name, email, created_at)
    select ${clinicId}, 'Client ' || n, 'client' || n || '@bench.example', ${FIRST_DAY}::timestamptz from generate_series(1, ${CLIENTS}) n`);

  // Slot s (0..9) of practitioner p on day d; the client and outcome follow from (d, p, s).
  // Seeded with triggers off (the clinic page version bump runs per row and is not what is measured).
  await database.transaction(async (tx) => {
  await tx.execute(sql`set local session_replication_role = replica`);
  await tx.execute(sql`
    with c as (select array_agg(id order by created_at, email) ids from clients where clinic_id = ${clinicId}),
      pr as (select array_agg(user_id order by user_id) ids from memberships where clinic_id = ${clinicId} and role = 'practitioner'),
      rm as (select array_agg(id order by sort_order) ids from rooms where clinic_id = ${clinicId}),
      sv as (select array_agg(id order by sort_order) ids from services where clinic_id = ${clinicId}),
      slots as (
        select d, p, s, (${FIRST_DAY}::date + d) as day,
          ((d * 7 + p * 131 + s * 17) % ${CLIENTS}) + 1 as ci,
          (d * 31 + p * 7 + s * 3) % 100 as roll
        from generate_series(0, ${DAYS - 1}) d, generate_series(0, ${PRACTITIONERS - 1}) p, generate_series(0, 9) s
        where extract(isodow from ${FIRST_DAY}::date + d) < 7)
    insert into bookings (clinic_id, service_id, practitioner_id, client_id, room_id, series_id, starts_at, ends_at, blocked_start, blocked_end, status, late_cancellation, source)
    select ${clinicId}, sv.ids[1 + (case when s = 0 then 0 else 1 + (s % 3) end)], pr.ids[p + 1], c.ids[ci], rm.ids[p + 1],
      case when s % 3 = 1 then md5('course-' || ci || '-' || (d / 70))::uuid end,
      t, t + interval '45 minutes', t, t + interval '45 minutes',
      case when t > ${new Date(NOW).toISOString()}::timestamptz then (case when roll < 5 then 'cancelled' else 'confirmed' end)
        when roll < 3 then 'no_show' when roll < 7 then 'cancelled' else 'completed' end,
      roll between 3 and 4, 'staff'
    from slots, c, pr, rm, sv, lateral (select ((day + time '09:00' + s * interval '45 minutes') at time zone ${TZ}) as t) tt
    limit 100000`);
  await seedMoney(tx, clinicId);
  });
  await db.execute(sql`vacuum analyze`);
  // The report roll-ups (decision 0010) are kept by triggers, which the bulk load skipped:
  // computed once from the ledger, as the migration does for existing data.
  const r0 = performance.now();
  await db.execute(sql`select rebuild_report_rollups(${clinicId})`);
  console.log(`Report roll-ups rebuilt from the ledger in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
  await db.execute(sql`vacuum analyze`);
  }

  const ctx = { database, config: loadConfig({ ...process.env, DATABASE_URL: url.toString() }), now: () => NOW };
  const actor: Actor = {
    userId: ownerId, name: 'Owner', email: 'owner@bench.example', clinicId, clinicSlug: 'bench-reports', timeZone: TZ, role: 'owner',
    clientId: null, seesAllClients: false, ip: null, userAgent: null,
  };
  const ranges: [string, string, string][] = [
    ['Last 4 weeks', '2027-06-07', '2027-07-04'],
    ['Last 12 weeks', '2027-04-12', '2027-07-04'],
    ['Last 12 months', '2026-07-05', '2027-07-04'],
    ['Two years', '2025-07-05', '2027-07-04'],
  ];
  console.log('\nWhole report (every section), server time:');
  for (const [label, startDate, endDate] of ranges) {
    const r = await measure(() => getPracticeReport(ctx, actor, { startDate, endDate, retentionWeeks: 8 }));
    console.log(`  ${label.padEnd(16)} median ${ms(r.median)}   p95 ${ms(r.p95)}${cpu(r)}`);
  }
  const { from, to } = rangeInstants({ startDate: '2025-07-05', endDate: '2027-07-04' }, TZ);
  const span = { clinicId, startDate: '2025-07-05', endDate: '2027-07-04', from, to };
  console.log('\nEach section\'s aggregate read alone, two years:');
  for (const [label, fn] of [
    ['utilisation', () => bookedMinutes(db, span)],
    ['attendance', () => attendanceCounts(db, span, 'month')],
    ['new clients', () => firstVisits(db, span)],
    ['conversion', () => conversionCounts(db, span, NOW)],
    ['retention', () => retentionVisits(db, span, NOW, 8)],
    ['takings', () => takingsRows(db, span)],
    ['outstanding', () => outstandingSummary(db, clinicId, to)],
    ['package liability', () => packageLiabilityRows(db, clinicId, to)],
    ['vouchers', () => voucherBalances(db, clinicId, to)],
    ['working time', () => readWorkingTime(db, clinicId, '2025-07-05', '2027-07-04')],
  ] as const) {
    const r = await measure(fn);
    console.log(`  ${label.padEnd(17)} median ${ms(r.median)}   p95 ${ms(r.p95)}${cpu(r)}`);
  }
} finally {
  await database.close();
  if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * Invoices, payments, packages and vouchers, all derived from row positions (no randomness):
 * every 4 of 7 completed paid visits invoiced at its end; 5,000 packages and 2,000 vouchers.
 */
async function seedMoney(tx: Tx, clinicId: string) {
  const party = sql`'{"name":"Bench Reports","address":"1 High Street, Bath","companyNumber":null,"vatNumber":null,"email":"bench@example.com"}'::jsonb`;
  const buyer = sql`'{"name":"Client","email":"client@bench.example"}'::jsonb`;
  await tx.execute(sql`
    insert into invoices (clinic_id, id, kind, number, number_text, client_id, booking_id, currency, total_minor, vat_minor, net_minor, vat_rate_bp, seller, buyer, issued_at)
    select ${clinicId}::uuid, md5('inv-' || rn)::uuid, 'invoice', rn, 'INV-' || lpad(rn::text, 6, '0'), client_id, id, 'GBP', price, 0, price, 0, ${party}, ${buyer}, ends_at
    from (select b.id, b.client_id, b.ends_at, sv.price_minor as price, row_number() over (order by b.starts_at, b.room_id) as rn
          from bookings b join services sv on sv.clinic_id = b.clinic_id and sv.id = b.service_id
          where b.clinic_id = ${clinicId} and b.status = 'completed' and sv.price_minor > 0) x
    where rn % 7 < 4
    limit 43000`);
  // Packages (numbers from 200001) and vouchers (from 300001), spread over the three years.
  await tx.execute(sql`
    with c as (select array_agg(id order by created_at, email) ids from clients where clinic_id = ${clinicId})
    insert into invoices (clinic_id, id, kind, number, number_text, client_id, currency, total_minor, vat_minor, net_minor, vat_rate_bp, seller, buyer, issued_at)
    select ${clinicId}::uuid, md5('pkg-' || n)::uuid, 'invoice', 200000 + n, 'INV-' || (200000 + n), c.ids[(n * 37 % ${CLIENTS}) + 1], 'GBP', 85000, 0, 85000, 0, ${party}, ${buyer},
      (${FIRST_DAY}::date + (n * ${DAYS - 1} / 5000)) + time '10:00'
    from generate_series(1, 5000) n, c
    union all
    select ${clinicId}::uuid, md5('vch-' || n)::uuid, 'invoice', 300000 + n, 'INV-' || (300000 + n), c.ids[(n * 53 % ${CLIENTS}) + 1], 'GBP', 10000, 0, 10000, 0, ${party}, ${buyer},
      (${FIRST_DAY}::date + (n * ${DAYS - 1} / 2000)) + time '11:00'
    from generate_series(1, 2000) n, c`);
  const [type] = (await tx.execute(sql`
    insert into package_types (clinic_id, name, sessions, price_minor, validity_months, service_ids)
    select ${clinicId}, 'Facial course of 10', 10, 85000, 6, array_agg(id) from services where clinic_id = ${clinicId} and kind = 'facial'
    returning id`) as unknown as { rows: { id: string }[] }).rows;
  await tx.execute(sql`
    insert into client_packages (clinic_id, id, package_type_id, client_id, name, sessions_total, sessions_used, price_minor, currency, service_ids, invoice_id, purchased_at, expires_at)
    select i.clinic_id, md5('cp-' || (i.number - 200000))::uuid, ${type!.id}, i.client_id, 'Facial course of 10', 10, (i.number - 200000) % 11, 85000, 'GBP', pt.service_ids, i.id, i.issued_at, i.issued_at + interval '6 months'
    from invoices i, package_types pt
    where i.clinic_id = ${clinicId} and i.number between 200001 and 205000 and pt.id = ${type!.id}`);
  await tx.execute(sql`
    insert into package_credits (clinic_id, client_package_id, delta, reason, at)
    select cp.clinic_id, cp.id, -1, 'attended', cp.purchased_at + k * interval '7 days'
    from client_packages cp, generate_series(1, 10) k
    where cp.clinic_id = ${clinicId} and k <= cp.sessions_used`);
  await tx.execute(sql`
    insert into vouchers (clinic_id, code, kind, initial_minor, balance_minor, currency, invoice_id, purchaser_client_id, issued_at, expires_at)
    select i.clinic_id, upper(substr(md5('code-' || i.number), 1, 16)), 'value', 10000, 10000, 'GBP', i.id, i.client_id, i.issued_at, i.issued_at + interval '12 months'
    from invoices i where i.clinic_id = ${clinicId} and i.number between 300001 and 302000`);
  // Visits: 5% never paid; the rest by method from the number (a tenth from a voucher,
  // which the report counts apart), an hour after the visit. Packages online, vouchers in cash.
  await tx.execute(sql`
    insert into payments (clinic_id, id, invoice_id, kind, method, amount_minor, currency, voucher_id, recorded_at)
    select i.clinic_id, md5('pay-' || i.number)::uuid, i.id, 'payment',
      case when i.number > 300000 then 'cash' when i.number > 200000 then 'online_card'
        else (array['card_terminal','card_terminal','card_terminal','card_terminal','cash','cash','bank_transfer','online_card','card_terminal','voucher'])[(i.number % 10) + 1] end,
      i.total_minor, 'GBP',
      case when i.number < 200000 and i.number % 10 = 9 then (select v.id from vouchers v where v.clinic_id = i.clinic_id and v.code = upper(substr(md5('code-' || (300001 + i.number % 2000)), 1, 16))) end,
      i.issued_at + interval '1 hour'
    from invoices i
    where i.clinic_id = ${clinicId} and (i.number >= 200000 or i.number % 20 <> 7)`);
  // A part refund of every 50th payment, a week later.
  await tx.execute(sql`
    insert into payments (clinic_id, invoice_id, kind, method, amount_minor, currency, refund_of, voucher_id, recorded_at, reason)
    select p.clinic_id, p.invoice_id, 'refund', p.method, p.amount_minor / 4, 'GBP', p.id, p.voucher_id, p.recorded_at + interval '7 days', 'Bench'
    from payments p join invoices i on i.clinic_id = p.clinic_id and i.id = p.invoice_id
    where p.clinic_id = ${clinicId} and i.number % 50 = 3`);
}
