import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { bookings, clients } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { bookingToken, createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let clientId: string;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'course-clinic', settings: { horizonDays: 365 } });
  reception = await f.signIn('reception');
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Course Client', email: 'course@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const firstDate = () => localDate(localSlot(f.timeZone, 1, '09:00', 7), f.timeZone);
const proposal = (extra: Record<string, unknown> = {}) => ({
  serviceId: f.services.massage, practitionerId: f.secondId, clientId, count: 4, every: { n: 1, unit: 'weeks' },
  firstDate: firstDate(), weekday: 2, time: '10:00', ...extra,
});

describe('POST /api/v1/clinics/:slug/series/proposals', () => {
  it('proposes the preferred weekday and time every week when free', async () => {
    const res = await reception.post(url('/series/proposals'), proposal());
    expect(res.statusCode).toBe(200);
    const sessions = res.json().sessions;
    expect(sessions).toHaveLength(4);
    for (const s of sessions) {
      expect(s.status).toBe('available');
      const local = DateTime.fromISO(s.start).setZone(f.timeZone);
      expect([local.weekday, local.toFormat('HH:mm')]).toEqual([2, '10:00']);
    }
  });

  it('offers the nearest free times for a session that clashes', async () => {
    const first = (await reception.post(url('/series/proposals'), proposal())).json().sessions;
    const clash = first[1].start;
    const taken = await reception.post(url('/diary/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start: clash, client: { name: 'Other', email: 'other@example.com' } });
    expect(taken.statusCode).toBe(201);
    const again = (await reception.post(url('/series/proposals'), proposal())).json().sessions;
    expect(again[1].status).toBe('moved');
    expect(again[1].start).not.toBe(clash);
    expect(Math.abs(Date.parse(again[1].start) - Date.parse(clash))).toBeLessThanOrEqual(60 * 60_000);
    expect(again[1].alternatives.length).toBe(3);
    expect([again[0].status, again[2].status, again[3].status]).toEqual(['available', 'available', 'available']);
  });

  it('refuses a practitioner who does not give the service', async () => {
    const res = await reception.post(url('/series/proposals'), proposal({ practitionerId: f.practitionerId }));
    expect(res.statusCode).toBe(422);
  });
});

describe('POST /api/v1/clinics/:slug/series', () => {
  it('books every session atomically with one e-mail, or none when one is taken', async () => {
    const sessions = (await reception.post(url('/series/proposals'), proposal({ time: '15:00' }))).json().sessions;
    const starts = sessions.map((s: { start: string }) => s.start);
    const booked = await reception.post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, clientId, starts });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().bookings).toHaveLength(4);
    const rows = await t.database.db.select().from(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.seriesId, booked.json().seriesId)));
    expect(rows).toHaveLength(4);
    const [mail] = await t.emailsTo('course@example.com');
    expect(mail!.subject).toMatch(/4 sessions/);
    expect(mail!.attachments![0]!.content.match(/BEGIN:VEVENT/g)).toHaveLength(4);

    const before = (await t.database.db.select().from(bookings)).length;
    const clash = await reception.post(url('/series'), {
      serviceId: f.services.massage, practitionerId: f.secondId, clientId,
      starts: [DateTime.fromISO(starts[0]).plus({ hours: 1 }).toUTC().toISO(), starts[1]],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ index: 1 });
    expect(clash.json().detail).toMatch(/^Session 2:/);
    expect((await t.database.db.select().from(bookings)).length).toBe(before);
  });

  it('refuses overlapping sessions and a start that is not offered (422 naming the session)', async () => {
    const start = localSlot(f.timeZone, 4, '09:00', 8);
    const overlap = await reception.post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, clientId, starts: [start, DateTime.fromISO(start).plus({ minutes: 30 }).toUTC().toISO()] });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().type).toMatch(/sessions-overlap$/);
    const closed = await reception.post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, clientId, starts: [start, localSlot(f.timeZone, 7, '09:00', 8)] });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().index).toBe(1);
  });

  it('lets a signed-in person plan a course for themself, and refuses a visitor naming a client (401)', async () => {
    const client = await f.signIn('practitioner'); // without clientId anyone signed in plans as a client, under the public rules
    const sessions = (await client.post(url('/series/proposals'), { ...proposal({ time: '11:00', clientId: undefined }) })).json().sessions;
    expect(sessions).toHaveLength(4);
    const visitor = t.client();
    expect((await visitor.post(url('/series/proposals'), proposal())).statusCode).toBe(401);
  });
});

describe('A course booked online by a visitor', () => {
  const visitorProposal = (time: string) => ({ ...proposal({ time, clientId: undefined }) });
  const you = { name: 'Vera Visitor', email: 'vera@example.com' };

  it('proposes dates to a visitor, holds every session, and one e-mail link confirms them all', async () => {
    const visitor = t.client();
    const proposed = await visitor.post(url('/series/proposals'), visitorProposal('16:00'));
    expect(proposed.statusCode).toBe(200);
    const starts = proposed.json().sessions.map((s: { start: string }) => s.start);
    const held = await visitor.post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, starts, client: you });
    expect(held.statusCode).toBe(201);
    expect(held.json().bookings.map((b: { status: string }) => b.status)).toEqual(['held', 'held', 'held', 'held']);
    expect(held.json().holdExpiresAt).not.toBeNull();
    const [hold] = await t.emailsTo(you.email);
    expect(hold!.subject).toMatch(/confirm your course/i);
    expect(hold!.text.match(/^\d\. /gm)).toHaveLength(4);
    const confirmed = await t.client().post(url(`/bookings/by-token/${bookingToken(hold!.text, 'confirm')}/confirm`));
    expect(confirmed.statusCode).toBe(200);
    const rows = await t.database.db.select().from(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.seriesId, held.json().seriesId)));
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    const mails = await t.emailsTo(you.email);
    const course = mails.find((m) => /4 sessions/.test(m.subject));
    expect(course!.text.match(/Change or cancel/g)).toHaveLength(4);
  });

  it('asks a visitor for their details (400) and keeps the consultation rule (422), writing nothing', async () => {
    const visitor = t.client();
    const before = (await t.database.db.select().from(bookings)).length;
    const starts = (await visitor.post(url('/series/proposals'), visitorProposal('17:00'))).json().sessions.map((s: { start: string }) => s.start);
    const nobody = await visitor.post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, starts });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.headers['content-type']).toMatch(/problem\+json/);
    const facial = await visitor.post(url('/series/proposals'), { ...visitorProposal('10:00'), serviceId: f.services.facial, practitionerId: f.practitionerId });
    expect(facial.statusCode).toBe(200);
    const facialStarts = facial.json().sessions.map((s: { start: string | null }) => s.start).filter(Boolean);
    const refused = await visitor.post(url('/series'), { serviceId: f.services.facial, practitionerId: f.practitionerId, starts: facialStarts, client: you });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toMatch(/consultation-required$/);
    expect((await t.database.db.select().from(bookings)).length).toBe(before);
  });

  it('answers a repeated Idempotency-Key with the course it booked, not a second one', async () => {
    const visitor = t.client();
    const starts = (await visitor.post(url('/series/proposals'), visitorProposal('12:00'))).json().sessions.map((s: { start: string }) => s.start);
    const body = { serviceId: f.services.massage, practitionerId: f.secondId, starts, client: { name: 'Ida Again', email: 'ida@example.com' } };
    const headers = { 'idempotency-key': 'course-key-0001' };
    const first = await visitor.post(url('/series'), body, headers);
    const again = await visitor.post(url('/series'), body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().seriesId).toBe(first.json().seriesId);
    expect(await t.emailsTo('ida@example.com')).toHaveLength(1);
  });
});
