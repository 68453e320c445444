import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clinicAcupoints } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let pat: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'points-clinic' });
  owner = await f.signIn('owner');
  pat = await f.signIn('practitioner');
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/clinics/${f.slug}/acupoints${path}`;
const pointRows = () => t.database.db.select().from(clinicAcupoints).where(eq(clinicAcupoints.clinicId, f.clinicId));
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));
type Point = { id: string; code: string | null; origin: string; region: string; pregnancyCaution: boolean; cautions: { kind: string; sources: string[] }[] };
const codes = (body: { items: Point[] }) => body.items.map((p) => p.code ?? p.id);

const earShenmen = {
  code: 'ear-shenmen', english: 'Spirit Gate of the ear', pinyin: 'Erxue Shenmen', region: 'head', meridian: 'Extra',
  location: 'In the triangular fossa of the ear.', uses: 'Calming before facial work', source: 'Our clinic protocol (2024)',
};

describe('the acupoint library over HTTP', () => {
  it('lets a practitioner search by code in any spelling, by name and by region, with sources', async () => {
    const st36 = await pat.get(url('?q=St%2036'));
    expect(st36.statusCode).toBe(200);
    expect(codes(st36.json())[0]).toBe('ST36');
    expect(st36.json().items[0]).toMatchObject({ origin: 'library', english: 'Leg Three Miles', meridian: 'Stomach', region: 'leg', clinicPoint: null });
    expect(st36.json().sources.map((s: { id: string }) => s.id)).toContain('aacp');

    expect(codes((await pat.get(url('?q=yintang'))).json())).toEqual(['EX-HN3']);
    const face = (await pat.get(url('?region=face'))).json();
    expect(face.items.length).toBeGreaterThan(20);
    expect(face.items.every((p: Point) => p.region === 'face')).toBe(true);

    const li4 = (await pat.get(url('?q=LI4'))).json().items[0] as Point;
    expect(li4.pregnancyCaution).toBe(true);
    expect(li4.cautions[0]).toMatchObject({ kind: 'pregnancy', sources: ['aacp'] });
  });

  it('refuses reception and clients (403), other clinics and strangers (404), and visitors (401)', async () => {
    const reception = await f.signIn('reception');
    expect((await reception.get(url())).statusCode).toBe(403);
    expect((await reception.post(url(), earShenmen)).statusCode).toBe(403);
    const client = await addClientWithAccount(t, f, 'Cara Client', 'cara.points@example.com');
    const asClient = await client.signIn();
    expect((await asClient.get(url())).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'points-elsewhere' });
    const stranger = await other.signIn('owner');
    const refused = await stranger.get(url());
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await t.client().get(url())).statusCode).toBe(401);
    expect(await pointRows()).toHaveLength(0);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const bad = [
      { ...earShenmen, code: '' },
      { ...earShenmen, code: '36ST' },
      { ...earShenmen, code: 'EAR--SHENMEN' },
      { ...earShenmen, code: 'A'.repeat(17) },
      { ...earShenmen, english: 'Spirit\u0000Gate' },
      { ...earShenmen, english: 'Spirit\u202EGate' },
      { ...earShenmen, location: 'In the ear\u0007' },
      { ...earShenmen, region: 'elbow' },
      { ...earShenmen, meridian: 'Moon' },
      { ...earShenmen, location: '' },
      { ...earShenmen, uses: 'x'.repeat(1001) },
      { ...earShenmen, surprise: true },
    ];
    for (const body of bad) {
      const r = await owner.post(url(), body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors?.length).toBeGreaterThan(0);
    }
    expect((await owner.get(url('?region=elbow'))).statusCode).toBe(400);
    expect(await pointRows()).toHaveLength(0);
  });

  it('refuses a code the library answers to, in any spelling', async () => {
    for (const code of ['ST-36', 'SJ23', 'GV29', 'EX-HN-3', 'YINTANG']) {
      const r = await pat.post(url(), { ...earShenmen, code });
      expect(r.statusCode, code).toBe(409);
      expect(r.json()).toMatchObject({ type: expect.stringContaining('library-code'), errors: [{ field: 'code' }] });
    }
    expect(await pointRows()).toHaveLength(0);
  });

  it('lets a practitioner add a clinic point that the search then finds, audited; and refuses its code twice', async () => {
    const added = await pat.post(url(), { ...earShenmen, pregnancyCaution: true, cautions: 'Sensitive in some clients' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      origin: 'clinic', code: 'EAR-SHENMEN', english: 'Spirit Gate of the ear', region: 'head', pregnancyCaution: true,
      clinicPoint: { uses: 'Calming before facial work', source: 'Our clinic protocol (2024)', cautions: 'Sensitive in some clients' },
    });
    expect(added.json().cautions.map((c: { kind: string }) => c.kind)).toEqual(['pregnancy', 'other']);
    const found = (await owner.get(url('?q=ear%20shenmen'))).json();
    expect(codes(found)).toEqual(['EAR-SHENMEN']);
    expect(codes((await owner.get(url('?q=calming&region=head'))).json())).toContain('EAR-SHENMEN');
    const audit = await audits('acupoint.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: added.json().id, actorUserId: f.practitionerId, actorRole: 'practitioner' });

    const again = await owner.post(url(), { ...earShenmen, code: 'Ear-Shenmen' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toContain('duplicate-code');
    expect(await pointRows()).toHaveLength(1);

    // Another clinic's search does not see it.
    const other = await createClinicFixture(t, { slug: 'points-third' });
    expect(codes((await (await other.signIn('practitioner')).get(`/api/v1/clinics/${other.slug}/acupoints?q=ear%20shenmen`)).json())).toEqual([]);
  });

  it('changes and archives the clinic’s own points only, audited; an archived code is free again', async () => {
    const [row] = await pointRows();
    const id = row!.id;
    const changed = await owner.patch(url(`/${id}`), { location: 'Upper triangular fossa of the ear.', code: 'EAR-SM' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'EAR-SM', location: 'Upper triangular fossa of the ear.', english: 'Spirit Gate of the ear' });
    expect(await audits('acupoint.update')).toHaveLength(1);
    // An emptied optional field is cleared; a field left out is kept.
    const cleared = await owner.patch(url(`/${id}`), { uses: '', pregnancyCaution: false });
    expect(cleared.json()).toMatchObject({ uses: [], pregnancyCaution: false, clinicPoint: { uses: '', source: 'Our clinic protocol (2024)' } });
    expect(cleared.json().cautions.map((c: { kind: string }) => c.kind)).toEqual(['other']);

    expect((await owner.patch(url(`/${id}`), { code: 'li-4' })).statusCode).toBe(409);
    expect((await owner.patch(url(`/${id}`), { english: '' })).statusCode).toBe(400);
    expect((await owner.patch(url('/ST36'), { english: 'Mine' })).statusCode).toBe(400);
    expect((await owner.patch(url('/00000000-0000-4000-8000-000000000000'), { english: 'Mine' })).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'points-fourth' });
    const stranger = await other.signIn('owner');
    expect((await stranger.patch(`/api/v1/clinics/${other.slug}/acupoints/${id}`, { english: 'Taken' })).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/clinics/${other.slug}/acupoints/${id}`)).statusCode).toBe(404);
    expect((await pointRows())[0]).toMatchObject({ code: 'EAR-SM', english: 'Spirit Gate of the ear', archivedAt: null });

    expect((await pat.delete(url(`/${id}`))).statusCode).toBe(204);
    expect(codes((await owner.get(url('?q=EAR-SM'))).json())).toEqual([]);
    expect((await pat.delete(url(`/${id}`))).statusCode).toBe(404);
    expect(await audits('acupoint.archive')).toHaveLength(1);
    expect((await pat.post(url(), { ...earShenmen, code: 'EAR-SM' })).statusCode).toBe(201);
  });
});
