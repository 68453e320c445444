import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { bookings, careTeam, clients, practitionerWeeklyHours, servicePractitioners, services } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Staff moving bookings (the diary's drag and move dialog) by the staff rules, and clashes
 * on a room alone answered like any other clash: 409.
 */
let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let pat: TestClient;
let clientId: string;
/** A treatment that needs a treatment room (the fixture has two). */
let roomy: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'move-clinic' });
  [reception, pat] = await Promise.all([f.signIn('reception'), f.signIn('practitioner')]);
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Cora Client', email: 'cora@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
  const [s] = await t.database.db.insert(services).values({
    clinicId: f.clinicId, slug: 'room-treatment', name: 'Room treatment', kind: 'traditional', durationMin: 60, priceMinor: 6000, roomKind: 'treatment', sortOrder: 5,
  }).returning({ id: services.id });
  roomy = s!.id;
  await t.database.db.insert(servicePractitioners).values([f.practitionerId, f.secondId].map((p) => ({ clinicId: f.clinicId, serviceId: roomy, practitionerId: p })));
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

async function book(by: TestClient, start: string, extra: Record<string, unknown> = {}) {
  const res = await by.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start, clientId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
const move = (by: TestClient, id: string, body: Record<string, unknown>, version?: number) =>
  by.patch(url(`/bookings/${id}`), body, version === undefined ? {} : { 'if-match': `"${version}"` });

describe(`staff move rules (${testDatabaseKind})`, () => {
  it('moves inside the hours however short the notice, as booking by phone does, but never into the past', async () => {
    // Sam works around the clock for this test, so "in 30 minutes" is always inside the hours.
    await t.database.db.delete(practitionerWeeklyHours).where(and(eq(practitionerWeeklyHours.clinicId, f.clinicId), eq(practitionerWeeklyHours.practitionerId, f.secondId)));
    await t.database.db.insert(practitionerWeeklyHours).values([0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ clinicId: f.clinicId, practitionerId: f.secondId, weekday, startMinute: 0, endMinute: 24 * 60 })));
    // The next quarter hour at least 30 minutes away; after 23:00, the start of the next day
    // instead, so the appointment (40 minutes with its buffer) never runs across midnight.
    // Either way it is under 1 h 45 min away, inside the two hours' online notice, whenever
    // the test runs.
    const quarter = 15 * 60_000;
    let soon = DateTime.fromMillis(Math.ceil((Date.now() + 30 * 60_000) / quarter) * quarter, { zone: f.timeZone });
    if (!soon.plus({ minutes: 60 }).hasSame(soon, 'day')) soon = soon.plus({ days: 1 }).startOf('day');
    const onGrid = soon.toUTC().toISO({ suppressMilliseconds: true })!;
    const b = await book(reception, localSlot(f.timeZone, 1, '09:00'), { practitionerId: f.secondId });

    // Online, two hours' notice: the public rules refuse that time.
    const online = await t.client().get(url(`/availability?serviceId=${f.services.consultation}&practitionerId=${f.secondId}&from=${encodeURIComponent(onGrid)}&to=${encodeURIComponent(new Date(Date.parse(onGrid) + 60_000).toISOString())}`));
    expect(online.json().slots).toEqual([]);

    const moved = await move(reception, b.id, { start: onGrid }, b.version);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().start).toBe(new Date(onGrid).toISOString());

    const past = await move(reception, b.id, { start: new Date(Date.now() - 3_600_000).toISOString() });
    expect(past.statusCode).toBe(422);
    expect(past.headers['content-type']).toContain('application/problem+json');
  });

  it('moves a service not offered online', async () => {
    const b = await book(reception, localSlot(f.timeZone, 2, '09:00'), { serviceId: f.services.offline });
    const moved = await move(reception, b.id, { start: localSlot(f.timeZone, 2, '11:00'), practitionerId: f.secondId }, b.version);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().practitioner.id).toBe(f.secondId);
  });

  it('keeps to the practitioner’s hours and the slot grid, and answers 409 to a clash', async () => {
    const b = await book(reception, localSlot(f.timeZone, 2, '14:00'));
    const night = await move(reception, b.id, { start: localSlot(f.timeZone, 2, '22:00') });
    expect(night.statusCode).toBe(422);
    expect(night.json().type).toMatch(/slot-not-offered$/);
    expect((await move(reception, b.id, { start: localSlot(f.timeZone, 2, '14:05') })).statusCode).toBe(422);
    const other = await book(reception, localSlot(f.timeZone, 2, '15:00'));
    const clash = await move(reception, b.id, { start: localSlot(f.timeZone, 2, '15:00') });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().type).toMatch(/slot-taken$/);
    // Overlapping its own time is fine: 14:00 → 14:15.
    expect((await move(reception, b.id, { start: localSlot(f.timeZone, 2, '14:15') })).statusCode).toBe(200);
    expect(other.id).toBeTruthy();
  });

  it('lets a practitioner move their own bookings within their own diary only', async () => {
    const own = await book(reception, localSlot(f.timeZone, 3, '09:00'));
    expect((await move(pat, own.id, { start: localSlot(f.timeZone, 3, '10:00') }, own.version)).statusCode).toBe(200);
    expect((await move(pat, own.id, { start: localSlot(f.timeZone, 3, '11:00'), practitionerId: f.secondId })).statusCode).toBe(403);
    // A colleague's booking of a client Pat also treats: Pat sees it, but may not move it.
    const theirs = await book(reception, localSlot(f.timeZone, 3, '09:00'), { practitionerId: f.secondId });
    await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId, practitionerId: f.practitionerId }).onConflictDoNothing();
    expect((await pat.get(url(`/bookings/${theirs.id}`))).statusCode).toBe(200);
    expect((await move(pat, theirs.id, { start: localSlot(f.timeZone, 3, '12:00') })).statusCode).toBe(403);
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, theirs.id));
    expect(row!.startsAt.toISOString()).toBe(new Date(localSlot(f.timeZone, 3, '09:00')).toISOString());
  });
});

describe(`GET /diary/free-times (${testDatabaseKind})`, () => {
  it('offers staff free times by the staff rules, with the moved booking’s own time free', async () => {
    const b = await book(reception, localSlot(f.timeZone, 4, '10:00'));
    const date = localDate(localSlot(f.timeZone, 4, '10:00'), f.timeZone);
    const q = (extra: string) => url(`/diary/free-times?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${date}&to=${date}${extra}`);
    const starts = (res: { json(): { slots: { start: string }[] } }) => res.json().slots.map((s) => DateTime.fromISO(s.start).setZone(f.timeZone).toFormat('HH:mm'));
    const without = await reception.get(q(''));
    expect(without.statusCode).toBe(200);
    expect(starts(without)).not.toContain('10:00');
    expect(starts(without)).not.toContain('10:15');
    expect(starts(await reception.get(q(`&bookingId=${b.id}`)))).toContain('10:15');

    const offline = await reception.get(url(`/diary/free-times?serviceId=${f.services.offline}&from=${date}&to=${date}`));
    expect(offline.statusCode).toBe(200);
    expect(offline.json().slots.length).toBeGreaterThan(0);
    expect((await t.client().get(url(`/availability?serviceId=${f.services.offline}&from=${date}&to=${date}`))).statusCode).toBe(400);
  });

  it('shows a practitioner only their own free times, and visitors nothing', async () => {
    const date = localDate(localSlot(f.timeZone, 4, '10:00'), f.timeZone);
    const mine = await pat.get(url(`/diary/free-times?serviceId=${f.services.consultation}&from=${date}&to=${date}`));
    expect(mine.json().slots.every((s: { practitionerId: string }) => s.practitionerId === f.practitionerId)).toBe(true);
    expect((await pat.get(url(`/diary/free-times?serviceId=${f.services.consultation}&practitionerId=${f.secondId}&from=${date}`))).statusCode).toBe(403);
    expect((await t.client().get(url(`/diary/free-times?serviceId=${f.services.consultation}&from=${date}`))).statusCode).toBe(401);
  });
});

describe(`a clash on the room alone is 409, like a practitioner clash (${testDatabaseKind})`, () => {
  /** Room 1 taken by Sam's treatment and room 2 closed from 09:00 to 12:00 on `weekday`; Pat is free. */
  async function bothRoomsTaken(weekday: number) {
    await book(reception, localSlot(f.timeZone, weekday, '10:00'), { serviceId: roomy, practitionerId: f.secondId });
    const block = await reception.post(url('/blocks'), { roomId: f.roomIds[1], start: localSlot(f.timeZone, weekday, '09:00'), end: localSlot(f.timeZone, weekday, '12:00'), note: 'Decorating' });
    expect(block.statusCode).toBe(201);
  }
  const expectRoomClash = (res: { statusCode: number; headers: Record<string, unknown>; json(): { type: string; detail: string } }) => {
    expect(res.statusCode).toBe(409);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json().type).toMatch(/slot-taken$/);
    expect(res.json().detail).toMatch(/^No room for this treatment is free at that time/);
  };

  it('when staff book by phone', async () => {
    await bothRoomsTaken(5);
    expectRoomClash(await reception.post(url('/diary/bookings'), { serviceId: roomy, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 5, '10:00'), clientId }));
  });

  it('when a visitor books online, a named practitioner or any', async () => {
    await bothRoomsTaken(6);
    const visitor = (body: Record<string, unknown>) => t.client().post(url('/bookings'), { serviceId: roomy, start: localSlot(f.timeZone, 6, '10:00'), client: { name: 'Val Visitor', email: 'val@example.com' }, ...body });
    expectRoomClash(await visitor({ practitionerId: f.practitionerId }));
    expectRoomClash(await visitor({}));
  });

  it('when staff move a booking onto it', async () => {
    await bothRoomsTaken(1);
    const b = await book(reception, localSlot(f.timeZone, 1, '14:00'), { serviceId: roomy });
    expectRoomClash(await move(reception, b.id, { start: localSlot(f.timeZone, 1, '10:00') }, b.version));
  });

  it('when two practitioners take the last free room at once', async () => {
    const start = localSlot(f.timeZone, 2, '16:00', 10);
    const block = await reception.post(url('/blocks'), { roomId: f.roomIds[1], start, end: localSlot(f.timeZone, 2, '17:00', 10) });
    expect(block.statusCode).toBe(201);
    const [a, b] = await Promise.all([f.practitionerId, f.secondId].map((practitionerId) =>
      reception.post(url('/diary/bookings'), { serviceId: roomy, practitionerId, start, clientId })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    expect([a!, b!].find((r) => r.statusCode === 409)!.json().type).toMatch(/slot-taken$/);
  });

  it('when two practitioners’ bookings are moved into the last free room at once', async () => {
    const start = localSlot(f.timeZone, 3, '10:00', 10);
    const block = await reception.post(url('/blocks'), { roomId: f.roomIds[1], start, end: localSlot(f.timeZone, 3, '12:00', 10) });
    expect(block.statusCode).toBe(201);
    const first = await book(reception, localSlot(f.timeZone, 3, '14:00', 10), { serviceId: roomy });
    const second = await book(reception, localSlot(f.timeZone, 3, '14:00', 10), { serviceId: roomy, practitionerId: f.secondId });
    const results = await Promise.all([first, second].map((b) => move(reception, b.id, { start }, b.version)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().type).toMatch(/slot-taken$/);
  });
});
