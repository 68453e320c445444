import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { auditLog, bookings, careTeam, treatmentPlans } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addBooking, addClientWithAccount, createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let pat: TestClient;
let sam: TestClient;
let reception: TestClient;
let owner: TestClient;
let client: Awaited<ReturnType<typeof addClientWithAccount>>;
let clientApi: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'plan-clinic', settings: { horizonDays: 365 } });
  other = await createClinicFixture(t, { slug: 'plan-other' });
  [pat, sam, reception, owner] = await Promise.all([f.signIn('practitioner'), f.signIn('second'), f.signIn('reception'), f.signIn('owner')]);
  client = await addClientWithAccount(t, f, 'Plan Client', 'plan.client@example.com');
  clientApi = await client.signIn();
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: client.clientId, practitionerId: f.practitionerId });
  // The consultation that comes before a first facial.
  await addBooking(t, f, { clientId: client.clientId, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 1, '09:00', 3) });
});
afterAll(() => t.close());

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
/** A Tuesday at least three weeks ahead: the course starts there, weekly. */
const firstDate = () => localDate(localSlot(f.timeZone, 2, '09:00', 21), f.timeZone);
const planBody = (extra: Record<string, unknown> = {}) => ({
  serviceId: f.services.facial, practitionerId: f.practitionerId, sessions: 6, intervalDays: 7, firstDate: firstDate(), time: '10:00',
  complementary: [{ name: 'Sports massage', sessions: 2, intervalDays: 14, serviceId: f.services.massage }],
  maintenance: { intervalDays: 28, note: 'One session every four weeks' }, priceMinor: 54000, explanation: 'Six weekly sessions.', ...extra,
});
const auditFor = (action: string) => t.database.db.select().from(auditLog)
  .where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action), sql`${auditLog.details}->>'clientId' = ${client.clientId}`));

describe('treatment plans: who writes and who reads', () => {
  it('the client’s practitioner proposes a plan; bad input is refused with nothing written', async () => {
    const res = await pat.post(url(`/clients/${client.clientId}/plans`), planBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'proposed', sessions: 6, priceMinor: 54000, currency: 'GBP', title: 'Facial acupuncture: a course of 6', progress: null, schedule: [] });
    expect(await auditFor('plan.create')).toHaveLength(1);

    const before = (await t.database.db.select().from(treatmentPlans)).length;
    for (const bad of [planBody({ sessions: 0 }), planBody({ priceMinor: 12.5 }), planBody({ priceMinor: -1 }), planBody({ intervalDays: 15 }),
      planBody({ practitionerId: f.practitionerId, serviceId: f.services.massage }), planBody({ firstDate: '2027-02-30' }), { ...planBody(), extra: 1 },
      planBody({ complementary: [{ name: 'Elsewhere', sessions: 2, intervalDays: 14, serviceId: other.services.massage }] })]) {
      const r = await pat.post(url(`/clients/${client.clientId}/plans`), bad);
      expect([400, 422], JSON.stringify(bad)).toContain(r.statusCode);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await t.database.db.select().from(treatmentPlans)).length).toBe(before);
  });

  it('reception sees plans and progress but writes none and never sees the consultation record; others get 404', async () => {
    const list = await reception.get(url(`/clients/${client.clientId}/plans`));
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect((await reception.post(url(`/clients/${client.clientId}/plans`), planBody())).statusCode).toBe(404);
    expect((await reception.get(url(`/clients/${client.clientId}/consultation`))).statusCode).toBe(404);
    expect((await sam.get(url(`/clients/${client.clientId}/plans`))).statusCode).toBe(404); // not their client
    expect((await sam.get(url(`/clients/${client.clientId}/consultation`))).statusCode).toBe(404);
    const stranger = await other.signIn('owner');
    expect((await stranger.get(url(`/clients/${client.clientId}/plans`))).statusCode).toBe(404);
    const planId = list.json().items[0].id;
    expect((await stranger.get(url(`/plans/${planId}`, other.slug))).statusCode).toBe(404);
    expect((await stranger.get(url(`/clients/${client.clientId}/plans`, other.slug))).statusCode).toBe(404);
  });

  it('edits only a proposed plan, audited with the fields changed', async () => {
    const [p] = (await owner.get(url(`/clients/${client.clientId}/plans`))).json().items;
    const res = await owner.patch(url(`/plans/${p.id}`), { priceMinor: 51000, explanation: 'Six weekly sessions, then monthly.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().priceMinor).toBe(51000);
    const [row] = await auditFor('plan.update');
    expect(row!.details).toEqual({ clientId: client.clientId, fields: ['priceMinor', 'explanation'] });
  });
});

describe('the client accepts and books the whole course in one step', () => {
  it('accepts, sees every proposed date, books all six, and progress reads session 1 of 6 on both sides and in the diary', async () => {
    const mine = await clientApi.get(url('/me/plans'));
    expect(mine.statusCode).toBe(200);
    const planId = mine.json().items[0].id;
    expect((await reception.post(url(`/plans/${planId}/accept`))).statusCode).toBe(403);
    expect((await reception.post(url(`/plans/${planId}/book`), { starts: [localSlot(f.timeZone, 2, '10:00', 21), localSlot(f.timeZone, 2, '10:00', 28)] })).statusCode).toBe(409);

    const accepted = await clientApi.post(url(`/plans/${planId}/accept`));
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect((await clientApi.post(url(`/plans/${planId}/accept`))).statusCode).toBe(409);

    const proposal = await clientApi.post(url(`/plans/${planId}/proposal`), {});
    expect(proposal.statusCode).toBe(200);
    const sessions = proposal.json().sessions;
    expect(sessions).toHaveLength(6);
    expect(sessions.every((s: { status: string }) => s.status === 'available')).toBe(true);
    const starts = sessions.map((s: { start: string }) => s.start);
    expect(DateTime.fromISO(starts[0]).setZone(f.timeZone).toFormat('HH:mm')).toBe('10:00');

    expect((await clientApi.post(url(`/plans/${planId}/book`), { starts: starts.slice(0, 5) })).statusCode).toBe(422);
    const booked = await clientApi.post(url(`/plans/${planId}/book`), { starts });
    expect(booked.statusCode).toBe(201);
    const plan = booked.json().plan;
    expect(plan.status).toBe('in_progress');
    expect(plan.progress).toMatchObject({ total: 6, booked: 6, done: 0, next: { position: 1, start: starts[0] } });
    expect(plan.schedule.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = await t.database.db.select().from(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.seriesId, booked.json().seriesId)));
    expect(rows).toHaveLength(6);
    expect(await auditFor('plan.book')).toHaveLength(1);

    const staffView = (await pat.get(url(`/clients/${client.clientId}/plans`))).json().items[0];
    expect(staffView.progress).toMatchObject({ total: 6, next: { position: 1 } });

    const diary = await reception.get(url(`/diary?date=${localDate(starts[3], f.timeZone)}&days=1`));
    expect(diary.statusCode).toBe(200);
    const entry = diary.json().columns.flatMap((c: { entries: { course: unknown; start: string }[] }) => c.entries).find((e: { start: string }) => e.start === starts[3]);
    expect(entry.course).toEqual({ position: 4, total: 6 });

    expect((await clientApi.post(url(`/plans/${planId}/book`), { starts })).statusCode).toBe(409);
  });

  it('counts the massage alongside and the maintenance after the course apart from its sessions, on both sides', async () => {
    const [p] = (await pat.get(url(`/clients/${client.clientId}/plans`))).json().items;
    expect(p.progress.care).toEqual([
      { kind: 'complementary', name: 'Sports massage', planned: 2, booked: 0, done: 0, next: null },
      { kind: 'maintenance', name: 'Maintenance', planned: null, booked: 0, done: 0, next: null },
    ]);
    // A massage in the course's second week, and a facial four weeks after its last session.
    const massage = localSlot(f.timeZone, 4, '15:00', 28);
    const keep = localSlot(f.timeZone, 2, '15:00', 21 + 5 * 7 + 28);
    await addBooking(t, f, { clientId: client.clientId, practitionerId: f.practitionerId, start: massage, serviceId: f.services.massage });
    await addBooking(t, f, { clientId: client.clientId, practitionerId: f.practitionerId, start: keep, serviceId: f.services.facial });
    for (const api of [pat, clientApi]) {
      const [seen] = (await api.get(url(api === pat ? `/clients/${client.clientId}/plans` : '/me/plans'))).json().items;
      expect(seen.progress).toMatchObject({ total: 6, booked: 6 });
      expect(seen.progress.care).toEqual([
        { kind: 'complementary', name: 'Sports massage', planned: 2, booked: 1, done: 0, next: new Date(massage).toISOString() },
        { kind: 'maintenance', name: 'Maintenance', planned: null, booked: 1, done: 0, next: new Date(keep).toISOString() },
      ]);
    }
  });

  it('another client cannot read or book someone else’s plan', async () => {
    const [p] = (await owner.get(url(`/clients/${client.clientId}/plans`))).json().items;
    const someone = await addClientWithAccount(t, f, 'Someone Else', 'someone.else@example.com');
    const api = await someone.signIn();
    expect((await api.get(url(`/plans/${p.id}`))).statusCode).toBe(404);
    expect((await api.post(url(`/plans/${p.id}/proposal`), {})).statusCode).toBe(404);
    expect((await api.get(url('/me/plans'))).json().items).toEqual([]);
    // Nor finds it in their data download, while its client does.
    expect((await api.get(url('/me/data.json'))).json().treatmentPlans).toEqual([]);
    const mine = (await clientApi.get(url('/me/data.json'))).json().treatmentPlans;
    expect(mine).toEqual([expect.objectContaining({ id: p.id, sessions: 6, status: 'in progress', price: { minorUnits: p.priceMinor, currency: 'GBP' } })]);
  });
});

describe('the consultation record', () => {
  it('saves concerns, goals and assessment with a revision check, audited without the text', async () => {
    const empty = await pat.get(url(`/clients/${client.clientId}/consultation`));
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ revision: 0, concerns: '', findings: [] });
    const [p] = (await pat.get(url(`/clients/${client.clientId}/plans`))).json().items;
    const saved = await pat.request('PUT', url(`/clients/${client.clientId}/consultation`), {
      revision: 0, concerns: 'Fine lines around the eyes', goals: 'Look rested', pattern: 'Liver qi stagnation', tongue: 'Pale, thin white coat', pulse: 'Wiry', skin: 'Dry, fine lines', planId: p.id,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 1, pattern: 'Liver qi stagnation', planId: p.id });
    expect((await pat.request('PUT', url(`/clients/${client.clientId}/consultation`), { revision: 0, goals: 'x' })).statusCode).toBe(409);
    expect((await pat.request('PUT', url(`/clients/${client.clientId}/consultation`), { revision: 1, tongue: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await pat.request('PUT', url(`/clients/${client.clientId}/consultation`), { revision: 1, planId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
    expect((await reception.request('PUT', url(`/clients/${client.clientId}/consultation`), { revision: 1, goals: 'x' })).statusCode).toBe(404);
    const [row] = await auditFor('consultation.update');
    expect(row!.details).toMatchObject({ clientId: client.clientId, revision: 1 });
    expect(JSON.stringify(row!.details)).not.toMatch(/qi/);
    expect((await auditFor('consultation.view')).length).toBeGreaterThanOrEqual(1);
    const again = (await owner.get(url(`/clients/${client.clientId}/consultation`))).json();
    expect(again).toMatchObject({ revision: 1, goals: 'Look rested' });
  });

  it('records the clinician-rated skin scales (Glogau type, fold grade per side), refusing grades outside them', async () => {
    const at = url(`/clients/${client.clientId}/consultation`);
    expect((await pat.get(at)).json()).toMatchObject({ revision: 1, glogau: '', foldLeft: '', foldRight: '' });
    for (const bad of [{ glogau: 'V' }, { glogau: 'iii' }, { foldLeft: '6' }, { foldRight: '0' }, { foldLeft: 3 }]) {
      const r = await pat.request('PUT', at, { revision: 1, ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await pat.get(at)).json()).toMatchObject({ revision: 1, glogau: '', foldLeft: '' });
    const saved = await pat.request('PUT', at, { revision: 1, glogau: 'III', foldLeft: '3', foldRight: '4' });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ revision: 2, glogau: 'III', foldLeft: '3', foldRight: '4', pattern: 'Liver qi stagnation' });
    expect((await owner.get(at)).json()).toMatchObject({ revision: 2, glogau: 'III', foldLeft: '3', foldRight: '4' });
    const rows = await auditFor('consultation.update');
    const last = rows.find((r) => (r.details as { revision: number }).revision === 2)!;
    expect(last.details).toMatchObject({ clientId: client.clientId, fields: ['glogau', 'foldLeft', 'foldRight'] });
    expect(JSON.stringify(last.details)).not.toMatch(/III|"3"|"4"/);
    const cleared = await pat.request('PUT', at, { revision: 2, foldRight: '' });
    expect(cleared.json()).toMatchObject({ revision: 3, glogau: 'III', foldRight: '' });
  });
});

describe('staff book an accepted plan; the course is withdrawn or completed by the clinic', () => {
  it('reception books a plan the client accepted', async () => {
    const created = (await owner.post(url(`/clients/${client.clientId}/plans`), planBody({ sessions: 2, intervalDays: 14, time: '15:00' }))).json();
    expect((await clientApi.post(url(`/plans/${created.id}/accept`))).statusCode).toBe(200);
    const sessions = (await reception.post(url(`/plans/${created.id}/proposal`), {})).json().sessions;
    const res = await reception.post(url(`/plans/${created.id}/book`), { starts: sessions.map((s: { start: string }) => s.start) });
    expect(res.statusCode).toBe(201);
    expect(res.json().plan.progress).toMatchObject({ total: 2, booked: 2 });
    expect((await clientApi.post(url(`/plans/${created.id}/status`), { action: 'withdraw' })).statusCode).toBe(404);
    expect((await reception.post(url(`/plans/${created.id}/status`), { action: 'complete' })).statusCode).toBe(404);
    const done = await owner.post(url(`/plans/${created.id}/status`), { action: 'complete' });
    expect(done.json().status).toBe('completed');
    expect((await owner.patch(url(`/plans/${created.id}`), { priceMinor: 1 })).statusCode).toBe(409);
  });
});
