/**
 * Practice reports benchmark: `npm run bench:reports`.
 *
 * Needs PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL (any database on the server;
 * the benchmark creates its own database beside it and drops it at the end). It seeds one
 * clinic with 12 practitioners (each with a room), 8,000 clients and 100,000 appointments
 * over three years (Monday to Saturday, ten 45-minute slots a day; consultations, facial
 * courses, traditional acupuncture and massage; about 3% no-shows and 4% cancellations,
 * half of them late), all generated in SQL from the slot's position, so every run seeds
 * the same rows. It then times the practice report service (every section, its reads run
 * side by side, the figures worked out) for four ranges, and each section's aggregate
 * read on its own for the longest range, printing median and p95 server time.
 * The target is under 300 ms per report. Figures are printed, never asserted.
 */

import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/data/db.ts';
import { clinics, memberships, practitionerWeeklyHours, rooms, services, users } from '../src/data/schema/index.ts';
import { getPracticeReport } from '../src/features/reports/practice-report.service.ts';
import {
  attendanceCounts, bookedMinutes, consultationsAndCourses, firstVisits, visitsAndReturns,
} from '../src/features/reports/practice-report.repository.ts';
import { rangeInstants } from '../src/domain/reports/report-period.ts';
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

const name = `yintang_bench_reports_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(baseUrl);
url.pathname = `/${name}`;
// Seeding a hundred thousand bookings takes longer than the app's 10 s limit per query.
const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10, timeouts: { connectMs: 5_000, queryMs: 600_000 } });

async function measure(fn: () => Promise<unknown>, iterations = 15) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p95: samples[Math.floor(samples.length * 0.95)]! };
}
const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

try {
  await database.migrate();
  const db = database.db;
  const t0 = performance.now();
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
  await db.execute(sql`
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
  await db.execute(sql`vacuum analyze`);
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from bookings`) as unknown as { rows: { n: number }[] }).rows as [{ n: number }];
  console.log(`Seeded ${n.toLocaleString('en-GB')} bookings, ${CLIENTS.toLocaleString('en-GB')} clients, ${PRACTITIONERS} practitioners on PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

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
    console.log(`  ${label.padEnd(16)} median ${ms(r.median)}   p95 ${ms(r.p95)}`);
  }
  const { from, to } = rangeInstants({ startDate: '2025-07-05', endDate: '2027-07-04' }, TZ);
  const span = { clinicId, from, to };
  console.log('\nEach section\'s aggregate read alone, two years:');
  for (const [label, fn] of [
    ['utilisation', () => bookedMinutes(db, span)],
    ['attendance', () => attendanceCounts(db, span, TZ)],
    ['new clients', () => firstVisits(db, span)],
    ['conversion', () => consultationsAndCourses(db, span, NOW)],
    ['retention', () => visitsAndReturns(db, span, NOW)],
  ] as const) {
    const r = await measure(fn);
    console.log(`  ${label.padEnd(16)} median ${ms(r.median)}   p95 ${ms(r.p95)}`);
  }
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
