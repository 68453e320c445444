import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { bookings, outboxEmails } from '../../data/schema/index.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, openSecondInstance, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '100000', BOOKING_PER_EMAIL_PER_HOUR: '100000' });
  f = await createClinicFixture(t, { slug: 'race-clinic' });
});
afterAll(() => t.close());

/** Fires `n` bookings of one slot at once, each from its own visitor, through `apps` in turn. */
async function race(apps: App[], start: string, n: number, practitionerId?: string, serviceId = f.services.massage) {
  const responses = await Promise.all(Array.from({ length: n }, (_, i) => apps[i % apps.length]!.inject({
    method: 'POST',
    url: `/api/v1/clinics/${f.slug}/bookings`,
    remoteAddress: `10.1.${Math.floor(i / 250)}.${i % 250}`,
    headers: { 'content-type': 'application/json' },
    payload: { serviceId, practitionerId, start, client: { name: `Racer ${i}`, email: `racer${i}-${start.slice(0, 13)}@example.com` } },
  })));
  const codes = responses.map((r) => r.statusCode);
  const count = (code: number) => codes.filter((c) => c === code).length;
  return { count, responses };
}

async function activeBookingsAt(start: string) {
  return t.database.db.select().from(bookings)
    .where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.startsAt, new Date(start)), inArray(bookings.status, ['held', 'confirmed'])));
}

describe(`200 concurrent requests for one slot (${testDatabaseKind})`, () => {
  it('gives exactly one 201 and 199 × 409', async () => {
    const start = localSlot(f.timeZone, 3, '10:00', 5);
    const { count, responses } = await race([t.app], start, 200, f.secondId);
    expect(count(201)).toBe(1);
    expect(count(409)).toBe(199);
    const problem = responses.find((r) => r.statusCode === 409)!;
    expect(problem.headers['content-type']).toContain('application/problem+json');
    expect(problem.json().type).toMatch(/slot-taken$/);
    expect(await activeBookingsAt(start)).toHaveLength(1);
  });

  it('holds with two app instances on one PostgreSQL database', async (context) => {
    if (testDatabaseKind !== 'postgres') return context.skip();
    // A second instance: its own connection pool to the same database, as in production.
    const other = await openSecondInstance(t);
    try {
      const start = localSlot(f.timeZone, 4, '10:00', 5);
      const { count, responses } = await race([t.app, other.app], start, 200, f.secondId);
      const odd = responses.filter((r) => r.statusCode !== 409 && r.statusCode !== 201);
      expect(odd.map((r) => `${r.statusCode} ${r.body}`).slice(0, 2)).toEqual([]);
      expect(count(201)).toBe(1);
      expect(count(409)).toBe(199);
      expect(await activeBookingsAt(start)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe(`"any practitioner", many visitors at once (${testDatabaseKind})`, () => {
  it('books each free practitioner once, in the one write, and refuses the rest with 409', { timeout: 120_000 }, async () => {
    const start = localSlot(f.timeZone, 2, '11:00', 5);
    const { count, responses } = await race([t.app], start, 8, undefined, f.services.consultation);
    const odd = responses.filter((r) => r.statusCode !== 409 && r.statusCode !== 201);
    expect(odd.map((r) => `${r.statusCode} ${r.body}`)).toEqual([]);
    expect(count(201)).toBe(2);
    expect(count(409)).toBe(6);
    const won = responses.filter((r) => r.statusCode === 201).map((r) => r.json() as { practitionerId: string });
    expect(new Set(won.map((b) => b.practitionerId))).toEqual(new Set([f.practitionerId, f.secondId]));
    expect(await activeBookingsAt(start)).toHaveLength(2);
    // The e-mail names the practitioner the statement chose: no placeholder is left.
    const held = await t.database.db.select({ text: outboxEmails.text, html: outboxEmails.html }).from(outboxEmails).where(eq(outboxEmails.clinicId, f.clinicId));
    const forThis = held.filter((m) => m.text.includes('We are holding'));
    expect(forThis.length).toBeGreaterThanOrEqual(2);
    for (const m of forThis) {
      expect(m.text).not.toContain('\u2063');
      expect(m.html ?? '').not.toContain('\u2063');
    }
  });
});
