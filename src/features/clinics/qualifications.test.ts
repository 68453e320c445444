import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, qualifications } from '../../data/schema/index.ts';
import { DEMO_PASSWORD } from '../../data/demo/demo-data.ts';
import type { TestClient, TestContext } from '../../server/test-app.ts';
import { staffProfilesFixture, type StaffProfilesFixture } from './staff-profiles.test-helpers.ts';

let t: TestContext;
let owner: TestClient;
let tom: TestClient;
let ids: StaffProfilesFixture['ids'];

beforeAll(async () => {
  ({ t, owner, tom, ids } = await staffProfilesFixture());
});
afterAll(() => t.close());

const path = (userId: string) => `/api/v1/clinics/jade-leaf-bath/members/${userId}`;
const newQual = { kind: 'qualification', awardingBody: 'Northern College of Acupuncture', title: 'MSc Acupuncture', year: 2017, isFacialAcupuncture: false };

describe('qualifications', () => {
  it('lets a practitioner add their own, unverified, and only the owner verify it; the public profile then says so', async () => {
    const added = await tom.post(`${path(ids.tom)}/qualifications`, newQual);
    expect(added.statusCode).toBe(201);
    expect(added.json().verifiedAt).toBeNull();
    const id = added.json().id;

    expect((await tom.post(`${path(ids.tom)}/qualifications/${id}/verification`, { verified: true })).statusCode).toBe(403);
    const verified = await owner.post(`${path(ids.tom)}/qualifications/${id}/verification`, { verified: true });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verifiedAt).not.toBeNull();
    const [row] = await t.database.db.select().from(qualifications).where(eq(qualifications.id, id));
    expect(row!.verifiedBy).not.toBeNull();
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'qualification.verify'), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(1);

    const html = (await t.client().get(`/clinics/jade-leaf-bath/practitioners/${ids.tom}`, { accept: 'text/html' })).body;
    expect(html).toContain('MSc Acupuncture');
  });

  it("keeps a practitioner out of a colleague's qualifications, and other clinics out entirely", async () => {
    expect((await tom.get(`${path(ids.priya)}/qualifications`)).statusCode).toBe(404);
    expect((await tom.post(`${path(ids.priya)}/qualifications`, newQual)).statusCode).toBe(404);
    const other = t.client();
    await other.signIn('owner@willowtree.example', DEMO_PASSWORD);
    expect((await other.get(`${path(ids.tom)}/qualifications`)).statusCode).toBe(404);
    expect((await owner.get(`${path(ids.helen)}/qualifications`)).statusCode).toBe(404);
    const reception = t.client();
    await reception.signIn('reception@jadeleaf.example', DEMO_PASSWORD);
    expect((await reception.get(`${path(ids.tom)}/qualifications`)).statusCode).toBe(403);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = (await t.database.db.select().from(qualifications)).length;
    for (const body of [
      { ...newQual, year: 2999 },
      { ...newQual, title: '' },
      { ...newQual, title: 'x'.repeat(10_000) },
      { ...newQual, kind: 'degree' },
      { ...newQual, verifiedAt: '2020-01-01T00:00:00Z' },
    ]) {
      const res = await owner.post(`${path(ids.tom)}/qualifications`, body);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.database.db.select().from(qualifications)).length).toBe(before);
  });

  it('removes a qualification', async () => {
    const id = (await owner.post(`${path(ids.tom)}/qualifications`, { ...newQual, title: 'Short course' })).json().id;
    expect((await owner.delete(`${path(ids.tom)}/qualifications/${id}`)).statusCode).toBe(200);
    expect((await owner.delete(`${path(ids.tom)}/qualifications/${id}`)).statusCode).toBe(404);
  });
});

describe('profile text', () => {
  it('lets the owner or the practitioner change title, experience and bio, shown sanitised on the public page', async () => {
    const res = await tom.patch(`${path(ids.tom)}/profile`, { title: 'Acupuncturist (knee pain)', yearsExperience: 8, bio: 'I like to explain.<script>alert(1)</script>' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Acupuncturist (knee pain)', yearsExperience: 8 });
    const html = (await t.client().get(`/clinics/jade-leaf-bath/practitioners/${ids.tom}`, { accept: 'text/html' })).body;
    expect(html).toContain('Acupuncturist (knee pain)');
    expect(html).toContain('I like to explain.');
    expect(html).not.toContain('<script>alert(1)');
    expect((await tom.patch(`${path(ids.priya)}/profile`, { title: 'Nope' })).statusCode).toBe(404);
  });
});
