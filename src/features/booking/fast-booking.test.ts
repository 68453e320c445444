import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, bookings, clients, clinics, rooms, servicePractitioners, services } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from './booking.test-helpers.ts';

/**
 * A visitor booking a named practitioner takes the one-statement path, judged on the
 * clinic's cached schedule. These check that the cache never books what the clinic no
 * longer offers, that the statement's own guards (rate limits, rooms) hold, and that a
 * request falling back to the full path is answered and counted as before.
 */
let t: TestContext;
let f: ClinicFixture;
let roomService: string;
let quietRoom: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '3' });
  f = await createClinicFixture(t, { slug: 'fast-test' });
  // A service that needs the clinic's only quiet room, given by both practitioners.
  const db = t.database.db;
  [{ id: quietRoom }] = await db.insert(rooms).values({ clinicId: f.clinicId, name: 'Quiet room', kind: 'quiet', sortOrder: 3 }).returning({ id: rooms.id }) as [{ id: string }];
  [{ id: roomService }] = await db.insert(services).values({
    clinicId: f.clinicId, slug: 'cupping', name: 'Cupping', kind: 'traditional', durationMin: 30, priceMinor: 4000, roomKind: 'quiet', sortOrder: 5,
  }).returning({ id: services.id }) as [{ id: string }];
  await db.insert(servicePractitioners).values([f.practitionerId, f.secondId].map((practitionerId) => ({ clinicId: f.clinicId, serviceId: roomService, practitionerId })));
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/clinics/${f.slug}${path}`;
let ipCounter = 1;
function book(body: Record<string, unknown>) {
  const c = t.client();
  c.ip = `203.0.113.${ipCounter++ % 250}`;
  return c.post(url('/bookings'), body);
}
let emailCounter = 1;
const person = (email = `visitor${emailCounter++}@example.com`) => ({ name: 'Ada Lovelace', email, phone: '07700 900123' });
const localDay = (iso: string) => DateTime.fromISO(iso).setZone(f.timeZone).toISODate()!;

describe('a visitor booking a named practitioner', () => {
  it('holds the slot with the client, audit row and e-mail, and the same slot again is 409', async () => {
    const start = localSlot(f.timeZone, 2, '11:00', 10);
    const res = await book({ serviceId: f.services.massage, practitionerId: f.secondId, start, client: person('fast@example.com') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'held', practitionerId: f.secondId });
    expect(Date.parse(res.json().start)).toBe(Date.parse(start));
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, res.json().id));
    expect(row).toMatchObject({ status: 'held', source: 'online', practitionerId: f.secondId });
    expect(await t.database.db.select().from(clients).where(eq(clients.email, 'fast@example.com'))).toHaveLength(1);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.json().id))).toHaveLength(1);
    expect(await t.emailsTo('fast@example.com')).toHaveLength(1);

    const again = await book({ serviceId: f.services.massage, practitionerId: f.secondId, start, client: person() });
    expect(again.statusCode).toBe(409);
    expect(await t.database.db.select().from(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.startsAt, new Date(start))))).toHaveLength(1);
  });

  it('never books from a cached schedule the clinic has changed since: closures, hours, services', async () => {
    const owner = await f.signIn('owner');
    const monday = localSlot(f.timeZone, 1, '10:00', 20);
    const tuesday = localSlot(f.timeZone, 2, '10:00', 20);
    const wednesday = localSlot(f.timeZone, 3, '10:00', 20);
    // Warm the cache for the massage service.
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: monday, client: person() })).statusCode).toBe(201);

    expect((await owner.post(url('/settings/closures'), { date: localDay(tuesday), name: 'Staff training' })).statusCode).toBe(201);
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: tuesday, client: person() })).statusCode).toBe(422);

    // Wednesdays off from now on (weekday 3; 0 is Sunday).
    const hours = await owner.request('PUT', url(`/settings/practitioners/${f.secondId}/hours`), {
      days: [1, 2, 4, 5, 6].map((weekday) => ({ weekday, intervals: [{ start: '09:00', end: '17:00' }] })),
    });
    expect(hours.statusCode).toBe(200);
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: wednesday, client: person() })).statusCode).toBe(422);

    expect((await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { bookableOnline: false })).statusCode).toBe(200);
    const offline = await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: localSlot(f.timeZone, 4, '10:00', 20), client: person() });
    expect(offline.statusCode).toBe(422);
    expect(offline.json().type).toMatch(/unknown-service$/);
    expect((await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { bookableOnline: true })).statusCode).toBe(200);
  });

  it('takes a free room for a room service, and answers 409 when the only room is taken', async () => {
    const start = localSlot(f.timeZone, 4, '15:00', 10);
    const first = await book({ serviceId: roomService, practitionerId: f.practitionerId, start, client: person() });
    expect(first.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, first.json().id));
    expect(row!.roomId).toBe(quietRoom);
    // The other practitioner is free, but the room is not.
    const second = await book({ serviceId: roomService, practitionerId: f.secondId, start, client: person() });
    expect(second.statusCode).toBe(409);
  });

  it('counts every attempt once against the per-address limit, whichever path answered it', async () => {
    const email = 'counted@example.com';
    const taken = localSlot(f.timeZone, 5, '09:00', 10);
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: taken, client: person() })).statusCode).toBe(201);
    // 1: a clash (the fast statement counts it, the full path answers 409 without counting again).
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: taken, client: person(email) })).statusCode).toBe(409);
    // 2: a start never offered (the full path counts it).
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: localSlot(f.timeZone, 5, '09:05', 10), client: person(email) })).statusCode).toBe(422);
    // 3: a booking.
    expect((await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: localSlot(f.timeZone, 5, '11:00', 10), client: person(email) })).statusCode).toBe(201);
    // 4: over the limit of 3, and nothing written.
    const over = await book({ serviceId: f.services.massage, practitionerId: f.secondId, start: localSlot(f.timeZone, 5, '12:00', 10), client: person(email) });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    const rows = await t.database.db.select({ id: bookings.id }).from(bookings).innerJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
      .where(eq(clients.email, email));
    expect(rows).toHaveLength(1);
  });

  it('refuses a practitioner who does not give the service with the full explanation', async () => {
    const res = await book({ serviceId: f.services.massage, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 2, '10:00', 10), client: person() });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(/practitioner-not-offering$/);
  });
});

describe('the clinic scheduling version', () => {
  it('changes with every table the availability engine reads, and with the clinic itself', async () => {
    const db = t.database.db;
    const version = async () => (await db.select({ v: clinics.schedulingVersion }).from(clinics).where(eq(clinics.id, f.clinicId)))[0]!.v;
    const changes: [string, () => Promise<unknown>][] = [
      ['services', () => db.update(services).set({ name: sql`${services.name}` }).where(eq(services.id, roomService))],
      ['service_practitioners', () => db.delete(servicePractitioners).where(and(eq(servicePractitioners.serviceId, roomService), eq(servicePractitioners.practitionerId, f.secondId)))],
      ['rooms', () => db.update(rooms).set({ sortOrder: 4 }).where(eq(rooms.id, quietRoom))],
      ['practitioner_weekly_hours', () => db.execute(sql`update practitioner_weekly_hours set end_minute = end_minute where practitioner_id = ${f.practitionerId}`)],
      ['schedule_exceptions', () => db.execute(sql`insert into schedule_exceptions (clinic_id, practitioner_id, kind, start_date, end_date) values (${f.clinicId}, ${f.practitionerId}, 'time_off', '2030-01-01', '2030-01-02')`)],
      ['clinic_closures', () => db.execute(sql`insert into clinic_closures (clinic_id, date, name) values (${f.clinicId}, '2030-12-25', 'Christmas')`)],
      ['clinic_booking_settings', () => db.execute(sql`update clinic_booking_settings set slot_step_min = slot_step_min where clinic_id = ${f.clinicId}`)],
      ['clinics', () => db.update(clinics).set({ name: sql`${clinics.name}` }).where(eq(clinics.id, f.clinicId))],
    ];
    for (const [table, change] of changes) {
      const before = await version();
      await change();
      expect({ table, bumped: (await version()) > before }).toEqual({ table, bumped: true });
    }
  });
});
