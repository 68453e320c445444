import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, clinics, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext, type TestClient } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Text PostgreSQL cannot store (NUL), other control characters and text-direction
 * overrides are refused with a 400 that names the field, and nothing is saved.
 */
let t: TestContext;
let clinic: ClinicFixture;
let owner: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  clinic = await createClinicFixture(t, { slug: 'char-clinic' });
  owner = await clinic.signIn('owner');
});
afterAll(() => t.close());

function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string) {
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json() as { errors?: { field: string; message: string }[] };
  expect(problem.errors?.map((e) => e.field)).toContain(field);
}

const clientCount = async () => (await t.database.db.select({ id: clients.id }).from(clients).where(eq(clients.clinicId, clinic.clinicId))).length;

describe('bad characters in free text', () => {
  it.each([
    ['a NUL character', 'Ann\u0000 Lee'],
    ['a bell', 'Ann\u0007Lee'],
    ['a line break', 'Ann\nLee'],
    ['a C1 control', 'Ann\u0085Lee'],
    ['a right-to-left override', 'Ann \u202Eeel'],
    ['a directional isolate', 'Ann \u2066Lee\u2069'],
  ])('POST /clients refuses a name with %s, saving nothing', async (_what, name) => {
    const before = await clientCount();
    const res = await owner.post(`/api/v1/clinics/${clinic.slug}/clients`, { name, email: 'ann.lee@example.com' });
    expectRefused(res, 'body.name');
    expect(await clientCount()).toBe(before);
  });

  it('still accepts names in other scripts and with accents', async () => {
    const res = await owner.post(`/api/v1/clinics/${clinic.slug}/clients`, { name: 'Zoë O’Brien-שרה 李', email: 'zoe@example.com' });
    expect(res.statusCode).toBe(201);
  });

  it('clinic settings: a description keeps its line breaks but refuses a NUL; the name refuses an override', async () => {
    const url = `/api/v1/clinics/${clinic.slug}/settings`;
    expectRefused(await owner.patch(url, { description: 'Calm rooms.\u0000' }), 'body.description');
    expectRefused(await owner.patch(url, { name: 'Jade \u202ELeaf' }), 'body.name');
    const [row] = await t.database.db.select({ name: clinics.name, description: clinics.description }).from(clinics).where(eq(clinics.id, clinic.clinicId));
    expect(row!.name).not.toContain('\u202E');
    expect(row!.description ?? '').not.toContain('\u0000');
    const ok = await owner.patch(url, { description: 'Calm rooms.\n\nFree parking.\tAsk us.' });
    expect(ok.statusCode).toBe(200);
  });

  it('sign-up refuses a NUL in the name and creates no account', async () => {
    const res = await t.client().post('/api/v1/auth/sign-up', { name: 'Eve\u0000', email: 'eve@example.com', password: 'a long enough passphrase 42' });
    expectRefused(res, 'body.name');
    expect(await t.database.db.select().from(users).where(eq(users.email, 'eve@example.com'))).toHaveLength(0);
  });

  it('a NUL in an address the schema does not check is a 400, not a 500 (the database error is mapped)', async () => {
    const page = await t.client().get('/clinics/char%00clinic', { accept: 'text/html' });
    expect(page.statusCode).toBeLessThan(500);
    const res = await t.client().get('/clinics/char%00clinic/book', { accept: 'text/html' });
    expect(res.statusCode).toBeLessThan(500);
  });
});
