import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookings, clients } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from './booking.test-helpers.ts';

/**
 * Issue 13 bug 4: a client told "free of charge until 24 hours before" was recorded as a
 * late cancellation after the owner changed the notice to 48 hours. A booking keeps the
 * cancellation policy it was made under.
 */
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let clientId: string;
/** Free starts of the consultation between 25 and 47 hours from now (every day is a working day here). */
let starts: string[];
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'policy-clinic', weekdays: [0, 1, 2, 3, 4, 5, 6] });
  [owner, reception] = await Promise.all([f.signIn('owner'), f.signIn('reception')]);
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Polly Policy', email: 'polly@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
  // Any 22-hour stretch holds working time (09:00–17:00 every day), so there are always some.
  const from = new Date(Date.now() + 25 * 3_600_000).toISOString();
  const to = new Date(Date.now() + 47 * 3_600_000).toISOString();
  const res = await reception.get(url(`/diary/free-times?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
  starts = res.json().slots.map((s: { start: string }) => s.start);
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

async function book(start: string) {
  const res = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start, clientId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe(`a booking keeps its cancellation policy (${testDatabaseKind})`, () => {
  it('is not late under the 24 hours it was booked with after the owner sets 48, while a booking made after the change is', async () => {
    expect(starts.length).toBeGreaterThanOrEqual(2);
    const before = await book(starts[0]!);
    const [row] = await t.database.db.select({ hours: bookings.cancellationWindowHours }).from(bookings).where(eq(bookings.id, before));
    expect(row!.hours).toBe(24);

    expect((await owner.patch(url('/settings/booking'), { cancellationWindowHours: 48 })).statusCode).toBe(200);
    const after = await book(starts[starts.length - 1]!);

    // Both start between 25 and 47 hours from now: inside 48 hours, outside 24.
    const cancelledBefore = await reception.post(url(`/bookings/${before}/cancel`), {});
    expect(cancelledBefore.statusCode).toBe(200);
    expect(cancelledBefore.json()).toMatchObject({ status: 'cancelled', lateCancellation: false });
    const cancelledAfter = await reception.post(url(`/bookings/${after}/cancel`), {});
    expect(cancelledAfter.json()).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });

  it('uses the clinic’s current notice for a booking from before the policy was kept', async () => {
    const old = await book(starts[1]!);
    await t.database.db.update(bookings).set({ cancellationWindowHours: null }).where(eq(bookings.id, old));
    // The clinic's notice is 48 hours now (the test above): inside it, so late.
    const cancelled = await reception.post(url(`/bookings/${old}/cancel`), {});
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });
});
