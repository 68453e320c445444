import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, clients } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The front desk on the appointment's day (issue 13): arrived only on the day, from 30
 * minutes before the start; arrived, no-show and completed undone within the day; and no
 * free time offered that has already begun. The server's clock is set per test
 * (`ctx.now`), so nothing depends on when the tests run.
 */
let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let pat: TestClient;
let clientId: string;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'desk-clinic' });
  [reception, pat] = await Promise.all([f.signIn('reception'), f.signIn('practitioner')]);
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Dora Desk', email: 'dora@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
/** Sets the server's clock to `iso` plus `minutes`. */
const clockAt = (iso: string, minutes = 0) => { t.app.ctx.now = () => Date.parse(iso) + minutes * 60_000; };

async function book(start: string, practitionerId = f.practitionerId) {
  const res = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId, start, clientId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; undoTo: string | null };
}
const mark = (id: string, status: string, by = reception) => by.post(url(`/bookings/${id}/status`), { status });
const undo = (id: string, by = reception) => by.post(url(`/bookings/${id}/status/undo`));
async function entryInDiary(id: string, start: string) {
  const diary = (await reception.get(url(`/diary?date=${localDate(start, f.timeZone)}`))).json();
  return diary.columns.flatMap((c: { entries: { id: string }[] }) => c.entries).find((e: { id: string }) => e.id === id);
}

describe(`marking arrived belongs to the day (${testDatabaseKind})`, () => {
  it('refuses arrived days before the appointment with a clear problem, and accepts it from 30 minutes before', async () => {
    const start = localSlot(f.timeZone, 2, '10:00'); // at least 3 days ahead of the real clock
    const b = await book(start);

    const early = await mark(b.id, 'arrived');
    expect(early.statusCode).toBe(422);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json().type).toMatch(/not-arrival-time$/);
    expect(early.json().detail).toMatch(/only on the day of the appointment, from 30 minutes before the start \(from 09:30\)/);

    clockAt(start, -31);
    expect((await mark(b.id, 'arrived')).statusCode).toBe(422);
    clockAt(start, -30);
    const ok = await mark(b.id, 'arrived');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('arrived');
  });

  it('refuses arrived once the day is over (completed or no-show instead)', async () => {
    const start = localSlot(f.timeZone, 3, '10:00');
    const b = await book(start);
    const nextMorning = DateTime.fromISO(start).setZone(f.timeZone).plus({ days: 1 }).set({ hour: 8 }).toISO()!;
    clockAt(nextMorning);
    const late = await mark(b.id, 'arrived');
    expect(late.statusCode).toBe(422);
    expect(late.json().detail).toMatch(/over/);
    expect((await mark(b.id, 'completed')).statusCode).toBe(200);
  });
});

describe(`undoing a front-desk status within the day (${testDatabaseKind})`, () => {
  it('undoes a no-show back to booked, audited, and shows the undo in the diary', async () => {
    const start = localSlot(f.timeZone, 4, '10:00');
    const b = await book(start);
    expect(b.undoTo).toBeNull();
    clockAt(start, 10);
    const noShow = await mark(b.id, 'no_show');
    expect(noShow.json()).toMatchObject({ status: 'no_show', undoTo: 'confirmed' });
    expect(await entryInDiary(b.id, start)).toMatchObject({ status: 'no_show', undoTo: 'confirmed' });

    const undone = await undo(b.id);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'confirmed', undoTo: null, version: b.version + 2 });
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, b.id), eq(auditLog.action, 'booking.status_undo')));
    expect(audit).toMatchObject({ clinicId: f.clinicId, actorRole: 'reception', details: { from: 'no_show', to: 'confirmed' } });

    // Nothing left to undo.
    const again = await undo(b.id);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });

  it('undoes completed back to arrived, then arrived back to booked', async () => {
    const start = localSlot(f.timeZone, 5, '10:00');
    const b = await book(start);
    clockAt(start, -5);
    expect((await mark(b.id, 'arrived')).json().undoTo).toBe('confirmed');
    clockAt(start, 40);
    expect((await mark(b.id, 'completed')).json()).toMatchObject({ status: 'completed', undoTo: 'arrived' });
    expect((await undo(b.id)).json()).toMatchObject({ status: 'arrived', undoTo: 'confirmed' });
    expect((await undo(b.id)).json()).toMatchObject({ status: 'confirmed', undoTo: null });
  });

  it('refuses after the appointment’s day, and the diary then offers no undo', async () => {
    const start = localSlot(f.timeZone, 6, '10:00');
    const b = await book(start);
    clockAt(start, 10);
    expect((await mark(b.id, 'no_show')).statusCode).toBe(200);
    const nextDay = DateTime.fromISO(start).setZone(f.timeZone).plus({ days: 1 }).startOf('day').toISO()!;
    clockAt(nextDay);
    expect(await entryInDiary(b.id, start)).toMatchObject({ status: 'no_show', undoTo: null });
    const refused = await undo(b.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/only on the day of the appointment/);
    // One minute before midnight it still could have been undone.
    clockAt(nextDay, -1);
    expect((await undo(b.id)).statusCode).toBe(200);
  });

  it('answers 409 when a no-show’s time has been given to someone else, and 404 to a practitioner for a colleague’s booking', async () => {
    const start = localSlot(f.timeZone, 2, '14:00', 10);
    const b = await book(start);
    clockAt(start, 5);
    expect((await mark(b.id, 'no_show')).statusCode).toBe(200);
    // A walk-in takes the rest of the time.
    await book(DateTime.fromISO(start).plus({ minutes: 15 }).toUTC().toISO({ suppressMilliseconds: true })!);
    const clash = await undo(b.id);
    expect(clash.statusCode).toBe(409);
    expect((await reception.get(url(`/diary?date=${localDate(start, f.timeZone)}`))).statusCode).toBe(200);

    const sams = await book(localSlot(f.timeZone, 2, '15:00', 10), f.secondId);
    clockAt(localSlot(f.timeZone, 2, '15:00', 10), 5);
    expect((await mark(sams.id, 'no_show')).statusCode).toBe(200);
    expect((await undo(sams.id, pat)).statusCode).toBe(404);
    expect((await t.client().post(url(`/bookings/${sams.id}/status/undo`))).statusCode).toBe(401);
  });
});

describe(`free times already begun are not offered (${testDatabaseKind})`, () => {
  it('offers staff only times after the server’s now on the day, and the diary tells the screen that now', async () => {
    const day = localSlot(f.timeZone, 1, '09:00', 14);
    clockAt(localSlot(f.timeZone, 1, '10:07', 14));
    const date = localDate(day, f.timeZone);
    const res = await reception.get(url(`/diary/free-times?serviceId=${f.services.offline}&practitionerId=${f.secondId}&from=${date}&to=${date}`));
    expect(res.statusCode, res.body).toBe(200);
    const starts = res.json().slots.map((s: { start: string }) => DateTime.fromISO(s.start).setZone(f.timeZone).toFormat('HH:mm'));
    expect(starts[0]).toBe('10:15');
    expect(starts.every((s: string) => s >= '10:15')).toBe(true);
    const diary = (await reception.get(url(`/diary?date=${date}`))).json();
    expect(diary.now).toBe(new Date(localSlot(f.timeZone, 1, '10:07', 14)).toISOString());
  });
});
