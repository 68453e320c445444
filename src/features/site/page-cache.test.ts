import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { bookings, clients, clinics, practitionerWeeklyHours, reviews, services, users } from '../../data/schema/index.ts';
import { buildApp } from '../../server/app.ts';
import { buildTestApp, TestClient, type TestContext } from '../../server/test-app.ts';
import { chooseEncoding } from './page-cache.ts';

let t: TestContext;
/** A second app on the same database: another instance behind the same load balancer. */
let other: Awaited<ReturnType<typeof buildApp>>;
const ids = { jade: '', mei: '' };

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  other = await buildApp({ config: t.config, database: t.database, logger: false });
  await other.ready();
  const [mei] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'owner@jadeleaf.example'));
  const [jade] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'jade-leaf-bath'));
  ids.mei = mei!.id;
  ids.jade = jade!.id;
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const html = async (url: string, client = t.client()) => (await client.get(url, { accept: 'text/html' })).body;
/** Both instances, each having cached the page before the change. */
const both = async (url: string) => [await html(url), await html(url, new TestClient(other))];

describe('public page cache', () => {
  it('shows changed opening hours at once, on every instance', async () => {
    const url = '/clinics/jade-leaf-bath';
    const before = await both(url);
    expect(before[0]).toBe(before[1]);
    expect(before[0]).toContain('Opening hours');
    await t.database.db.update(practitionerWeeklyHours).set({ endMinute: 21 * 60 + 45 })
      .where(and(eq(practitionerWeeklyHours.clinicId, ids.jade), eq(practitionerWeeklyHours.practitionerId, ids.mei)));
    for (const page of await both(url)) expect(page).toContain('9:45pm');
    expect(before[0]).not.toContain('9:45pm');
  });

  it('shows a new review at once', async () => {
    const url = '/clinics/jade-leaf-bath';
    const body = 'Calm, careful and kind: my skin has never looked better (cache test).';
    expect(await html(url)).not.toContain('cache test).');
    const [service] = await t.database.db.select({ id: services.id }).from(services)
      .where(and(eq(services.clinicId, ids.jade), eq(services.kind, 'consultation'))).limit(1);
    const [client] = await t.database.db.select({ id: clients.id }).from(clients).where(eq(clients.clinicId, ids.jade)).limit(1);
    const start = new Date('2026-01-05T10:00:00Z');
    const end = new Date('2026-01-05T10:30:00Z');
    const [visit] = await t.database.db.insert(bookings).values({
      clinicId: ids.jade, serviceId: service!.id, practitionerId: ids.mei, clientId: client!.id, startsAt: start, endsAt: end,
      blockedStart: start, blockedEnd: end, status: 'completed', source: 'staff',
    }).returning({ id: bookings.id });
    const before = await both(url);
    await t.database.db.insert(reviews).values({ clinicId: ids.jade, bookingId: visit!.id, clientId: client!.id, practitionerId: ids.mei, rating: 5, body });
    for (const page of await both(url)) expect(page).toContain(body);
    expect(before[0]).not.toContain(body);
  });

  it('moves the next free time once that time is booked, without touching the scheduling version', async () => {
    const url = `/clinics/jade-leaf-bath/practitioners/${ids.mei}`;
    const nextFree = (page: string) => page.match(/Next available: <strong><time dateTime="([^"]+)">/)?.[1];
    const first = nextFree(await html(url));
    expect(first).toBeDefined();
    expect(nextFree(await html(url, new TestClient(other)))).toBe(first);
    const version = async () => (await t.database.db.select({ v: clinics.schedulingVersion }).from(clinics).where(eq(clinics.id, ids.jade)))[0]!.v;
    const schedulingBefore = await version();

    const [service] = await t.database.db.select({ id: services.id, durationMin: services.durationMin }).from(services)
      .where(and(eq(services.clinicId, ids.jade), eq(services.kind, 'consultation'))).limit(1);
    const [client] = await t.database.db.select({ id: clients.id }).from(clients).where(eq(clients.clinicId, ids.jade)).limit(1);
    const start = new Date(first!);
    const end = new Date(start.getTime() + service!.durationMin * 60_000);
    await t.database.db.insert(bookings).values({
      clinicId: ids.jade, serviceId: service!.id, practitionerId: ids.mei, clientId: client!.id, startsAt: start, endsAt: end,
      blockedStart: start, blockedEnd: end, status: 'confirmed', source: 'staff',
    });

    for (const page of await both(url)) {
      const next = nextFree(page);
      expect(next).toBeDefined();
      expect(Date.parse(next!)).toBeGreaterThan(start.getTime());
    }
    expect(await version()).toBe(schedulingBefore);
  });

  it('answers a revisit with 304 Not Modified, and a changed page with 200', async () => {
    const client = t.client();
    const first = await client.get('/clinics/jade-leaf-bath', { accept: 'text/html' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await client.get('/clinics/jade-leaf-bath', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
    // The other instance renders the same page, so it has the same validator.
    expect((await new TestClient(other).get('/clinics/jade-leaf-bath', { 'if-none-match': etag })).statusCode).toBe(304);

    await t.database.db.update(clinics).set({ description: 'A calm clinic in the centre of Bath (cache test).' }).where(eq(clinics.id, ids.jade));
    const changed = await client.get('/clinics/jade-leaf-bath', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('cache test');
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('sends the same page compressed with brotli or gzip, or plain', async () => {
    for (const url of ['/', '/find', '/clinics/jade-leaf-bath', `/clinics/jade-leaf-bath/practitioners/${ids.mei}`, '/clinics/jade-leaf-bath/treatments/facial-acupuncture']) {
      const plain = await t.client().get(url);
      expect(plain.statusCode, url).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const br = await t.client().get(url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toContain('Accept-Encoding');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
      const gz = await t.client().get(url, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    }
  });

  it('lists a new clinic on the home page and in the directory at once', async () => {
    const before = await both('/');
    expect(before[0]).not.toContain('Aaron Cache Clinic');
    await t.database.db.insert(clinics).values({ slug: 'aaron-cache-clinic', name: 'Aaron Cache Clinic', addressLine1: '1 High Street', town: 'Bath', postcode: 'BA1 1AA', email: 'aaron@example.com' });
    for (const page of await both('/')) expect(page).toContain('Aaron Cache Clinic');
    for (const page of [await html('/find?where=Bath'), await html('/find?where=Bath', new TestClient(other))]) expect(page).toContain('Aaron Cache Clinic');
  });
});

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});
