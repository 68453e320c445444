import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outboxEmails } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { enqueueEmail } from './outbox.repository.ts';
import { OutboxWorker } from './outbox.worker.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('outbox worker', () => {
  it('delivers each e-mail exactly once even with two workers draining at the same time', async () => {
    for (let i = 0; i < 60; i++) {
      await enqueueEmail(t.database.db, { to: `once${i}@example.com`, subject: `Message ${i}`, text: 'Hello' });
    }
    const handled: string[] = [];
    const log = { ...t.app.log, info: (obj: { emailId?: string }) => obj?.emailId && handled.push(obj.emailId) } as never;
    const a = new OutboxWorker(t.database, t.config, log, undefined);
    const b = new OutboxWorker(t.database, t.config, log, undefined);
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(60);
    expect(new Set(handled).size).toBe(60);
    expect(handled).toHaveLength(60);
    const rows = await t.database.db.select().from(outboxEmails).where(eq(outboxEmails.status, 'kept'));
    expect(rows.length).toBe(60);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('retries with back-off when the mail server refuses, and keeps the message pending', async () => {
    const config = { ...t.config, SMTP_URL: 'smtp://127.0.0.1:1' };
    await enqueueEmail(t.database.db, { to: 'retry@example.com', subject: 'Retry me', text: 'Hello' });
    const worker = new OutboxWorker(t.database, config, t.app.log, undefined);
    await worker.drain();
    const [row] = await t.database.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, 'retry@example.com'));
    expect(row!.status).toBe('pending');
    expect(row!.lastError).toBeTruthy();
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('GET /api/v1/clinics/:slug/outbox', () => {
  it('requires a signed-in owner or receptionist of the clinic', async () => {
    expect((await t.client().get('/api/v1/clinics/nowhere/outbox')).statusCode).toBe(401);
  });
});
