import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, bookings, clients, formResponses, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { addDays, todayIn } from '../scheduling/clinic-time.ts';
import { loadBookingDetails } from '../booking/booking.repository.ts';
import { reminderEmail } from '../booking/booking-emails.ts';

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let olivia: TestClient;
let bob: TestClient;
let oliviaClientId: string;
let bobClientId: string;
let oliviaBookingId: string;
let bobBookingId: string;

async function clientUser(email: string, name: string): Promise<TestClient> {
  await t.database.db.insert(users).values({ email, name, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() });
  const c = t.client();
  await c.signIn(email, PASSWORD);
  return c;
}

const url = (path = '', slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const today = () => todayIn(f.timeZone);

/** A complete set of answers for a facial client (consultation booked: facial questions apply). */
function fullAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dateOfBirth: '1985-04-12', phone: '07700 900123', emergencyName: 'Sam Brown', emergencyPhone: '07700 900456',
    conditions: ['none'], diabetes: false, epilepsy: false, implants: ['none'], bloodThinners: false, pregnancy: 'no', bleeding: 'no',
    skinInfectionNow: false, skinConditions: ['none'], keloid: false, needleFear: 'fine', fainting: false, metalAllergy: false,
    cosmeticProcedures: { botox: addDays(today(), -3) }, skinConcerns: ['fine-lines'],
    ...overrides,
  };
}

async function responseRows(clientId: string) {
  return t.database.db.select().from(formResponses).where(and(eq(formResponses.clinicId, f.clinicId), eq(formResponses.clientId, clientId)));
}

beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '50' });
  f = await createClinicFixture(t, { slug: 'intake-clinic' });
  other = await createClinicFixture(t, { slug: 'intake-other' });
  olivia = await clientUser('olivia@example.com', 'Olivia Brown');
  bob = await clientUser('bob@example.com', 'Bob Green');
  const booked = await olivia.post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 2, '09:00') });
  expect(booked.statusCode).toBe(201);
  oliviaBookingId = booked.json().id;
  const bobs = await bob.post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 3, '09:00') });
  expect(bobs.statusCode).toBe(201);
  bobBookingId = bobs.json().id;
  const rows = await t.database.db.select({ id: clients.id, email: clients.email }).from(clients).where(eq(clients.clinicId, f.clinicId));
  oliviaClientId = rows.find((r) => r.email === 'olivia@example.com')!.id;
  bobClientId = rows.find((r) => r.email === 'bob@example.com')!.id;
});
afterAll(() => t.close());

describe('asking for the health questions', () => {
  it('the booking confirmation links to the questions and carries no answer', async () => {
    const [mail] = await t.emailsTo('olivia@example.com');
    expect(mail!.text).toContain('Please complete your health questions before your first visit');
    expect(mail!.text).toContain(`http://yintang.test/app/health-questions?clinic=${f.slug}`);
  });

  it('so does the reminder, until the answers are complete', async () => {
    const details = await loadBookingDetails(t.database.db, f.clinicId, bobBookingId);
    expect(details!.intakeComplete).toBe(false);
    expect(reminderEmail(t.config, details!, 'token').text).toContain('Please complete your health questions before your first visit');
    expect(reminderEmail(t.config, { ...details!, intakeComplete: true }, 'token').text).not.toContain('health questions');
  });
});

describe('the client answers', () => {
  it('gets the clinic form, created on first use, with the categories of their bookings', async () => {
    const res = await olivia.get(url('/intake/form'));
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.formVersion).toBe(1);
    expect(form.categories).toEqual(['consultation', 'facial']);
    expect(form.today).toBe(today());
    expect((form.definition.sections as { id: string }[]).map((s) => s.id)).toContain('cosmetic');
  });

  it('saves answers as they go and resumes where they left off', async () => {
    let res = await olivia.request('PUT', url('/me/intake/draft'), { answers: { phone: '07700 900123' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'draft', version: null });
    res = await olivia.request('PUT', url('/me/intake/draft'), { answers: { diabetes: true, diabetesControlled: 'yes' } });
    expect(res.statusCode, res.body).toBe(200);
    await olivia.request('PUT', url('/me/intake/draft'), { answers: { diabetes: false } });
    const mine = (await olivia.get(url('/me/intake'))).json();
    // The follow-up to "diabetes" is dropped once it no longer applies.
    expect(mine.answers).toEqual({ phone: '07700 900123', diabetes: false });
    expect(mine.status).toBe('draft');
    expect(await responseRows(oliviaClientId)).toHaveLength(1);
  });

  it.each([
    ['a wrong type', () => ({ diabetes: 'yes' }), 'diabetes', /yes or no/],
    ['a past-procedure date in the future', () => ({ cosmeticProcedures: { botox: addDays(today(), 5) } }), 'cosmeticProcedures.botox', /in the future/],
    ['an unknown question', () => ({ favouriteColour: 'green' }), 'favouriteColour', /not on the form/],
    ['an oversized text', () => ({ phone: '0'.repeat(40) }), 'phone', /32 characters/],
  ])('refuses %s with a field message and saves nothing', async (_, makeAnswers, field, message) => {
    const answers = makeAnswers();
    const before = await responseRows(oliviaClientId);
    for (const [method, path] of [['PUT', '/me/intake/draft'], ['POST', '/me/intake/submit']] as const) {
      const res = await olivia.request(method, url(path), { answers: method === 'POST' ? fullAnswers(answers) : answers });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const error = (res.json().errors as { field: string; message: string }[]).find((e) => e.field === field);
      expect(error?.message).toMatch(message);
    }
    expect(await responseRows(oliviaClientId)).toEqual(before);
  });

  it('refuses a submission missing a required answer, naming it', async () => {
    const answers = fullAnswers();
    delete answers.emergencyName;
    const res = await olivia.post(url('/me/intake/submit'), { answers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'emergencyName', message: 'Please answer this question' }]);
    expect((await responseRows(oliviaClientId)).every((r) => r.status === 'draft')).toBe(true);
  });

  it('submits a version, and an update is a new version that never overwrites the first', async () => {
    let res = await olivia.post(url('/me/intake/submit'), { answers: fullAnswers() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'complete', version: 1, source: 'client', updateInProgress: false });
    res = await olivia.request('PUT', url('/me/intake/draft'), { answers: { bloodThinners: true } });
    expect(res.json()).toMatchObject({ status: 'complete', version: 1, updateInProgress: true });
    res = await olivia.post(url('/me/intake/submit'), { answers: fullAnswers({ bloodThinners: true }) });
    expect(res.json()).toMatchObject({ status: 'complete', version: 2 });
    const status = (await olivia.get(url('/me/intake/status'))).json();
    expect(status).toMatchObject({ status: 'complete', version: 2, updateInProgress: false });
    expect(status).not.toHaveProperty('answers');
    const rows = (await responseRows(oliviaClientId)).sort((a, b) => a.version - b.version);
    expect(rows.map((r) => [r.version, r.status, r.answers.bloodThinners])).toEqual([[1, 'submitted', false], [2, 'submitted', true]]);
  });

  it('a new booking by a client with complete answers does not ask again', async () => {
    // Ten days ahead at least, so it always comes after her first visit (which the lock test expects next).
    const res = await olivia.post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 4, '10:00', 10) });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.emailsTo('olivia@example.com');
    expect(mail!.subject).toMatch(/Your booking/);
    expect(mail!.text).not.toContain('health questions');
    for (const m of await t.emailsTo('olivia@example.com')) expect(m.text).not.toMatch(/07700|Sam Brown|botox/i);
  });
});

describe('staff', () => {
  it('the practitioner who treats the client and the owner read the answers; the read is audited', async () => {
    for (const who of ['practitioner', 'owner'] as const) {
      const res = await (await f.signIn(who)).get(url(`/clients/${oliviaClientId}/intake`));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'complete', version: 2, answers: { bloodThinners: true }, sinceLastVisit: null });
    }
    const reads = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'intake.read'), eq(auditLog.entityId, oliviaClientId)));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('shows what changed since the last attended visit', async () => {
    // A visit last week, when version 1 was current.
    const visitStart = new Date(Date.now() - 7 * 86_400_000);
    const visitEnd = new Date(visitStart.getTime() + 30 * 60_000);
    await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.consultation, practitionerId: f.practitionerId, clientId: oliviaClientId,
      startsAt: visitStart, endsAt: visitEnd, blockedStart: visitStart, blockedEnd: visitEnd, status: 'completed', source: 'staff',
    });
    await t.database.db.update(formResponses).set({ submittedAt: new Date(visitStart.getTime() - 86_400_000) })
      .where(and(eq(formResponses.clientId, oliviaClientId), eq(formResponses.version, 1)));
    const res = await (await f.signIn('practitioner')).get(url(`/clients/${oliviaClientId}/intake`));
    const since = res.json().sinceLastVisit;
    expect(since).toMatchObject({ visitAt: visitStart.toISOString(), baselineVersion: 1 });
    expect(since.changes).toEqual([expect.objectContaining({ questionId: 'bloodThinners', change: 'changed', before: false, after: true })]);
  });

  it('reception sees the status only, never the answers', async () => {
    const desk = await f.signIn('reception');
    const answers = await desk.get(url(`/clients/${oliviaClientId}/intake`));
    expect(answers.statusCode).toBe(403);
    expect(answers.body).not.toContain('bloodThinners');
    const status = await desk.get(url(`/clients/${oliviaClientId}/intake/status`));
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: 'complete', version: 2 });
    expect(status.json()).not.toHaveProperty('answers');
    expect((await desk.get(url(`/clients/${bobClientId}/intake/status`))).json()).toMatchObject({ status: 'missing' });
  });

  it('reception records a paper form and enters the answers for the client, recorded as such', async () => {
    const desk = await f.signIn('reception');
    let res = await desk.post(url(`/clients/${bobClientId}/intake/paper-received`));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', paperReceivedAt: expect.any(String) });
    const form = (await desk.get(url(`/intake/form?clientId=${bobClientId}`))).json();
    expect(form.categories).toEqual(['consultation', 'facial']);
    res = await desk.post(url(`/clients/${bobClientId}/intake/submit`), { answers: { phone: 'x' } });
    expect(res.statusCode).toBe(400);
    res = await desk.post(url(`/clients/${bobClientId}/intake/submit`), { answers: fullAnswers({ emergencyName: 'Ann Green' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'complete', version: 1, source: 'paper' });
    expect(res.json()).not.toHaveProperty('answers');
    const [row] = await responseRows(bobClientId);
    expect(row).toMatchObject({ source: 'paper', enteredByStaff: f.receptionId, paperReceivedBy: f.receptionId });
    const view = (await (await f.signIn('owner')).get(url(`/clients/${bobClientId}/intake`))).json();
    expect(view).toMatchObject({ source: 'paper', enteredByName: 'Rita Reception', answers: { emergencyName: 'Ann Green' } });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.actorUserId, f.receptionId));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['intake.paper_received', 'intake.submitted']));
    expect(audits.find((a) => a.action === 'intake.submitted')!.details).toMatchObject({ onBehalf: true, source: 'paper' });
  });

  it('another client, a practitioner who does not treat them, or another clinic get 404', async () => {
    expect((await bob.get(url(`/clients/${oliviaClientId}/intake`))).statusCode).toBe(404);
    expect((await bob.get(url(`/clients/${oliviaClientId}/intake/status`))).statusCode).toBe(404);
    const second = await f.signIn('second');
    expect((await second.get(url(`/clients/${oliviaClientId}/intake`))).statusCode).toBe(404);
    expect((await second.post(url(`/clients/${oliviaClientId}/intake/submit`), { answers: fullAnswers() })).statusCode).toBe(404);
    const elsewhere = await other.signIn('owner');
    expect((await elsewhere.get(url(`/clients/${oliviaClientId}/intake`))).statusCode).toBe(404);
    expect((await elsewhere.get(url(`/clients/${oliviaClientId}/intake`, other.slug))).statusCode).toBe(404);
    expect((await olivia.get(url('/me/intake', other.slug))).statusCode).toBe(404);
  });

  it('a practitioner locks the answers for a visit: changes are refused with form-locked until the end of that day', async () => {
    const pat = await f.signIn('practitioner');
    const view = (await pat.get(url(`/clients/${oliviaClientId}/intake`))).json();
    expect(view.nextVisit).toMatchObject({ bookingId: oliviaBookingId });
    const res = await pat.post(url(`/clients/${oliviaClientId}/intake/lock`), { bookingId: view.nextVisit.bookingId });
    expect(res.statusCode, res.body).toBe(201);
    const [visit] = await t.database.db.select().from(bookings).where(eq(bookings.id, oliviaBookingId));
    const day = todayIn(f.timeZone, visit!.startsAt.getTime());
    expect(todayIn(f.timeZone, Date.parse(res.json().lockedUntil) - 1)).toBe(day);
    expect(todayIn(f.timeZone, Date.parse(res.json().lockedUntil))).toBe(addDays(day, 1));
    const before = await responseRows(oliviaClientId);
    const draft = await olivia.request('PUT', url('/me/intake/draft'), { answers: { pregnancy: 'trying' } });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().type).toMatch(/form-locked$/);
    expect((await olivia.post(url('/me/intake/submit'), { answers: fullAnswers() })).statusCode).toBe(409);
    expect(await responseRows(oliviaClientId)).toEqual(before);
    expect((await (await f.signIn('reception')).post(url(`/clients/${oliviaClientId}/intake/lock`), { bookingId: oliviaBookingId })).statusCode).toBe(403);
  });

  it('audits every write with identifiers only, never an answer', async () => {
    const rows = await t.database.db.select().from(auditLog).where(like(auditLog.action, 'intake.%'));
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['intake.form_created', 'intake.read', 'intake.draft_saved', 'intake.submitted', 'intake.paper_received', 'intake.locked']) expect(actions).toContain(a);
    const text = JSON.stringify(rows.map((r) => r.details));
    expect(text).not.toMatch(/07700|Sam Brown|Ann Green|fine-lines|botox/);
  });
});
