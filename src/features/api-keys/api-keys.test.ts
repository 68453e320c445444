import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { apiKeys, auditLog, bookings } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashToken } from '../../server/crypto.ts';
import { API_KEY_REQUESTS_PER_MINUTE } from '../../server/plugins/api-key-auth.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'keys-clinic' });
  other = await createClinicFixture(t, { slug: 'keys-other' });
  owner = await f.signIn('owner');
});
afterAll(() => t.close());

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
/** Calls with a key only: no cookie, no CSRF token, like another server would. */
const withKey = (secret: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  t.app.inject({ method, url: path, headers: { ...bearer(secret), ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body ? JSON.stringify(body) : undefined, remoteAddress: '198.51.100.7' });

async function createKey(scopes: string[], name = 'Accounts system') {
  const res = await owner.post(url('/api-keys'), { name, scopes });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string; prefix: string };
}

describe('POST /api/v1/clinics/:slug/api-keys', () => {
  it('shows the secret once, stores only its hash, lists the key without it and audits the creation', async () => {
    const key = await createKey(['diary:read']);
    expect(key.secret).toMatch(/^yt_live_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const [row] = await t.database.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.tokenHash).toBe(hashToken(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    const list = (await owner.get(url('/api-keys'))).json();
    expect(JSON.stringify(list)).not.toContain(key.secret);
    expect(list.keys.find((k: { id: string }) => k.id === key.id)).toMatchObject({ name: 'Accounts system', scopes: ['diary:read'], revokedAt: null });
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'api_key.created'), eq(auditLog.entityId, key.id)));
    expect(audits).toHaveLength(1);
  });

  it('refuses unknown scopes and empty names with 400 problem+json, creating nothing', async () => {
    const before = (await t.database.db.select().from(apiKeys)).length;
    const res = await owner.post(url('/api-keys'), { name: '', scopes: ['notes:read'] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await t.database.db.select().from(apiKeys)).length).toBe(before);
  });

  it('is for the owner only (reception 403)', async () => {
    const reception = await f.signIn('reception');
    expect((await reception.post(url('/api-keys'), { name: 'Mine', scopes: ['diary:read'] })).statusCode).toBe(403);
  });
});

describe('Authorization: Bearer <API key>', () => {
  it('reads the diary with diary:read, without screening flags or readiness, and audits the use', async () => {
    const key = await createKey(['diary:read']);
    const start = localSlot(f.timeZone, 2, '10:00');
    const booked = await (await f.signIn('reception')).post(url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'Key Reader', email: 'reader@example.com', phone: '07700 900111' },
    });
    expect(booked.statusCode).toBe(201);
    const res = await withKey(key.secret, 'GET', url(`/diary?date=${localDate(start, f.timeZone)}`));
    expect(res.statusCode).toBe(200);
    const entries = res.json().columns.flatMap((c: { entries: unknown[] }) => c.entries) as { client: { name: string } | null; flags: unknown[]; readiness: unknown }[];
    const entry = entries.find((e) => e.client?.name === 'Key Reader');
    expect(entry).toMatchObject({ flags: [], readiness: null });
    const uses = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'api_key.used'), eq(auditLog.entityId, key.id)));
    expect(uses.map((u) => u.details)).toEqual([expect.objectContaining({ method: 'GET', route: '/api/v1/clinics/:clinicSlug/diary', status: 200 })]);
  });

  it('answers 403 problem+json for an operation outside the key\'s scopes, and nothing changes', async () => {
    const key = await createKey(['diary:read']);
    const start = localSlot(f.timeZone, 3, '11:00');
    const res = await withKey(key.secret, 'POST', url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'No Scope', email: 'noscope@example.com', phone: '07700 900112' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: 'https://yintang.app/problems/scope' });
    expect(await t.database.db.select().from(bookings).where(eq(bookings.startsAt, new Date(start)))).toHaveLength(0);
    // Clinical data is out of reach whatever the scopes.
    const all = await createKey(['diary:read', 'bookings:write', 'clients:read']);
    const client = (await withKey(all.secret, 'GET', url('/clients?q=Key'))).json();
    expect(client).toBeDefined();
    expect((await withKey(all.secret, 'GET', url('/adverse-events'))).statusCode).toBe(403);
    expect((await withKey(all.secret, 'GET', url('/api-keys'))).statusCode).toBe(403);
  });

  it('books and cancels with bookings:write', async () => {
    const key = await createKey(['bookings:write']);
    const start = localSlot(f.timeZone, 4, '09:30');
    const made = await withKey(key.secret, 'POST', url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'Key Booker', email: 'booker@example.com', phone: '07700 900113' },
    });
    expect(made.statusCode).toBe(201);
    const cancelled = await withKey(key.secret, 'POST', url(`/bookings/${made.json().id}/cancel`), {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
  });

  it('works only for its own clinic: another clinic\'s slug is 403', async () => {
    const key = await createKey(['diary:read']);
    const res = await withKey(key.secret, 'GET', url('/diary', other.slug));
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('another clinic');
  });

  it('stops working at once when revoked (401), and an unknown key is 401', async () => {
    const key = await createKey(['diary:read']);
    expect((await withKey(key.secret, 'GET', url('/diary'))).statusCode).toBe(200);
    expect((await owner.delete(url(`/api-keys/${key.id}`))).statusCode).toBe(200);
    const res = await withKey(key.secret, 'GET', url('/diary'));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await withKey('yt_live_' + 'x'.repeat(43), 'GET', url('/diary'))).statusCode).toBe(401);
    expect((await owner.delete(url(`/api-keys/${key.id}`))).statusCode).toBe(404);
  });

  it('is rate-limited per key with 429 and Retry-After', async () => {
    const key = await createKey(['diary:read']);
    let last = 0;
    for (let i = 0; i <= API_KEY_REQUESTS_PER_MINUTE; i++) last = (await withKey(key.secret, 'GET', url('/settings/services'))).statusCode;
    expect(last).toBe(429);
    const res = await withKey(key.secret, 'GET', url('/settings/services'));
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
