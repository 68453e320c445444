import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { invoices } from '../../data/schema/index.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, openSecondInstance, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { sessionCookieName } from '../../server/plugins/session.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let clientId: string;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'numbering-clinic' });
  clientId = (await addClientWithAccount(t, f, 'Race Client', 'race.client@example.com')).clientId;
});
afterAll(() => t.close());

/**
 * Fires `n` sales at once through `apps` in turn, as reception (one session, valid on every
 * instance since sessions live in the database).
 */
async function race(apps: App[], n: number) {
  const desk = await f.signIn('reception');
  // The desk's own cookies, sent as they are by every instance's requests.
  const jar = (desk as unknown as { cookies: Map<string, string> }).cookies;
  expect(jar.has(sessionCookieName(t.config))).toBe(true);
  const headers = { 'content-type': 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': desk.csrfToken! };
  return Promise.all(Array.from({ length: n }, (_, i) => apps[i % apps.length]!.inject({
    method: 'POST', url: `/api/v1/clinics/${f.slug}/sales`, headers,
    payload: { clientId, items: [{ kind: 'service', serviceId: f.services.massage }] },
  })));
}

async function numbers() {
  const rows = await t.database.db.select({ n: invoices.number }).from(invoices).where(and(eq(invoices.clinicId, f.clinicId), eq(invoices.kind, 'invoice')));
  return rows.map((r) => r.n).sort((a, b) => a - b);
}

describe(`invoice numbers under 200 concurrent sales (${testDatabaseKind})`, () => {
  it('numbers 200 sales 1..200 with no gap and no repeat, and a failed sale gives its number back', async () => {
    const responses = await race([t.app], 200);
    expect(responses.filter((r) => r.statusCode !== 201).map((r) => r.body).slice(0, 2)).toEqual([]);
    expect(await numbers()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // A transaction that takes a number and then fails gives the number back with its rollback.
    await expect(t.database.transaction(async (tx) => {
      await tx.execute(sql`update clinic_billing set next_invoice_number = next_invoice_number + 1 where clinic_id = ${f.clinicId}`);
      throw new Error('the sale failed');
    })).rejects.toThrow('the sale failed');
    const next = await race([t.app], 1);
    expect(next[0]!.json().number).toBe('INV-000201');
  });

  it('holds with two app instances on one PostgreSQL database', async (context) => {
    if (testDatabaseKind !== 'postgres') return context.skip();
    const other = await openSecondInstance(t);
    try {
      const before = (await numbers()).length;
      const responses = await race([t.app, other.app], 200);
      expect(responses.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.body}`).slice(0, 2)).toEqual([]);
      expect(await numbers()).toEqual(Array.from({ length: before + 200 }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });
});
