import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, clients, outcomeRequests, services } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The clinic outcome report over HTTP, on a fixed calendar (March 2030, London winter time),
 * checked against a hand computation. Knee clients rate their pain (NPRS, 0–10, lower is
 * better, MIC 2) at session 1 and session 5:
 *
 *   Pat's clients   A 8→5  B 7→5  C 9→5  D 6→5  E 8→3   (changes −3, −2, −4, −1, −5)
 *   Sam's client    F 7→ (never answered the follow-up)
 *
 * Mean change −3; s = √2.5 = 1.58114; s/√5 = 0.70711; t(0.975, 4) = 2.77645 → 95% CI
 * −4.96 to −1.04. Improved by 2 points or more: A, B, C, E = 4 of 5 (80%). Answered 11 of 12
 * (91.7%). A and C answered an end-of-course questionnaire: 2 of 6 courses completed.
 * G started in April (outside the period); the other clinic's client never appears.
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let kneeId: string;
let owner: TestClient;
const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const MARCH = '?from=2030-03-01&to=2030-03-31';

async function course(fx: ClinicFixture, serviceId: string, practitionerId: string, name: string, hour: number, firstDay: number, scores: (number | null)[], endAt?: number) {
  const [c] = await t.database.db.insert(clients).values({ clinicId: fx.clinicId, name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` }).returning({ id: clients.id });
  for (const [i, score] of scores.entries()) {
    const startsAt = new Date(Date.UTC(2030, 2, firstDay + 28 * i, hour));
    const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
    const [b] = await t.database.db.insert(bookings).values({
      clinicId: fx.clinicId, serviceId, practitionerId, clientId: c!.id, startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed', source: 'staff',
    }).returning({ id: bookings.id });
    await t.database.db.insert(outcomeRequests).values({
      clinicId: fx.clinicId, clientId: c!.id, bookingId: b!.id, serviceId, measureKey: 'nprs', measureVersion: 1,
      timing: i === 0 ? 'baseline' : i === endAt ? 'end' : 'interval', sessionNumber: 1 + 4 * i, questionnaire: {},
      ...(score === null ? {} : { status: 'answered' as const, answers: { pain: score }, scores: { pain: score }, answeredAt: new Date(startsAt.getTime() - 3_600_000) }),
    });
  }
  return c!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  [f, other] = await Promise.all([createClinicFixture(t, { slug: 'report-clinic' }), createClinicFixture(t, { slug: 'report-other' })]);
  const [knee] = await t.database.db.insert(services).values({ clinicId: f.clinicId, slug: 'knee', name: 'Acupuncture for knee pain', kind: 'knee', durationMin: 45, priceMinor: 6000 }).returning({ id: services.id });
  kneeId = knee!.id;
  await course(f, kneeId, f.practitionerId, 'Ann A', 9, 4, [8, 5], 1);
  await course(f, kneeId, f.practitionerId, 'Ben B', 10, 4, [7, 5]);
  await course(f, kneeId, f.practitionerId, 'Cat C', 11, 4, [9, 5], 1);
  await course(f, kneeId, f.practitionerId, 'Dan D', 9, 5, [6, 5]);
  await course(f, kneeId, f.practitionerId, 'Eve E', 10, 5, [8, 3]);
  await course(f, kneeId, f.secondId, 'Fay F', 9, 6, [7, null]);
  await course(f, kneeId, f.practitionerId, 'Gus G', 12, 32, [9, 0]); // 1 April: outside March
  await course(other, other.services.facial, other.practitionerId, 'Oli Other', 9, 4, [9, 0]);
  owner = await f.signIn('owner');
});
afterAll(() => t.close());

describe(`GET /api/v1/clinics/:slug/outcome-report (${testDatabaseKind})`, () => {
  it('matches the hand computation for the knee service', async () => {
    const res = await owner.get(url(`/outcome-report${MARCH}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ from: '2030-03-01', to: '2030-03-31', minGroup: 5 });
    const [all, pat, sam] = body.groups;
    expect(all).toMatchObject({ serviceName: 'Acupuncture for knee pain', practitionerId: null, practitionerName: null, shown: true, coursesStarted: 6, coursesCompleted: 2 });
    expect(all.measures).toEqual([{
      measureKey: 'nprs', name: 'Pain rating (0 to 10)', asked: 12, answered: 11, responseRate: 0.917,
      scores: [{ scoreId: 'pain', label: 'Pain (0–10)', higherIsBetter: false, mic: 2, clients: 5, shown: true, meanChange: -3, ciLow: -4.96, ciHigh: -1.04, improved: 4, improvedShare: 0.8 }],
    }]);
    expect(pat).toMatchObject({ practitionerId: f.practitionerId, shown: true, coursesStarted: 5, coursesCompleted: 2 });
    expect(pat.measures[0].scores[0]).toMatchObject({ meanChange: -3, ciLow: -4.96, ciHigh: -1.04, improvedShare: 0.8 });
    // Sam has one client: no figures at all.
    expect(sam).toMatchObject({ practitionerId: f.secondId, shown: false, coursesStarted: null, coursesCompleted: null });
    expect(sam.measures[0]).toMatchObject({ asked: null, answered: null, responseRate: null });
    expect(body.groups).toHaveLength(3);
  });

  it('names no client and carries no client identifier', async () => {
    const res = await owner.get(url(`/outcome-report${MARCH}`));
    const ids = await t.database.db.select({ id: clients.id, name: clients.name }).from(clients).where(eq(clients.clinicId, f.clinicId));
    for (const c of ids) {
      expect(res.body).not.toContain(c.id);
      expect(res.body).not.toContain(c.name);
    }
  });

  it('shows no figures when the period holds fewer than five clients', async () => {
    const res = await owner.get(url('/outcome-report?from=2030-03-05&to=2030-04-30'));
    const [all] = res.json().groups;
    expect(all).toMatchObject({ shown: false, coursesStarted: null });
    expect(all.measures[0].scores[0]).toMatchObject({ shown: false, meanChange: null, clients: null });
  });

  it('filters by service', async () => {
    const res = await owner.get(url(`/outcome-report${MARCH}&serviceId=${f.services.facial}`));
    expect(res.json().groups).toEqual([]);
  });

  it('is audited as a read of aggregated data, with the filters only', async () => {
    await owner.get(url(`/outcome-report${MARCH}`));
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'outcome.report_view')));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ entityType: 'clinic', actorUserId: f.ownerId, details: { from: '2030-03-01', to: '2030-03-31', serviceId: null, aggregated: true } });
  });

  it('refuses bad filters with a problem+json 400', async () => {
    for (const q of ['?from=2030-04-01&to=2030-03-01', '?from=1%20March', '?serviceId=nope', '?extra=1']) {
      const res = await owner.get(url(`/outcome-report${q}`));
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is for the owner only: other staff 403, a client or another clinic 404', async () => {
    for (const who of ['practitioner', 'reception'] as const) {
      const res = await (await f.signIn(who)).get(url(`/outcome-report${MARCH}`));
      expect(res.statusCode, who).toBe(403);
      expect((await (await f.signIn(who)).get(url(`/outcome-report.csv${MARCH}`))).statusCode, who).toBe(403);
    }
    const client = await addClientWithAccount(t, f, 'Clara Client', 'clara@example.com');
    expect((await (await client.signIn()).get(url(`/outcome-report${MARCH}`))).statusCode).toBe(404);
    const elsewhere = await owner.get(url(`/outcome-report${MARCH}`, other.slug));
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain('Oli Other');
  });
});

describe(`GET /api/v1/clinics/:slug/outcome-report.csv (${testDatabaseKind})`, () => {
  it('exports the same figures, one line per group and score, with small groups marked', async () => {
    const res = await owner.get(url(`/outcome-report.csv${MARCH}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="outcome-report-report-clinic-2030-03-01-to-2030-03-31.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toContain('Mean change from baseline,95% CI low,95% CI high');
    expect(lines[1]).toBe('Acupuncture for knee pain,All practitioners,2030-03-01,2030-03-31,6,2,Pain rating (0 to 10),Pain (0–10),lower,2,5,-3,-4.96,-1.04,4,80,12,11,91.7,');
    expect(lines[3]).toMatch(/,Fewer than 5 clients: not shown$/);
    expect(lines).toHaveLength(4);
    expect(res.body).not.toContain('Ann A');
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'outcome.report_export')));
    expect(audit).toHaveLength(1);
  });
});
