import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bookings, clients, qualifications, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localDate, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let reception: TestClient;
let waiting: TestClient;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'wait-clinic' });
  reception = await f.signIn('reception');
  const [u] = await t.database.db.insert(users).values({ email: 'waiter@example.com', name: 'Wendy Waiter', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }).returning({ id: users.id });
  await t.database.db.insert(clients).values({ clinicId: f.clinicId, userId: u!.id, name: 'Wendy Waiter', email: 'waiter@example.com' });
  waiting = t.client();
  await waiting.signIn('waiter@example.com', PASSWORD);
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

describe('the waiting list', () => {
  it('e-mails a waiting client when a slot frees up on their day, and the first to book gets it', async () => {
    const start = localSlot(f.timeZone, 3, '10:00');
    const date = localDate(start, f.timeZone);
    const booked = await reception.post(url('/diary/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Early Bird', email: 'early@example.com' } });
    expect(booked.statusCode).toBe(201);

    const joined = await waiting.post(url('/waitlist'), { serviceId: f.services.massage, date });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toMatchObject({ status: 'waiting', clientName: 'Wendy Waiter', date });
    expect((await reception.get(url(`/waitlist?date=${date}`))).json().items).toHaveLength(1);

    expect((await reception.post(url(`/bookings/${booked.json().id}/cancel`), {})).statusCode).toBe(200);
    const [mail] = await t.emailsTo('waiter@example.com');
    expect(mail!.subject).toMatch(/A time has opened up/);
    expect(mail!.text).toContain(`date=${date}`);
    // Issue 13 bug 5: the link opens booking at that service and day, with the freed time first.
    const link = /https?:\/\/\S+\/book\?\S+/.exec(mail!.text)?.[0];
    expect(link).toBe(`http://yintang.test/clinics/${f.slug}/book?service=${f.services.massage}&date=${date}&time=10:00`);
    expect(mail!.text).toContain('One just has, at 10:00.');
    const page = await t.client().get(new URL(link!).pathname + new URL(link!).search, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    const preselected = /<p[^>]*data-testid="book-preselected"[^>]*>(.*?)<\/p>/s.exec(page.body)?.[1]?.replace(/<[^>]+>/g, '');
    expect(preselected).toMatch(/^Free times for Sports massage from \w+ \d+ \w+ \d{4}, with 10:00 first\.$/);
    expect(page.body).toContain(`data-service="${f.services.massage}" data-date="${date}" data-time="10:00"`);

    const taken = await waiting.post(url('/bookings'), { serviceId: f.services.massage, start });
    expect(taken.statusCode).toBe(201);
    expect((await reception.get(url(`/waitlist?date=${date}`))).json().items).toHaveLength(0);
    const late = t.client();
    expect((await late.post(url('/bookings'), { serviceId: f.services.massage, start, client: { name: 'Too Late', email: 'late@example.com' } })).statusCode).toBe(409);
  });

  it('does not offer a facial time freed by a practitioner whose facial qualification is no longer verified', async () => {
    const start = localSlot(f.timeZone, 2, '11:00');
    const date = localDate(start, f.timeZone);
    // Written straight in: a facial session needs a consultation on record first.
    const [fay] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Fay Cial', email: 'fay@example.com' }).returning({ id: clients.id });
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const [booked] = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.practitionerId, clientId: fay!.id,
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff',
    }).returning({ id: bookings.id });
    expect((await waiting.post(url('/waitlist'), { serviceId: f.services.facial, date })).statusCode).toBe(201);
    const unverify = and(eq(qualifications.clinicId, f.clinicId), eq(qualifications.userId, f.practitionerId));
    await t.database.db.update(qualifications).set({ verifiedAt: null }).where(unverify);
    const before = (await t.emailsTo('waiter@example.com')).length;
    try {
      expect((await reception.post(url(`/bookings/${booked!.id}/cancel`), {})).statusCode).toBe(200);
      expect(await t.emailsTo('waiter@example.com')).toHaveLength(before);
    } finally {
      await t.database.db.update(qualifications).set({ verifiedAt: new Date() }).where(unverify);
    }
  });

  it('does not e-mail for another day or a service the freed practitioner does not give', async () => {
    const start = localSlot(f.timeZone, 4, '10:00');
    const date = localDate(start, f.timeZone);
    await waiting.post(url('/waitlist'), { serviceId: f.services.massage, date: localDate(localSlot(f.timeZone, 5, '10:00'), f.timeZone) });
    await waiting.post(url('/waitlist'), { serviceId: f.services.massage, date });
    const before = (await t.emailsTo('waiter@example.com')).length;
    const other = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'C', email: 'c@example.com' } });
    await reception.post(url(`/bookings/${other.json().id}/cancel`), {});
    expect((await t.emailsTo('waiter@example.com')).length).toBe(before);
  });

  it('lets a client leave, refuses a past date, and needs sign-in', async () => {
    const mine = (await waiting.get(url('/waitlist'))).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect((await waiting.delete(url(`/waitlist/${mine[0].id}`))).statusCode).toBe(204);
    expect((await waiting.post(url('/waitlist'), { serviceId: f.services.massage, date: '2020-01-01' })).statusCode).toBe(422);
    expect((await t.client().post(url('/waitlist'), { serviceId: f.services.massage, date: '2030-01-01' })).statusCode).toBe(401);
  });
});
