import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clients, qualifications } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Issue 13, bug 10: facial services book only practitioners whose facial acupuncture
 * qualification the owner has verified, unless the owner turns that rule off.
 */
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let pat: TestClient;
let reception: TestClient;
/** A facial service without the consultation rule, given by both practitioners. */
let facialId: string;
let clientId: string;
let ip = 1;

beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '50' });
  f = await createClinicFixture(t, { slug: 'verified-facial' });
  [owner, pat, reception] = await Promise.all([f.signIn('owner'), f.signIn('practitioner'), f.signIn('reception')]);
  const created = await owner.post(settings('/services'), {
    name: 'Facial top-up', slug: 'facial-top-up', kind: 'facial', durationMin: 30, priceMinor: 5000, practitionerIds: [f.practitionerId, f.secondId],
  });
  expect(created.statusCode).toBe(201);
  facialId = created.json().id;
  // The second practitioner's facial certificate: recorded, not yet verified.
  const [q] = await t.database.db.select({ id: qualifications.id }).from(qualifications)
    .where(and(eq(qualifications.clinicId, f.clinicId), eq(qualifications.userId, f.secondId)));
  const unverify = await owner.post(url(`/members/${f.secondId}/qualifications/${q!.id}/verification`), { verified: false });
  expect(unverify.statusCode).toBe(200);
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Fay Facial', email: 'fay@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const settings = (path: string) => url(`/settings${path}`);
const visitor = () => {
  const c = t.client();
  c.ip = `198.51.100.${ip++}`;
  return c;
};
const TUESDAY_10 = () => localSlot(f.timeZone, 2, '10:00', 4);

async function availability(practitionerId?: string) {
  const day = TUESDAY_10().slice(0, 10);
  return visitor().get(url(`/availability?serviceId=${facialId}&from=${day}&to=${day}${practitionerId ? `&practitionerId=${practitionerId}` : ''}`));
}
async function offeredPractitioners() {
  const res = await availability();
  expect(res.statusCode).toBe(200);
  return new Set(res.json().slots.map((s: { practitionerId: string }) => s.practitionerId));
}
/** Whether the second practitioner is offered when asked for by name. */
async function secondOffered() {
  const res = await availability(f.secondId);
  return res.statusCode === 200 && res.json().slots.length > 0;
}
const givers = async () => (await visitor().get(url('/services'))).json().items.find((s: { id: string }) => s.id === facialId).practitionerIds as string[];
const publicPractitioner = async (id: string) => (await visitor().get(url('/practitioners'))).json().items.find((p: { id: string }) => p.id === id) as { serviceIds: string[] } | undefined;
const bookOnline = (practitionerId?: string, start = TUESDAY_10()) =>
  visitor().post(url('/bookings'), { serviceId: facialId, start, ...(practitionerId ? { practitionerId } : {}), client: { name: 'Val Visitor', email: `val${ip}@example.com`, phone: '07700 900123' } });
const setRule = (by: TestClient, on: boolean) => by.patch(settings('/booking'), { requireVerifiedFacialQualification: on });

describe('facial services and verified qualifications', () => {
  it('is on by default and shown with the booking rules', async () => {
    const res = await reception.get(settings('/booking'));
    expect(res.statusCode).toBe(200);
    expect(res.json().requireVerifiedFacialQualification).toBe(true);
  });

  it('does not offer the unverified practitioner for facial services, by name or as "any qualified practitioner"', async () => {
    expect(await givers()).toEqual([f.practitionerId]);
    expect([...await offeredPractitioners()]).toEqual([f.practitionerId]);
    const named = await availability(f.secondId);
    expect(named.statusCode).toBe(400);
    expect(named.json().type).toMatch(/practitioner-not-verified$/);
    // Their profile's "book with" offers only what they may be booked for.
    expect((await publicPractitioner(f.secondId))!.serviceIds).not.toContain(facialId);
    expect((await publicPractitioner(f.secondId))!.serviceIds).toContain(f.services.massage);
    expect((await publicPractitioner(f.practitionerId))!.serviceIds).toContain(facialId);
  });

  it('refuses an online booking with the unverified practitioner (422) and books the verified one', async () => {
    const refused = await bookOnline(f.secondId);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().type).toMatch(/practitioner-not-verified$/);
    expect(refused.json()).toMatchObject({ errors: [{ field: 'practitionerId' }] });
    expect(refused.json().detail).toContain('verified');
    const ok = await bookOnline(f.practitionerId);
    expect(ok.statusCode).toBe(201);
    // "Any qualified practitioner" at a time only the unverified one has free: not offered.
    const anyone = await bookOnline(undefined, TUESDAY_10());
    expect(anyone.statusCode).toBe(409);
  });

  it('refuses a staff booking in the diary with the unverified practitioner too', async () => {
    // The diary offers them only where they may be booked; the owner still sees who gives it.
    const staffList = (await reception.get(settings('/services'))).json().items.find((s: { id: string }) => s.id === facialId);
    expect(staffList.practitionerIds).toEqual(expect.arrayContaining([f.practitionerId, f.secondId]));
    expect(staffList.bookablePractitionerIds).toEqual([f.practitionerId]);
    const start = localSlot(f.timeZone, 3, '10:00', 4);
    const refused = await reception.post(url('/diary/bookings'), { serviceId: facialId, practitionerId: f.secondId, start, clientId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toMatch(/practitioner-not-verified$/);
    const ok = await reception.post(url('/diary/bookings'), { serviceId: facialId, practitionerId: f.practitionerId, start, clientId });
    expect(ok.statusCode).toBe(201);
  });

  it('offers them once the owner verifies the certificate', async () => {
    const [q] = await t.database.db.select({ id: qualifications.id }).from(qualifications)
      .where(and(eq(qualifications.clinicId, f.clinicId), eq(qualifications.userId, f.secondId)));
    expect((await owner.post(url(`/members/${f.secondId}/qualifications/${q!.id}/verification`), { verified: true })).statusCode).toBe(200);
    expect(await givers()).toEqual(expect.arrayContaining([f.practitionerId, f.secondId]));
    expect(await secondOffered()).toBe(true);
    expect((await owner.post(url(`/members/${f.secondId}/qualifications/${q!.id}/verification`), { verified: false })).statusCode).toBe(200);
    expect(await givers()).toEqual([f.practitionerId]);
  });

  it('lets only the owner change the rule (403 for reception and practitioners, nothing changes)', async () => {
    for (const who of [reception, pat]) {
      const res = await setRule(who, false);
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await owner.get(settings('/booking'))).json().requireVerifiedFacialQualification).toBe(true);
    expect((await setRule(owner, 'yes' as unknown as boolean)).statusCode).toBe(400);
  });

  it('offers and books everyone who gives it once the owner turns the rule off, audited', async () => {
    const off = await setRule(owner, false);
    expect(off.statusCode).toBe(200);
    expect(off.json().requireVerifiedFacialQualification).toBe(false);
    const [row] = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'booking_settings.update')));
    expect(row).toMatchObject({ actorUserId: f.ownerId, entityId: f.clinicId });
    expect(row!.details).toMatchObject({ fields: ['requireVerifiedFacialQualification'], requireVerifiedFacialQualification: false });

    expect(await givers()).toEqual(expect.arrayContaining([f.practitionerId, f.secondId]));
    expect(await secondOffered()).toBe(true);
    expect((await publicPractitioner(f.secondId))!.serviceIds).toContain(facialId);
    const ok = await bookOnline(f.secondId, localSlot(f.timeZone, 4, '10:00', 4));
    expect(ok.statusCode).toBe(201);

    // Back on: refused again at once (the cached schedule is not trusted past the change).
    expect((await setRule(owner, true)).statusCode).toBe(200);
    expect((await bookOnline(f.secondId, localSlot(f.timeZone, 4, '11:00', 4))).statusCode).toBe(422);
  });
});
