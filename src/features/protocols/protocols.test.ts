import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clinicProtocols } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let pat: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'protocols-clinic' });
  owner = await f.signIn('owner');
  pat = await f.signIn('practitioner');
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/clinics/${f.slug}/protocols${path}`;
const rows = () => t.database.db.select().from(clinicProtocols).where(eq(clinicProtocols.clinicId, f.clinicId));
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));
type Protocol = { id: string; name: string; kind: string; totalNeedles: number; points: { pointCode: string; side: string; needles: number; label: string | null; needleCount: number }[] };

const jaw = {
  name: 'Jaw tension', kind: 'facial', description: 'Clenching and jaw tightness.',
  points: [{ pointCode: 'st-6', side: 'both', needles: 1 }, { pointCode: 'LI4', side: 'both', needles: 1, note: 'Avoid in pregnancy' }],
};

describe('protocols over HTTP', () => {
  it('refuses reception (403), clients, other clinics and strangers (404), and visitors (401), seeding nothing', async () => {
    const reception = await f.signIn('reception');
    expect((await reception.get(url())).statusCode).toBe(403);
    expect((await reception.post(url(), jaw)).statusCode).toBe(403);
    const client = await addClientWithAccount(t, f, 'Cara Client', 'cara.protocols@example.com');
    expect((await (await client.signIn()).get(url())).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'protocols-elsewhere' });
    const refused = await (await other.signIn('owner')).get(url());
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await t.client().get(url())).statusCode).toBe(401);
    expect(await rows()).toHaveLength(0);
  });

  it('starts a clinic with the three default protocols, once', async () => {
    const first = await pat.get(url());
    expect(first.statusCode).toBe(200);
    const items = first.json().items as Protocol[];
    expect(items.map((p) => p.name)).toEqual(['Constitutional', 'Facial rejuvenation core', 'Knee pain']);
    const facial = items.find((p) => p.name === 'Facial rejuvenation core')!;
    expect(facial.kind).toBe('facial');
    expect(facial.points[0]).toMatchObject({ pointCode: 'EX-HN3', side: 'midline', needles: 1, label: 'EX-HN3 Yintang', needleCount: 1 });
    expect(facial.totalNeedles).toBe(facial.points.reduce((n, p) => n + p.needleCount, 0));
    expect((await owner.get(url())).json().items).toHaveLength(3);
    expect(await rows()).toHaveLength(3);
    expect(await audits('protocol.create')).toHaveLength(3);
  });

  it('refuses bad input with problem+json and field errors, writing nothing', async () => {
    const point = jaw.points[0]!;
    const bad: [unknown, string][] = [
      [{ ...jaw, points: [{ ...point, pointCode: 'ST99' }] }, 'points.0.pointCode'],
      [{ ...jaw, points: [point, { ...point, pointCode: 'ST6' }] }, 'points.1.side'],
      [{ ...jaw, points: [{ ...point, needles: 0 }] }, 'points.0.needles'],
      [{ ...jaw, points: [{ ...point, needles: 11 }] }, 'points.0.needles'],
      [{ ...jaw, points: [{ ...point, needles: 1.5 }] }, 'points.0.needles'],
      [{ ...jaw, points: [{ pointCode: 'GV20', side: 'left', needles: 1 }] }, 'points.0.side'],
      [{ ...jaw, points: [{ ...point, side: 'up' }] }, 'points.0.side'],
      [{ ...jaw, name: 'Jaw\u0000tension' }, 'name'],
      [{ ...jaw, name: 'Jaw\u202Etension' }, 'name'],
      [{ ...jaw, points: [{ ...point, note: 'bad\u0007' }] }, 'points.0.note'],
      [{ ...jaw, name: '' }, 'name'],
      [{ ...jaw, kind: 'consultation' }, 'kind'],
      [{ ...jaw, points: Array.from({ length: 61 }, (_, i) => ({ pointCode: `ST${i + 1}`, side: 'left', needles: 1 })) }, 'points'],
      [{ ...jaw, surprise: true }, ''],
    ];
    for (const [body, field] of bad) {
      const r = await pat.post(url(), body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 90)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      if (field) expect(r.json().errors.map((e: { field: string }) => e.field.replace(/^body\./, '')), field).toContain(field);
    }
    expect(await rows()).toHaveLength(3);
    expect(await audits('protocol.create')).toHaveLength(3);
  });

  it('adds, reads, changes and archives a protocol, audited with identifiers only', async () => {
    const added = await pat.post(url(), jaw);
    expect(added.statusCode).toBe(201);
    const p = added.json() as Protocol;
    expect(p).toMatchObject({ name: 'Jaw tension', kind: 'facial', totalNeedles: 4 });
    expect(p.points.map((x) => [x.pointCode, x.side, x.needles, x.label])).toEqual([['ST6', 'both', 1, 'ST6 Jiache'], ['LI4', 'both', 1, 'LI4 Hegu']]);
    const [audit] = await audits('protocol.create').then((a) => a.filter((r) => r.entityId === p.id));
    expect(audit).toMatchObject({ actorUserId: f.practitionerId, entityType: 'clinic_protocol' });
    expect(JSON.stringify(audit!.details)).not.toContain('Jaw');

    expect((await owner.post(url(), { ...jaw, name: 'JAW TENSION' })).statusCode).toBe(409);
    expect((await owner.get(url(`/${p.id}`))).json()).toMatchObject({ name: 'Jaw tension', totalNeedles: 4 });

    const changed = await owner.patch(url(`/${p.id}`), {
      name: 'Jaw tension (TMJ)', points: [{ pointCode: 'LI4', side: 'both', needles: 1 }, { pointCode: 'ST6', side: 'left', needles: 2 }, { pointCode: 'yintang', side: 'midline', needles: 1 }],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Jaw tension (TMJ)', description: 'Clenching and jaw tightness.', totalNeedles: 5 });
    expect(changed.json().points.map((x: { pointCode: string }) => x.pointCode)).toEqual(['LI4', 'ST6', 'EX-HN3']);
    expect(await audits('protocol.update')).toHaveLength(1);
    expect((await owner.patch(url(`/${p.id}`), { points: [{ pointCode: 'ST99', side: 'left', needles: 1 }] })).statusCode).toBe(400);
    expect((await owner.patch(url(`/${p.id}`), { name: 'Knee pain' })).statusCode).toBe(409);
    expect((await owner.get(url(`/${p.id}`))).json().totalNeedles).toBe(5);

    const other = await createClinicFixture(t, { slug: 'protocols-third' });
    const stranger = await other.signIn('owner');
    expect((await stranger.patch(`/api/v1/clinics/${other.slug}/protocols/${p.id}`, { name: 'Taken' })).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/clinics/${other.slug}/protocols/${p.id}`)).statusCode).toBe(404);
    expect((await owner.get(url('/00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);

    expect((await pat.delete(url(`/${p.id}`))).statusCode).toBe(204);
    expect((await pat.delete(url(`/${p.id}`))).statusCode).toBe(404);
    expect((await pat.get(url(`/${p.id}`))).statusCode).toBe(404);
    expect((await pat.get(url())).json().items.map((x: Protocol) => x.name)).not.toContain('Jaw tension (TMJ)');
    expect(await audits('protocol.archive')).toHaveLength(1);
  });

  it('accepts the clinic’s own points, and does not bring the defaults back once archived', async () => {
    const point = await owner.post(`/api/v1/clinics/${f.slug}/acupoints`, { code: 'EAR-SHENMEN', english: 'Ear Shenmen', region: 'head', location: 'In the triangular fossa.' });
    expect(point.statusCode).toBe(201);
    const ear = await pat.post(url(), { name: 'Calm ear', kind: 'traditional', points: [{ pointCode: 'ear-shenmen', side: 'left', needles: 1 }] });
    expect(ear.statusCode).toBe(201);
    expect(ear.json().points[0]).toMatchObject({ pointCode: 'EAR-SHENMEN', label: 'EAR-SHENMEN' });
    for (const p of (await pat.get(url())).json().items as Protocol[]) expect((await pat.delete(url(`/${p.id}`))).statusCode).toBe(204);
    expect((await pat.get(url())).json().items).toEqual([]);
  });
});
