import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, bookings, careTeam, outcomeRequests, servicePractitioners, services } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { queueQuestionnaires } from './outcomes.jobs.ts';

/**
 * Outcome measures over HTTP, on a fixed calendar far ahead: the job runs at a given
 * instant (the test clock), never today's date. Kate comes for knee acupuncture every
 * Monday from 4 March 2030 at 10:00 UTC; the clinic asks the pain rating and the PSFS at
 * baseline and every 4 sessions after (so before sessions 1 and 5).
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let kneeId: string;
let kate: Awaited<ReturnType<typeof addClientWithAccount>>;
let bob: Awaited<ReturnType<typeof addClientWithAccount>>;
let kateClient: TestClient;
const sessions: string[] = [];
const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const monday = (week: number) => new Date(Date.UTC(2030, 2, 4 + 7 * week, 10));
const dayBefore = (week: number) => new Date(monday(week).getTime() - 22 * 3_600_000);
const put = (c: TestClient, path: string, body: unknown) => c.request('PUT', path, body);
const linkToken = (text: string) => text.match(/\/app\/questionnaire\?clinic=[a-z-]+&token=([A-Za-z0-9_-]+)/)![1]!;
const questionnaireMails = async () => (await t.emailsTo('kate@example.com')).filter((m) => m.subject.includes('how are you doing'));

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'outcome-clinic' });
  other = await createClinicFixture(t, { slug: 'outcome-other' });
  const [knee] = await t.database.db.insert(services).values({ clinicId: f.clinicId, slug: 'knee', name: 'Acupuncture for knee pain', kind: 'knee', durationMin: 45, priceMinor: 6000 }).returning({ id: services.id });
  kneeId = knee!.id;
  await t.database.db.insert(servicePractitioners).values({ clinicId: f.clinicId, serviceId: kneeId, practitionerId: f.practitionerId });
  kate = await addClientWithAccount(t, f, 'Kate Knee', 'kate@example.com');
  bob = await addClientWithAccount(t, f, 'Bob Other', 'bob@example.com');
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: kate.clientId, practitionerId: f.practitionerId });
  for (let week = 0; week < 5; week++) {
    const startsAt = monday(week);
    const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
    const [b] = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: kneeId, practitionerId: f.practitionerId, clientId: kate.clientId,
      startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff', createdAt: new Date(Date.UTC(2030, 1, 1)),
    }).returning({ id: bookings.id });
    sessions.push(b!.id);
  }
  kateClient = await kate.signIn();
});
afterAll(() => t.close());

describe('the clinic chooses measures per service', () => {
  it('lists the measures Yintang offers, with their minimal important change', async () => {
    const res = await (await f.signIn('reception')).get(url('/outcome-measures'));
    expect(res.statusCode).toBe(200);
    expect(res.json().measures.map((m: { key: string }) => m.key)).toEqual(['nprs', 'psfs', 'koos-pain', 'facial-self']);
    expect(res.json().measures[0].scores[0]).toMatchObject({ mic: 2, higherIsBetter: false });
  });

  it('refuses reception, an unknown measure and a measure never asked; nothing is written', async () => {
    const body = { measures: [{ measureKey: 'nprs', baseline: true, everyNSessions: 4, endOfCourse: false }] };
    expect((await put(await f.signIn('reception'), url(`/services/${kneeId}/outcome-measures`), body)).statusCode).toBe(403);
    const owner = await f.signIn('owner');
    const mymop = await put(owner, url(`/services/${kneeId}/outcome-measures`), { measures: [{ measureKey: 'mymop', baseline: true, everyNSessions: null, endOfCourse: false }] });
    expect(mymop.statusCode).toBe(400);
    expect(mymop.headers['content-type']).toContain('application/problem+json');
    const never = await put(owner, url(`/services/${kneeId}/outcome-measures`), { measures: [{ measureKey: 'nprs', baseline: false, everyNSessions: null, endOfCourse: false }] });
    expect(never.statusCode).toBe(400);
    expect((await put(owner, url(`/services/${f.services.facial}/outcome-measures`, other.slug), body)).statusCode).toBe(404);
    expect((await (await f.signIn('owner')).get(url('/outcome-measures/services'))).json().services.find((s: { serviceId: string }) => s.serviceId === kneeId).measures).toEqual([]);
  });

  it('the owner sets pain + PSFS at baseline and every 4 sessions for knee acupuncture', async () => {
    const res = await put(await f.signIn('owner'), url(`/services/${kneeId}/outcome-measures`), {
      measures: [
        { measureKey: 'nprs', baseline: true, everyNSessions: 4, endOfCourse: false },
        { measureKey: 'psfs', baseline: true, everyNSessions: 4, endOfCourse: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().measures.map((m: { measureKey: string }) => m.measureKey)).toEqual(['nprs', 'psfs']);
  });
});

describe('asked at the right time', () => {
  it('e-mails the baseline questionnaires once, within 48 hours before session 1', async () => {
    expect(await queueQuestionnaires(t.database, t.config, new Date(Date.UTC(2030, 2, 1, 12)))).toBe(0); // 70 hours before
    const counts = await Promise.all([queueQuestionnaires(t.database, t.config, dayBefore(0)), queueQuestionnaires(t.database, t.config, dayBefore(0))]);
    expect(counts[0]! + counts[1]!).toBe(2);
    expect(await queueQuestionnaires(t.database, t.config, dayBefore(0))).toBe(0);
    const mails = await questionnaireMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('about 3 minutes');
    expect(mails[0]!.staffText).not.toContain(linkToken(mails[0]!.text));
    const rows = await t.database.db.select().from(outcomeRequests).where(eq(outcomeRequests.bookingId, sessions[0]!));
    expect(rows.map((r) => [r.measureKey, r.timing, r.sessionNumber]).sort()).toEqual([['nprs', 'baseline', 1], ['psfs', 'baseline', 1]]);
  });

  it('asks nothing before sessions 2 to 4, and again before session 5', async () => {
    for (const week of [1, 2, 3]) expect(await queueQuestionnaires(t.database, t.config, dayBefore(week))).toBe(0);
    // Session 5 is asked after the baseline is answered (below); not yet due here.
  });
});

describe('the client answers from the e-mail link', () => {
  let token: string;
  beforeAll(async () => {
    token = linkToken((await questionnaireMails())[0]!.text);
  });

  it('opens the questionnaires without signing in, never cached', async () => {
    const res = await t.client().get(url(`/questionnaires/by-token/${token}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json().items.map((i: { measureKey: string; status: string }) => [i.measureKey, i.status])).toEqual([['nprs', 'pending'], ['psfs', 'pending']]);
    expect(res.json().items[1].form.sections[0].questions[0].id).toBe('activity1Name');
  });

  it('refuses a wrong link and another clinic', async () => {
    expect((await t.client().get(url(`/questionnaires/by-token/${'x'.repeat(43)}`))).statusCode).toBe(404);
    expect((await t.client().get(url(`/questionnaires/by-token/${token}`, other.slug))).statusCode).toBe(404);
  });

  it('refuses wrong answers with a message per answer, writing nothing', async () => {
    const res = await t.client().post(url(`/questionnaires/by-token/${token}`), { answers: { nprs: { pain: 11 }, psfs: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['nprs.pain', 'psfs.activity1Name']);
    const rows = await t.database.db.select().from(outcomeRequests).where(eq(outcomeRequests.bookingId, sessions[0]!));
    expect(rows.every((r) => r.status === 'pending' && r.answers === null)).toBe(true);
  });

  it('scores valid answers, once', async () => {
    const answers = {
      nprs: { pain: 7 },
      psfs: { activity1Name: 'Climbing stairs', activity1: 3, activity2Name: 'Kneeling in the garden', activity2: 4, activity3Name: 'Walking 2 miles', activity3: 6 },
    };
    const res = await t.client().post(url(`/questionnaires/by-token/${token}`), { answers });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ answered: 2, scores: { nprs: { pain: 7 }, psfs: { function: 4.3 } } });
    expect((await t.client().post(url(`/questionnaires/by-token/${token}`), { answers })).statusCode).toBe(409);
  });
});

describe('session 5, answered signed in', () => {
  it('is asked before session 5 with the activities named at baseline', async () => {
    expect(await queueQuestionnaires(t.database, t.config, dayBefore(4))).toBe(2);
    const list = await kateClient.get(url('/me/questionnaires'));
    // Session 5 is in 2030: still pending; the baseline is answered.
    expect(list.json().pending.map((p: { bookingId: string }) => p.bookingId)).toEqual([sessions[4]]);
    const res = await kateClient.get(url(`/me/questionnaires/${sessions[4]}`));
    expect(res.statusCode).toBe(200);
    const psfs = res.json().items.find((i: { measureKey: string }) => i.measureKey === 'psfs');
    expect(psfs.timing).toBe('interval');
    expect(psfs.form.sections[0].questions.map((q: { label: string }) => q.label)).toEqual(['Climbing stairs', 'Kneeling in the garden', 'Walking 2 miles']);
  });

  it('another client gets 404 for it', async () => {
    const bobClient = await bob.signIn();
    expect((await bobClient.get(url(`/me/questionnaires/${sessions[4]}`))).statusCode).toBe(404);
    expect((await bobClient.post(url(`/me/questionnaires/${sessions[4]}`), { answers: { nprs: { pain: 0 } } })).statusCode).toBe(404);
  });

  it('Kate answers: pain 4, activities 6, 7, 8', async () => {
    const res = await kateClient.post(url(`/me/questionnaires/${sessions[4]}`), { answers: { nprs: { pain: 4 }, psfs: { activity1: 6, activity2: 7, activity3: 8 } } });
    expect(res.statusCode).toBe(201);
    expect(res.json().scores).toEqual({ nprs: { pain: 4 }, psfs: { function: 7 } });
  });
});

describe('progress', () => {
  it('Kate sees each measure over the course with the change from baseline', async () => {
    const res = await kateClient.get(url('/me/outcomes'));
    expect(res.statusCode).toBe(200);
    const [pain, psfs] = res.json().measures;
    expect(pain.scores[0]).toMatchObject({ baseline: 7, latest: 4, change: { change: -3, improvement: 3, meaningful: true, verdict: 'improved' }, mic: 2 });
    expect(pain.scores[0].points.map((p: { sessionAt: string; sessionNumber: number }) => [p.sessionAt, p.sessionNumber])).toEqual([
      [monday(0).toISOString(), 1], [monday(4).toISOString(), 5],
    ]);
    expect(psfs.scores[0]).toMatchObject({ baseline: 4.3, latest: 7, change: { change: 2.7, meaningful: true } });
  });

  it('Kate’s data download holds every questionnaire she answered, with its answers and scores', async () => {
    const data = (await kateClient.get(url('/me/data.json'))).json();
    expect(data.outcomeQuestionnaires.map((q: { session: number; scores: unknown }) => [q.session, q.scores])).toEqual([
      [1, { pain: 7 }], [1, { function: 4.3 }], [5, { pain: 4 }], [5, { function: 7 }],
    ]);
  });

  it('the owner and her practitioner see it; another practitioner and another clinic get 404, reception 403', async () => {
    const path = url(`/clients/${kate.clientId}/outcomes`);
    expect((await (await f.signIn('owner')).get(path)).statusCode).toBe(200);
    expect((await (await f.signIn('practitioner')).get(path)).json().measures).toHaveLength(2);
    expect((await (await f.signIn('second')).get(path)).statusCode).toBe(404);
    expect((await (await f.signIn('reception')).get(path)).statusCode).toBe(403);
    expect((await (await other.signIn('owner')).get(url(`/clients/${kate.clientId}/outcomes`, other.slug))).statusCode).toBe(404);
    expect((await (await other.signIn('owner')).get(path)).statusCode).toBe(404);
  });

  it('staff may ask a measure before a session now, once', async () => {
    const pat = await f.signIn('practitioner');
    const res = await pat.post(url(`/bookings/${sessions[1]}/questionnaires`), { measureKey: 'nprs' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ timing: 'extra', sessionNumber: 2 });
    expect((await pat.post(url(`/bookings/${sessions[1]}/questionnaires`), { measureKey: 'nprs' })).statusCode).toBe(409);
    expect((await (await f.signIn('second')).post(url(`/bookings/${sessions[1]}/questionnaires`), { measureKey: 'psfs' })).statusCode).toBe(404);
  });

  it('every read and write is audited with the client id and never an answer', async () => {
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), like(auditLog.action, 'outcome.%')));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['outcome.settings_update', 'outcome.requested', 'outcome.questionnaire_view', 'outcome.answered', 'outcome.view']) expect(actions).toContain(a);
    for (const r of rows.filter((x) => x.action !== 'outcome.settings_update')) expect((r.details as { clientId?: string }).clientId).toBe(kate.clientId);
    const text = JSON.stringify(rows.map((r) => r.details));
    expect(text).not.toContain('Climbing stairs');
    expect(text).not.toMatch(/"pain":|"function":/);
  });
});
