import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookings, clients } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Retention within 8 weeks over Monday 6 to Sunday 12 September 2027 (BST), with the clocks
 * going back on 31 October between the first visits and their deadlines, so some clients
 * are counted by the read and one is left to the domain's local-time arithmetic:
 *
 * - Ada: 6 Sep 10:00 BST (09:00Z), back 1 Nov 09:30 GMT (09:30Z). Eight weeks later is 1 Nov
 *   10:00 GMT (10:00Z), not 09:00Z: she came back in time (near the deadline: the domain's).
 * - Bea: 7 Sep, back 19 Oct (six weeks): back in time, well before the deadline.
 * - Cal: 8 Sep, back 1 Dec: not in time. Dee: 9 Sep, never back. Both deadlines long past.
 *
 * Seen 4, returned 2, still open 0: 50%.
 */
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'retention-clocks' });
  owner = await f.signIn('owner');
  const db = t.database.db;
  const names = ['Ada', 'Bea', 'Cal', 'Dee'];
  const rows = await db.insert(clients).values(names.map((name) => ({ clinicId: f.clinicId, name, email: `${name.toLowerCase()}@example.com` }))).returning({ id: clients.id, name: clients.name });
  const visit = (name: string, start: string) => {
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    return {
      clinicId: f.clinicId, serviceId: f.services.massage, practitionerId: f.practitionerId, clientId: rows.find((r) => r.name === name)!.id,
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed' as const, source: 'staff' as const,
    };
  };
  await db.insert(bookings).values([
    visit('Ada', '2027-09-06T09:00:00Z'), visit('Ada', '2027-11-01T09:30:00Z'),
    visit('Bea', '2027-09-07T09:00:00Z'), visit('Bea', '2027-10-19T09:00:00Z'),
    visit('Cal', '2027-09-08T09:00:00Z'), visit('Cal', '2027-12-01T10:00:00Z'),
    visit('Dee', '2027-09-09T09:00:00Z'),
  ]);
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

describe(`retention across the autumn clock change (${testDatabaseKind})`, () => {
  it('counts a return half an hour before the local deadline, after the clocks went back', async () => {
    t.app.ctx.now = () => Date.parse('2028-01-10T12:00:00Z');
    const res = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice?startDate=2027-09-06&endDate=2027-09-12&retentionWeeks=8`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().retention).toEqual({ weeks: 8, seen: 4, returned: 2, stillOpen: 0, percent: 50 });
  });
});
