/**
 * Network scale on PostgreSQL: `npm run bench:scale`. Creates a database (BENCH_SCALE_DB,
 * yintang_scale) on BENCH_DATABASE_URL's server, loads the demo clinics and times, in
 * process, the directory, the Jade Leaf clinic page (each rendered afresh: the clinic's
 * version is bumped before every request, so the page cache does not answer), a week of
 * availability ("any practitioner") and a held booking. Then it adds a network with
 * generate_series, in a few statements: BENCH_SCALE_CLINICS (500) clinics,
 * BENCH_SCALE_PRACTITIONERS (2,500) practitioners working weekdays 09:00–17:00, and
 * BENCH_SCALE_BOOKINGS (2,000,000) bookings, eight a day per practitioner around today,
 * and times the same requests again. A figure that grows with the network rather than
 * with one clinic points at a query to fix. Prints figures; nothing asserts them.
 *
 * `npm run bench:scale` runs it with NODE_ENV=production, so React renders as it does in
 * production (its development build costs several times more per element, and a page of
 * ten directory results has five times the elements of the demo's two); the app's own
 * configuration stays the test one passed below.
 */
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
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB}`;
  return u.toString();
})();

async function sqlOn(connection: string, ...statements: string[]) {
  const c = new pg.Client({ connectionString: connection });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

await sqlOn(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`, `CREATE DATABASE ${DB}`);
const database = await openDatabase({ kind: 'postgres', url, poolSize: 4, timeouts: { connectMs: 10_000, queryMs: 600_000 } });
await database.migrate();
await seedDemo(database);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://localhost:3000', BOOKING_PER_IP_PER_HOUR: '100000000', BOOKING_PER_EMAIL_PER_HOUR: '100000000' });
const app = await buildApp({ config, database, logger: false });

const jade = 'jade-leaf-bath';
const services = (await app.inject({ url: `/api/v1/clinics/${jade}/services` })).json() as { items: { id: string; name: string }[] };
const consultation = services.items.find((s) => /consultation/i.test(s.name)) ?? services.items[0]!;
const today = DateTime.utc().plus({ days: 1 }).startOf('day');
const bump = `UPDATE clinics SET page_version = page_version + 1 WHERE slug = '${jade}'`;
const pool = new pg.Pool({ connectionString: url, max: 1 });

let booked = 0;
async function figures() {
  const opts = { warmupMs: 300, minMs: 1500, minIterations: 30 };
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
  const free = (await app.inject({ url: `/api/v1/clinics/${jade}/availability?serviceId=${consultation.id}&from=${today.plus({ days: 21 + booked % 30 }).toISODate()}&to=${today.plus({ days: 60 }).toISODate()}` })).body;
  const starts = [...new Set([...free.matchAll(/"start":"([^"]+)"/g)].map((m) => m[1]!))];
  let k = 0;
  const booking = await measure(async () => {
    const start = starts[k++ % starts.length];
    booked++;
    const r = await app.inject({
      method: 'POST', url: `/api/v1/clinics/${jade}/bookings`, headers: { 'x-forwarded-for': `10.7.${booked >> 8 & 255}.${booked & 255}` },
      payload: { serviceId: consultation.id, start, client: { name: `Scale ${booked}`, email: `scale${booked}@bench.example` } },
    });
    if (r.statusCode !== 201 && r.statusCode !== 409) throw new Error(`booking ${r.statusCode} ${r.body}`);
  }, { warmupMs: 0, minMs: 0, minIterations: Math.min(40, starts.length) });
  return { directory, clinic, availability, booking };
}

const demo = await figures();
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

const network = await figures();
const row = (name: string, a: { median: number; p95: number }, b: { median: number; p95: number }) =>
  console.log(`  ${name.padEnd(34)} ${a.median.toFixed(2).padStart(8)} ms ${a.p95.toFixed(2).padStart(8)} ms   ${b.median.toFixed(2).padStart(8)} ms ${b.p95.toFixed(2).padStart(8)} ms   ${(b.median / a.median).toFixed(2)}×`);
console.log('\nIn process on PostgreSQL, demo size vs network size (median, p95; ratio of medians):');
console.log(`  ${''.padEnd(34)} ${'demo'.padStart(20)}   ${'network'.padStart(20)}`);
row('directory /find (rendered afresh)', demo.directory, network.directory);
row('clinic page (rendered afresh)', demo.clinic, network.clinic);
row('availability, 7 days, any (fresh)', demo.availability, network.availability);
row('held booking, any practitioner', demo.booking, network.booking);

await app.close();
await pool.end();
await database.close();
if (!process.env.BENCH_KEEP) await sqlOn(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
