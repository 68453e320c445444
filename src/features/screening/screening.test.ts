import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clients, formResponses, formVersions, users } from '../../data/schema/index.ts';
import { DEFAULT_INTAKE_FORM, addDays } from '../../domain/intake/index.ts';
import { PROBLEM_BASE } from '../../server/errors.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localDate, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Screening over HTTP: the owner's versioned rules, a signed-in client refused online
 * (refer, wait with the date), availability after a wait, staff needing a practitioner's
 * decision, review flags in the diary, and who sees what.
 *
 * Bookings must lie in the future, so appointment days are the first Monday/Tuesday… at
 * least N days ahead (as every booking test picks them); every health-answer date is
 * derived from that appointment day, so each outcome is the same whatever day it runs.
 */

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let pat: TestClient;
let sam: TestClient;
let olivia: TestClient;
let oliviaId: string;
let responseVersion = 0;

beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '100' });
  [f, other] = await Promise.all([createClinicFixture(t, { slug: 'screening-clinic' }), createClinicFixture(t, { slug: 'screening-other' })]);
  [owner, reception, pat, sam] = await Promise.all([f.signIn('owner'), f.signIn('reception'), f.signIn('practitioner'), f.signIn('second')]);
  await t.database.db.insert(users).values({ email: 'olivia@screening.example', name: 'Olivia Brown', passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() });
  olivia = t.client();
  await olivia.signIn('olivia@screening.example', PASSWORD);
  // Her first booking makes her a client, with Sam (who gives sports massage) on her care team.
  const first = await olivia.post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.secondId, start: localSlot(f.timeZone, 1, '09:00', 3) });
  expect(first.statusCode).toBe(201);
  const [c] = await t.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, f.clinicId), eq(clients.email, 'olivia@screening.example')));
  oliviaId = c!.id;
  await t.database.db.insert(formVersions).values({ clinicId: f.clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> })
    .onConflictDoNothing();
});
afterAll(() => t.close());

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;

/** Olivia submits a new version of her answers (as the intake feature stores them). */
async function answers(values: Record<string, unknown>) {
  responseVersion++;
  await t.database.db.insert(formResponses).values({
    clinicId: f.clinicId, clientId: oliviaId, formKey: 'intake', formVersion: 1, version: responseVersion, status: 'submitted',
    answers: { bleeding: 'no', bloodThinners: false, pregnancy: 'no', ...values }, submittedAt: new Date(Date.now() + responseVersion),
  });
}

const massage = (start: string, by: TestClient = olivia) => by.post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start });
const staffMassage = (start: string, by: TestClient = reception) => by.post(url('/diary/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, clientId: oliviaId });

describe('the clinic’s screening rules', () => {
  it('start as the 34 default rules, each with its source, shown to the owner only', async () => {
    const res = await owner.get(url('/settings/screening-rules'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toBe(1);
    expect(body.rules).toHaveLength(34);
    expect(body.versions).toEqual([{ version: 1, note: 'Yintang’s default rules', createdAt: null, createdByName: null }]);
    for (const r of body.rules) expect(r.source).toMatch(/\S/);
    expect((await reception.get(url('/settings/screening-rules'))).statusCode).toBe(403);
    expect((await pat.get(url('/settings/screening-rules'))).statusCode).toBe(403);
    expect((await owner.get(url('/settings/screening-rules', other.slug))).statusCode).toBe(404);
  });

  it('save every change as a new, audited version; a rule keeps its source', async () => {
    const { rules } = (await owner.get(url('/settings/screening-rules'))).json();
    const edited = rules.map((r: { id: string; wait?: { days: number } }) => (r.id === 'wait-filler'
      ? { ...r, wait: { ...r.wait, days: 60 }, clientMessage: 'Please wait {days} days after a filler; the earliest date is {earliestDate}.' } : r));
    const res = await owner.request('PUT', url('/settings/screening-rules'), { rules: edited, note: 'Filler: 60 days', baseVersion: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Who saved each version: the owner, then Yintang's defaults (stored with the first change).
    expect(res.json().versions.map((v: { createdByName: string | null; note: string | null }) => [v.createdByName, v.note])).toEqual([['Olga Owner', 'Filler: 60 days'], [null, 'Yintang’s default rules']]);
    expect(res.json().rules.find((r: { id: string }) => r.id === 'wait-filler').wait.days).toBe(60);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'screening.rules_changed')));
    expect(audit!.details).toMatchObject({ version: 2, changed: ['wait-filler'] });
    expect(JSON.stringify(audit!.details)).not.toMatch(/filler;/);
    // Version 1 is kept as it was.
    const v1 = (await owner.get(url('/settings/screening-rules/1'))).json();
    expect(v1.rules.find((r: { id: string }) => r.id === 'wait-filler').wait.days).toBe(90);

    const sourceless = edited.map((r: { id: string }) => (r.id === 'keloid' ? { ...r, source: 'My own view' } : r));
    const refused = await owner.request('PUT', url('/settings/screening-rules'), { rules: sourceless, baseVersion: 2 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toMatch(/^body\.rules\.\d+\.source$/);
    // Bad wording and days are refused field by field, in the words the owner's screen shows.
    const botox = edited.findIndex((r: { id: string }) => r.id === 'wait-botox');
    const badDays = edited.map((r: { id: string; wait?: object }, i: number) => (i === botox ? { ...r, wait: { ...r.wait, days: 0 }, clientMessage: '  ' } : r));
    const bad = await owner.request('PUT', url('/settings/screening-rules'), { rules: badDays, baseVersion: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: `body.rules.${botox}.wait.days`, message: 'At least 1 day' }),
      expect.objectContaining({ field: `body.rules.${botox}.clientMessage`, message: 'Please write the wording' }),
    ]));
    expect((await owner.request('PUT', url('/settings/screening-rules'), { rules: edited, baseVersion: 1 })).statusCode).toBe(409);
    expect((await reception.request('PUT', url('/settings/screening-rules'), { rules: edited })).statusCode).toBe(403);
    expect((await owner.get(url('/settings/screening-rules'))).json().version).toBe(2);
  });
});

describe('online booking by a signed-in client', () => {
  it('is refused with screening-refer and a kind message to call', async () => {
    await answers({ bleeding: 'disorder' });
    const res = await massage(localSlot(f.timeZone, 2, '10:00', 5));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: PROBLEM_BASE + 'screening-refer' });
    expect(res.json().detail).toMatch(/call the clinic/);
    expect(res.json().detail).not.toMatch(/bleed|haemophilia/i);
    // Her availability offers no times and says to call; a visitor still sees times.
    const monday = localDate(localSlot(f.timeZone, 1, '09:00', 7), f.timeZone);
    const query = `/availability?serviceId=${f.services.massage}&from=${monday}&to=${addDays(monday, 6)}`;
    const mine = (await olivia.get(url(query))).json();
    expect(mine).toMatchObject({ slots: [], screening: { callClinic: true, earliestDate: null } });
    const anyone = (await t.client().get(url(query))).json();
    expect(anyone.slots.length).toBeGreaterThan(0);
    expect(anyone.screening).toBeUndefined();
  });

  it('is refused with screening-wait naming the earliest date', async () => {
    const start = localSlot(f.timeZone, 3, '10:00', 5);
    const day = localDate(start, f.timeZone);
    await answers({ recentInjury: true, recentInjuryDate: addDays(day, -1) });
    const res = await massage(start);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: PROBLEM_BASE + 'screening-wait', earliestDate: addDays(day, 2) });
    // On the earliest date itself it books.
    const later = localSlot(f.timeZone, 5, '10:00', 5);
    if (localDate(later, f.timeZone) >= addDays(day, 2)) expect((await massage(later)).statusCode).toBe(201);
  });

  it('is offered only dates after a wait (availability), while a visitor sees them all', async () => {
    const monday = localDate(localSlot(f.timeZone, 1, '09:00', 7), f.timeZone);
    await answers({ cosmeticProcedures: { botox: addDays(monday, -21) } }); // earliest: monday + 7
    const query = `/availability?serviceId=${f.services.facial}&from=${monday}&to=${addDays(monday, 13)}`;
    const answer = (await olivia.get(url(query))).json();
    expect(answer.screening).toEqual({ earliestDate: addDays(monday, 7), callClinic: false });
    const mine = answer.slots as { start: string }[];
    const anyone = (await t.client().get(url(query))).json().slots as { start: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => localDate(s.start, f.timeZone) >= addDays(monday, 7))).toBe(true);
    expect(anyone.some((s) => localDate(s.start, f.timeZone) < addDays(monday, 7))).toBe(true);
  });
});

describe('staff booking and practitioners’ decisions', () => {
  it('needs a practitioner’s decision (409 screening-decision-required), then books', async () => {
    await answers({ bleeding: 'disorder' });
    const start = localSlot(f.timeZone, 4, '14:00', 5);
    const refused = await staffMassage(start);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: PROBLEM_BASE + 'screening-decision-required', levels: ['refer'] });

    const date = localDate(start, f.timeZone);
    const decision = { ruleId: 'bleeding-disorder', serviceKind: 'massage', date, decision: 'cleared', note: 'Spoke to her haematologist' };
    expect((await reception.post(url(`/clients/${oliviaId}/screening/decisions`), decision)).statusCode).toBe(403);
    expect((await pat.post(url(`/clients/${oliviaId}/screening/decisions`), decision)).statusCode).toBe(404);
    const recorded = await sam.post(url(`/clients/${oliviaId}/screening/decisions`), decision);
    expect(recorded.statusCode).toBe(201);
    const [audit] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'screening.decision_recorded')));
    expect(audit!.details).toMatchObject({ clientId: oliviaId, ruleId: 'bleeding-disorder', decision: 'cleared' });
    expect(JSON.stringify(audit!.details)).not.toMatch(/haematologist/);

    expect((await staffMassage(start)).statusCode).toBe(201);
    // Online, a clearance lets her book too; the decision list is for her practitioners.
    expect((await sam.get(url(`/clients/${oliviaId}/screening/decisions`))).json().items[0]).toMatchObject({ ruleId: 'bleeding-disorder', decision: 'cleared' });
    expect((await reception.get(url(`/clients/${oliviaId}/screening/decisions`))).statusCode).toBe(403);
  });

  it('flags a practitioner-review finding in the diary until the practitioner acknowledges it', async () => {
    await answers({ bloodThinners: true });
    const start = localSlot(f.timeZone, 6, '10:00', 5);
    const date = localDate(start, f.timeZone);
    const booked = await staffMassage(start);
    expect(booked.statusCode).toBe(201);
    const entryOf = async (by: TestClient) => {
      const diary = (await by.get(url(`/diary?date=${date}&days=1`))).json();
      return diary.columns.flatMap((c: { entries: { id: string }[] }) => c.entries).find((e: { id: string }) => e.id === booked.json().id);
    };
    expect((await entryOf(reception)).flags).toEqual(['review']);

    // Reception sees the level, never the detail.
    const forDesk = (await reception.get(url(`/clients/${oliviaId}/screening?serviceKind=massage&date=${date}`))).json();
    expect(forDesk).toMatchObject({ detail: false, levels: ['review'], findings: [] });
    expect(JSON.stringify(forDesk)).not.toMatch(/thin|anticoag/i);

    const forSam = await sam.get(url(`/clients/${oliviaId}/screening?serviceKind=massage&date=${date}`));
    expect(forSam.statusCode).toBe(200);
    const finding = forSam.json().findings.find((x: { ruleId: string }) => x.ruleId === 'blood-thinners');
    expect(finding).toMatchObject({ level: 'review', decision: null });
    expect(finding.source).toMatch(/Anticoagulants/);
    const [read] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'screening.read')));
    expect(read!.entityId).toBe(oliviaId);

    const ack = await sam.post(url(`/clients/${oliviaId}/screening/decisions`), { ruleId: 'blood-thinners', serviceKind: 'massage', date, decision: 'acknowledged' });
    expect(ack.statusCode).toBe(201);
    expect((await entryOf(reception)).flags).toEqual([]);
  });

  it('hides a client’s screening from a practitioner who does not treat them and from another clinic', async () => {
    const q = `/clients/${oliviaId}/screening?serviceKind=massage&date=2027-06-10`;
    expect((await pat.get(url(q))).statusCode).toBe(404);
    const stranger = await other.signIn('owner');
    expect((await stranger.get(url(q, other.slug))).statusCode).toBe(404);
    expect((await stranger.post(url(`/clients/${oliviaId}/screening/decisions`, other.slug),
      { ruleId: 'blood-thinners', serviceKind: 'massage', date: '2027-06-10', decision: 'acknowledged' })).statusCode).toBe(404);
  });
});

describe('“Is it right for me?” on a treatment page (no JavaScript: a form post)', () => {
  const page = `/clinics/screening-clinic/treatments/facial-acupuncture`;
  const post = (by: TestClient, body: string) => by.request('POST', page, body, { 'content-type': 'application/x-www-form-urlencoded' });

  it('shows the questions on the page', async () => {
    const res = await t.client().get(page);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Is it right for me?');
    expect(res.body).toContain(`action="${page}#is-it-right-for-me"`);
    expect(res.body).toMatch(/<form[^>]*method="post"/);
    expect(res.body).toContain('name="cosmeticProcedures.botox"');
  });

  it('tells a pregnant visitor kindly to call, without sounding like a diagnosis, and stores nothing', async () => {
    const before = (await t.database.db.select().from(auditLog)).length;
    const res = await post(t.client(), 'pregnancy=pregnant&pregnancyWeeks=10&bloodThinners=no&bleeding=no&epilepsy=no&implants=none');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Please call the clinic first');
    expect(res.body).toContain('This is not a judgement about your health');
    expect(res.body).not.toMatch(/diagnos/i);
    expect((await t.database.db.select().from(auditLog)).length).toBe(before);
  });

  it('suggests a consultation first for blood thinners, and online booking when nothing applies', async () => {
    const thinners = await post(t.client(), 'pregnancy=no&bloodThinners=yes&bleeding=no&epilepsy=no&implants=none');
    expect(thinners.body).toContain('Start with a consultation');
    const clear = await post(t.client(), 'pregnancy=no&bloodThinners=no&bleeding=no&epilepsy=no&implants=none');
    expect(clear.body).toContain('You can book online');
  });

  it('works for a signed-in visitor whose cookie carries no token (it stores and changes nothing)', async () => {
    const token = olivia.csrfToken;
    olivia.csrfToken = undefined;
    try {
      const res = await post(olivia, 'pregnancy=no&bloodThinners=no&bleeding=disorder&epilepsy=no&implants=none');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Please call the clinic first');
    } finally {
      olivia.csrfToken = token;
    }
  });

  it('refuses a botulinum toxin date in the future with a message by the field', async () => {
    const res = await post(t.client(), 'pregnancy=no&cosmeticProcedures.botox=2099-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Please check the answers marked below');
    expect(res.body).toContain('id="sc-cosmeticProcedures-error"');
  });
});
