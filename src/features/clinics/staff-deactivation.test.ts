import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, memberships, sessions, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addBooking, addClientWithAccount, createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let pat: TestClient;
let feedPath: string;
let future: string;
let past: string;
const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'leaving' });
  owner = await f.signIn('owner');
  pat = await f.signIn('practitioner');
  feedPath = new URL((await pat.post(url('/me/calendar-feed'))).json().url).pathname;
  const clara = await addClientWithAccount(t, f, 'Clara Client', 'clara@leaving.example');
  future = await addBooking(t, f, { clientId: clara.clientId, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 3, '10:00', 7) });
  past = await addBooking(t, f, { clientId: clara.clientId, practitionerId: f.practitionerId, start: '2025-03-04T10:00:00Z' });
});
afterAll(() => t.close());

describe('an owner deactivates a practitioner who left', () => {
  it('refuses to deactivate yourself, or a stranger', async () => {
    const self = await owner.post(url(`/members/${f.ownerId}/deactivation`));
    expect(self.statusCode).toBe(409);
    expect(self.json().type).toContain('cannot-deactivate-self');
    expect((await owner.post(url('/members/6f1c2f7e-0000-4000-8000-000000000001/deactivation'))).statusCode).toBe(404);
    expect((await pat.post(url(`/members/${f.secondId}/deactivation`))).statusCode).toBe(403);
  });

  it('ends their sessions at once, stops their feed, and audits it', async () => {
    expect((await t.client().get(feedPath)).statusCode).toBe(200);
    const response = await owner.post(url(`/members/${f.practitionerId}/deactivation`));
    expect(response.statusCode).toBe(200);
    expect(response.json().deactivatedAt).toBeTruthy();
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, f.practitionerId))).toHaveLength(0);
    // The open session is refused: it no longer exists.
    expect((await pat.get(url('/diary?days=1'))).statusCode).toBe(401);
    expect((await t.client().get(feedPath)).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.action, 'staff.deactivated'), eq(auditLog.entityId, f.practitionerId)));
    expect(row).toMatchObject({ clinicId: f.clinicId, actorUserId: f.ownerId, actorRole: 'owner' });
  });

  it('lets them sign in, but shows no clinic, and answers 404 (audited as deactivated) to the clinic', async () => {
    const again = await f.signIn('practitioner');
    const session = await again.refreshSession();
    expect(session.staffOf).toEqual([]);
    expect((await again.get(url('/diary?days=1'))).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, f.practitionerId))).orderBy(desc(auditLog.at)).limit(1);
    expect(row).toMatchObject({ clinicId: f.clinicId, details: { reason: 'deactivated', status: 404 } });
  });

  it('hides them from everything public and cannot be booked with them; colleagues stay', async () => {
    const visitor = t.client();
    const html = { accept: 'text/html' };
    const day = localDate(localSlot(f.timeZone, 2, '10:00', 7), f.timeZone);
    // Public availability: only the colleague's times, and none at all when asking for them.
    const any = await visitor.get(url(`/availability?serviceId=${f.services.consultation}&from=${day}`));
    expect(any.statusCode).toBe(200);
    const slots = any.json().slots as { start: string; practitionerId: string }[];
    expect(slots.length).toBeGreaterThan(0);
    expect(new Set(slots.map((s) => s.practitionerId))).toEqual(new Set([f.secondId]));
    const theirs = await visitor.get(url(`/availability?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${day}`));
    expect(theirs.statusCode === 200 ? theirs.json().slots : []).toEqual([]);
    // Not bookable, online or by phone, even at a time the colleague has free.
    const booking = await visitor.post(url('/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start: slots[0]!.start,
      client: { name: 'Vera Visitor', email: 'vera@leaving.example' },
    });
    expect(booking.statusCode).toBe(422);
    const desk = await f.signIn('reception');
    const phone = await desk.post(url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start: slots[0]!.start,
      client: { name: 'Phil Phone', email: 'phil@leaving.example' },
    });
    expect(phone.statusCode).toBe(422);
    // The public list behind the booking widget, the widget page, the clinic page and their own page.
    const listed = (await visitor.get(url('/practitioners'))).json().items as { id: string }[];
    expect(listed.map((p) => p.id)).toEqual([f.secondId]);
    const widget = await visitor.get(`/clinics/${f.slug}/book?practitioner=${f.practitionerId}`, html);
    expect(widget.statusCode).toBe(200);
    expect(widget.body).not.toContain('Pat Practitioner');
    const page = await visitor.get(`/clinics/${f.slug}`, html);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sam Second');
    expect(page.body).not.toContain('Pat Practitioner');
    expect((await visitor.get(`/clinics/${f.slug}/practitioners/${f.practitionerId}`, html)).statusCode).toBe(404);
    expect((await visitor.get(`/clinics/${f.slug}/practitioners/${f.secondId}`, html)).statusCode).toBe(200);
    // The sitemap and the directory.
    const sitemap = (await visitor.get('/sitemap.xml')).body;
    expect(sitemap).toContain(f.secondId);
    expect(sitemap).not.toContain(f.practitionerId);
    const directory = await visitor.get('/api/v1/directory');
    expect(directory.statusCode).toBe(200);
    const names = JSON.stringify(directory.json());
    expect(names).toContain('Sam Second');
    expect(names).not.toContain('Pat Practitioner');
    const find = await visitor.get('/find', html);
    expect(find.body).not.toContain('Pat Practitioner');
  });

  it('lists their future bookings to reassign, and shows them as deactivated', async () => {
    const list = await owner.get(url(`/members/${f.practitionerId}/future-bookings`));
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((b: { id: string }) => b.id)).toEqual([future]);
    expect(list.json().items[0]).toMatchObject({ clientName: 'Clara Client', practitionerName: 'Pat Practitioner' });
    const members = (await owner.get(url('/members'))).json().items as { userId: string; deactivatedAt: string | null }[];
    expect(members.find((m) => m.userId === f.practitionerId)!.deactivatedAt).toBeTruthy();
    expect(members.find((m) => m.userId === f.secondId)!.deactivatedAt).toBeNull();
  });

  it('keeps their name on past bookings: nothing is deleted', async () => {
    const booking = await owner.get(url(`/bookings/${past}`));
    expect(booking.statusCode).toBe(200);
    expect(booking.json().practitioner).toMatchObject({ id: f.practitionerId, name: 'Pat Practitioner' });
    expect(await t.database.db.select().from(users).where(eq(users.id, f.practitionerId))).toHaveLength(1);
    expect(await t.database.db.select().from(memberships).where(eq(memberships.userId, f.practitionerId))).toHaveLength(1);
  });

  it('reactivates them: they sign in to the clinic again', async () => {
    const response = await owner.delete(url(`/members/${f.practitionerId}/deactivation`));
    expect(response.statusCode).toBe(200);
    expect(response.json().deactivatedAt).toBeNull();
    const back = await f.signIn('practitioner');
    expect((await back.refreshSession()).staffOf.map((c: { slug: string }) => c.slug)).toEqual([f.slug]);
    expect((await back.get(url('/diary?days=1'))).statusCode).toBe(200);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'staff.reactivated'))).toHaveLength(1);
  });

  it('never leaves the clinic without an owner', async () => {
    // Only an owner deactivates, never themselves: another owner may go, the last one cannot.
    await t.database.db.update(memberships).set({ role: 'owner' }).where(and(eq(memberships.clinicId, f.clinicId), eq(memberships.userId, f.secondId)));
    const sam = await f.signIn('second');
    expect((await sam.post(url(`/members/${f.ownerId}/deactivation`))).statusCode).toBe(200);
    const last = await sam.post(url(`/members/${f.secondId}/deactivation`));
    expect(last.statusCode).toBe(409);
    expect((await owner.get(url('/members'))).statusCode).toBe(401);
  });
});
