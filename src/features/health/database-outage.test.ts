import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bookings } from '../../data/schema/index.ts';
import { openDatabase, type Database } from '../../data/db.ts';
import { buildApp, type App } from '../../server/app.ts';
import { buildTestApp, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

const UNAVAILABLE = 'The clinic\'s system is briefly unavailable; please try again in a minute. Nothing you sent was saved.';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '100000', BOOKING_PER_EMAIL_PER_HOUR: '100000' });
  f = await createClinicFixture(t, { slug: 'outage-clinic' });
});
afterAll(() => t.close());

/** Distinct one-hour massage slots with the second practitioner, in the order they are booked. */
const slots = [1, 2, 3, 4, 5, 6].flatMap((weekday) => ['09:00', '10:00', '11:00', '14:00', '15:00'].map((time) => localSlot('Europe/London', weekday, time, 4)));
let nextSlot = 0;

async function book(app: App) {
  const start = slots[nextSlot++]!;
  const started = Date.now();
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/clinics/${f.slug}/bookings`,
    headers: { 'content-type': 'application/json' },
    payload: { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Steady Client', email: `steady-${nextSlot}@example.com` } },
  });
  return { start, response, tookMs: Date.now() - started };
}

async function activeBookingsAt(starts: string[]) {
  return t.database.db.select({ id: bookings.id, startsAt: bookings.startsAt }).from(bookings)
    .where(and(eq(bookings.clinicId, f.clinicId), inArray(bookings.startsAt, starts.map((s) => new Date(s))), inArray(bookings.status, ['held', 'confirmed'])));
}

/**
 * A TCP proxy in front of the shared PostgreSQL server: cutting it is, for the app behind
 * it, exactly PostgreSQL going away (open connections break, new ones are refused),
 * without stopping the server other people use.
 */
class CuttableProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  readonly port = 20000 + ((process.pid * 89 + 4001) % 12000);

  constructor(private readonly target: { host: string; port: number }) {}

  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.port, '127.0.0.1', resolve));
  }

  /** Breaks every connection and stops listening: new connections are refused. */
  async cut() {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

describe.runIf(testDatabaseKind === 'postgres')('PostgreSQL unreachable while bookings flow', () => {
  let proxy: CuttableProxy;
  let behind: Database;
  let app: App;
  beforeAll(async () => {
    const result = (await t.database.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
    const direct = new URL(process.env.TEST_DATABASE_URL!);
    proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.open();
    const url = Object.assign(new URL(direct), { port: String(proxy.port), pathname: `/${result.rows[0]!.db}` });
    behind = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4, timeouts: { connectMs: 2000, queryMs: 4000 } });
    app = await buildApp({ config: t.config, database: behind, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await behind?.close();
    await proxy?.cut().catch(() => {});
  });

  it('answers 503 with Retry-After during the outage, loses nothing, and books again without a restart', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { start, response } = await book(app);
      expect(response.statusCode).toBe(201);
      acknowledged.push(start);
    }

    await proxy.cut();
    const refused: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { start, response, tookMs } = await book(app);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: 'https://yintang.app/problems/unavailable', status: 503, detail: UNAVAILABLE });
      expect(tookMs).toBeLessThan(8000);
      refused.push(start);
    }
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.headers['retry-after']).toBe('30');
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', reason: 'the database cannot be reached' });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: `/clinics/${f.slug}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('please try again in a minute');

    await proxy.open();
    // The same app, not restarted: the very next booking goes through.
    const { start, response } = await book(app);
    expect(response.statusCode).toBe(201);
    acknowledged.push(start);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);

    expect((await activeBookingsAt(acknowledged)).length).toBe(acknowledged.length);
    expect(await activeBookingsAt(refused)).toEqual([]);
  });

  it('answers 503 within the connection time-out when every pooled connection is busy', async () => {
    const result = (await t.database.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
    const url = Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${result.rows[0]!.db}` });
    const tiny = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1, timeouts: { connectMs: 500, queryMs: 10_000 } });
    const busyApp = await buildApp({ config: t.config, database: tiny, logger: false });
    try {
      const busy = tiny.db.execute(sql`select pg_sleep(2) as held`).then(() => undefined);
      // Wait until the one pooled connection is taken by the slow query.
      for (let i = 0; i < 200; i++) {
        const r = (await t.database.db.execute(sql`select count(*)::int as n from pg_stat_activity where query like 'select pg_sleep(2) as held%'`)) as unknown as { rows: { n: number }[] };
        if (r.rows[0]!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const started = Date.now();
      const { response } = await book(busyApp);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('30');
      expect(Date.now() - started).toBeLessThan(2000);
      await busy;
    } finally {
      await busyApp.close();
      await tiny.close();
    }
  });
});

describe.runIf(testDatabaseKind === 'pglite')('the embedded database closed under a running app', () => {
  it('answers 503 with Retry-After, on the API and on public pages', async () => {
    const own = await buildTestApp();
    try {
      await own.database.close();
      const api = await own.app.inject({ method: 'GET', url: '/api/v1/directory' });
      expect(api.statusCode).toBe(503);
      expect(api.headers['retry-after']).toBe('30');
      expect(api.json()).toMatchObject({ status: 503, detail: UNAVAILABLE });
      const page = await own.app.inject({ method: 'GET', url: '/clinics/any', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('The clinic’s system is briefly unavailable');
      expect((await own.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
      expect((await own.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await own.app.close();
    }
  });
});
