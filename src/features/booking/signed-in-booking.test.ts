import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localSlot, PASSWORD, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let olivia: TestClient;
let oliviaId: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '50' });
  f = await createClinicFixture(t, { slug: 'signed-in-clinic' });
  const [u] = await t.database.db.insert(users).values({ email: 'olivia@example.com', name: 'Olivia Brown', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  oliviaId = u!.id;
  olivia = t.client();
  await olivia.signIn('olivia@example.com', PASSWORD);
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/clinics/${f.slug}${path}`;

/**
 * Counts the statements sent to the database while `work` runs, at the driver (PGlite's
 * or node-postgres's `query`, which every Drizzle statement outside a transaction goes
 * through).
 */
async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const driver = (t.database.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const original = driver.query;
  let count = 0;
  driver.query = function counted(this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    driver.query = original;
  }
  return count;
}

describe('booking while signed in', () => {
  it('confirms at once with the details of the session, whatever the body says', async () => {
    const res = await olivia.post(url('/bookings'), {
      serviceId: f.services.consultation, start: localSlot(f.timeZone, 2, '09:00'), client: { name: 'Someone Else', email: 'else@example.com' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', holdExpiresAt: null });
    const [mine] = await t.database.db.select().from(clients).where(eq(clients.userId, oliviaId));
    expect(mine).toMatchObject({ name: 'Olivia Brown', email: 'olivia@example.com', clinicId: f.clinicId });
    expect((await t.emailsTo('else@example.com'))).toHaveLength(0);
    const [mail] = await t.emailsTo('olivia@example.com');
    expect(mail!.subject).not.toMatch(/confirm your/i);
    const list = (await olivia.get(url('/me/bookings'))).json().items;
    expect(list.map((b: { id: string; status: string }) => [b.id, b.status])).toContainEqual([res.json().id, 'confirmed']);
  });

  it('holds the booking like a visitor\'s when the address of the account is not confirmed', async () => {
    const [u] = await t.database.db.insert(users).values({ email: 'unsure@example.com', name: 'Una Sure', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    const una = t.client();
    await una.signIn('unsure@example.com', PASSWORD);
    await t.database.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, u!.id));
    const start = localSlot(f.timeZone, 2, '10:00');
    expect((await una.post(url('/bookings'), { serviceId: f.services.consultation, start })).statusCode).toBe(400);
    const res = await una.post(url('/bookings'), { serviceId: f.services.consultation, start, client: { name: 'Una Sure', email: 'unsure@example.com' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('held');
  });
});

describe('GET /me/bookings', () => {
  it('costs the same number of queries for one booking as for six (no query per booking)', async () => {
    const [u] = await t.database.db.insert(users).values({ email: 'many@example.com', name: 'Manon Many', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    const manon = t.client();
    await manon.signIn('many@example.com', PASSWORD);
    const bookAt = async (weekday: number, time: string) => {
      const res = await manon.post(url('/bookings'), { serviceId: f.services.consultation, start: localSlot(f.timeZone, weekday, time, 10) });
      expect(res.statusCode).toBe(201);
    };
    await bookAt(3, '09:00');
    let one!: { items: unknown[] };
    const forOne = await countQueries(async () => { one = (await manon.get(url('/me/bookings'))).json(); });
    expect(one.items).toHaveLength(1);

    for (const time of ['10:00', '11:00', '12:00', '14:00', '15:00']) await bookAt(3, time);
    let six!: { items: { start: string; service: { name: string }; practitioner: { name: string } }[] };
    const forSix = await countQueries(async () => { six = (await manon.get(url('/me/bookings'))).json(); });
    expect(six.items).toHaveLength(6);
    expect(six.items.map((b) => b.start)).toEqual([...six.items.map((b) => b.start)].sort());
    expect(six.items.every((b) => b.service.name === 'Free consultation' && b.practitioner.name !== '')).toBe(true);

    expect(forOne).toBeGreaterThan(0);
    expect(forSix).toBe(forOne);
    expect(u).toBeDefined();
  });
});
