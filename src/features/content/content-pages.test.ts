import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, contentPageVersions } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'content-clinic' });
  owner = await f.signIn('owner');
});
afterAll(() => t.close());

const api = (path: string) => `/api/v1/clinics/${f.slug}/content-pages${path}`;
const publicPage = () => t.client().get(`/clinics/${f.slug}/treatments/facial-acupuncture`);
const edit = (over: Record<string, unknown> = {}) => ({
  title: 'Facial acupuncture at our clinic', description: 'What it is, what the evidence says, and what it costs here.',
  markdown: '## What to expect\n\nA calm first visit.\n\n{{prices}}\n\n## Questions\n\nAsk us anything.', baseVersion: null, ...over,
});

describe('editable, versioned treatment pages', () => {
  it('starts from the default page', async () => {
    const res = await owner.get(api('/facial-acupuncture'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ source: 'default', version: null, versions: [] });
    const list = (await owner.get(api(''))).json();
    expect(list.items.find((i: { slug: string }) => i.slug === 'facial-acupuncture')).toMatchObject({ source: 'default', offered: true });
  });

  it('is for the owner only', async () => {
    const reception = await f.signIn('reception');
    expect((await reception.get(api('/facial-acupuncture'))).statusCode).toBe(403);
    expect((await reception.post(api('/facial-acupuncture/versions'), edit())).statusCode).toBe(403);
    expect((await t.client().get(api('/facial-acupuncture'))).statusCode).toBe(401);
  });

  it('previews Markdown sanitised, as the public page renders it', async () => {
    const res = await owner.post(api('/preview'), { markdown: '## Hi\n\n<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> <iframe src="https://evil.example"></iframe>\n\n{{prices}}' });
    expect(res.statusCode).toBe(200);
    const { html } = res.json();
    expect(html).toContain('<h2');
    expect(html).toContain('prices appear here');
    expect(html).not.toMatch(/<script|onerror|<iframe|javascript:/i);
  });

  it('saves each edit as a new published version the public page shows, audited', async () => {
    const first = await owner.post(api('/facial-acupuncture/versions'), edit());
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ source: 'clinic', version: 1, title: 'Facial acupuncture at our clinic' });
    let page = await publicPage();
    expect(page.body).toContain('A calm first visit.');
    const second = await owner.post(api('/facial-acupuncture/versions'), edit({ markdown: '## Changed\n\nA second version <script>alert(1)</script>.', baseVersion: 1 }));
    expect(second.statusCode).toBe(201);
    expect(second.json().versions.map((v: { version: number; published: boolean }) => [v.version, v.published])).toEqual([[2, true], [1, false]]);
    page = await publicPage();
    expect(page.body).toContain('A second version');
    expect(page.body).not.toContain('<script>alert(1)');
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'content_page.saved'), eq(auditLog.entityId, 'facial-acupuncture')));
    expect(audits).toHaveLength(2);
  });

  it('refuses a save based on an old version (someone saved meanwhile), and empty or oversized text', async () => {
    const stale = await owner.post(api('/facial-acupuncture/versions'), edit({ baseVersion: 1 }));
    expect(stale.statusCode).toBe(409);
    expect((await owner.post(api('/facial-acupuncture/versions'), edit({ markdown: '   ', baseVersion: 2 }))).statusCode).toBe(400);
    expect((await owner.post(api('/facial-acupuncture/versions'), edit({ markdown: 'x'.repeat(60001), baseVersion: 2 }))).statusCode).toBe(400);
    expect((await owner.post(api('/no-such-page/versions'), edit())).statusCode).toBe(400);
  });

  it('restores an earlier version as the newest (undo), and can go back to the default', async () => {
    const res = await owner.post(api('/facial-acupuncture/versions/1/restore'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 3, source: 'clinic' });
    expect((await publicPage()).body).toContain('A calm first visit.');
    expect((await owner.post(api('/facial-acupuncture/versions/99/restore'))).statusCode).toBe(404);
    const reset = await owner.post(api('/facial-acupuncture/use-default'));
    expect(reset.json()).toMatchObject({ source: 'default', version: null });
    expect((await publicPage()).body).not.toContain('A calm first visit.');
    const [restored] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'content_page.restored'));
    expect(restored!.details).toMatchObject({ page: 'facial-acupuncture', version: 3, from: 1 });
  });

  it('the database allows one published version per page', async () => {
    const rows = await t.database.db.select().from(contentPageVersions).where(eq(contentPageVersions.clinicId, f.clinicId));
    await expect(t.database.db.update(contentPageVersions).set({ published: true, publishedAt: new Date() }).where(eq(contentPageVersions.clinicId, f.clinicId))).rejects.toThrow();
    expect(rows.length).toBe(3);
  });
});
