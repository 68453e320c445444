import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, bookings } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { AccessDenied, recordDenial, requesterForUser, resolveActor, STAFF, type Actor, type Role } from '../../server/access.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import * as diary from './diary.service.ts';

/**
 * The diary service works on a resolved Actor, not an HTTP request: here it is called as
 * the command line or a background job would call it, and the same access rules apply,
 * with the same audit rows (no address: there is none).
 */
let t: TestContext;
let f: ClinicFixture;
let ctx: AppContext;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'diary-no-http' });
  ctx = { database: t.database, config: t.config };
});
afterAll(() => t.close());

/** Resolves an account as the command line does: by its id, in the clinic, for the roles an operation allows. */
async function commandLineActor(userId: string, roles: readonly Role[]): Promise<Actor> {
  return resolveActor(t.database, await requesterForUser(t.database, userId), f.slug, roles);
}

/** Runs an operation as the command line does: a refusal thrown inside it is recorded in its catch. */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccessDenied) await recordDenial(t.database, error);
    throw error;
  }
}

async function lastDenial(userId: string) {
  const [row] = await t.database.db.select().from(auditLog)
    .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, userId)))
    .orderBy(desc(auditLog.at)).limit(1);
  return row;
}

describe('the diary service without HTTP', () => {
  it('lets reception book a client by phone, audited with the actor and no address', async () => {
    const reception = await commandLineActor(f.receptionId, STAFF);
    expect(reception).toMatchObject({ role: 'reception', clinicId: f.clinicId, ip: null, userAgent: null });
    const entry = await run(() => diary.createStaffBooking(ctx, reception, {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 2, '09:00'),
      client: { name: 'Cli Caller', email: 'cli.caller@example.com', phone: '07700 900556' },
    }));
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, entry.id));
    expect(row).toMatchObject({ status: 'confirmed', source: 'staff', createdBy: f.receptionId });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'booking.create'), eq(auditLog.entityId, entry.id)));
    expect(audit).toMatchObject({ actorUserId: f.receptionId, actorRole: 'reception', clinicId: f.clinicId, ip: null, userAgent: null });
  });

  it('refuses reception a calendar feed (owner and practitioners only), and audits the refusal', async () => {
    const refusal = await commandLineActor(f.receptionId, ['owner', 'practitioner']).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AccessDenied);
    expect(refusal).toMatchObject({ status: 403 });
    expect(await lastDenial(f.receptionId)).toMatchObject({
      clinicId: f.clinicId, actorRole: 'reception', entityType: 'clinic', entityId: f.clinicId, ip: null, details: { reason: 'role', status: 403 },
    });
  });

  it('refuses a practitioner a colleague’s diary inside the service, and the caller’s catch audits it', async () => {
    const practitioner = await commandLineActor(f.practitionerId, STAFF);
    const own = await run(() => diary.getDiary(ctx, practitioner, { days: 1, practitionerId: f.practitionerId }));
    expect(own.columns.map((c) => c.practitionerId)).toEqual([f.practitionerId]);

    const refusal = await run(() => diary.getDiary(ctx, practitioner, { days: 1, practitionerId: f.secondId })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AccessDenied);
    expect(refusal).toMatchObject({ status: 403, detail: 'Practitioners see only their own diary.' });
    expect(await lastDenial(f.practitionerId)).toMatchObject({
      clinicId: f.clinicId, actorRole: 'practitioner', entityType: 'membership', entityId: f.secondId, ip: null, details: { reason: 'role', status: 403 },
    });
  });

  it('refuses someone with no place in the clinic (a client, for staff work) with 404, audited', async () => {
    const clara = await addClientWithAccount(t, f, 'Clara Cli', 'clara.cli@example.com');
    const refusal = await commandLineActor(clara.userId, STAFF).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ status: 404 });
    expect(await lastDenial(clara.userId)).toMatchObject({ clinicId: f.clinicId, details: { reason: 'no-membership', status: 404 } });
  });
});
