import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, careTeam, outcomeRequests, servicePractitioners, services } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * "Ask now" in the session note: the practitioner sees which questionnaires were asked
 * before the session and when they were e-mailed, and asks another one. Kate's session is
 * on Monday 4 March 2030, 10:00 UTC (a fixed date far ahead).
 */
let t: TestContext;
let f: ClinicFixture;
let bookingId: string;
let kateId: string;
const url = (slug = f.slug) => `/api/v1/clinics/${slug}/bookings/${bookingId}/questionnaires`;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'asked-clinic' });
  const [knee] = await t.database.db.insert(services).values({ clinicId: f.clinicId, slug: 'knee', name: 'Knee care', kind: 'knee', durationMin: 45, priceMinor: 6000 }).returning({ id: services.id });
  await t.database.db.insert(servicePractitioners).values({ clinicId: f.clinicId, serviceId: knee!.id, practitionerId: f.practitionerId });
  const kate = await addClientWithAccount(t, f, 'Kate Knee', 'kate.asked@example.com');
  kateId = kate.clientId;
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: kateId, practitionerId: f.practitionerId });
  const startsAt = new Date(Date.UTC(2030, 2, 4, 10));
  const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
  const [b] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: knee!.id, practitionerId: f.practitionerId, clientId: kateId, startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff',
  }).returning({ id: bookings.id });
  bookingId = b!.id;
});
afterAll(() => t.close());

describe(`GET /api/v1/clinics/:slug/bookings/:bookingId/questionnaires (${testDatabaseKind})`, () => {
  it('lists nothing, then what the practitioner asked now and when it was e-mailed', async () => {
    const tom = await f.signIn('practitioner');
    const before = await tom.get(url());
    expect(before.statusCode, before.body).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    expect(before.json().asked).toEqual([]);
    expect(before.json().measures.map((m: { key: string }) => m.key)).toEqual(['nprs', 'psfs', 'koos-pain', 'facial-self']);

    expect((await tom.post(url(), { measureKey: 'nprs' })).statusCode).toBe(201);
    const after = (await tom.get(url())).json();
    expect(after.asked).toHaveLength(1);
    expect(after.asked[0]).toMatchObject({ measureKey: 'nprs', name: 'Pain rating (0 to 10)', timing: 'baseline', status: 'pending', answeredAt: null });
    expect(after.asked[0].emailedAt).toBe(after.asked[0].askedAt);
    expect(JSON.stringify(after)).not.toContain('answers');
    const [row] = await t.database.db.select().from(outcomeRequests).where(eq(outcomeRequests.bookingId, bookingId));
    expect(row!.emailedAt).not.toBeNull();
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'outcome.requests_view')));
    expect(audit[0]).toMatchObject({ entityType: 'booking', entityId: bookingId, details: { clientId: kateId } });
  });

  it('is for the care team: reception 403, a practitioner who does not treat the client 404, another clinic 404', async () => {
    expect((await (await f.signIn('reception')).get(url())).statusCode).toBe(403);
    expect((await (await f.signIn('second')).get(url())).statusCode).toBe(404);
    expect((await (await f.signIn('owner')).get(url())).statusCode).toBe(200);
    const other = await createClinicFixture(t, { slug: 'asked-other' });
    expect((await (await other.signIn('owner')).get(url(other.slug))).statusCode).toBe(404);
  });
});
