/**
 * Network scale on PostgreSQL: `npm run bench:scale`. Creates two databases on
 * BENCH_DATABASE_URL's server (BENCH_SCALE_DB, yintang_scale, and the same name with
 * `_demo`), loads the demo clinics into both, and adds a network to the first with
 * generate_series, in a few statements: BENCH_SCALE_CLINICS (500) clinics,
 * BENCH_SCALE_PRACTITIONERS (2,500) practitioners working weekdays 09:00–17:00, and
 * BENCH_SCALE_BOOKINGS (2,000,000) bookings, eight a day per practitioner around today.
 * Then it times, in process, on an app per database, the directory, the Jade Leaf clinic
 * page (each rendered afresh: the clinic's version is bumped before every request, so the
 * page cache does not answer), a week of availability ("any practitioner") and a held
 * booking, in BENCH_SCALE_ROUNDS (5) rounds alternating which size goes first, and prints
 * the median of each size's per-round medians and the ratio, beside each round's ratio: on
 * a machine whose load moves from minute to minute, sizes measured seconds apart and
 * alternated compare; sizes measured ten minutes apart (before and after seeding) did not.
 * A figure that grows with the network rather than with one clinic points at a query to
 * fix. Prints figures; nothing asserts them.
 *
 * `npm run bench:scale` runs it with NODE_ENV=production, so React renders as it does in
 * production (its development build costs several times more per element, and a page of
 * ten directory results has five times the elements of the demo's two); the app's own
 * configuration stays the test one passed below.
 */
import os from 'node:os';
import pg from 'pg';
import { DateTime } from 'luxon';
import { openDatabase } from '../src/data/db.ts';
import { seedDemo } from '../src/data/demo/demo-data.ts';
import { loadConfig } from '../src/server/config.ts';
import { buildApp } from '../src/server/app.ts';
import { measure } from './measure.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.BENCH_SCALE_DB ?? 'yintang_scale';
const CLINICS = Number(process.env.BENCH_SCALE_CLINICS ?? 500);
const PRACTITIONERS = Number(process.env.BENCH_SCALE_PRACTITIONERS ?? 2500);
const BOOKINGS = Number(process.env.BENCH_SCALE_BOOKINGS ?? 2_000_000);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 5);
const urlOf = (name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const url = urlOf(DB);
const demoUrl = urlOf(`${DB}_demo`);

async function sqlOn(connection: string, ...statements: string[]) {
  const c = new pg.Client({ connectionString: connection });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000', BOOKING_PER_IP_PER_HOUR: '100000000', BOOKING_PER_EMAIL_PER_HOUR: '100000000' });
const jade = 'jade-leaf-bath';
const today = DateTime.utc().plus({ days: 1 }).startOf('day');
const bump = `UPDATE clinics SET page_version = page_version + 1 WHERE slug = '${jade}'`;

/** A database with the demo clinics, and an app on it. */
async function site(name: string, connection: string) {
  await sqlOn(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: connection, poolSize: 4, timeouts: { connectMs: 10_000, queryMs: 600_000 } });
  await database.migrate();
  await seedDemo(database);
  const app = await buildApp({ config, database, logger: false });
  const services = (await app.inject({ url: `/api/v1/clinics/${jade}/services` })).json() as { items: { id: string; name: string }[] };
  const consultation = services.items.find((s) => /consultation/i.test(s.name)) ?? services.items[0]!;
  return { name, database, app, consultation, pool: new pg.Pool({ connectionString: connection, max: 1 }), booked: 0 };
}
type Site = Awaited<ReturnType<typeof site>>;

async function figures(at: Site) {
  const { app, pool, consultation } = at;
  const opts = { warmupMs: 200, minMs: 600, minIterations: 12 };
  const directory = await measure(async () => {
    await pool.query(bump);
    const r = await app.inject({ url: '/find' });
    if (r.statusCode !== 200) throw new Error(`/find ${r.statusCode}`);
  }, opts);
  const clinic = await measure(async () => {
    await pool.query(bump);
    const r = await app.inject({ url: `/clinics/${jade}` });
    if (r.statusCode !== 200) throw new Error(`clinic page ${r.statusCode}`);
  }, opts);
  const availability = await measure(async () => {
    await pool.query(bump);
    const r = await app.inject({ url: `/api/v1/clinics/${jade}/availability?serviceId=${consultation.id}&from=${today.toISODate()}&to=${today.plus({ days: 6 }).toISODate()}` });
    if (r.statusCode !== 200) throw new Error(`availability ${r.statusCode}`);
  }, opts);
  // Free starts a few weeks out, booked one after the other ("any practitioner", a visitor).
  const free = (await app.inject({ url: `/api/v1/clinics/${jade}/availability?serviceId=${consultation.id}&from=${today.plus({ days: 21 + at.booked % 30 }).toISODate()}&to=${today.plus({ days: 60 }).toISODate()}` })).body;
  const starts = [...new Set([...free.matchAll(/"start":"([^"]+)"/g)].map((m) => m[1]!))];
  let k = 0;
  const booking = await measure(async () => {
    const start = starts[k++ % starts.length];
    const n = ++at.booked;
    const r = await app.inject({
      method: 'POST', url: `/api/v1/clinics/${jade}/bookings`, headers: { 'x-forwarded-for': `10.7.${n >> 8 & 255}.${n & 255}` },
      payload: { serviceId: consultation.id, start, client: { name: `Scale ${n}`, email: `scale${n}@bench.example` } },
    });
    if (r.statusCode !== 201 && r.statusCode !== 409) throw new Error(`booking ${r.statusCode} ${r.body}`);
  }, { warmupMs: 0, minMs: 0, minIterations: Math.min(20, starts.length) });
  return { directory, clinic, availability, booking };
}

const demoSite = await site(`${DB}_demo`, demoUrl);
const networkSite = await site(DB, url);
const pool = networkSite.pool;
console.log(`\nSeeding the network: ${CLINICS} clinics, ${PRACTITIONERS} practitioners, ${BOOKINGS.toLocaleString('en-GB')} bookings...`);
const t0 = performance.now();
// Triggers off while loading (replica role): they only bump cache versions, which a load does not need.
await sqlOn(url, 'SET session_replication_role = replica', `
  INSERT INTO clinics (slug, name, address_line1, town, postcode, email, latitude, longitude)
  SELECT 'scale-' || i, 'Scale Clinic ' || i, i || ' High Street', 'Town ' || (i % 97), 'AB' || (i % 90 + 10) || ' 1AA', 'clinic' || i || '@scale.example',
         50 + (i % 500) / 100.0, -4 + (i % 700) / 100.0
  FROM generate_series(1, ${CLINICS}) i`, `
  INSERT INTO users (email, name, password_hash, email_verified_at)
  SELECT 'p' || i || '@scale.example', 'Practitioner ' || i, 'x', now() FROM generate_series(1, ${PRACTITIONERS}) i`, `
  CREATE TEMP TABLE sp AS
  SELECT u.id AS user_id, c.id AS clinic_id, row_number() OVER () AS n
  FROM (SELECT id, row_number() OVER (ORDER BY email) AS i FROM users WHERE email LIKE '%@scale.example') u
  JOIN (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS j FROM clinics WHERE slug LIKE 'scale-%') c ON c.j = (u.i - 1) % ${CLINICS}`, `
  INSERT INTO memberships (clinic_id, user_id, role) SELECT clinic_id, user_id, 'practitioner' FROM sp`, `
  INSERT INTO services (clinic_id, slug, name, kind, duration_min, price_minor)
  SELECT id, 'session', 'Facial acupuncture session', 'facial', 60, 7500 FROM clinics WHERE slug LIKE 'scale-%'`, `
  INSERT INTO service_practitioners (clinic_id, service_id, practitioner_id)
  SELECT sp.clinic_id, s.id, sp.user_id FROM sp JOIN services s ON s.clinic_id = sp.clinic_id`, `
  INSERT INTO practitioner_weekly_hours (clinic_id, practitioner_id, weekday, start_minute, end_minute)
  SELECT clinic_id, user_id, d, 540, 1020 FROM sp, generate_series(1, 5) d`, `
  INSERT INTO clients (clinic_id, name, email)
  SELECT c.id, 'Client ' || k, 'client' || k || '.' || c.slug || '@scale.example' FROM clinics c, generate_series(1, 100) k WHERE c.slug LIKE 'scale-%'`, `
  CREATE TEMP TABLE cl AS SELECT clinic_id, array_agg(id) AS ids FROM clients WHERE email LIKE '%@scale.example' GROUP BY clinic_id`, `
  INSERT INTO bookings (clinic_id, service_id, practitioner_id, client_id, starts_at, ends_at, blocked_start, blocked_end, status, source)
  SELECT sp.clinic_id, s.id, sp.user_id, cl.ids[1 + (b.n % 100)], t, t + interval '1 hour', t, t + interval '1 hour',
         CASE WHEN t < now() THEN 'completed' ELSE 'confirmed' END, 'staff'
  FROM (SELECT g AS n, (g - 1) % ${PRACTITIONERS} + 1 AS p, (g - 1) / ${PRACTITIONERS} AS slot FROM generate_series(1, ${BOOKINGS}) g) b
  JOIN sp ON sp.n = b.p
  JOIN services s ON s.clinic_id = sp.clinic_id
  JOIN cl ON cl.clinic_id = sp.clinic_id
  CROSS JOIN LATERAL (SELECT date_trunc('day', now()) - interval '50 days' + (b.slot / 8) * interval '1 day' + interval '9 hours' + (b.slot % 8) * interval '1 hour' AS t) x`,
'ANALYZE');
const seededSec = (performance.now() - t0) / 1000;
const counts = (await pool.query(`SELECT (SELECT count(*) FROM clinics)::int AS clinics, (SELECT count(*) FROM memberships)::int AS members, (SELECT count(*) FROM bookings)::int AS bookings`)).rows[0] as { clinics: number; members: number; bookings: number };
console.log(`  seeded in ${seededSec.toFixed(0)} s: ${counts.clinics} clinics, ${counts.members} memberships, ${counts.bookings.toLocaleString('en-GB')} bookings`);

type Figures = Awaited<ReturnType<typeof figures>>;
const rounds: { demo: Figures; network: Figures }[] = [];
console.log(`\n${ROUNDS} rounds, alternating which size goes first:`);
for (let r = 0; r < ROUNDS; r++) {
  // ABBA: demo first in rounds 1, 4, 5, 8…; the network first in rounds 2, 3, 6, 7…
  const demoFirst = [0, 3].includes(r % 4);
  const first = await figures(demoFirst ? demoSite : networkSite);
  const second = await figures(demoFirst ? networkSite : demoSite);
  const round = demoFirst ? { demo: first, network: second } : { demo: second, network: first };
  rounds.push(round);
  console.log(`  round ${r + 1} (${demoFirst ? 'demo' : 'network'} first, load ${os.loadavg()[0]!.toFixed(1)}): /find ${round.demo.directory.median.toFixed(1)} / ${round.network.directory.median.toFixed(1)} ms, clinic ${round.demo.clinic.median.toFixed(1)} / ${round.network.clinic.median.toFixed(1)} ms, availability ${round.demo.availability.median.toFixed(1)} / ${round.network.availability.median.toFixed(1)} ms, booking ${round.demo.booking.median.toFixed(1)} / ${round.network.booking.median.toFixed(1)} ms`);
}
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
};
const row = (name: string, key: keyof Figures) => {
  const demo = median(rounds.map((r) => r.demo[key].median));
  const network = median(rounds.map((r) => r.network[key].median));
  const each = rounds.map((r) => (r.network[key].median / r.demo[key].median).toFixed(2)).join(', ');
  console.log(`  ${name.padEnd(34)} ${demo.toFixed(2).padStart(8)} ms   ${network.toFixed(2).padStart(8)} ms   ${(network / demo).toFixed(2)}×   (each round: ${each})`);
};
console.log(`\nIn process on PostgreSQL, demo size vs network size (median of the ${ROUNDS} rounds' medians; ratio; load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`);
console.log(`  ${''.padEnd(34)} ${'demo'.padStart(11)}   ${'network'.padStart(11)}`);
row('directory /find (rendered afresh)', 'directory');
row('clinic page (rendered afresh)', 'clinic');
row('availability, 7 days, any (fresh)', 'availability');
row('held booking, any practitioner', 'booking');

for (const at of [demoSite, networkSite]) {
  await at.app.close();
  await at.pool.end();
  await at.database.close();
}
if (!process.env.BENCH_KEEP) await sqlOn(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, `DROP DATABASE IF EXISTS ${DB}_demo WITH (FORCE)`);
