import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clinics, memberships, users } from '../../data/schema/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../data/demo/demo-data.ts';
import { buildTestApp, tokenFromEmail, type TestContext, type TestClient } from '../../server/test-app.ts';
import { totpCode } from '../auth/totp.ts';

let t: TestContext;
let ownerA: TestClient;
let ownerB: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  ownerA = t.client();
  await ownerA.signIn('owner@jadeleaf.example', DEMO_PASSWORD);
  ownerB = t.client();
  await ownerB.signIn('owner@willowtree.example', DEMO_PASSWORD);
});
afterAll(() => t.close());

const newClinic = {
  name: 'Lotus Rooms', slug: 'lotus-rooms', addressLine1: '1 High Street', town: 'York', postcode: 'yo1 8aa',
  timeZone: 'Europe/London', email: 'Hello@Lotus.example', phone: '01904 000000',
};

describe('GET /api/v1/clinics', () => {
  it('lists the directory with cursor pagination', async () => {
    const first = (await t.client().get('/api/v1/clinics?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const second = (await t.client().get(`/api/v1/clinics?limit=1&cursor=${first.next}`)).json();
    expect(second.items[0].slug).not.toBe(first.items[0].slug);
  });

  it('refuses a forged cursor and an out-of-range limit with 400', async () => {
    expect((await t.client().get('/api/v1/clinics?cursor=%25%25%25')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/clinics?limit=5000')).statusCode).toBe(400);
  });
});

describe('POST /api/v1/clinics', () => {
  it('registers a clinic, normalises its fields and makes the person its owner', async () => {
    const res = await ownerA.post('/api/v1/clinics', newClinic);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'lotus-rooms', postcode: 'YO1 8AA', email: 'hello@lotus.example', phone: '+441904000000' });
    const session = await ownerA.refreshSession();
    expect(session.staffOf.map((m: { slug: string; role: string }) => `${m.slug}:${m.role}`)).toContain('lotus-rooms:owner');
  });

  it('refuses a slug already in use with 409', async () => {
    const res = await ownerB.post('/api/v1/clinics', { ...newClinic, slug: 'jade-leaf-bath' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('slug');
  });

  it('requires sign-in', async () => {
    expect((await t.client().post('/api/v1/clinics', newClinic)).statusCode).toBe(401);
  });

  it.each([
    ['malformed JSON', '{"name": "Broken"', 400, /malformed-json/],
    ['a wrong type', JSON.stringify({ ...newClinic, slug: 'x-clinic', name: 42 }), 400, /validation/],
    ['an unknown field', JSON.stringify({ ...newClinic, slug: 'y-clinic', ownerId: 'me' }), 400, /validation/],
    ['an over-long name', JSON.stringify({ ...newClinic, slug: 'z-clinic', name: 'x'.repeat(10_000) }), 400, /validation/],
    ['an invalid time zone', JSON.stringify({ ...newClinic, slug: 'tz-clinic', timeZone: 'Mars/Olympus' }), 400, /validation/],
    ['a body over 1 MiB', JSON.stringify({ ...newClinic, slug: 'big-clinic', description: 'x'.repeat(1_100_000) }), 413, /body-too-large/],
  ])('refuses %s with problem+json and writes nothing', async (_label, payload, status, type) => {
    const before = (await t.database.db.select().from(clinics)).length;
    const res = await ownerB.request('POST', '/api/v1/clinics', payload);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toMatch(type);
    expect((await t.database.db.select().from(clinics)).length).toBe(before);
  });
});

describe('clinic isolation', () => {
  it("gives the owner of clinic A a 404 for any private record of clinic B, and leaks nothing", async () => {
    const b = (await ownerB.get('/api/v1/clinics/willow-harrogate/clients')).json().items[0];
    for (const url of [
      '/api/v1/clinics/willow-harrogate/settings',
      '/api/v1/clinics/willow-harrogate/members',
      '/api/v1/clinics/willow-harrogate/clients',
      `/api/v1/clinics/willow-harrogate/clients/${b.id}`,
      '/api/v1/clinics/willow-harrogate/outbox',
    ]) {
      const res = await ownerA.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(b.name);
      expect(res.body).not.toContain(b.email);
    }
    // Asking for clinic B's client under clinic A's address finds nothing either.
    expect((await ownerA.get(`/api/v1/clinics/jade-leaf-bath/clients/${b.id}`)).statusCode).toBe(404);
    expect((await ownerA.patch('/api/v1/clinics/willow-harrogate/settings', { name: 'Hijacked' })).statusCode).toBe(404);
  });
});

describe('roles inside a clinic', () => {
  it('lets only the owner change settings', async () => {
    const reception = t.client();
    await reception.signIn('reception@jadeleaf.example', DEMO_PASSWORD);
    expect((await reception.get('/api/v1/clinics/jade-leaf-bath/settings')).statusCode).toBe(200);
    expect((await reception.patch('/api/v1/clinics/jade-leaf-bath/settings', { name: 'Changed' })).statusCode).toBe(403);
    expect((await ownerA.patch('/api/v1/clinics/jade-leaf-bath/settings', { hygieneStatement: 'Registered, SP-1' })).json().hygieneStatement).toBe('Registered, SP-1');
  });

  it('shows a practitioner only the clients they treat, unless the owner widens it', async () => {
    const tom = t.client();
    await tom.signIn('tom@jadeleaf.example', DEMO_PASSWORD);
    const own = (await tom.get('/api/v1/clinics/jade-leaf-bath/clients')).json().items.map((c: { name: string }) => c.name);
    expect(own).toEqual(['James Wilson']);
    const all = (await ownerA.get('/api/v1/clinics/jade-leaf-bath/clients')).json().items;
    const olivia = all.find((c: { name: string }) => c.name === 'Olivia Brown');
    expect((await tom.get(`/api/v1/clinics/jade-leaf-bath/clients/${olivia.id}`)).statusCode).toBe(404);

    const [tomUser] = await t.database.db.select().from(users).where(eq(users.email, 'tom@jadeleaf.example'));
    expect((await ownerA.patch(`/api/v1/clinics/jade-leaf-bath/members/${tomUser!.id}`, { seesAllClients: true })).statusCode).toBe(200);
    expect((await tom.get(`/api/v1/clinics/jade-leaf-bath/clients/${olivia.id}`)).statusCode).toBe(200);
    await ownerA.patch(`/api/v1/clinics/jade-leaf-bath/members/${tomUser!.id}`, { seesAllClients: false });
  });

  it('lets a client see their own record but not another client’s', async () => {
    const olivia = t.client();
    await olivia.signIn('client@jadeleaf.example', DEMO_PASSWORD);
    const session = await olivia.refreshSession();
    const own = session.clientOf.find((c: { slug: string }) => c.slug === 'jade-leaf-bath');
    expect((await olivia.get(`/api/v1/clinics/jade-leaf-bath/clients/${own.clientId}`)).json().email).toBe('client@jadeleaf.example');
    const others = (await ownerA.get('/api/v1/clinics/jade-leaf-bath/clients')).json().items.filter((c: { id: string }) => c.id !== own.clientId);
    for (const other of others) {
      expect((await olivia.get(`/api/v1/clinics/jade-leaf-bath/clients/${other.id}`)).statusCode).toBe(404);
    }
    expect((await olivia.get('/api/v1/clinics/jade-leaf-bath/clients')).statusCode).toBe(404);
  });

  it('keeps at least one owner', async () => {
    const [me] = await t.database.db.select().from(users).where(eq(users.email, 'owner@willowtree.example'));
    const res = await ownerB.patch(`/api/v1/clinics/willow-harrogate/members/${me!.id}`, { role: 'practitioner' });
    expect(res.statusCode).toBe(409);
  });
});

describe('staff invitations', () => {
  it('lets the owner invite someone new who accepts and becomes a practitioner', async () => {
    const res = await ownerA.post('/api/v1/clinics/jade-leaf-bath/invitations', { email: 'New.Practitioner@example.com', role: 'practitioner' });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.emailsTo('new.practitioner@example.com');
    const token = tokenFromEmail(mail!.text, '/app/accept-invite');
    const preview = (await t.client().get(`/api/v1/invitations/${token}`)).json();
    expect(preview).toMatchObject({ clinicName: 'Jade Leaf Acupuncture', role: 'practitioner', hasAccount: false });

    const newcomer = t.client();
    expect((await newcomer.post('/api/v1/invitations/accept', { token })).statusCode).toBe(400);
    const accepted = await newcomer.post('/api/v1/invitations/accept', { token, name: 'Nia Jones', password: 'a very good password' });
    expect(accepted.statusCode).toBe(200);
    const session = await newcomer.refreshSession();
    await t.client().signIn('new.practitioner@example.com', 'a very good password');
    expect(session.staffOf).toEqual([expect.objectContaining({ slug: 'jade-leaf-bath', role: 'practitioner' })]);
    expect((await t.client().post('/api/v1/invitations/accept', { token, name: 'Again', password: 'a very good password' })).statusCode).toBe(404);
  });

  it('makes an existing account sign in as the invited address to accept', async () => {
    await ownerB.post('/api/v1/clinics/willow-harrogate/invitations', { email: 'tom@jadeleaf.example', role: 'practitioner' });
    const [mail] = await t.emailsTo('tom@jadeleaf.example');
    const token = tokenFromEmail(mail!.text, '/app/accept-invite');
    expect((await ownerA.post('/api/v1/invitations/accept', { token })).statusCode).toBe(403);
    const tom = t.client();
    await tom.signIn('tom@jadeleaf.example', DEMO_PASSWORD);
    expect((await tom.post('/api/v1/invitations/accept', { token })).statusCode).toBe(200);
    const [tomUser] = await t.database.db.select().from(users).where(eq(users.email, 'tom@jadeleaf.example'));
    const rows = await t.database.db.select().from(memberships).where(eq(memberships.userId, tomUser!.id));
    expect(rows).toHaveLength(2);
  });

  it('only lets the owner invite', async () => {
    const tom = t.client();
    await tom.signIn('priya@jadeleaf.example', DEMO_PASSWORD);
    expect((await tom.post('/api/v1/clinics/jade-leaf-bath/invitations', { email: 'x@example.com', role: 'owner' })).statusCode).toBe(403);
  });
});

describe('required two-factor sign-in for staff', () => {
  it('blocks staff routes until the member turns two-factor on, when the owner requires it', async () => {
    await ownerB.patch('/api/v1/clinics/willow-harrogate/settings', { requireStaffTwoFactor: true });
    const grace = t.client();
    await grace.signIn('grace@willowtree.example', DEMO_PASSWORD);
    const session = await grace.refreshSession();
    expect(session.staffOf[0].mustSetUpTwoFactor).toBe(true);
    const blocked = await grace.get('/api/v1/clinics/willow-harrogate/clients');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toMatch(/two-factor-required$/);
    const setup = (await grace.post('/api/v1/auth/two-factor/setup')).json();
    await grace.post('/api/v1/auth/two-factor/enable', { code: totpCode(setup.secret) });
    expect((await grace.get('/api/v1/clinics/willow-harrogate/clients')).statusCode).toBe(200);
    // The owner, without two-factor on, is held to the same rule.
    expect((await ownerB.patch('/api/v1/clinics/willow-harrogate/settings', { requireStaffTwoFactor: false })).statusCode).toBe(403);
    await t.database.db.update(clinics).set({ requireStaffTwoFactor: false }).where(eq(clinics.slug, 'willow-harrogate'));
  });
});

describe('PATCH /api/v1/clinics/:slug/settings', () => {
  it('clears optional fields sent empty or null, and keeps fields left out', async () => {
    const set = await ownerB.patch('/api/v1/clinics/willow-harrogate/settings', { addressLine2: 'First floor', website: 'https://willow.example' });
    expect(set.json()).toMatchObject({ addressLine2: 'First floor', website: 'https://willow.example' });
    const cleared = await ownerB.patch('/api/v1/clinics/willow-harrogate/settings', { addressLine2: '', website: null });
    expect(cleared.json()).toMatchObject({ addressLine2: null, website: null, phone: '+441423000222' });
  });
});
