import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookings, clients, scheduleExceptions } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The practice report (issue 14) over one week, Monday 8 to Sunday 14 March 2027 (London
 * winter time, so local times equal UTC). Every row has a fixed instant and the clock is
 * set for each request, so nothing depends on when the tests run. The fixture's two
 * practitioners work Monday to Saturday 09:00–13:00 and 14:00–17:00 (7 h a day); Sam takes
 * Wednesday off. The expected figures are worked out by hand in the comments.
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
const series = { a: randomUUID(), b: randomUUID() };

beforeAll(async () => {
  t = await buildTestApp();
  [f, other] = await Promise.all([createClinicFixture(t, { slug: 'report-clinic' }), createClinicFixture(t, { slug: 'report-other' })]);
  owner = await f.signIn('owner');
  const db = t.database.db;
  const names = ['Ada', 'Bea', 'Cal', 'Dee', 'Eve', 'Fay'];
  const rows = await db.insert(clients).values(names.map((name) => ({ clinicId: f.clinicId, name, email: `${name.toLowerCase()}@example.com` }))).returning({ id: clients.id, name: clients.name });
  const id = (name: string) => rows.find((r) => r.name === name)!.id;
  await db.insert(scheduleExceptions).values({ clinicId: f.clinicId, practitionerId: f.secondId, kind: 'time_off', startDate: '2027-03-10', endDate: '2027-03-10' });
  type Status = 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'held';
  const appt = (v: { client: string; start: string; minutes: number; service: keyof ClinicFixture['services']; who: 'pat' | 'sam'; status: Status; late?: boolean; room?: 0 | 1; seriesId?: string }) => {
    const startsAt = new Date(v.start);
    const endsAt = new Date(startsAt.getTime() + v.minutes * 60_000);
    return {
      clinicId: f.clinicId, serviceId: f.services[v.service], practitionerId: v.who === 'pat' ? f.practitionerId : f.secondId, clientId: id(v.client),
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: v.status, source: 'staff' as const, lateCancellation: v.late ?? false,
      roomId: v.room === undefined ? null : f.roomIds[v.room]!, seriesId: v.seriesId ?? null,
      holdExpiresAt: v.status === 'held' ? new Date('2027-03-12T17:00:00Z') : null,
    };
  };
  await db.insert(bookings).values([
    // Ada: consultation before the range, then a facial course starting on Monday.
    appt({ client: 'Ada', start: '2027-03-01T10:00:00Z', minutes: 30, service: 'consultation', who: 'pat', status: 'completed' }),
    appt({ client: 'Ada', start: '2027-03-08T10:00:00Z', minutes: 60, service: 'facial', who: 'pat', status: 'completed', room: 0, seriesId: series.a }),
    appt({ client: 'Ada', start: '2027-03-15T10:00:00Z', minutes: 60, service: 'facial', who: 'pat', status: 'confirmed', room: 0, seriesId: series.a }),
    // Bea: new; consultation on Tuesday, then books a facial course starting the week after.
    appt({ client: 'Bea', start: '2027-03-09T09:00:00Z', minutes: 30, service: 'consultation', who: 'pat', status: 'completed' }),
    appt({ client: 'Bea', start: '2027-03-16T09:00:00Z', minutes: 60, service: 'facial', who: 'pat', status: 'confirmed', seriesId: series.b }),
    // Cal: new; consultation on Thursday, no course.
    appt({ client: 'Cal', start: '2027-03-11T11:00:00Z', minutes: 30, service: 'consultation', who: 'sam', status: 'completed' }),
    // Dee: new (a no-show is still a first appointment), and a hold never confirmed.
    appt({ client: 'Dee', start: '2027-03-11T14:00:00Z', minutes: 60, service: 'massage', who: 'sam', status: 'no_show' }),
    appt({ client: 'Dee', start: '2027-03-12T16:00:00Z', minutes: 60, service: 'massage', who: 'sam', status: 'held' }),
    // Eve: one late cancellation, one in good time; not a new client (never booked and kept).
    appt({ client: 'Eve', start: '2027-03-12T09:00:00Z', minutes: 60, service: 'facial', who: 'pat', status: 'cancelled', late: true }),
    appt({ client: 'Eve', start: '2027-03-12T11:00:00Z', minutes: 60, service: 'facial', who: 'pat', status: 'cancelled' }),
    // Fay: a regular, seen on Saturday and back two weeks later.
    appt({ client: 'Fay', start: '2027-02-01T10:00:00Z', minutes: 60, service: 'massage', who: 'sam', status: 'completed' }),
    appt({ client: 'Fay', start: '2027-03-13T10:00:00Z', minutes: 60, service: 'massage', who: 'sam', status: 'completed', room: 1 }),
    appt({ client: 'Fay', start: '2027-03-27T10:00:00Z', minutes: 60, service: 'massage', who: 'sam', status: 'completed' }),
    // A block is not booked time.
    {
      clinicId: f.clinicId, kind: 'block' as const, practitionerId: f.practitionerId, startsAt: new Date('2027-03-12T15:00:00Z'), endsAt: new Date('2027-03-12T16:00:00Z'),
      blockedStart: new Date('2027-03-12T15:00:00Z'), blockedEnd: new Date('2027-03-12T16:00:00Z'), status: 'confirmed' as const, source: 'staff' as const, note: 'Training',
    },
  ]);
  // Another clinic's no-show in the same week never reaches this report.
  const [elsewhere] = await db.insert(clients).values({ clinicId: other.clinicId, name: 'Elsewhere', email: 'else@example.com' }).returning({ id: clients.id });
  await db.insert(bookings).values({
    clinicId: other.clinicId, serviceId: other.services.massage, practitionerId: other.secondId, clientId: elsewhere!.id, status: 'no_show', source: 'staff',
    startsAt: new Date('2027-03-09T10:00:00Z'), endsAt: new Date('2027-03-09T11:00:00Z'), blockedStart: new Date('2027-03-09T10:00:00Z'), blockedEnd: new Date('2027-03-09T11:00:00Z'),
  });
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

const url = (query: string, slug = f.slug) => `/api/v1/clinics/${slug}/reports/practice${query}`;
const WEEK = '?startDate=2027-03-08&endDate=2027-03-14';

describe(`GET /api/v1/clinics/:slug/reports/practice (${testDatabaseKind})`, () => {
  it('matches the hand computation for a week', async () => {
    t.app.ctx.now = () => new Date('2027-04-20T12:00:00Z').getTime();
    const res = await owner.get(url(`${WEEK}&retentionWeeks=4`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const r = res.json();
    expect(r).toMatchObject({ timeZone: 'Europe/London', startDate: '2027-03-08', endDate: '2027-03-14', granularity: 'week' });
    // Pat: 6 × 420 = 2520 min available; booked Ada's facial 60 + Bea's consultation 30 = 90.
    // Sam: 5 × 420 = 2100 (Wednesday off); booked Cal 30 + Dee's no-show 60 + Fay 60 = 150.
    // The owner has no hours and no appointments, so is not listed.
    expect(r.utilisation.practitioners).toEqual([
      { id: f.practitionerId, name: 'Pat Practitioner', availableMinutes: 2520, bookedMinutes: 90, percent: 3.6 },
      { id: f.secondId, name: 'Sam Second', availableMinutes: 2100, bookedMinutes: 150, percent: 7.1 },
    ]);
    expect(r.utilisation.total).toEqual({ availableMinutes: 4620, bookedMinutes: 240, percent: 5.2 });
    // Rooms are available while anyone works (Pat's 2520 min); 60 min booked in each.
    expect(r.utilisation.rooms).toEqual([
      { id: f.roomIds[0], name: 'Room 1', availableMinutes: 2520, bookedMinutes: 60, percent: 2.4 },
      { id: f.roomIds[1], name: 'Room 2', availableMinutes: 2520, bookedMinutes: 60, percent: 2.4 },
    ]);
    // Kept: Ada, Bea, Cal, Fay (4); no-show: Dee; late: Eve's 09:00; in time: Eve's 11:00; the hold is not counted.
    expect(r.attendance.total).toEqual({ due: 6, kept: 4, noShows: 1, lateCancellations: 1, cancelledInTime: 1, noShowPercent: 16.7, lateCancellationPercent: 16.7 });
    expect(r.attendance.practitioners.map((p: { name: string; due: number; noShowPercent: number; lateCancellationPercent: number }) => [p.name, p.due, p.noShowPercent, p.lateCancellationPercent]))
      .toEqual([['Pat Practitioner', 3, 0, 33.3], ['Sam Second', 3, 33.3, 0]]);
    expect(r.attendance.periods).toHaveLength(1);
    expect(r.attendance.periods[0]).toMatchObject({ start: '2027-03-08', due: 6 });
    // New: Bea, Cal, Dee. Ada and Fay came before; Eve only cancelled.
    expect(r.newClients).toEqual({ total: 3, periods: [{ start: '2027-03-08', count: 3 }] });
    // Consultations in the range: Bea and Cal; Bea booked a facial course after hers.
    expect(r.conversion).toEqual({ consultations: 2, converted: 1, percent: 50, byKind: [{ kind: 'facial', count: 1 }] });
    // Seen: Ada, Bea, Cal, Fay. Back within 4 weeks: Ada (15th), Bea (16th), Fay (27th). Cal's 4 weeks ended 8 April.
    expect(r.retention).toEqual({ weeks: 4, seen: 4, returned: 3, stillOpen: 0, percent: 75 });
  });

  it('leaves clients whose weeks are not over out of the retention rate', async () => {
    t.app.ctx.now = () => new Date('2027-03-20T12:00:00Z').getTime();
    const r = (await owner.get(url(`${WEEK}&retentionWeeks=4`))).json();
    // Ada and Bea are back; Cal and Fay may still come back (Fay's visit on the 27th has not happened yet).
    expect(r.retention).toEqual({ weeks: 4, seen: 4, returned: 2, stillOpen: 2, percent: 100 });
  });

  it('exports a section as CSV', async () => {
    t.app.ctx.now = () => new Date('2027-04-20T12:00:00Z').getTime();
    const res = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice/csv${WEEK}&section=utilisation`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="report-clinic-utilisation-2027-03-08-to-2027-03-14.csv"');
    expect(res.body).toBe([
      'type,name,available_minutes,booked_minutes,percent',
      'practitioner,Pat Practitioner,2520,90,3.6',
      'practitioner,Sam Second,2100,150,7.1',
      'room,Room 1,2520,60,2.4',
      'room,Room 2,2520,60,2.4',
      'all practitioners,,4620,240,5.2',
      '',
    ].join('\r\n'));
    const attendance = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice/csv${WEEK}&section=attendance`);
    expect(attendance.body.split('\r\n')).toContain('total,,6,4,1,1,1,16.7,16.7');
  });

  it('answers 400 with problem details for a backwards or too long range, and a bad section', async () => {
    for (const q of ['?startDate=2027-03-14&endDate=2027-03-08', '?startDate=2027-01-01&endDate=2029-01-03', '?startDate=2027-02-30&endDate=2027-03-01', '?startDate=2027-03-01']) {
      const res = await owner.get(url(q));
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await owner.get(`/api/v1/clinics/${f.slug}/reports/practice/csv${WEEK}&section=profit`)).statusCode).toBe(400);
  });

  it('refuses practitioners, and reception until the owner shares the reports', async () => {
    const practitioner = await f.signIn('practitioner');
    expect((await practitioner.get(url(WEEK))).statusCode).toBe(403);
    const reception = await f.signIn('reception');
    const refused = await reception.get(url(WEEK));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/not shared/);
    expect((await reception.get('/api/v1/auth/session')).json().staffOf[0].seesReports).toBe(false);

    const shared = await owner.patch(`/api/v1/clinics/${f.slug}/settings`, { receptionSeesReports: true });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().receptionSeesReports).toBe(true);
    expect((await reception.get(url(WEEK))).statusCode).toBe(200);
    expect((await reception.get('/api/v1/auth/session')).json().staffOf[0].seesReports).toBe(true);
    // Reception cannot change the setting itself.
    expect((await reception.patch(`/api/v1/clinics/${f.slug}/settings`, { receptionSeesReports: true })).statusCode).toBe(403);
    await owner.patch(`/api/v1/clinics/${f.slug}/settings`, { receptionSeesReports: false });
    expect((await reception.get(url(WEEK))).statusCode).toBe(403);
  });

  it('does not find the report for the staff of another clinic, and asks visitors to sign in', async () => {
    const stranger = await other.signIn('owner');
    expect((await stranger.get(url(WEEK))).statusCode).toBe(404);
    expect((await t.client().get(url(WEEK))).statusCode).toBe(401);
  });

  it('says null, not 0%, for a day nobody works (the autumn clock change)', async () => {
    // Sunday 31 October 2027: nobody works on Sundays, so nothing is available and rates are null.
    const r = (await owner.get(url('?startDate=2027-10-31&endDate=2027-10-31'))).json();
    expect(r.utilisation.total).toEqual({ availableMinutes: 0, bookedMinutes: 0, percent: null });
    expect(r.attendance.total.noShowPercent).toBeNull();
  });
});
