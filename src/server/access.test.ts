import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../data/schema/index.ts';
import { buildTestApp, type TestContext } from './test-app.ts';
import { addBooking, addClientWithAccount, createClinicFixture, localSlot, type ClinicFixture } from '../features/booking/booking.test-helpers.ts';

let t: TestContext;
let a: ClinicFixture;
let b: ClinicFixture;

beforeAll(async () => {
  t = await buildTestApp();
  a = await createClinicFixture(t, { slug: 'access-a' });
  b = await createClinicFixture(t, { slug: 'access-b' });
});
afterAll(() => t.close());

/** The newest `access.denied` row by this user. */
async function lastDenial(actorUserId: string) {
  const [row] = await t.database.db.select().from(auditLog)
    .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, actorUserId)))
    .orderBy(desc(auditLog.at)).limit(1);
  return row;
}

describe('the access module audits every refusal', () => {
  it('answers 404 to another clinic’s owner asking for a client, and audits it as access.denied (no-membership)', async () => {
    const clara = await addClientWithAccount(t, a, 'Clara Client', 'clara@access.example');
    const other = await b.signIn('owner');
    const response = await other.get(`/api/v1/clinics/${a.slug}/clients/${clara.clientId}`, { 'user-agent': 'AccessTest/1' });
    expect(response.statusCode).toBe(404);
    const row = await lastDenial(b.ownerId);
    expect(row).toMatchObject({
      clinicId: a.clinicId, entityType: 'client', entityId: clara.clientId, actorRole: null, ip: '203.0.113.10', userAgent: 'AccessTest/1',
    });
    expect(row!.details).toEqual({ reason: 'no-membership', status: 404 });
  });

  it('answers 403 to a wrong role and audits it (role)', async () => {
    const desk = await a.signIn('reception');
    const response = await desk.patch(`/api/v1/clinics/${a.slug}/settings`, { name: 'Renamed' });
    expect(response.statusCode).toBe(403);
    const row = await lastDenial(a.receptionId);
    expect(row).toMatchObject({ clinicId: a.clinicId, actorRole: 'reception', entityType: 'clinic', entityId: a.clinicId });
    expect(row!.details).toEqual({ reason: 'role', status: 403 });
  });

  it('audits a client reading another client’s record or booking (not-own-record), though the request failed', async () => {
    const dora = await addClientWithAccount(t, a, 'Dora Client', 'dora@access.example');
    const eve = await addClientWithAccount(t, a, 'Eve Client', 'eve@access.example');
    const booking = await addBooking(t, a, { clientId: eve.clientId, practitionerId: a.practitionerId, start: localSlot(a.timeZone, 2, '10:00', 10) });
    const asDora = await dora.signIn();

    const record = await asDora.get(`/api/v1/clinics/${a.slug}/clients/${eve.clientId}`);
    expect(record.statusCode).toBe(404);
    expect(await lastDenial(dora.userId)).toMatchObject({ clinicId: a.clinicId, actorRole: 'client', entityType: 'client', entityId: eve.clientId, details: { reason: 'not-own-record', status: 404 } });

    // The booking is loaded (and refused) inside a transaction that rolls back; the refusal's row survives it.
    const read = await asDora.get(`/api/v1/clinics/${a.slug}/bookings/${booking}`);
    expect(read.statusCode).toBe(404);
    expect(await lastDenial(dora.userId)).toMatchObject({ entityType: 'booking', entityId: booking, details: { reason: 'not-own-record', status: 404 } });

    const cancel = await asDora.post(`/api/v1/clinics/${a.slug}/bookings/${booking}/cancel`, {});
    expect(cancel.statusCode).toBe(404);
    const rows = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, dora.userId), eq(auditLog.entityId, booking)));
    expect(rows).toHaveLength(2);
    // Her own record is hers to read, and is not a refusal.
    expect((await asDora.get(`/api/v1/clinics/${a.slug}/clients/${dora.clientId}`)).statusCode).toBe(200);
  });

  it('lets the owner find refusals in the audit log, in plain words', async () => {
    const owner = await a.signIn('owner');
    const response = await owner.get(`/api/v1/clinics/${a.slug}/audit?action=access.denied`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { action: string; actionLabel: string; details: Record<string, unknown> }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((i) => i.action === 'access.denied' && i.actionLabel === 'Was refused access')).toBe(true);
    expect(items.map((i) => i.details.reason)).toEqual(expect.arrayContaining(['no-membership', 'role', 'not-own-record']));
  });
});
