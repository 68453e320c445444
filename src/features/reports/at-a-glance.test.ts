import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookings, clients } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The owner's "at a glance" figures (issue 13). Every booking and client is inserted at a
 * fixed instant and every request names its date, so nothing depends on when the tests run.
 * The fixture's two practitioners work Monday to Saturday 09:00–13:00 and 14:00–17:00
 * (7 h a day each); Wednesday 10 March 2027 is in London winter time (UTC+0).
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  [f, other] = await Promise.all([createClinicFixture(t, { slug: 'glance-clinic' }), createClinicFixture(t, { slug: 'glance-other' })]);
  owner = await f.signIn('owner');
  const db = t.database.db;
  const [regular] = await db.insert(clients).values({ clinicId: f.clinicId, name: 'Rhea Regular', email: 'rhea@example.com', createdAt: new Date('2026-01-05T10:00:00Z') })
    .returning({ id: clients.id });
  await db.insert(clients).values([
    { clinicId: f.clinicId, name: 'Nia New', email: 'nia@example.com', createdAt: new Date('2027-03-10T08:00:00Z') },
    { clinicId: f.clinicId, name: 'Tom Tuesday', email: 'tom@example.com', createdAt: new Date('2027-03-09T12:00:00Z') },
    { clinicId: f.clinicId, name: 'Sue Sunday', email: 'sue@example.com', createdAt: new Date('2027-03-07T23:59:00Z') },
    { clinicId: f.clinicId, name: 'Max Monday', email: 'max@example.com', createdAt: new Date('2027-03-15T00:00:00Z') },
    { clinicId: other.clinicId, name: 'Elsewhere', email: 'else@example.com', createdAt: new Date('2027-03-10T09:00:00Z') },
  ]);
  const appt = (v: { start: string; minutes: number; after?: number; service: keyof ClinicFixture['services']; practitionerId: string; status: 'confirmed' | 'no_show' | 'completed' | 'cancelled' }) => {
    const startsAt = new Date(v.start);
    const endsAt = new Date(startsAt.getTime() + v.minutes * 60_000);
    return {
      clinicId: f.clinicId, serviceId: f.services[v.service], practitionerId: v.practitionerId, clientId: regular!.id, startsAt, endsAt,
      bufferAfterMin: v.after ?? 0, blockedStart: startsAt, blockedEnd: new Date(endsAt.getTime() + (v.after ?? 0) * 60_000), status: v.status, source: 'staff' as const,
    };
  };
  await db.insert(bookings).values([
    appt({ start: '2027-03-10T09:00:00Z', minutes: 30, after: 10, service: 'consultation', practitionerId: f.practitionerId, status: 'confirmed' }),
    appt({ start: '2027-03-10T10:00:00Z', minutes: 60, service: 'massage', practitionerId: f.secondId, status: 'no_show' }),
    appt({ start: '2027-03-10T11:00:00Z', minutes: 60, after: 15, service: 'facial', practitionerId: f.practitionerId, status: 'completed' }),
    appt({ start: '2027-03-10T14:00:00Z', minutes: 60, service: 'facial', practitionerId: f.practitionerId, status: 'cancelled' }),
    appt({ start: '2027-03-08T09:00:00Z', minutes: 30, after: 10, service: 'consultation', practitionerId: f.secondId, status: 'confirmed' }),
    appt({ start: '2027-03-15T09:00:00Z', minutes: 30, service: 'consultation', practitionerId: f.practitionerId, status: 'confirmed' }),
    appt({ start: '2027-03-07T10:00:00Z', minutes: 30, service: 'consultation', practitionerId: f.practitionerId, status: 'no_show' }),
    {
      clinicId: f.clinicId, kind: 'block' as const, practitionerId: f.secondId, startsAt: new Date('2027-03-10T15:00:00Z'), endsAt: new Date('2027-03-10T16:00:00Z'),
      blockedStart: new Date('2027-03-10T15:00:00Z'), blockedEnd: new Date('2027-03-10T16:00:00Z'), status: 'confirmed' as const, source: 'staff' as const, note: 'Training',
    },
  ]);
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

const url = (query = '', slug = f.slug) => `/api/v1/clinics/${slug}/at-a-glance${query}`;

describe(`the owner's figures at a glance (${testDatabaseKind})`, () => {
  it('counts the day and its Monday-to-Sunday week', async () => {
    const res = await owner.get(url('?date=2027-03-10'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ timeZone: 'Europe/London', date: '2027-03-10' });
    expect(body.today).toEqual({
      startDate: '2027-03-10', endDate: '2027-03-10',
      appointments: 3, noShows: 1, newClients: 1, consultations: 1,
      // 2 × 7 h; taken: the consultation with its buffer (40), the completed facial with its buffer (75), the block (60).
      // The no-show and the cancelled facial leave their time free.
      workingMinutes: 840, freeMinutes: 840 - 175, freePercent: 79,
    });
    expect(body.week).toEqual({
      startDate: '2027-03-08', endDate: '2027-03-14',
      appointments: 4, noShows: 1, newClients: 2, consultations: 2,
      workingMinutes: 6 * 840, freeMinutes: 6 * 840 - 175 - 40, freePercent: 96,
    });
  });

  it('shows another day of the same week with the same week figures', async () => {
    const body = (await owner.get(url('?date=2027-03-14'))).json();
    expect(body.today).toMatchObject({ appointments: 0, workingMinutes: 0, freeMinutes: 0, freePercent: null, newClients: 0 });
    expect(body.week).toMatchObject({ startDate: '2027-03-08', appointments: 4, newClients: 2 });
  });

  it("uses the clinic's today when no date is given", async () => {
    // 23:30 UTC on Sunday 28 March 2027 is 00:30 on Monday 29 March in London (summer time).
    t.app.ctx.now = () => Date.parse('2027-03-28T23:30:00Z');
    const body = (await owner.get(url())).json();
    expect(body.date).toBe('2027-03-29');
    expect(body.week).toMatchObject({ startDate: '2027-03-29', endDate: '2027-04-04', workingMinutes: 6 * 840 });
  });

  it('refuses a malformed date with a problem, changing nothing', async () => {
    for (const q of ['?date=2027-13-01', '?date=tomorrow', '?date=2027-02-30']) {
      const res = await owner.get(url(q));
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is for the owner only: reception and practitioners are refused, another clinic is not found', async () => {
    const [reception, pat, otherOwner] = await Promise.all([f.signIn('reception'), f.signIn('practitioner'), other.signIn('owner')]);
    expect((await reception.get(url('?date=2027-03-10'))).statusCode).toBe(403);
    expect((await pat.get(url('?date=2027-03-10'))).statusCode).toBe(403);
    const elsewhere = await otherOwner.get(url('?date=2027-03-10'));
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.headers['content-type']).toContain('application/problem+json');
    expect((await t.client().get(url('?date=2027-03-10'))).statusCode).toBe(401);
    // The other clinic's owner sees only their own clinic's figures.
    const own = (await otherOwner.get(url('?date=2027-03-10', other.slug))).json();
    expect(own.today).toMatchObject({ appointments: 0, newClients: 1, freeMinutes: 840 });
  });
});

describe(`the clients list behind "new clients" (${testDatabaseKind})`, () => {
  it('lists the newest first when asked, A to Z otherwise', async () => {
    const newest = (await owner.get(`/api/v1/clinics/${f.slug}/clients?sort=newest`)).json().items.map((c: { name: string }) => c.name);
    expect(newest).toEqual(['Max Monday', 'Nia New', 'Tom Tuesday', 'Sue Sunday', 'Rhea Regular']);
    const byName = (await owner.get(`/api/v1/clinics/${f.slug}/clients`)).json().items.map((c: { name: string }) => c.name);
    expect(byName).toEqual(['Max Monday', 'Nia New', 'Rhea Regular', 'Sue Sunday', 'Tom Tuesday']);
    expect((await owner.get(`/api/v1/clinics/${f.slug}/clients?sort=oldest`)).statusCode).toBe(400);
  });
});
