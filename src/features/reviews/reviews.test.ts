import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, clients, reviews, users } from '../../data/schema/index.ts';
import { buildTestApp, tokenFromEmail, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let cleo: TestClient;
let dan: TestClient;
const ids = { cleo: '', dan: '' };
const emails = { cleo: 'cleo@example.com', dan: 'dan@example.com' };

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

/** A client with an account and a client record at the fixture clinic. */
async function clientAccount(name: string, email: string) {
  const [user] = await t.database.db.insert(users).values({ email, name, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }).returning({ id: users.id });
  const [client] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, userId: user!.id, name, email }).returning({ id: clients.id });
  const c = t.client();
  await c.signIn(email, PASSWORD);
  return { client: c, id: client!.id };
}

let hoursAgo = 2;
/** Books a consultation by phone, moves it into the past and marks it completed. */
async function completedVisit(clientId: string, complete = true) {
  const res = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 2, '09:00', 30 + hoursAgo), clientId });
  expect(res.statusCode).toBe(201);
  const id: string = res.json().id;
  const start = new Date(Date.now() - hoursAgo++ * 3_600_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  await t.database.db.update(bookings).set({ startsAt: start, blockedStart: start, endsAt: end, blockedEnd: new Date(end.getTime() + 10 * 60_000) }).where(eq(bookings.id, id));
  if (complete) expect((await reception.post(url(`/bookings/${id}/status`), { status: 'completed' })).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'review-clinic' });
  [owner, reception] = await Promise.all([f.signIn('owner'), f.signIn('reception')]);
  const c = await clientAccount('Cleo Client', emails.cleo);
  const d = await clientAccount('Dan Other', emails.dan);
  cleo = c.client; ids.cleo = c.id;
  dan = d.client; ids.dan = d.id;
});
afterAll(() => t.close());

describe('reviews of completed appointments', () => {
  let visit = '';
  let reviewId = '';

  it('e-mails an invitation to review when a visit is marked completed', async () => {
    visit = await completedVisit(ids.cleo);
    const [mail] = await t.emailsTo(emails.cleo);
    expect(mail!.subject).toMatch(/How was your visit/);
    expect(mail!.text).toContain(`/app/reviews/new?booking=${visit}&clinic=${f.slug}`);
  });

  it('lets the client review their own completed visit, once', async () => {
    const res = await cleo.post(url('/reviews'), { bookingId: visit, rating: 5, body: 'Calm, careful and kind.' });
    expect(res.statusCode).toBe(201);
    reviewId = res.json().id;
    const again = await cleo.post(url('/reviews'), { bookingId: visit, rating: 1, body: 'Second try' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/already reviewed/i);
    const mine = (await cleo.get(url('/me/reviewable-bookings'))).json();
    expect(mine.items).toEqual([expect.objectContaining({ bookingId: visit, reviewed: true })]);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'review.created'), eq(auditLog.entityId, reviewId)));
    expect(audit).toBeDefined();
  });

  it("refuses a review of someone else's visit, of a visit not completed, and from someone signed out", async () => {
    const other = await cleo.post(url('/reviews'), { bookingId: await completedVisit(ids.dan), rating: 4, body: 'Not mine' });
    expect(other.statusCode).toBe(422);
    expect(other.json().detail).toMatch(/completed/);
    expect((await dan.post(url('/reviews'), { bookingId: visit, rating: 1, body: 'Not mine either' })).statusCode).toBe(422);
    const open = await completedVisit(ids.cleo, false);
    const notDone = await cleo.post(url('/reviews'), { bookingId: open, rating: 4, body: 'Not yet' });
    expect(notDone.statusCode).toBe(422);
    expect((await t.client().post(url('/reviews'), { bookingId: visit, rating: 4, body: 'Anonymous' })).statusCode).toBe(401);
    expect((await cleo.post(url('/reviews'), { bookingId: open, rating: 6, body: 'Six' })).statusCode).toBe(400);
    expect((await cleo.post(url('/reviews'), { bookingId: open, rating: 4, body: '   ' })).statusCode).toBe(400);
  });

  it('lets the owner reply publicly; reception cannot', async () => {
    expect((await reception.request('PUT', url(`/reviews/${reviewId}/reply`), { body: 'Thank you!' })).statusCode).toBe(403);
    const res = await owner.request('PUT', url(`/reviews/${reviewId}/reply`), { body: 'Thank you, Cleo — see you soon.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().reply.body).toBe('Thank you, Cleo — see you soon.');
    const list = (await t.client().get(url('/reviews'))).json();
    expect(list.aggregate).toEqual({ average: 5, count: 1, hiddenCount: 0 });
    expect(list.items[0]).toMatchObject({ author: 'Cleo C.', rating: 5, practitioner: { id: f.practitionerId }, reply: { body: 'Thank you, Cleo — see you soon.' } });
  });

  it('shows reviews, reply and aggregate on the clinic page, the JSON-LD, the practitioner profile and the directory', async () => {
    const page = await t.client().get(`/clinics/${f.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Calm, careful and kind.');
    expect(page.body).toContain('Reply from the clinic');
    expect(page.body).toMatch(/<strong>5\.0<\/strong> out of 5 from 1 review/);
    expect(page.body).toMatch(/"aggregateRating":\{"@type":"AggregateRating","ratingValue":5,"reviewCount":1/);
    const profile = await t.client().get(`/clinics/${f.slug}/practitioners/${f.practitionerId}`);
    expect(profile.body).toContain('Calm, careful and kind.');
    const second = await t.client().get(`/clinics/${f.slug}/practitioners/${f.secondId}`);
    expect(second.body).not.toContain('Calm, careful and kind.');
    const dir = (await t.client().get('/api/v1/directory?minRating=4')).json();
    expect(dir.items.map((i: { clinic: { slug: string } }) => i.clinic.slug)).toContain(f.slug);
    expect(dir.items.find((i: { clinic: { slug: string } }) => i.clinic.slug === f.slug).rating).toEqual({ average: 5, count: 1 });
    const none = (await t.client().get('/api/v1/directory?minRating=5.1')).statusCode;
    expect(none).toBe(400);
    const find = await t.client().get('/find?rating=4');
    expect(find.statusCode).toBe(200);
    expect(find.body).toContain(`Clinic ${f.slug}`);
    expect(find.body).toContain('rated 4 stars or more');
    expect((await t.client().get('/find?rating=lots')).body).toContain('We could not read the rating');
  });

  it('renders hostile review text inert on the public page', async () => {
    const visit2 = await completedVisit(ids.cleo);
    const hostile = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> <iframe src="https://evil.example/"></iframe> <a href="javascript:alert(4)">x</a>';
    expect((await cleo.post(url('/reviews'), { bookingId: visit2, rating: 3, body: hostile })).statusCode).toBe(201);
    const page = (await t.client().get(`/clinics/${f.slug}`)).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toMatch(/<img[^>]*onerror/i);
    expect(page).not.toMatch(/<iframe/i);
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).not.toMatch(/<a [^>]*>x<\/a>/);
  });

  it('lets the owner hide a review only with a reason, audited, and counts it publicly', async () => {
    const list = (await owner.get(url('/reviews/manage'))).json();
    const hostileId = list.items.find((r: { rating: number }) => r.rating === 3).id;
    expect((await owner.post(url(`/reviews/${hostileId}/hide`), {})).statusCode).toBe(400);
    expect((await owner.post(url(`/reviews/${hostileId}/hide`), { reason: '  ' })).statusCode).toBe(400);
    expect((await reception.post(url(`/reviews/${hostileId}/hide`), { reason: 'Spam' })).statusCode).toBe(403);
    const res = await owner.post(url(`/reviews/${hostileId}/hide`), { reason: 'Contains code, not a review of the visit' });
    expect(res.statusCode).toBe(200);
    expect(res.json().hidden.reason).toBe('Contains code, not a review of the visit');
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'review.hidden'), eq(auditLog.entityId, hostileId)));
    expect(audit!.details).toEqual({ reason: 'Contains code, not a review of the visit' });
    const pub = (await t.client().get(url('/reviews'))).json();
    expect(pub.aggregate).toEqual({ average: 5, count: 1, hiddenCount: 1 });
    expect(pub.items.map((r: { id: string }) => r.id)).not.toContain(hostileId);
    const page = (await t.client().get(`/clinics/${f.slug}`)).body;
    expect(page).toContain('1 hidden by the clinic');
    expect(page).not.toContain('alert(1)');
    const shown = await owner.post(url(`/reviews/${hostileId}/unhide`));
    expect(shown.json().hidden).toBeNull();
    expect((await t.client().get(url('/reviews'))).json().aggregate).toEqual({ average: 4, count: 2, hiddenCount: 0 });
  });

  it('the database refuses a hidden review without a reason, and a rating out of range', async () => {
    const [row] = await t.database.db.select().from(reviews).limit(1);
    await expect(t.database.db.update(reviews).set({ hiddenAt: new Date() }).where(eq(reviews.id, row!.id))).rejects.toThrow();
    await expect(t.database.db.update(reviews).set({ rating: 0 }).where(eq(reviews.id, row!.id))).rejects.toThrow();
  });

  it('an unknown clinic has no reviews (404)', async () => {
    expect((await t.client().get('/api/v1/clinics/no-such-clinic/reviews')).statusCode).toBe(404);
  });
});

describe('a guest who booked without an account', () => {
  it('reviews the visit after creating an account with the same address, and an existing account gets it at sign-in', async () => {
    // Booked by phone (no account): the client record has only the address.
    const [guest] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Gus Guest', email: 'gus@example.com' }).returning({ id: clients.id });
    const visit = await completedVisit(guest!.id);
    const [invite] = await t.emailsTo('gus@example.com');
    expect(invite!.text).toMatch(/create an account with this e-mail address/i);

    const gus = t.client();
    expect((await gus.post('/api/v1/auth/sign-up', { name: 'Gus Guest', email: 'gus@example.com', password: PASSWORD })).statusCode).toBeLessThan(300);
    const verify = (await t.emailsTo('gus@example.com')).find((m) => m.text.includes('/app/verify-email'))!;
    expect((await gus.post('/api/v1/auth/verify-email', { token: tokenFromEmail(verify.text, '/app/verify-email'), password: PASSWORD })).statusCode).toBeLessThan(300);
    await gus.refreshSession();
    expect((await gus.get(url('/me/reviewable-bookings'))).json().items).toEqual([expect.objectContaining({ bookingId: visit, reviewed: false })]);
    expect((await gus.post(url('/reviews'), { bookingId: visit, rating: 4, body: 'Found it easy to book.' })).statusCode).toBe(201);

    // Someone with an account who once booked without signing in: linked when they sign in.
    const [hana] = await t.database.db.insert(users).values({ email: 'hana@example.com', name: 'Hana', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }).returning({ id: users.id });
    const [record] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Hana', email: 'hana@example.com' }).returning({ id: clients.id });
    const hanaVisit = await completedVisit(record!.id);
    const signedIn = t.client();
    await signedIn.signIn('hana@example.com', PASSWORD);
    expect((await signedIn.get(url('/me/reviewable-bookings'))).json().items).toEqual([expect.objectContaining({ bookingId: hanaVisit })]);
    const [linked] = await t.database.db.select({ userId: clients.userId }).from(clients).where(eq(clients.id, record!.id));
    expect(linked!.userId).toBe(hana!.id);
  });
});

describe('the public reviews page', () => {
  it('pages through every visible review, newest first, for the clinic and for one practitioner', async () => {
    for (let i = 1; i <= 22; i++) {
      const visit = await completedVisit(ids.dan);
      expect((await dan.post(url('/reviews'), { bookingId: visit, rating: 4, body: `Visit number ${i}.` })).statusCode).toBe(201);
    }
    const clinicPage = await t.client().get(`/clinics/${f.slug}`);
    const total = Number(clinicPage.body.match(/Read all (\d+) reviews/)?.[1]);
    expect(total).toBeGreaterThan(22);
    expect(clinicPage.body).toContain(`href="/clinics/${f.slug}/reviews"`);

    const first = await t.client().get(`/clinics/${f.slug}/reviews`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`Reviews of Clinic ${f.slug}`);
    expect(first.body.match(/data-testid="review"/g)).toHaveLength(20);
    expect(first.body.indexOf('Visit number 22.')).toBeLessThan(first.body.indexOf('Visit number 21.'));
    expect(first.body).toContain(`<link rel="canonical" href="http://yintang.test/clinics/${f.slug}/reviews"`);
    const second = await t.client().get(`/clinics/${f.slug}/reviews?page=2`);
    expect(second.body.match(/data-testid="review"/g)).toHaveLength(total - 20);
    expect(second.body).toContain('Visit number 1.');
    expect(second.body).toContain('rel="prev"');

    // Odd page numbers give the first page; a page past the last says so (404).
    expect((await t.client().get(`/clinics/${f.slug}/reviews?page=abc%27%3B--`)).body.match(/data-testid="review"/g)).toHaveLength(20);
    const past = await t.client().get(`/clinics/${f.slug}/reviews?page=99`);
    expect(past.statusCode).toBe(404);
    expect(past.body).toContain('There is no page 99 of reviews');
    expect((await t.client().get(`/clinics/${f.slug}/reviews?practitioner=nobody`)).statusCode).toBe(404);

    const own = await t.client().get(`/clinics/${f.slug}/reviews?practitioner=${f.practitionerId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Reviews of Pat Practitioner at');
    const second2 = await t.client().get(`/clinics/${f.slug}/reviews?practitioner=${f.secondId}`);
    expect(second2.body).not.toContain('Visit number');
  });
});
