/**
 * Clinic outcome report benchmark: `npm run bench:outcomes`.
 *
 * Builds the app in-process on the embedded database (PGlite, in memory) with the demo
 * clinics, then gives one demo clinic 2,000 clients of its knee service, each with five
 * answered pain ratings (baseline, three in between, end of course) on sessions spread
 * over its practitioners in 2015–2016: 10,000 completed questionnaires. It then prints the
 * server time (median, p95, p99) of
 *
 * - the one aggregate query (questionnaires → one row per client's course and measure);
 * - the whole report as the service makes it (query, the pure arithmetic, names, audit row);
 * - the owner's HTTP request (`app.inject`: routing, sign-in, the report, serialising; no
 *   network) and the CSV export. The budget is under 200 ms.
 *
 * The data it seeds live only in this in-memory database. Figures are printed, never asserted.
 */

import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase } from '../src/data/db.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/data/demo/demo-data.ts';
import { bookings, clients, clinics, memberships, outcomeRequests, services, users } from '../src/data/schema/index.ts';
import { courseMeasures, getOutcomeReport } from '../src/features/outcomes/outcome-report.service.ts';
import { OWNER, requesterForUser, resolveActor } from '../src/server/access.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { measure, type Stats } from './measure.ts';


const CLIENTS = 2_000;
const PER_CLIENT = 5;
const HOUR = 3_600_000;
const BASE = Date.UTC(2015, 0, 5, 0);

const database = await openDatabase({ kind: 'pglite' });
await database.migrate();
await seedDemo(database);
const db = database.db;

const [owner] = await db.select({ clinicId: memberships.clinicId, userId: memberships.userId, email: users.email, slug: clinics.slug })
  .from(memberships).innerJoin(users, eq(users.id, memberships.userId)).innerJoin(clinics, eq(clinics.id, memberships.clinicId))
  .where(eq(memberships.role, 'owner')).orderBy(users.email).limit(1);
const { clinicId, userId, email, slug } = owner!;
const [knee] = await db.select({ id: services.id }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.kind, 'knee'))).limit(1);
const people = (await db.select({ id: memberships.userId }).from(memberships)
  .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, ['owner', 'practitioner']))).orderBy(memberships.userId)).map((p) => p.id);

const seeded = performance.now();
const clientIds: string[] = [];
for (let from = 0; from < CLIENTS; from += 1000) {
  const rows = Array.from({ length: Math.min(1000, CLIENTS - from) }, (_, i) => ({ clinicId, name: `Bench client ${from + i}`, email: `bench.${from + i}@example.com` }));
  clientIds.push(...(await db.insert(clients).values(rows).returning({ id: clients.id })).map((r) => r.id));
}
// Client c sees practitioner c mod P; each practitioner's sessions follow one another hour by hour, so none overlap.
const sessions = clientIds.flatMap((clientId, c) => Array.from({ length: PER_CLIENT }, (_, s) => {
  const practitionerId = people[c % people.length]!;
  const startsAt = new Date(BASE + (Math.floor(c / people.length) * PER_CLIENT + s) * HOUR);
  return { clientId, c, s, practitionerId, startsAt };
}));
for (let from = 0; from < sessions.length; from += 1000) {
  const chunk = sessions.slice(from, from + 1000);
  const ids = await db.insert(bookings).values(chunk.map((x) => ({
    clinicId, serviceId: knee!.id, practitionerId: x.practitionerId, clientId: x.clientId, startsAt: x.startsAt, endsAt: new Date(x.startsAt.getTime() + 50 * 60_000),
    blockedStart: x.startsAt, blockedEnd: new Date(x.startsAt.getTime() + 50 * 60_000), status: 'completed' as const, source: 'staff' as const,
  }))).returning({ id: bookings.id });
  await db.insert(outcomeRequests).values(chunk.map((x, i) => {
    // Pain starts at 4–10 and falls by 0, 1 or 2 points a time (never below 0): deterministic.
    const pain = Math.max(0, 4 + (x.c % 7) - x.s * (x.c % 3));
    return {
      clinicId, clientId: x.clientId, bookingId: ids[i]!.id, serviceId: knee!.id, measureKey: 'nprs', measureVersion: 1,
      timing: x.s === 0 ? 'baseline' as const : x.s === PER_CLIENT - 1 ? 'end' as const : 'interval' as const, sessionNumber: x.s + 1, questionnaire: {},
      status: 'answered' as const, answers: { pain }, scores: { pain }, answeredAt: new Date(x.startsAt.getTime() - HOUR),
    };
  }));
}
// PostgreSQL's autovacuum gathers the planner's statistics after a bulk load by itself; the
// embedded database has no autovacuum, so the benchmark asks once (without them the planner
// guesses one row per table and loops over bookings one at a time).
const { sql } = await import('drizzle-orm');
if (!process.env.BENCH_NO_ANALYZE) await db.execute(sql`analyze`);
console.log(`Seeded ${sessions.length} answered questionnaires (${CLIENTS} clients × ${PER_CLIENT}, ${people.length} practitioners) in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`);

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000' });
const app = await buildApp({ config, database, logger: false });
await app.ready();
const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: DEMO_PASSWORD } });
if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const query = { from: '2015-01-01', to: '2016-12-31' };
const url = `/api/v1/clinics/${slug}/outcome-report?from=${query.from}&to=${query.to}`;

const actor = await resolveActor(database, await requesterForUser(database, userId), slug, OWNER);
const report = await getOutcomeReport(app.ctx, actor, query);
const all = report.groups[0]!;
const pain = all.measures[0]!.scores[0]!;
console.log(`Report: ${report.groups.length} groups; ${all.serviceName}, all practitioners: ${all.coursesStarted} courses started, ${all.coursesCompleted} completed; ` +
  `mean change ${pain.meanChange} (95% CI ${pain.ciLow} to ${pain.ciHigh}), ${pain.improved} of ${pain.clients} meaningfully improved; answered ${all.measures[0]!.answered} of ${all.measures[0]!.asked}.`);
const response = await app.inject({ url, headers: { cookie } });
if (response.statusCode !== 200) throw new Error(`report failed: ${response.statusCode} ${response.body}`);

if (process.env.BENCH_EXPLAIN) {
  const original = db.execute.bind(db);
  (db as unknown as { execute: unknown }).execute = async (q: Parameters<typeof original>[0]) => {
    const plan = await original(sql`explain analyze ${q}`) as unknown as { rows: Record<string, string>[] };
    console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
    return original(q);
  };
  await courseMeasures(db, clinicId, { from: new Date(Date.UTC(2015, 0, 1)), to: new Date(Date.UTC(2017, 0, 1)) });
  process.exit(0);
}
// Each report takes tens of milliseconds: fewer, longer samples than the default.
const slow = { warmupMs: 1000, minMs: 3000, minIterations: 30 };
const fmt = (s: Stats) => `median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms (${s.iterations} runs)`;
const range = { from: new Date(Date.UTC(2015, 0, 1)), to: new Date(Date.UTC(2017, 0, 1)) };
console.log(`Server time, aggregate query: ${fmt(await measure(() => courseMeasures(db, clinicId, range), slow))}`);
console.log(`Server time, report service:  ${fmt(await measure(() => getOutcomeReport(app.ctx, actor, query), slow))}`);
console.log(`Server time, HTTP request:    ${fmt(await measure(() => app.inject({ url, headers: { cookie } }), slow))}  (budget: under 200 ms)`);
console.log(`Server time, CSV export:      ${fmt(await measure(() => app.inject({ url: url.replace('outcome-report?', 'outcome-report.csv?'), headers: { cookie } }), slow))}`);
console.log(`Response size: ${response.rawPayload.length} bytes`);
await app.close();
await database.close();
