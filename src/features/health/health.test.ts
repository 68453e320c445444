import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { outboxEmails } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'health-clinic' });
});
afterAll(() => t.close());

describe('GET /health/live and /health/ready', () => {
  it('answer 200 with nothing but a status while all is well', async () => {
    const live = await t.client().get('/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.client().get('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 with a short reason while migrations are not current', async () => {
    const [last] = (await t.database.db.execute(sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`) as unknown as { rows: { id: number; hash: string; created_at: string }[] }).rows;
    await t.database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
    try {
      const ready = await t.client().get('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('30');
      expect(ready.json()).toEqual({ status: 'unavailable', reason: 'database migrations are not current' });
    } finally {
      await t.database.db.execute(sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`);
    }
    expect((await t.client().get('/health/ready')).statusCode).toBe(200);
  });
});

describe('GET /api/v1/clinics/:slug/system', () => {
  it('is for the owner only', async () => {
    expect((await t.client().get(`/api/v1/clinics/${f.slug}/system`)).statusCode).toBe(401);
    const reception = await f.signIn('reception');
    expect((await reception.get(`/api/v1/clinics/${f.slug}/system`)).statusCode).toBe(403);
    const practitioner = await f.signIn('practitioner');
    expect((await practitioner.get(`/api/v1/clinics/${f.slug}/system`)).statusCode).toBe(403);
  });

  it('tells the owner the database, disk, backups and the clinic\'s e-mail delivery', async () => {
    const now = Date.now();
    await t.database.db.insert(outboxEmails).values([
      { clinicId: f.clinicId, toAddress: 'a@example.com', subject: 'Waiting', text: 'x' },
      { clinicId: f.clinicId, toAddress: 'b@example.com', subject: 'Retrying', text: 'x', lastError: 'connect ECONNREFUSED', attempts: 2, createdAt: new Date(now - 120_000) },
      { clinicId: f.clinicId, toAddress: 'c@example.com', subject: 'Gave up', text: 'x', status: 'failed', lastError: '550 mailbox unavailable', attempts: 8, createdAt: new Date(now - 60_000) },
      { clinicId: f.clinicId, toAddress: 'd@example.com', subject: 'Old failure', text: 'x', status: 'failed', lastError: 'old', attempts: 8, createdAt: new Date(now - 3 * 86_400_000) },
      { clinicId: null, toAddress: 'e@example.com', subject: 'Another clinic', text: 'x', status: 'failed', lastError: 'not ours' },
    ]);
    const owner = await f.signIn('owner');
    const res = await owner.get(`/api/v1/clinics/${f.slug}/system`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toMatchObject({ kind: t.database.kind, ok: true });
    expect(body.database.sizeBytes).toBeGreaterThan(0);
    expect(body.email).toMatchObject({ queued: 2, retrying: 1, failedLastDay: 1, smtpConfigured: false });
    expect(body.email.lastProblem).toBe('550 mailbox unavailable');
    expect(body.backup).toMatchObject({ last: null, lastVerifiedAt: null, automatic: t.database.kind === 'pglite' });
    expect(body.disk.full).toBe(false);
    if (t.database.kind === 'pglite') expect(body.disk.freeBytes).toBeGreaterThan(0);
    else expect(body.disk.freeBytes).toBeNull();
  });
});
