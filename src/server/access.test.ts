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

  it('audits a service’s own refusal (refused: a role rule inside the service), with identifiers only', async () => {
    // A practitioner asking for a colleague's diary: the guard lets staff in, the diary service says no.
    const practitioner = await a.signIn('practitioner');
    const diary = await practitioner.get(`/api/v1/clinics/${a.slug}/diary?practitionerId=${a.secondId}`, { 'user-agent': 'AccessTest/2' });
    expect(diary.statusCode).toBe(403);
    expect(diary.json().detail).toBe('Practitioners see only their own diary.');
    const row = await lastDenial(a.practitionerId);
    expect(row).toMatchObject({
      action: 'access.denied', clinicId: a.clinicId, actorRole: 'practitioner', entityType: 'membership', entityId: a.secondId,
      ip: '203.0.113.10', userAgent: 'AccessTest/2',
    });
    expect(row!.details).toEqual({ reason: 'role', status: 403 });

    // Reception asking for a client's health answers: refused, and the row holds no answers, only who, what and why.
    const fay = await addClientWithAccount(t, a, 'Fay Client', 'fay@access.example');
    const desk = await a.signIn('reception');
    const answers = await desk.get(`/api/v1/clinics/${a.slug}/clients/${fay.clientId}/intake`);
    expect(answers.statusCode).toBe(403);
    const deskRow = await lastDenial(a.receptionId);
    expect(deskRow).toMatchObject({ clinicId: a.clinicId, actorRole: 'reception', entityType: 'client', entityId: fay.clientId });
    expect(deskRow!.details).toEqual({ reason: 'role', status: 403 });

    // A refusal thrown inside a transaction (removing extra hours as a practitioner) is recorded after the rollback.
    const owner = await a.signIn('owner');
    const extra = await owner.post(`/api/v1/clinics/${a.slug}/settings/practitioners/${a.practitionerId}/exceptions`, {
      kind: 'extra_hours', startDate: '2030-01-05', start: '09:00', end: '12:00',
    });
    expect(extra.statusCode).toBe(201);
    const exceptionId = extra.json().id as string;
    const remove = await practitioner.delete(`/api/v1/clinics/${a.slug}/settings/practitioners/${a.practitionerId}/exceptions/${exceptionId}`);
    expect(remove.statusCode).toBe(403);
    expect(await lastDenial(a.practitionerId)).toMatchObject({
      entityType: 'schedule_exception', entityId: exceptionId, details: { reason: 'role', status: 403 },
    });
    // Nothing changed: the extra hours are still there.
    const list = await owner.get(`/api/v1/clinics/${a.slug}/settings/practitioners/${a.practitionerId}/exceptions`);
    expect((list.json().items as { id: string }[]).map((e) => e.id)).toContain(exceptionId);
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
