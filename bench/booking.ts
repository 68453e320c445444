/**
 * Booking throughput and race safety on PostgreSQL: `npm run bench:booking`.
 *
 * 1. HTTP: autocannon books distinct free slots of named practitioners through
 *    `POST /bookings` (visitors, so each booking is held, creates a client, and queues an
 *    e-mail and an audit row), for BENCH_SECONDS. Prints bookings/s and latency
 *    percentiles, and the server's CPU time per booking (from /proc on Linux: steadier than
 *    the rate when other work shares the machine's PostgreSQL). Then the same for "any practitioner".
 * 2. pgbench: the same write transaction straight on the database (client row, booking
 *    under the exclusion constraint, audit row, outbox row), for the same time, and the ratio.
 * 3. Race: many visitors on few slots at once; counts 201s per slot and overlapping active
 *    rows in the database (both must be at most one and zero).
 * 4. Health screening (issue 10): the screening step alone, timed in process as the booking
 *    path runs it for a signed-in client with a complete health questionnaire: the engine
 *    (`screen`, the default rules) and the whole step (`screenClient`: one query + the
 *    engine), p50 and p95. Then signed-in clients book over HTTP, half with a complete
 *    questionnaire (screened, findings at review and note level, which do not refuse) and
 *    half without (the query finds no answers, the engine does not run), in eight short
 *    alternating runs, and the two booking rates and their ratio are printed. The budget: screening
 *    adds at most 2 ms at p50, and the rate with a complete intake stays within 15%.
 *
 * Figures are printed, never asserted. Needs a PostgreSQL server (BENCH_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres): it creates and drops a database
 * named yintang_bench (BENCH_DB_NAME) on it. Options: BENCH_SECONDS (10), BENCH_CONNECTIONS (8),
 * BENCH_PRACTITIONERS (40), BENCH_PGBENCH_CLIENTS (16), BENCH_CLIENTS (8 signed-in clients per group);
 * BENCH_QUICK=1 runs only the named, "any" and pgbench runs; BENCH_NO_PAGE_VERSION=1
 * disables the trigger that bumps the clinic's page_version on every booking (migration
 * 0029), to see what that row update costs (caches would go stale: a measurement only).
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/data/db.ts';
import {
  clients, clinicBookingSettings, clinics, formResponses, formVersions, memberships, practitionerWeeklyHours, servicePractitioners, services, users,
} from '../src/data/schema/index.ts';
import { hashPassword } from '../src/features/auth/password.ts';
import { onlineRefusal, screenClient } from '../src/features/screening/screening.service.ts';
import { answersSchemaFor } from '../src/domain/intake/answers.schema.ts';
import { DEFAULT_INTAKE_FORM } from '../src/domain/intake/default-intake-form.ts';
import type { Answers } from '../src/domain/intake/index.ts';
import { DEFAULT_RULES } from '../src/domain/screening/default-rules.ts';
import { screen } from '../src/domain/screening/screen.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 40);
/** As many pgbench clients as HTTP connections: the same number of bookings in flight at once. */
const PGBENCH_CLIENTS = Number(process.env.BENCH_PGBENCH_CLIENTS ?? CONNECTIONS);
/** Rounds of (named, any, pgbench), alternating their order; medians are printed. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Signed-in clients per group (with and without a complete health questionnaire). */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const CLIENT_PASSWORD = 'bench-client-password';
const DB_NAME = process.env.BENCH_DB_NAME ?? 'yintang_bench';
const SLOT_MS = 15 * 60_000;
const SLUG = 'bench-clinic';

function dbUrl(name: string) {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A clinic open around the clock, every day, in UTC: every 15 minutes of every practitioner is a free slot. */
async function seed() {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const database = await openDatabase({ kind: 'postgres', url: dbUrl(DB_NAME), poolSize: 4 });
  await database.migrate();
  const [clinic] = await database.db.insert(clinics).values({
    slug: SLUG, name: 'Bench Clinic', addressLine1: '1 Bench Street', town: 'Bath', postcode: 'BA1 1AA', email: 'bench@example.com', timeZone: 'UTC',
  }).returning({ id: clinics.id });
  const clinicId = clinic!.id;
  await database.db.insert(clinicBookingSettings).values({ clinicId, minimumNoticeMin: 0, horizonDays: 730, slotStepMin: 15 });
  const people = await database.db.insert(users).values(Array.from({ length: PRACTITIONERS }, (_, i) => ({
    email: `p${i}@bench.example`, name: `Practitioner ${i}`, passwordHash: 'x', emailVerifiedAt: new Date(),
  }))).returning({ id: users.id });
  const ids = people.map((p) => p.id);
  await database.db.insert(memberships).values(ids.map((userId) => ({ clinicId, userId, role: 'practitioner' as const })));
  const [service] = await database.db.insert(services).values({ clinicId, slug: 'quick', name: 'Quick session', kind: 'traditional', durationMin: 15, priceMinor: 1000 }).returning({ id: services.id });
  await database.db.insert(servicePractitioners).values(ids.map((practitionerId) => ({ clinicId, serviceId: service!.id, practitionerId })));
  await database.db.insert(practitionerWeeklyHours).values(ids.flatMap((practitionerId) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
    clinicId, practitionerId, weekday, startMinute: 0, endMinute: 1440,
  }))));

  // Signed-in clients: `intake` have submitted the whole health questionnaire, `none` have not.
  const passwordHash = await hashPassword(CLIENT_PASSWORD);
  const groups = { intake: [] as string[], none: [] as string[] };
  const clientIds = { intake: [] as string[], none: [] as string[] };
  for (const group of ['intake', 'none'] as const) {
    const emails = Array.from({ length: CLIENTS }, (_, k) => `${group}${k}@clients.bench.example`);
    const made = await database.db.insert(users).values(emails.map((email, k) => ({ email, name: `Client ${group} ${k}`, passwordHash, emailVerifiedAt: new Date() })))
      .returning({ id: users.id, email: users.email });
    const rows = await database.db.insert(clients).values(made.map((u) => ({ clinicId, userId: u.id, name: `Client ${u.email}`, email: u.email }))).returning({ id: clients.id });
    groups[group] = emails;
    clientIds[group] = rows.map((r) => r.id);
  }
  await database.db.insert(formVersions).values({ clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> });
  await database.db.insert(formResponses).values(clientIds.intake.map((clientId) => ({
    clinicId, clientId, formKey: 'intake', formVersion: 1, version: 1, status: 'submitted' as const, answers: COMPLETE_ANSWERS, submittedAt: new Date(),
  })));
  if (process.env.BENCH_NO_PAGE_VERSION) await database.db.execute(sql`ALTER TABLE bookings DISABLE TRIGGER bookings_bump_page_version`);
  await database.close();
  return { clinicId, serviceId: service!.id, practitionerIds: ids, clientEmails: groups, intakeClientId: clientIds.intake[0]! };
}

/**
 * A complete health questionnaire for traditional acupuncture, checked with the form's own
 * schema: several findings (blood thinners, bruising, diabetes: review; needle fear,
 * fainting, supplements: notes), none that refuses a booking.
 */
const COMPLETE_ANSWERS = answersSchemaFor(DEFAULT_INTAKE_FORM, { categories: ['traditional'], today: '2026-01-01' }).parse({
  dateOfBirth: '1980-04-12', phone: '07700 900123', emergencyName: 'Sam Lee', emergencyPhone: '07700 900456',
  conditions: ['migraine'], diabetes: true, diabetesControlled: 'yes', epilepsy: false, implants: ['joint'],
  bloodThinners: true, medications: [{ name: 'Apixaban', dose: '5 mg twice a day' }], supplements: ['fish-oil'],
  pregnancy: 'no', bleeding: 'bruise-easily', skinInfectionNow: false, skinConditions: ['rosacea'], skinFlareFace: false,
  keloid: false, needleFear: 'a-little', fainting: true, metalAllergy: false,
}) as Answers;

interface SignedIn { cookie: string; csrf: string }

/** Signs each client in over HTTP, as the app does: the session cookie and its CSRF token. */
async function signInAll(port: number, emails: string[]): Promise<SignedIn[]> {
  const out: SignedIn[] = [];
  for (const [k, email] of emails.entries()) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `172.16.0.${k + 1}` }, body: JSON.stringify({ email, password: CLIENT_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
    const session = await (await fetch(`http://127.0.0.1:${port}/api/v1/auth/session`, { headers: { cookie } })).json() as { csrfToken: string };
    out.push({ cookie, csrf: session.csrfToken });
  }
  return out;
}

/** p50 and p95 of `fn` over `runs` calls, in ms, after `warm` calls. */
async function timeEach(fn: () => unknown, runs: number, warm: number) {
  for (let i = 0; i < warm; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! };
}

/** The screening step of a signed-in client's booking, timed alone: the engine, then the step (query + engine) on the bench database. */
async function screeningStep(clinicId: string, clientId: string, start: number) {
  const clinic = { id: clinicId, timeZone: 'UTC' };
  const engine = await timeEach(() => screen({
    rules: DEFAULT_RULES.rules, answers: COMPLETE_ANSWERS, form: DEFAULT_INTAKE_FORM, treatmentCategory: 'traditional', appointmentDate: start, timeZone: 'UTC',
  }), 20_000, 2_000);
  const database = await openDatabase({ kind: 'postgres', url: dbUrl(DB_NAME), poolSize: 2 });
  try {
    const sample = await screenClient(database.db, clinic, clientId, 'traditional', start);
    if (onlineRefusal(sample, 'Quick session')) throw new Error('the sample intake is refused online; the bench expects it to book');
    const step = await timeEach(async () => onlineRefusal(await screenClient(database.db, clinic, clientId, 'traditional', start), 'Quick session'), 2_000, 200);
    return { engine, step, findings: sample.findings.map((f) => `${f.ruleId} (${f.level})`) };
  } finally {
    await database.close();
  }
}

async function startServer(from = root): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  // BENCH_SERVER_NODE_ARGS passes extra node flags to the server, e.g. --cpu-prof to profile it.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', path.join(from, 'bench/booking-server.ts')], {
    cwd: from,
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: dbUrl(DB_NAME), PUBLIC_URL: 'http://bench.example',
      BOOKING_PER_IP_PER_HOUR: '100000000', BOOKING_PER_EMAIL_PER_HOUR: '100000000',
      // As behind a deployment's reverse proxy: visitors' addresses come in X-Forwarded-For.
      TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const m = chunk.toString().match(/listening (\d+)/);
      if (m) resolve(Number(m[1]));
    });
  });
  return {
    port, pid: child.pid!,
    stop: () => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Slot `i`: practitioner `i mod P`, the `i div P`-th quarter hour from `base`. */
const slotStart = (base: number, i: number) => new Date(base + Math.floor(i / PRACTITIONERS) * SLOT_MS).toISOString();

async function httpRun(port: number, serviceId: string, practitionerIds: string[], base: number, label: string, seconds: number, anyPractitioner = false, people?: SignedIn[]) {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{
      method: 'POST',
      path: `/api/v1/clinics/${SLUG}/bookings`,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => {
        const n = i++;
        // A signed-in client books with their session; a visitor gives a name and address.
        const person = people?.[n % people.length];
        return {
          ...request,
          // Many visitors, as behind the proxy of a real deployment (TRUST_PROXY=true):
          // a rate-limit counter per address, not one hot row for the whole run.
          headers: {
            ...request.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            ...(person ? { cookie: person.cookie, 'x-csrf-token': person.csrf } : {}),
          },
          body: JSON.stringify({
            // "Any practitioner" leaves the choice to the server: slot n is then the n-th booking
            // of the quarter hour, which the engine gives to the least busy free practitioner.
            serviceId, practitionerId: anyPractitioner ? null : practitionerIds[n % PRACTITIONERS], start: slotStart(base, n),
            ...(person ? {} : { client: { name: `Visitor ${n}`, email: `${label}${n}@bench.example` } }),
          }),
        };
      },
    }],
  });
  return {
    duration: result.duration,
    ok: result['2xx'],
    other: result.non2xx,
    errors: result.errors,
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    codes: result.statusCodeStats,
  };
}

interface Capture { text: string; values: unknown[] }
interface SampleBooking { practitionerId: string; start: string; email: string; ip: string }

/**
 * The statement the app sent for one sample booking, as a pgbench script doing exactly it
 * for booking `n`: the same text (same CTEs, guards, trigger, rows written) run as a
 * prepared statement as the app runs it, with the values that differ between bookings
 * (practitioner, times, client address, IP address, new client id, link token hash)
 * computed from `n` and everything else as the app sent it. `n` comes from a per-client
 * counter (no round trip): `yt_k * clients + client_id`; addresses, client ids and link tokens
 * also carry the run's number (`yt_u`), as they must be new in every run (a reused token
 * hash would make the insert do nothing, which would flatter pgbench).
 */
function pgbenchScript(capture: Capture, sample: SampleBooking, practitionerIds: string[], fixedIds: string[], base: number) {
  const sampleStart = Date.parse(sample.start);
  // A colon before a letter inside a literal (`booking:ip:…`) would be taken for a pgbench
  // variable: such literals are written as concatenations around the colon.
  const quote = (v: string) => {
    const pieces = v.split(/:(?=[A-Za-z_])/).map((piece) => `'${piece.replaceAll("'", "''")}'`);
    return pieces.length > 1 ? `(${pieces.join(" || ':' || ")})` : pieces[0]!;
  };
  // Typed, as pgbench sends its variables as parameters of unknown type.
  const pid = `('{${practitionerIds.join(',')}}'::uuid[])[:yt_p1::int]`;
  const known = new Set([...practitionerIds, ...fixedIds]);
  // Pieces of a value that differ between bookings, and what pgbench puts in their place.
  const tokens: [string, string][] = [
    [sample.email, `('pgbench' || :yt_u::bigint || '@bench.example')`],
    [sample.ip, `('10.' || :yt_a::int || '.' || :yt_b::int || '.' || :yt_c::int)`],
    [sample.practitionerId, `${pid}::text`],
  ];
  const values = capture.values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v !== 'string') return String(v);
    if (v === sample.practitionerId) return pid;
    if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) && Math.abs(Date.parse(v) - sampleStart) <= 86_400_000) {
      return `(to_timestamp(${base / 1000}) + :yt_q::int * interval '15 minutes' + interval '${Date.parse(v) - sampleStart} milliseconds')`;
    }
    // The new client's id (a fresh uuid) and the link token's hash.
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v) && !known.has(v)) return `md5('client' || :yt_u::bigint)::uuid`;
    if (/^[0-9a-f]{64}$/.test(v)) return `encode(sha256(('token' || :yt_u::bigint)::bytea), 'hex')`;
    // Raw pieces of the value and the expressions of the tokens found in it, in order.
    let parts: ({ raw: string } | { expr: string })[] = [{ raw: v }];
    for (const [from, to] of tokens) {
      parts = parts.flatMap((part) => ('raw' in part && part.raw.includes(from)
        ? part.raw.split(from).flatMap((piece, k) => (k ? [{ expr: to }, { raw: piece }] : [{ raw: piece }]))
        : [part]));
    }
    const exprs = parts.filter((part) => !('raw' in part) || part.raw !== '').map((part) => ('raw' in part ? quote(part.raw) : part.expr));
    return exprs.length > 1 ? `(${exprs.join(' || ')})` : exprs[0] ?? "''";
  });
  const text = capture.text.replace(/\$(\d+)/g, (_, k: string) => values[Number(k) - 1]!);
  return `\\set yt_n :yt_k * ${PGBENCH_CLIENTS} + :client_id
\\set yt_k :yt_k + 1
\\set yt_u :yt_run * 100000000 + :yt_n
\\set yt_p1 :yt_n % ${PRACTITIONERS} + 1
\\set yt_q :yt_n / ${PRACTITIONERS}
\\set yt_a (:yt_u / 65536) % 256
\\set yt_b (:yt_u / 256) % 256
\\set yt_c :yt_u % 256
${text.trim()};
`;
}

/** The write transaction of the bench before: four statements in BEGIN … END (BENCH_PGBENCH_OLD=1 prints it too). */
function oldPgbenchScript(clinicId: string, serviceId: string, base: number) {
  return `
\\set n :yt_k * ${PGBENCH_CLIENTS} + :client_id
\\set yt_k :yt_k + 1
\\set p :n % ${PRACTITIONERS}
\\set q :n / ${PRACTITIONERS}
BEGIN;
INSERT INTO clients (clinic_id, name, email) VALUES ('${clinicId}', 'Visitor', 'old-pgbench' || :n || '@bench.example') RETURNING id AS new_client \\gset
INSERT INTO bookings (clinic_id, service_id, practitioner_id, client_id, starts_at, ends_at, blocked_start, blocked_end, status, hold_expires_at, source, manage_token_hash)
  SELECT '${clinicId}', '${serviceId}', (SELECT id FROM bench_practitioners WHERE idx = :p), ':new_client',
    t, t + interval '15 minutes', t, t + interval '15 minutes', 'held', now() + interval '30 minutes', 'online', md5(random()::text)
  FROM (SELECT to_timestamp(${base / 1000}) + :q * interval '15 minutes' AS t) s
  RETURNING id AS booking_id \\gset
INSERT INTO audit_log (action, entity_type, entity_id, clinic_id, actor_role, ip, user_agent, details)
  VALUES ('booking.create', 'booking', ':booking_id', '${clinicId}', 'public', '127.0.0.1', 'pgbench', '{"source":"online","status":"held"}');
INSERT INTO outbox_emails (clinic_id, to_address, subject, text, html)
  VALUES ('${clinicId}', 'pgbench' || :n || '@bench.example', 'Please confirm your booking', repeat('x', 600), repeat('x', 1500));
END;
`;
}

let pgbenchRuns = 0;
function pgbenchRun(script: string, setupSql = '', mode: 'prepared' | 'simple' = 'prepared') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yintang-pgbench-'));
  const file = path.join(dir, 'booking.sql');
  writeFileSync(file, script);
  if (setupSql) {
    const setup = spawnSync('psql', [dbUrl(DB_NAME), '-q', '-v', 'ON_ERROR_STOP=1', '-c', setupSql], { encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(setup.stderr);
  }
  const run = spawnSync('pgbench', ['-n', '-M', mode, '-D', 'yt_k=0', '-D', `yt_run=${++pgbenchRuns}`, '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', file, '-l', '--log-prefix', path.join(dir, 'log'), dbUrl(DB_NAME)], { encoding: 'utf8', cwd: dir });
  if (run.status !== 0) throw new Error(run.stderr || run.stdout);
  const tps = Number(run.stdout.match(/tps = ([\d.]+)/)?.[1]);
  const failed = Number(run.stdout.match(/number of failed transactions: (\d+)/)?.[1] ?? 0);
  const latencies: number[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith('log'))) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (Number.isFinite(us) && line) latencies.push(us / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  rmSync(dir, { recursive: true, force: true });
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { tps, failed, p50: pick(0.5), p99: pick(0.99), transactions: latencies.length };
}

/** Bookings pgbench's run wrote (each transaction must write one: a statement that wrote nothing would flatter pgbench). */
async function countBookings(from: number, to: number) {
  const c = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT count(*)::int AS n FROM bookings WHERE starts_at >= $1 AND starts_at < $2', [new Date(from), new Date(to)]);
    return rows[0].n as number;
  } finally {
    await c.end();
  }
}

/** `visitors` requests at once spread over `slots` slots of one practitioner. */
async function raceRun(port: number, serviceId: string, practitionerId: string, base: number, slots: number, visitors: number) {
  const responses = await Promise.all(Array.from({ length: visitors }, async (_, k) => {
    const start = new Date(base + (k % slots) * SLOT_MS).toISOString();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/clinics/${SLUG}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId, practitionerId, start, client: { name: `Racer ${k}`, email: `race${k}@bench.example` } }),
    });
    return { start, status: res.status };
  }));
  const wins = new Map<string, number>();
  for (const r of responses) if (r.status === 201) wins.set(r.start, (wins.get(r.start) ?? 0) + 1);
  const c = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await c.connect();
  const { rows } = await c.query(`
    SELECT count(*)::int AS n FROM bookings a JOIN bookings b
      ON a.clinic_id = b.clinic_id AND a.practitioner_id = b.practitioner_id AND a.id < b.id
     AND tstzrange(a.blocked_start, a.blocked_end) && tstzrange(b.blocked_start, b.blocked_end)
    WHERE a.status IN ('held','confirmed','arrived','completed') AND b.status IN ('held','confirmed','arrived','completed')`);
  await c.end();
  const codes: Record<number, number> = {};
  for (const r of responses) codes[r.status] = (codes[r.status] ?? 0) + 1;
  return { codes, slotsWon: wins.size, maxWinsPerSlot: Math.max(0, ...wins.values()), overlappingRows: rows[0].n as number };
}

/**
 * CPU seconds a server process has used (Linux; NaN elsewhere). Per booking it is steadier
 * than the rate on a shared machine, whose PostgreSQL commits set the rate.
 */
function cpuSeconds(pid: number) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime + stime, in clock ticks (USER_HZ, 100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** BENCH_COUNT_QUERIES=1: statements sent to PostgreSQL per request since the last call (the server counts them). */
async function roundTrips(port: number) {
  if (!process.env.BENCH_COUNT_QUERIES) return '';
  const c = await (await fetch(`http://127.0.0.1:${port}/__bench/counts`)).json() as { queries: number; requests: number; byText: Record<string, number> };
  return `  statements per request ${fmt(c.queries / Math.max(1, c.requests), 2)} (${c.queries} for ${c.requests})   most sent: ${JSON.stringify(c.byText)}`;
}

const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

async function main() {
  console.log(`Booking benchmark: ${os.cpus().length} cores, ${PRACTITIONERS} practitioners, ${SECONDS} s per run, ${CONNECTIONS} HTTP connections, ${PGBENCH_CLIENTS} pgbench clients.`);
  const { clinicId, serviceId, practitionerIds, clientEmails, intakeClientId } = await seed();
  const day = 86_400_000;
  const httpBase = Math.ceil(Date.now() / day) * day + day; // tomorrow 00:00Z onwards

  const quick = Boolean(process.env.BENCH_QUICK);
  if (process.env.BENCH_NO_PAGE_VERSION) console.log('(page_version trigger on bookings disabled for this run)');
  const step = quick ? undefined : await screeningStep(clinicId, intakeClientId, httpBase + 9 * 3_600_000);
  if (step) console.log('\nscreening step alone, a signed-in client with a complete health questionnaire (in process, on the bench database)');
  if (step) console.log(`  findings: ${step.findings.join(', ')}`);
  if (step) console.log(`  engine only, ${DEFAULT_RULES.rules.length} default rules:  p50 ${fmt(step.engine.p50 * 1000, 1)} µs   p95 ${fmt(step.engine.p95 * 1000, 1)} µs`);
  if (step) console.log(`  whole step (one query + engine):   p50 ${fmt(step.step.p50, 3)} ms   p95 ${fmt(step.step.p95, 3)} ms   (budget: 2 ms at p50)`);

  // BENCH_COMPARE_ROOT: a second checkout (with its node_modules and this bench/booking-server.ts)
  // whose server is measured beside this one, run for run, on the same database: before and after.
  const compareRoot = process.env.BENCH_COMPARE_ROOT;
  const servers = [{ label: 'this code', ...(await startServer()) }];
  if (compareRoot) servers.push({ label: path.basename(compareRoot), ...(await startServer(compareRoot)) });
  const server = servers[0]!;
  let slotBlock = 0;
  /** Five days of slots per run, unused by any other run (one run books at most a day's worth). */
  const nextBase = () => httpBase + 5 * slotBlock++ * day;
  try {
    for (const [k, s] of servers.entries()) {
      await httpRun(s.port, serviceId, practitionerIds, httpBase + (300 + 5 * k) * day, 'warm', 3); // JIT and pool warm-up, far from the measured slots
      await httpRun(s.port, serviceId, practitionerIds, httpBase + (310 + 5 * k) * day, 'warm-any', 2, true);
      await roundTrips(s.port);
    }

    // The statement the app sends for one booking, captured from a sample request, is what pgbench runs.
    const sample: SampleBooking = { practitionerId: practitionerIds[0]!, start: new Date(httpBase + 700 * day).toISOString(), email: 'sample@bench.example', ip: '192.0.2.1' };
    const sent = await fetch(`http://127.0.0.1:${server.port}/api/v1/clinics/${SLUG}/bookings`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': sample.ip },
      body: JSON.stringify({ serviceId, practitionerId: sample.practitionerId, start: sample.start, client: { name: 'Sample Visitor', email: sample.email } }),
    });
    if (sent.status !== 201) throw new Error(`sample booking: ${sent.status} ${await sent.text()}`);
    const capture = await (await fetch(`http://127.0.0.1:${server.port}/__bench/last-booking-write`)).json() as Capture;
    const pgBase0 = nextBase();
    const script = pgbenchScript(capture, sample, practitionerIds, [clinicId, serviceId], pgBase0);
    if (process.env.BENCH_SHOW_SCRIPT) console.log(script);

    console.log(`\nEach round: for each server, HTTP POST /bookings naming the practitioner (distinct free slots), then "any practitioner"
(the write statement picks who); and pgbench running the statement the app sends for a booking (prepared, the values
that differ computed per booking). The order alternates between rounds. Load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    type Run = Awaited<ReturnType<typeof httpRun>> & { cpuMs: number };
    const results = servers.map(() => ({ named: [] as Run[], any: [] as Run[] }));
    const pgRuns: ReturnType<typeof pgbenchRun>[] = [];
    const runPgbench = async () => {
      const base = nextBase();
      // The script's slots start at its own base: shift them to this run's block.
      const pgb = pgbenchRun(script.replaceAll(`to_timestamp(${pgBase0 / 1000})`, `to_timestamp(${base / 1000})`));
      const written = await countBookings(base, base + 5 * day);
      pgRuns.push(pgb);
      console.log(`  pgbench                transactions/s ${fmt(pgb.tps)}   p50 ${fmt(pgb.p50, 2)} ms   p99 ${fmt(pgb.p99, 2)} ms   failed ${pgb.failed}   bookings written ${written} of ${pgb.transactions}`);
    };
    const runServer = async (k: number) => {
      const s = servers[k]!;
      for (const anyPractitioner of [false, true]) {
        const cpu0 = cpuSeconds(s.pid);
        const r = await httpRun(s.port, serviceId, practitionerIds, nextBase(), `${anyPractitioner ? 'any' : 'named'}${k}r${results[k]!.named.length}x`, SECONDS, anyPractitioner);
        const cpuMs = (1000 * (cpuSeconds(s.pid) - cpu0)) / r.ok;
        results[k]![anyPractitioner ? 'any' : 'named'].push({ ...r, cpuMs });
        console.log(`  ${s.label.padEnd(12)} ${anyPractitioner ? 'any  ' : 'named'}   bookings/s ${fmt(r.perSecond)}   p50 ${r.p50} ms   p99 ${r.p99} ms   ok ${r.ok}   other ${r.other}   socket errors ${r.errors}   server CPU ${fmt(cpuMs, 2)} ms per booking`);
        if (r.other) console.log('    status codes', JSON.stringify(r.codes));
        if (process.env.BENCH_COUNT_QUERIES) console.log(`  ${await roundTrips(s.port)}`);
      }
    };
    for (let round = 0; round < ROUNDS; round++) {
      console.log(`round ${round + 1} (load ${os.loadavg()[0]!.toFixed(1)})`);
      const order = round % 2 === 0 ? [...servers.keys()] : [...servers.keys()].reverse();
      if (round % 2 === 1) await runPgbench();
      for (const k of order) await runServer(k);
      if (round % 2 === 0) await runPgbench();
    }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const m = sorted.length >> 1;
      return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
    };
    const pgMedian = median(pgRuns.map((r) => r.tps));
    console.log(`\nmedians over ${ROUNDS} rounds (load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    console.log(`  pgbench, the same statement: ${fmt(pgMedian)} transactions/s`);
    for (const [k, s] of servers.entries()) {
      const named = median(results[k]!.named.map((r) => r.perSecond));
      const any = median(results[k]!.any.map((r) => r.perSecond));
      const perRound = results[k]!.named.map((r, i) => fmt(r.perSecond / pgRuns[i]!.tps, 2)).join(', ');
      const anyPerRound = results[k]!.any.map((r, i) => fmt(r.perSecond / results[k]!.named[i]!.perSecond, 2)).join(', ');
      const cpu = (runs: Run[]) => fmt(median(runs.map((r) => r.cpuMs)), 2);
      console.log(`  ${s.label}: named ${fmt(named)}/s, any ${fmt(any)}/s; server CPU per booking: named ${cpu(results[k]!.named)} ms, any ${cpu(results[k]!.any)} ms`);
      console.log(`    ratio  HTTP (named practitioner) / pgbench = ${fmt(named / pgMedian, 2)}   (each round: ${perRound})   (target 0.9)`);
      console.log(`    ratio  HTTP "any practitioner" / named = ${fmt(any / named, 2)}   (each round: ${anyPerRound})   (target 0.5)`);
    }
    if (process.env.BENCH_PGBENCH_OLD) {
      const oldBase = httpBase + 400 * day;
      const old = pgbenchRun(oldPgbenchScript(clinicId, serviceId, oldBase), `
        CREATE TABLE IF NOT EXISTS bench_practitioners (idx int primary key, id uuid);
        TRUNCATE bench_practitioners;
        INSERT INTO bench_practitioners VALUES ${practitionerIds.map((id, k) => `(${k}, '${id}')`).join(',')};`, 'simple');
      console.log('pgbench  the bench\'s earlier transaction: four statements in BEGIN … END, no rate limits or guards');
      console.log(`  transactions/s ${fmt(old.tps)}   p50 ${fmt(old.p50, 2)} ms   p99 ${fmt(old.p99, 2)} ms   transactions ${old.transactions}   failed ${old.failed}   bookings written ${await countBookings(oldBase, oldBase + 100 * day)}`);
    }
    if (quick) return;

    // Signed-in clients, with and without a complete questionnaire, in eight alternating
    // short runs (ABBA BAAB) so a drift over the run (a growing table) or a burst of load
    // from elsewhere on the machine favours neither.
    const intake = await signInAll(server.port, clientEmails.intake);
    const none = await signInAll(server.port, clientEmails.none);
    await httpRun(server.port, serviceId, practitionerIds, httpBase + 310 * day, 'warm-signed-in', 3, false, [...intake, ...none]);
    const half = Math.max(2, Math.round(SECONDS / 4));
    const runs: ({ group: 'intake' | 'none' } & Awaited<ReturnType<typeof httpRun>>)[] = [];
    for (const [k, group] of (['none', 'intake', 'intake', 'none', 'intake', 'none', 'none', 'intake'] as const).entries()) {
      const r = await httpRun(server.port, serviceId, practitionerIds, httpBase + (320 + 20 * k) * day, `signed-${group}`, half, false, group === 'intake' ? intake : none);
      runs.push({ group, ...r });
    }
    const rate = (group: 'intake' | 'none') => {
      const mine = runs.filter((r) => r.group === group);
      return { perSecond: mine.reduce((a, r) => a + r.ok, 0) / mine.reduce((a, r) => a + r.duration, 0), ok: mine.reduce((a, r) => a + r.ok, 0), other: mine.reduce((a, r) => a + r.other, 0), p50: mine.map((r) => r.p50), p99: mine.map((r) => r.p99) };
    };
    const withIntake = rate('intake');
    const without = rate('none');
    console.log(`\nHTTP  POST /bookings signed in (${CLIENTS} clients per group; four runs of ${half} s each per group, alternating)`);
    console.log(`  complete intake (screened):       bookings/s ${fmt(withIntake.perSecond)}   p50 ${withIntake.p50.join(' / ')} ms   p99 ${withIntake.p99.join(' / ')} ms   ok ${withIntake.ok}   other ${withIntake.other}`);
    console.log(`  no intake (no answers to screen): bookings/s ${fmt(without.perSecond)}   p50 ${without.p50.join(' / ')} ms   p99 ${without.p99.join(' / ')} ms   ok ${without.ok}   other ${without.other}`);
    console.log(`  each run, in order: ${runs.map((r) => `${r.group} ${fmt(r.ok / r.duration)}`).join(', ')}`);
    console.log(`  ratio  complete intake / no intake = ${fmt(withIntake.perSecond / without.perSecond, 3)}   (budget: at least 0.85)`);
    for (const r of runs) if (r.other) console.log(`  ${r.group} status codes`, JSON.stringify(r.codes));

    const race = await raceRun(server.port, serviceId, practitionerIds[0]!, httpBase + 600 * day, 5, 500);
    console.log('\nrace  500 visitors at once on 5 slots of one practitioner');
    console.log(`  responses ${JSON.stringify(race.codes)}   slots won ${race.slotsWon}   most 201s for one slot ${race.maxWinsPerSlot}   double bookings in the database ${race.overlappingRows}`);
  } finally {
    for (const s of servers) await s.stop();
    // BENCH_KEEP=1 leaves the database for inspection (EXPLAIN, row counts).
    if (!process.env.BENCH_KEEP) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

await main();
