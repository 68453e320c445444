import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, careTeam, clinicMeasures, outcomeRequests, servicePractitioners, services } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * "Ask now" in the session note: the practitioner sees which questionnaires were asked
 * before the session and when they were e-mailed, and asks another one. Kate's session is
 * on Monday 4 March 2030, 10:00 UTC (a fixed date far ahead).
 */
let t: TestContext;
let f: ClinicFixture;
let bookingId: string;
let kateId: string;
let kneeId: string;
const url = (slug = f.slug) => `/api/v1/clinics/${slug}/bookings/${bookingId}/questionnaires`;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'asked-clinic' });
  const [knee] = await t.database.db.insert(services).values({ clinicId: f.clinicId, slug: 'knee', name: 'Knee care', kind: 'knee', durationMin: 45, priceMinor: 6000 }).returning({ id: services.id });
  kneeId = knee!.id;
  await t.database.db.insert(servicePractitioners).values({ clinicId: f.clinicId, serviceId: knee!.id, practitionerId: f.practitionerId });
  const kate = await addClientWithAccount(t, f, 'Kate Knee', 'kate.asked@example.com');
  kateId = kate.clientId;
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: kateId, practitionerId: f.practitionerId });
  const startsAt = new Date(Date.UTC(2030, 2, 4, 10));
  const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
  const [b] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: knee!.id, practitionerId: f.practitionerId, clientId: kateId, startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff',
  }).returning({ id: bookings.id });
  bookingId = b!.id;
});
afterAll(() => t.close());

describe(`GET /api/v1/clinics/:slug/bookings/:bookingId/questionnaires (${testDatabaseKind})`, () => {
  it('lists nothing, then what the practitioner asked now and when it was e-mailed', async () => {
    const tom = await f.signIn('practitioner');
    const before = await tom.get(url());
    expect(before.statusCode, before.body).toBe(200);
    expect(before.headers['cache-control']).toBe('no-store');
    expect(before.json().asked).toEqual([]);
    expect(before.json().measures.map((m: { key: string }) => m.key)).toEqual(['nprs', 'psfs', 'koos-pain', 'facial-self']);

    expect((await tom.post(url(), { measureKey: 'nprs' })).statusCode).toBe(201);
    const after = (await tom.get(url())).json();
    expect(after.asked).toHaveLength(1);
    expect(after.asked[0]).toMatchObject({ measureKey: 'nprs', name: 'Pain rating (0 to 10)', timing: 'baseline', status: 'pending', answeredAt: null });
    expect(after.asked[0].emailedAt).toBe(after.asked[0].askedAt);
    expect(JSON.stringify(after)).not.toContain('answers');
    const [row] = await t.database.db.select().from(outcomeRequests).where(eq(outcomeRequests.bookingId, bookingId));
    expect(row!.emailedAt).not.toBeNull();
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'outcome.requests_view')));
    expect(audit[0]).toMatchObject({ entityType: 'booking', entityId: bookingId, details: { clientId: kateId } });
  });

  it('is for the care team: reception 403, a practitioner who does not treat the client 404, another clinic 404', async () => {
    expect((await (await f.signIn('reception')).get(url())).statusCode).toBe(403);
    expect((await (await f.signIn('second')).get(url())).statusCode).toBe(404);
    expect((await (await f.signIn('owner')).get(url())).statusCode).toBe(200);
    const other = await createClinicFixture(t, { slug: 'asked-other' });
    expect((await (await other.signIn('owner')).get(url(other.slug))).statusCode).toBe(404);
  });
});

/** A made-up instrument shaped like a licensed profile (0–6, mean, lower is better); no licensed text. */
const instrument = {
  name: 'Example symptom profile', shortName: 'ESP', citation: 'Made up for this test.', licence: 'Licence 123 to 31 December 2031.', licenceHeld: true,
  minutes: 2, items: ['First symptom', 'Second symptom', 'One activity'], scale: { min: 0, max: 6, minLabel: 'As good as it could be', maxLabel: 'As bad as it could be' },
  scoring: 'mean', higherIsBetter: false, mic: 1, micSource: 'Guidance of the rights holder.',
};

describe(`a licensed instrument the clinic enters (${testDatabaseKind})`, () => {
  const path = (p: string) => `/api/v1/clinics/${f.slug}${p}`;

  it('refuses staff other than the owner, and bad entries, storing nothing', async () => {
    expect((await (await f.signIn('practitioner')).post(path('/licensed-measures'), instrument)).statusCode).toBe(403);
    const owner = await f.signIn('owner');
    for (const bad of [{ ...instrument, licenceHeld: false }, { ...instrument, items: [] }, { ...instrument, scale: { ...instrument.scale, max: 0 } }, { ...instrument, scoring: 'median' }, { ...instrument, mic: 9 }]) {
      const res = await owner.post(path('/licensed-measures'), bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await t.database.db.select().from(clinicMeasures)).toEqual([]);
  });

  it('is asked and scored like a built-in measure: (4 + 2 + 3) / 3 = 3', async () => {
    const owner = await f.signIn('owner');
    const created = await owner.post(path('/licensed-measures'), instrument);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().key).toBe('lic-esp');
    expect((await owner.post(path('/licensed-measures'), instrument)).statusCode).toBe(409);
    const catalogue = (await owner.get(path('/outcome-measures'))).json().measures;
    expect(catalogue.at(-1)).toMatchObject({ key: 'lic-esp', name: 'Example symptom profile', licensed: true, scores: [{ mic: 1, higherIsBetter: false, min: 0, max: 6 }] });
    expect(catalogue[0]).toMatchObject({ key: 'nprs', licensed: false });
    const settings = await owner.request('PUT', path(`/services/${kneeId}/outcome-measures`), { measures: [{ measureKey: 'lic-esp', baseline: true, everyNSessions: null, endOfCourse: true }] });
    expect(settings.statusCode, settings.body).toBe(200);

    const tom = await f.signIn('practitioner');
    expect((await tom.post(url(), { measureKey: 'lic-esp' })).statusCode).toBe(201);
    expect((await tom.get(url())).json().asked.map((a: { name: string }) => a.name)).toContain('Example symptom profile');
    const mail = (await t.emailsTo('kate.asked@example.com')).at(-1)!;
    const token = mail.text.match(/token=([A-Za-z0-9_-]+)/)![1]!;
    const form = (await t.app.inject({ url: path(`/questionnaires/by-token/${token}`) })).json();
    const item = form.items.find((i: { measureKey: string }) => i.measureKey === 'lic-esp');
    expect(item.form.sections[0].questions.map((q: { label: string }) => q.label)).toEqual(instrument.items);
    const answered = await t.app.inject({ method: 'POST', url: path(`/questionnaires/by-token/${token}`), payload: { answers: { nprs: { pain: 5 }, 'lic-esp': { item1: 4, item2: 2, item3: 3 } } } });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json().scores['lic-esp']).toEqual({ score: 3 });
  });

  it('is edited as a new version, owner only; the answers given keep the version they were answered on', async () => {
    const edited = { ...instrument, name: 'Example symptom profile (2nd edition)', items: ['First symptom', 'Second symptom', 'One activity', 'Wellbeing'] };
    expect((await (await f.signIn('practitioner')).request('PUT', path('/licensed-measures/lic-esp'), edited)).statusCode).toBe(403);
    const owner = await f.signIn('owner');
    expect((await owner.request('PUT', path('/licensed-measures/lic-nothing'), edited)).statusCode).toBe(404);
    const bad = await owner.request('PUT', path('/licensed-measures/lic-esp'), { ...edited, items: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const [unchanged] = await t.database.db.select().from(clinicMeasures).where(eq(clinicMeasures.key, 'lic-esp'));
    expect(unchanged!.version).toBe(1);

    const res = await owner.request('PUT', path('/licensed-measures/lic-esp'), edited);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: 'lic-esp', version: 2, retiredAt: null, entry: { name: edited.name, items: edited.items } });
    expect((await owner.get(path('/outcome-measures'))).json().measures.find((m: { key: string }) => m.key === 'lic-esp').name).toBe(edited.name);

    // Kate's answer keeps version 1: its questions, its score.
    const [answered] = await t.database.db.select().from(outcomeRequests).where(and(eq(outcomeRequests.clientId, kateId), eq(outcomeRequests.measureKey, 'lic-esp')));
    expect(answered!.measureVersion).toBe(1);
    expect(answered!.scores).toEqual({ score: 3 });
    const asked = answered!.questionnaire as { form: { sections: { questions: { label: string }[] }[] } };
    expect(asked.form.sections[0]!.questions.map((q) => q.label)).toEqual(instrument.items);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'outcome.instrument_update'));
    expect(audit.map((a) => a.details)).toEqual([{ key: 'lic-esp', fromVersion: 1, version: 2 }]);
  });

  it('is retired, owner only: no longer offered or asked, its history kept, no further edits', async () => {
    expect((await (await f.signIn('practitioner')).post(path('/licensed-measures/lic-esp/retire'), {})).statusCode).toBe(403);
    const owner = await f.signIn('owner');
    const res = await owner.post(path('/licensed-measures/lic-esp/retire'), {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().retiredAt).toEqual(expect.any(String));

    // No longer offered: not in the catalogue, not chosen for a service, not asked.
    expect((await owner.get(path('/outcome-measures'))).json().measures.map((m: { key: string }) => m.key)).not.toContain('lic-esp');
    const services = (await owner.get(path('/outcome-measures/services'))).json().services;
    expect(services.flatMap((s: { measures: { measureKey: string }[] }) => s.measures.map((m) => m.measureKey))).not.toContain('lic-esp');
    expect((await owner.request('PUT', path(`/services/${kneeId}/outcome-measures`), { measures: [{ measureKey: 'lic-esp', baseline: true, everyNSessions: null, endOfCourse: false }] })).statusCode).toBe(400);
    expect((await (await f.signIn('practitioner')).post(url(), { measureKey: 'lic-esp' })).statusCode).toBe(400);

    // Its history stays: the owner's list, Kate's chart.
    expect((await owner.get(path('/licensed-measures'))).json().instruments).toEqual([expect.objectContaining({ key: 'lic-esp', version: 2, retiredAt: expect.any(String) })]);
    const progress = (await owner.get(path(`/clients/${kateId}/outcomes`))).json();
    const esp = progress.measures.find((m: { measureKey: string }) => m.measureKey === 'lic-esp');
    expect(esp.scores[0].points.map((p: { value: number }) => p.value)).toEqual([3]);

    // Retired is final: no edit, no second retirement, nothing written.
    const edit = await owner.request('PUT', path('/licensed-measures/lic-esp'), instrument);
    expect(edit.statusCode).toBe(409);
    expect(edit.json().type).toMatch(/instrument-retired$/);
    expect((await owner.post(path('/licensed-measures/lic-esp/retire'), {})).statusCode).toBe(409);
    const [row] = await t.database.db.select().from(clinicMeasures).where(eq(clinicMeasures.key, 'lic-esp'));
    expect(row!.version).toBe(2);
    expect(await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'outcome.instrument_retire'))).toHaveLength(1);
  });

  it('belongs to its clinic: another clinic\'s owner gets 404', async () => {
    const other = await createClinicFixture(t, { slug: 'asked-third' });
    const owner = await other.signIn('owner');
    expect((await owner.request('PUT', `/api/v1/clinics/${other.slug}/licensed-measures/lic-esp`, instrument)).statusCode).toBe(404);
    expect((await owner.post(`/api/v1/clinics/${other.slug}/licensed-measures/lic-esp/retire`, {})).statusCode).toBe(404);
    expect((await owner.post(`/api/v1/clinics/${f.slug}/licensed-measures/lic-esp/retire`, {})).statusCode).toBe(404);
  });
});
