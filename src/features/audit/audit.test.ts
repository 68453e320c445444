import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, clients, memberships, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import type { AuditPage, AuditRow } from './audit.schema.ts';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';

let t: TestContext;
let a: ClinicFixture;
let b: ClinicFixture;
let owner: TestClient;
let clara: string;
let bClient: string;

/** Writes a log row at an exact instant (to the microsecond) as `recordAudit` would. */
async function row(values: {
  at: string; clinicId: string | null; actorUserId?: string | null; actorRole?: string | null; action: string; entityType: string;
  entityId?: string | null; ip?: string | null; userAgent?: string | null; details?: Record<string, unknown> | null;
}) {
  await t.database.db.insert(auditLog).values({
    ...values,
    at: sql`${values.at}::timestamptz`,
    actorUserId: values.actorUserId ?? null, actorRole: values.actorRole ?? null, entityId: values.entityId ?? null,
    ip: values.ip ?? null, userAgent: values.userAgent ?? null, details: values.details ?? null,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  a = await createClinicFixture(t, { slug: 'audit-a' });
  b = await createClinicFixture(t, { slug: 'audit-b' });
  owner = await a.signIn('owner');
  [clara, bClient] = [
    (await t.database.db.insert(clients).values({ clinicId: a.clinicId, name: 'Clara Client', email: 'clara@example.com' }).returning())[0]!.id,
    (await t.database.db.insert(clients).values({ clinicId: b.clinicId, name: 'Bea Elsewhere', email: 'bea@example.com' }).returning())[0]!.id,
  ];
  const pat = { clinicId: a.clinicId, actorUserId: a.practitionerId, actorRole: 'practitioner', ip: '198.51.100.7', userAgent: FIREFOX };
  await row({ ...pat, at: '2027-03-01T09:00:00Z', action: 'client.view', entityType: 'client', entityId: clara });
  await row({ clinicId: a.clinicId, actorUserId: a.receptionId, actorRole: 'reception', at: '2027-03-02T10:00:00Z', action: 'client.create', entityType: 'client', entityId: clara });
  // Around midnight in London in summer (BST, UTC+1): which local day a row belongs to.
  await row({ ...pat, at: '2027-06-10T22:59:00Z', action: 'client.view', entityType: 'client', entityId: clara });
  await row({ ...pat, at: '2027-06-10T23:30:00Z', action: 'client.view', entityType: 'client', entityId: clara });
  await row({ ...pat, at: '2027-06-11T23:30:00Z', action: 'client.view', entityType: 'client', entityId: clara });
  // Another clinic's owner refused a record of this clinic; free text in details must not show.
  await row({
    clinicId: a.clinicId, actorUserId: b.ownerId, actorRole: null, at: '2027-04-01T08:00:00Z', action: 'access.denied', entityType: 'client', entityId: clara,
    details: { reason: 'not-member', path: `/api/v1/clinics/audit-a/clients/${clara}`, note: 'she has diabetes', reasonText: 'x' },
  });
  await row({
    clinicId: a.clinicId, actorUserId: a.ownerId, actorRole: 'owner', at: '2027-04-02T08:00:00Z', action: 'review.hidden', entityType: 'review',
    entityId: '6f1c2f7e-0000-4000-8000-000000000001', details: { reason: 'Mentions her pregnancy' },
  });
  // Clinic B's own rows, one about a record of clinic A's id-space, and an account event with no clinic.
  await row({ clinicId: b.clinicId, actorUserId: b.ownerId, actorRole: 'owner', at: '2027-03-01T09:30:00Z', action: 'client.view', entityType: 'client', entityId: bClient });
  await row({ clinicId: null, actorUserId: a.ownerId, at: '2027-03-01T07:00:00Z', action: 'user.sign_in', entityType: 'user', entityId: a.ownerId });
});
afterAll(() => t.close());

const url = (path: string, slug = a.slug) => `/api/v1/clinics/${slug}${path}`;
const list = async (query: string, who = owner) => {
  const response = await who.get(url(`/audit?${query}`));
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as AuditPage;
};
const auditViews = async () =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.clinicId, a.clinicId), eq(auditLog.action, 'audit.view'))))[0]!.n;

describe('GET /api/v1/clinics/:slug/audit', () => {
  it('shows the owner who did what to which record, when and from where, with the record’s name', async () => {
    const page = await list('entityType=client&limit=200');
    const view = page.items.find((r) => r.at === '2027-03-01T09:00:00.000Z')!;
    expect(view).toEqual({
      id: expect.any(String), at: '2027-03-01T09:00:00.000Z',
      actor: { userId: a.practitionerId, name: 'Pat Practitioner', email: a.emails.practitioner }, role: 'practitioner',
      action: 'client.view', actionLabel: 'Viewed a client’s details', entityType: 'client', entityTypeLabel: 'Client',
      entityId: clara, entityLabel: 'Clara Client', ip: '198.51.100.7', device: 'Firefox 128 on Windows', details: {},
    } satisfies AuditRow);
    expect(page.timeZone).toBe('Europe/London');
  });

  it('lists only rows of the owner’s clinic: never another clinic’s, never account events without a clinic', async () => {
    const page = await list('limit=200');
    expect(page.items.length).toBeGreaterThan(5);
    expect(page.items.some((r) => r.entityId === bClient)).toBe(false);
    expect(page.items.some((r) => r.action === 'user.sign_in')).toBe(false);
    const theirs = ((await (await b.signIn('owner')).get(url('/audit?limit=200', b.slug))).json() as AuditPage).items;
    expect(theirs.some((r) => r.entityId === clara && r.action === 'client.view')).toBe(false);
    expect(theirs.some((r) => r.entityId === bClient)).toBe(true);
  });

  it('shows refused accesses with their identifier details only, and no free text from any row', async () => {
    const [denied] = (await list('action=access.denied')).items;
    expect(denied).toMatchObject({
      actionLabel: 'Was refused access', actor: { userId: b.ownerId, name: 'Olga Owner', email: b.emails.owner }, entityLabel: 'Clara Client',
      details: { reason: 'not-member', path: `/api/v1/clinics/audit-a/clients/${clara}` },
    });
    expect(Object.keys(denied!.details).sort()).toEqual(['path', 'reason']);
    const [hidden] = (await list('action=review.hidden')).items;
    expect(hidden!.details).toEqual({});
    expect(JSON.stringify((await list('limit=200')).items)).not.toMatch(/diabetes|pregnancy/);
  });

  it('names no record of another clinic, even when a row of this clinic points at it', async () => {
    await row({ clinicId: a.clinicId, actorUserId: a.ownerId, actorRole: 'owner', at: '2027-04-03T08:00:00Z', action: 'access.denied', entityType: 'client', entityId: bClient, details: { reason: 'other-clinic' } });
    const [r] = (await list(`entityId=${bClient}`)).items;
    expect(r).toMatchObject({ entityId: bClient, entityLabel: null });
  });

  it('filters by person, by record and by period (local dates in the clinic’s time zone, both days included)', async () => {
    const byPat = await list(`personId=${a.practitionerId}&entityType=client`);
    expect(byPat.items.length).toBe(4);
    expect(byPat.items.every((r) => r.actor?.userId === a.practitionerId)).toBe(true);

    const byRecord = await list(`entityType=client&entityId=${clara}&action=client.create`);
    expect(byRecord.items.map((r) => [r.action, r.actor?.name])).toEqual([['client.create', 'Rita Reception']]);

    // 23:30 UTC on 10 June is 00:30 on 11 June in London; 22:59 UTC is still 10 June there.
    const june11 = await list(`entityType=client&from=2027-06-11&to=2027-06-11`);
    expect(june11.items.map((r) => r.at)).toEqual(['2027-06-10T23:30:00.000Z']);
    const june10 = await list(`entityType=client&from=2027-06-10&to=2027-06-10`);
    expect(june10.items.map((r) => r.at)).toEqual(['2027-06-10T22:59:00.000Z']);
    const fromJune = await list(`entityType=client&from=2027-06-11`);
    expect(fromJune.items.map((r) => r.at)).toEqual(['2027-06-11T23:30:00.000Z', '2027-06-10T23:30:00.000Z']);
  });

  it('pages newest first with a cursor, without losing or repeating rows that share an instant', async () => {
    // Rows a microsecond apart and rows at the same instant: a millisecond cursor would skip some.
    const ats = ['2027-05-01T12:00:00.123456Z', '2027-05-01T12:00:00.123456Z', '2027-05-01T12:00:00.123456Z', '2027-05-01T12:00:00.123789Z',
      '2027-05-01T12:00:00.123001Z', '2027-05-01T12:00:00.123457Z', '2027-05-01T11:00:00Z'];
    for (const at of ats) await row({ clinicId: a.clinicId, actorUserId: a.ownerId, actorRole: 'owner', at, action: 'room.update', entityType: 'room', entityId: 'r' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await list(`entityType=room&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const stored = await t.database.db.select({ id: auditLog.id }).from(auditLog)
      .where(and(eq(auditLog.clinicId, a.clinicId), eq(auditLog.entityType, 'room'))).orderBy(sql`at desc, id desc`);
    expect(seen).toEqual(stored.map((s) => String(s.id)));
  });

  it('audits its own reading, with the filters used', async () => {
    const before = await auditViews();
    await list(`personId=${a.receptionId}&from=2027-03-01`);
    expect(await auditViews()).toBe(before + 1);
    const [view] = (await list('action=audit.view&limit=1')).items;
    expect(view).toMatchObject({
      actor: { userId: a.ownerId }, role: 'owner', actionLabel: 'Looked at the audit log', entityTypeLabel: 'Audit log',
      ip: '203.0.113.10', details: { personId: a.receptionId, from: '2027-03-01' },
    });
  });

  it('is for the owner only: 403 for practitioners and reception, 404 for another clinic’s staff', async () => {
    for (const who of ['practitioner', 'reception'] as const) {
      const c = await a.signIn(who);
      for (const path of ['/audit', '/audit.csv', '/audit/people']) {
        const response = await c.get(url(path));
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    }
    const stranger = await b.signIn('owner');
    expect((await stranger.get(url('/audit'))).statusCode).toBe(404);
    expect((await stranger.get(url('/audit.csv'))).statusCode).toBe(404);
    expect((await t.client().get(url('/audit'))).statusCode).toBe(401);
  });

  it('answers bad filters with a 400 problem and writes nothing', async () => {
    const before = await auditViews();
    for (const query of ['personId=abc', 'from=2027-13-01', 'from=2027-06-02&to=2027-06-01', 'limit=0', 'limit=1000', 'entityType=client;drop',
      'action=everything', 'cursor=bm90LWEtY3Vyc29y', `entityId=${'x'.repeat(101)}`]) {
      const response = await owner.get(url(`/audit?${query}`));
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 400, title: 'Invalid request' });
    }
    expect((await owner.get(url('/audit.csv?to=yesterday'))).statusCode).toBe(400);
    expect(await auditViews()).toBe(before);
  });
});

describe('GET /api/v1/clinics/:slug/audit.csv', () => {
  it('streams the filtered log as CSV with a header, quoted cells and no formulas', async () => {
    // A staff member whose name and browser try to be spreadsheet formulas, with commas and quotes.
    await t.database.db.update(users).set({ name: '=HYPERLINK("http://evil.example","Sam, click")' }).where(eq(users.id, a.secondId));
    await row({
      clinicId: a.clinicId, actorUserId: a.secondId, actorRole: 'practitioner', at: '2027-07-01T12:00:00Z', action: 'client.view', entityType: 'client',
      entityId: clara, ip: '192.0.2.1', userAgent: '@SUM(1+1)', details: { reason: '-1+1' },
    });
    const response = await owner.get(url(`/audit.csv?personId=${a.secondId}`));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-audit-a-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('When (UTC),When (clinic time),Who,E-mail,Role,Action,What,Record type,Record id,Record,IP address,Device,Details');
    expect(lines[1]).toBe([
      '2027-07-01T12:00:00.000Z', '2027-07-01 13:00:00', `"'=HYPERLINK(""http://evil.example"",""Sam, click"")"`, a.emails.second, 'practitioner',
      'client.view', 'Viewed a client’s details', 'Client', clara, 'Clara Client', '192.0.2.1', "'@SUM(1+1)", '"{""reason"":""-1+1""}"',
    ].join(','));
    expect(lines.slice(2)).toEqual(['']);
  });

  it('writes every matching row, past the first batch, and audits the download', async () => {
    const many = Array.from({ length: 520 }, (_, i) => ({
      clinicId: a.clinicId, actorUserId: a.ownerId, actorRole: 'owner', action: 'service.update', entityType: 'service', entityId: `s${i}`,
      at: new Date(Date.UTC(2027, 7, 1, 0, 0, i)),
    }));
    await t.database.db.insert(auditLog).values(many);
    const response = await owner.get(url('/audit.csv?entityType=service&from=2027-08-01&to=2027-08-01'));
    const lines = response.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(521);
    expect(lines[1]).toContain(',s519,');
    expect(lines[520]).toContain(',s0,');
    const [exported] = (await list('action=audit.export&limit=1')).items;
    expect(exported).toMatchObject({ actionLabel: 'Downloaded the audit log', details: { entityType: 'service', from: '2027-08-01', to: '2027-08-01' } });
  });
});

describe('GET /api/v1/clinics/:slug/audit/people', () => {
  it('lists the clinic’s staff to filter by, including people who were deactivated, and nobody else', async () => {
    await t.database.db.update(memberships).set({ deactivatedAt: new Date('2027-01-01T00:00:00Z') })
      .where(and(eq(memberships.clinicId, a.clinicId), eq(memberships.userId, a.receptionId)));
    const response = await owner.get(url('/audit/people'));
    expect(response.statusCode).toBe(200);
    const people = response.json().items as { userId: string; name: string; role: string; deactivated: boolean }[];
    expect(people.map((p) => p.userId).sort()).toEqual([a.ownerId, a.practitionerId, a.secondId, a.receptionId].sort());
    expect(people.find((p) => p.userId === a.receptionId)).toMatchObject({ name: 'Rita Reception', role: 'reception', deactivated: true });
    expect(people.find((p) => p.userId === a.ownerId)).toMatchObject({ deactivated: false });
  });
});

describe('the audit log in OpenAPI', () => {
  it('documents the filters, that the period is in the clinic’s time zone, and the row schema', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const get = doc.paths['/api/v1/clinics/{clinicSlug}/audit'].get;
    expect(get.summary).toContain('clinic’s time zone');
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['personId', 'entityType', 'entityId', 'action', 'from', 'to', 'limit', 'cursor']));
    expect(Object.keys(get.responses['200'].content['application/json'].schema.properties.items.items.properties))
      .toEqual(['id', 'at', 'actor', 'role', 'action', 'actionLabel', 'entityType', 'entityTypeLabel', 'entityId', 'entityLabel', 'ip', 'device', 'details']);
    expect(doc.paths['/api/v1/clinics/{clinicSlug}/audit.csv'].get.summary).toContain('CSV');
  });
});
