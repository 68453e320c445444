import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { bookings, clients, clinicBookingSettings, clinics, services, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { availabilityAnswer } from './availability-cache.ts';
import { getAvailability, type AvailabilityQuery } from './availability.service.ts';

let t: TestContext;
const ids = { jade: '', mei: '', consultation: '', client: '' };
const SLUG = 'jade-leaf-bath';
const today = () => DateTime.now().setZone('Europe/London');

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  const [jade] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, SLUG));
  const [mei] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@jadeleaf.example'));
  const [service] = await t.database.db.select({ id: services.id }).from(services).where(and(eq(services.clinicId, jade!.id), eq(services.kind, 'consultation'))).limit(1);
  const [client] = await t.database.db.select({ id: clients.id }).from(clients).where(eq(clients.clinicId, jade!.id)).limit(1);
  Object.assign(ids, { jade: jade!.id, mei: mei!.id, consultation: service!.id, client: client!.id });
});
afterAll(() => t.close());

const ctx = () => t.app.ctx;
/** The cached answer at `now`, parsed, beside the plain computation at the same instant. */
async function both(query: AvailabilityQuery, now: number) {
  const cached = JSON.parse(await availabilityAnswer(ctx(), SLUG, query, undefined, now));
  const fresh = await getAvailability(ctx(), SLUG, query, undefined, now);
  return { cached, fresh };
}
const week = (days: number, practitionerId?: string): AvailabilityQuery => ({
  serviceId: ids.consultation, practitionerId,
  from: today().plus({ days: 1 }).toISODate()!, to: today().plus({ days: days }).toISODate()!,
});

describe('cached availability answers', () => {
  it('equal the plain computation for 7 and 56 days, any or one practitioner', async () => {
    const now = Date.now();
    for (const query of [week(7), week(56), week(7, ids.mei), week(56, ids.mei)]) {
      const first = await both(query, now);
      expect(first.cached).toEqual(first.fresh);
      expect(first.fresh.slots.length).toBeGreaterThan(0);
      // Served from the cache the second time, still equal.
      expect(JSON.parse(await availabilityAnswer(ctx(), SLUG, query, undefined, now))).toEqual(first.fresh);
    }
  });

  it('drop a start once the clock passes its notice, without a write', async () => {
    const query = week(7);
    const probe = await getAvailability(ctx(), SLUG, query);
    const start = Date.parse(probe.slots[0]!.start);
    const noticeMs = 120 * 60_000; // the demo's (and the default) minimum notice
    const t0 = start - noticeMs - 30_000;
    const t1 = start - noticeMs + 1;
    const before = await both(query, t0);
    expect(before.cached).toEqual(before.fresh);
    expect(before.cached.slots[0].start).toBe(probe.slots[0]!.start);
    const after = await both(query, t1);
    expect(after.cached).toEqual(after.fresh);
    expect(after.cached.slots[0].start).not.toBe(probe.slots[0]!.start);
  });

  it('offer a start once the clock brings it inside the booking horizon, without a write', async () => {
    await t.database.db.update(clinicBookingSettings).set({ horizonDays: 3 }).where(eq(clinicBookingSettings.clinicId, ids.jade));
    const query = week(7);
    const horizonMs = 3 * 86_400_000;
    // A start offered a day from now only because the horizon has moved to it: S.
    const later = await getAvailability(ctx(), SLUG, query, undefined, Date.now() + 86_400_000);
    const s = Date.parse(later.slots.at(-1)!.start);
    const t1 = s - horizonMs; // the first instant S is inside the horizon
    const t0 = t1 - 30_000;
    const before = await both(query, t0);
    expect(before.cached).toEqual(before.fresh);
    expect(before.cached.slots.map((x: { start: string }) => Date.parse(x.start))).not.toContain(s);
    const after = await both(query, t1);
    expect(after.cached).toEqual(after.fresh);
    expect(after.cached.slots.map((x: { start: string }) => Date.parse(x.start))).toContain(s);
    await t.database.db.update(clinicBookingSettings).set({ horizonDays: 84 }).where(eq(clinicBookingSettings.clinicId, ids.jade));
  });

  it('change at once when a booking takes a free time, and when hours change', async () => {
    const query = week(7, ids.mei);
    const now = Date.now();
    const before = await both(query, now);
    const slot = before.fresh.slots[0]!;
    await t.database.db.insert(bookings).values({
      clinicId: ids.jade, serviceId: ids.consultation, practitionerId: ids.mei, clientId: ids.client,
      startsAt: new Date(slot.start), endsAt: new Date(slot.end), blockedStart: new Date(slot.start), blockedEnd: new Date(slot.end),
      status: 'confirmed', source: 'staff',
    });
    const after = await both(query, now);
    expect(after.cached).toEqual(after.fresh);
    expect(after.cached.slots.map((s: { start: string }) => s.start)).not.toContain(slot.start);
  });

  it('let a lapsed hold free its time without a write', async () => {
    const query = week(7, ids.mei);
    const now = Date.now();
    const slot = (await getAvailability(ctx(), SLUG, query, undefined, now)).slots[0]!;
    await t.database.db.insert(bookings).values({
      clinicId: ids.jade, serviceId: ids.consultation, practitionerId: ids.mei, clientId: ids.client,
      startsAt: new Date(slot.start), endsAt: new Date(slot.end), blockedStart: new Date(slot.start), blockedEnd: new Date(slot.end),
      status: 'held', holdExpiresAt: new Date(now + 20_000), source: 'online',
    });
    const held = await both(query, now);
    expect(held.cached.slots.map((s: { start: string }) => s.start)).not.toContain(slot.start);
    const lapsed = await both(query, now + 20_001);
    expect(lapsed.cached).toEqual(lapsed.fresh);
    expect(lapsed.cached.slots.map((s: { start: string }) => s.start)).toContain(slot.start);
  });

  it('refuse an unknown clinic, service or practitioner as before', async () => {
    await expect(availabilityAnswer(ctx(), 'no-such-clinic', week(7))).rejects.toMatchObject({ status: 404 });
    await expect(availabilityAnswer(ctx(), SLUG, { ...week(7), serviceId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 400 });
    await expect(availabilityAnswer(ctx(), SLUG, week(7, '00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ status: 400 });
  });
});

describe('the availability route', () => {
  it('sends the same answer compressed with brotli or gzip, or plain, and keeps Vary for CORS', async () => {
    const q = week(14);
    const url = `/api/v1/clinics/${SLUG}/availability?serviceId=${q.serviceId}&from=${q.from}&to=${q.to}`;
    const plain = await t.app.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().slots.length).toBeGreaterThan(0);
    for (const [asked, sent, decode] of [['br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync], ['gzip, deflate, br', 'br', brotliDecompressSync]] as const) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': asked } });
      expect(res.headers['content-encoding'], asked).toBe(sent);
      expect(res.headers.vary, asked).toBe('Origin, Accept-Encoding');
      expect(res.headers['cache-control'], asked).toBe('no-store');
      expect(decode(res.rawPayload).toString(), asked).toBe(plain.body);
    }
  });
});
