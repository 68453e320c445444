import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, careTeam, clients, treatmentPlans, waitlistEntries } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

// A fixed reference instant (a Wednesday at noon in London); every booking is placed relative to it.
const REF = Date.parse('2030-03-06T12:00:00Z');
const DAY = 86_400_000;
const at = (days: number, hour = 10) => new Date(REF + days * DAY + (hour - 12) * 3_600_000);

let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let clara: string;
let dev: string;
const course = randomUUID();

type Status = typeof bookings.$inferInsert['status'];
async function visit(clientId: string, days: number, status: Status, extra: Partial<typeof bookings.$inferInsert> = {}, hour = 10) {
  const startsAt = at(days, hour);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const [row] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: f.services.consultation, practitionerId: f.practitionerId, clientId,
    startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status, source: 'staff',
    ...(status === 'cancelled' ? { cancelledAt: new Date(startsAt.getTime() - DAY), cancelledBy: 'client' as const } : {}),
    ...extra,
  }).returning({ id: bookings.id });
  return row!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  t.app.ctx.now = () => REF;
  f = await createClinicFixture(t, { slug: 'history' });
  reception = await f.signIn('reception');
  const rows = await t.database.db.insert(clients).values([
    { clinicId: f.clinicId, name: 'Clara Client', email: 'clara@example.com' },
    { clinicId: f.clinicId, name: 'Dev Other', email: 'dev@example.com' },
  ]).returning({ id: clients.id });
  [clara, dev] = [rows[0]!.id, rows[1]!.id];
  // Pat treats Clara, not Dev.
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: clara, practitionerId: f.practitionerId });

  const facial = { serviceId: f.services.facial, seriesId: course };
  await visit(clara, -30, 'completed');
  await visit(clara, -20, 'completed', facial);
  await visit(clara, -13, 'no_show', facial);
  await visit(clara, -10, 'cancelled', { lateCancellation: true });
  await visit(clara, -9, 'cancelled');
  await visit(clara, -6, 'completed', facial);
  await visit(clara, -2, 'arrived');
  await visit(clara, -1, 'confirmed');
  await visit(clara, -40, 'expired');
  await visit(clara, 3, 'cancelled');
  await visit(clara, 7, 'confirmed', facial);
  await visit(clara, 14, 'confirmed', { practitionerId: f.secondId });
  await visit(clara, 21, 'cancelled', facial);
  await visit(dev, 5, 'confirmed', { practitionerId: f.secondId });
  await t.database.db.insert(waitlistEntries).values([
    { clinicId: f.clinicId, clientId: clara, serviceId: f.services.massage, practitionerId: f.secondId, date: '2030-03-11', createdAt: new Date(REF - 2 * DAY) },
    { clinicId: f.clinicId, clientId: clara, serviceId: f.services.consultation, date: '2030-03-01' },
    { clinicId: f.clinicId, clientId: clara, serviceId: f.services.consultation, date: '2030-03-12', status: 'removed' },
  ]);
});
afterAll(() => t.close());

const url = (clientId: string, query = '') => `/api/v1/clinics/${f.slug}/clients/${clientId}/history${query}`;
type Appt = { startsAt: string; status: string; serviceName: string; practitionerName: string; lateCancellation: boolean; course: { position: number; total: number } | null };

describe("a client's visit history", () => {
  it('counts each outcome and lists upcoming and past visits with their course place', async () => {
    const res = await reception.get(url(clara));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ completed: 4, noShows: 1, lateCancellations: 1, cancellations: 3, upcoming: 2 });
    expect(body.upcoming.map((a: Appt) => [a.startsAt, a.serviceName, a.practitionerName, a.status, a.course])).toEqual([
      [at(7).toISOString(), 'Facial acupuncture', 'Pat Practitioner', 'confirmed', { seriesId: course, position: 3, total: 3 }],
      [at(14).toISOString(), 'Free consultation', 'Sam Second', 'confirmed', null],
    ]);
    // Newest first; the abandoned hold is not a visit; cancellations (even of future dates) are history.
    expect(body.past.map((a: Appt) => [a.startsAt, a.status, a.lateCancellation, a.course && `${a.course.position} of ${a.course.total}`])).toEqual([
      [at(21).toISOString(), 'cancelled', false, null],
      [at(3).toISOString(), 'cancelled', false, null],
      [at(-1).toISOString(), 'confirmed', false, null],
      [at(-2).toISOString(), 'arrived', false, null],
      [at(-6).toISOString(), 'completed', false, '2 of 3'],
      [at(-9).toISOString(), 'cancelled', false, null],
      [at(-10).toISOString(), 'cancelled', true, null],
      // A missed session holds no place in the course, as in the diary and the plan.
      [at(-13).toISOString(), 'no_show', false, null],
      [at(-20).toISOString(), 'completed', false, '1 of 3'],
      [at(-30).toISOString(), 'completed', false, null],
    ]);
    expect(body.nextCursor).toBeNull();
    expect(body.courses).toEqual([{ seriesId: course, serviceName: 'Facial acupuncture', total: 3, done: 2, booked: 1, noShows: 1 }]);
    // Only entries still waiting for a day not yet gone.
    expect(body.waitlist).toEqual([{ id: expect.any(String), serviceName: 'Sports massage', practitionerName: 'Sam Second', date: '2030-03-11', since: new Date(REF - 2 * DAY).toISOString() }]);
    const audited = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'client.view_history'), eq(auditLog.entityId, clara)));
    expect(audited).toHaveLength(1);
  });

  it('reads "session 4 of 10" for a planned course, the same as the diary and the client\'s plan', async () => {
    // Ten weekly sessions planned; three given, one missed (and made up at the end), the fourth next Monday.
    const [kai] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Kai Course', email: 'kai@example.com' }).returning({ id: clients.id });
    await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: kai!.id, practitionerId: f.practitionerId });
    const series = randomUUID();
    const facial = { serviceId: f.services.facial, seriesId: series };
    // At 16:00, clear of Clara's visits at 10:00.
    for (const [week, status] of [[-4, 'completed'], [-3, 'completed'], [-2, 'no_show'], [-1, 'completed']] as const) await visit(kai!.id, week * 7 - 2, status, facial, 16);
    const next = await visit(kai!.id, 5, 'confirmed', facial, 16);
    for (let week = 2; week <= 7; week++) await visit(kai!.id, week * 7 - 2, 'confirmed', facial, 16);
    expect((await t.database.db.select().from(bookings).where(eq(bookings.seriesId, series)))).toHaveLength(11);
    const [plan] = await t.database.db.insert(treatmentPlans).values({
      clinicId: f.clinicId, clientId: kai!.id, practitionerId: f.practitionerId, serviceId: f.services.facial, title: 'Facial acupuncture: a course of 10',
      sessions: 10, intervalDays: 7, firstDate: at(-30).toISOString().slice(0, 10), preferredTime: '10:00', priceMinor: 90000, currency: 'GBP', status: 'in_progress', seriesId: series,
    }).returning({ id: treatmentPlans.id });

    const body = (await reception.get(url(kai!.id))).json();
    expect(body.upcoming[0]).toMatchObject({ id: next, course: { seriesId: series, position: 4, total: 10 } });
    expect(body.upcoming.at(-1).course).toEqual({ seriesId: series, position: 10, total: 10 });
    expect(body.past.map((a: Appt) => a.course && `${a.course.position} of ${a.course.total}`)).toEqual(['3 of 10', null, '2 of 10', '1 of 10']);
    expect(body.courses).toEqual([{ seriesId: series, serviceName: 'Facial acupuncture', total: 10, done: 3, booked: 7, noShows: 1 }]);

    // The client's plan says the same.
    const owner = await f.signIn('owner');
    const mine = (await owner.get(`/api/v1/clinics/${f.slug}/plans/${plan!.id}`)).json();
    expect(mine.progress).toMatchObject({ total: 10, done: 3, next: { position: 4, bookingId: next } });
  });

  it('pages through past visits newest first without repeating one', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res = await reception.get(url(clara, `?limit=4${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`));
      expect(res.statusCode).toBe(200);
      const page = res.json() as { past: Appt[]; nextCursor: string | null; counts: { completed: number } };
      expect(page.counts.completed).toBe(4);
      sizes.push(page.past.length);
      seen.push(...page.past.map((a) => a.startsAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(10);
    expect((await reception.get(url(clara, '?before=not-a-cursor'))).statusCode).toBe(400);
    expect((await reception.get(url(clara, '?limit=0'))).statusCode).toBe(400);
  });

  it('keeps a long history to one page at a time with the counts over all of it', async () => {
    const [many] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Mo Many', email: 'mo@example.com' }).returning({ id: clients.id });
    await t.database.db.insert(bookings).values(Array.from({ length: 300 }, (_, i) => {
      const startsAt = at(-100 - i, 15);
      const endsAt = new Date(startsAt.getTime() + 3_600_000);
      return {
        clinicId: f.clinicId, serviceId: f.services.consultation, practitionerId: f.secondId, clientId: many!.id,
        startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: i % 10 === 0 ? 'no_show' as const : 'completed' as const, source: 'staff' as const,
      };
    }));
    const body = (await reception.get(url(many!.id))).json();
    expect(body.counts).toEqual({ completed: 270, noShows: 30, lateCancellations: 0, cancellations: 0, upcoming: 0 });
    expect(body.past).toHaveLength(20);
    expect(body.past[0].startsAt).toBe(at(-100, 15).toISOString());
    const next = (await reception.get(url(many!.id, `?limit=100&before=${encodeURIComponent(body.nextCursor)}`))).json();
    expect(next.past[0].startsAt).toBe(at(-120, 15).toISOString());
    expect(next.past).toHaveLength(100);
  });

  it('shows a practitioner only the clients they treat, and writes the refusal in the audit log', async () => {
    const pat = await f.signIn('practitioner');
    expect((await pat.get(url(clara))).json().counts.noShows).toBe(1);
    const refused = await pat.get(url(dev));
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const denied = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.entityId, dev)));
    expect(denied).toHaveLength(1);
    const sam = await f.signIn('second');
    expect((await sam.get(url(clara))).statusCode).toBe(404);
    const owner = await f.signIn('owner');
    expect((await owner.get(url(dev))).json().counts.upcoming).toBe(1);
  });

  it('answers 404 for another clinic and for someone not signed in', async () => {
    const other = await createClinicFixture(t, { slug: 'history-elsewhere' });
    const stranger = await other.signIn('reception');
    expect((await stranger.get(url(clara))).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/clinics/${other.slug}/clients/${clara}/history`)).statusCode).toBe(404);
    expect([401, 404]).toContain((await t.client().get(url(clara))).statusCode);
  });
});
