import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, careTeam, clients, consents, consentTemplates, formResponses, formVersions } from '../../data/schema/index.ts';
import { DEFAULT_INTAKE_FORM } from '../../domain/intake/index.ts';
import { ensureTemplates } from '../consent/consent.service.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let pat: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'diary-clinic' });
  [owner, reception, pat] = await Promise.all([f.signIn('owner'), f.signIn('reception'), f.signIn('practitioner')]);
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

async function phoneBooking(by: TestClient, start: string, extra: Record<string, unknown> = {}) {
  return by.post(url('/diary/bookings'), {
    serviceId: f.services.consultation, practitionerId: f.practitionerId, start,
    client: { name: 'Phone Caller', email: 'caller@example.com', phone: '07700 900555' }, ...extra,
  });
}

describe('POST /api/v1/clinics/:slug/diary/bookings (book by phone)', () => {
  it('books a new client, confirmed, puts the practitioner on the care team, and e-mails the invite', async () => {
    const start = localSlot(f.timeZone, 2, '09:00');
    const res = await phoneBooking(reception, start);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', source: 'staff', client: { name: 'Phone Caller' } });
    const [mail] = await t.emailsTo('caller@example.com');
    expect(mail!.attachments![0]!.filename).toBe('invite.ics');
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, res.json().id));
    const team = await t.database.db.select().from(careTeam).where(eq(careTeam.clientId, row!.clientId!));
    expect(team.map((r) => r.practitionerId)).toEqual([f.practitionerId]);
  });

  it('books an existing client by id, ignoring the online notice but not the hours', async () => {
    const [existing] = await t.database.db.select().from(bookings).where(eq(bookings.clinicId, f.clinicId)).limit(1);
    const res = await phoneBooking(reception, localSlot(f.timeZone, 2, '22:00'), { client: undefined, clientId: existing!.clientId });
    expect(res.statusCode).toBe(422);
    const ok = await phoneBooking(reception, localSlot(f.timeZone, 2, '10:00'), { client: undefined, clientId: existing!.clientId });
    expect(ok.statusCode).toBe(201);
  });

  it('does not let a practitioner book into a colleague\'s diary', async () => {
    const res = await phoneBooking(pat, localSlot(f.timeZone, 2, '11:00'), { practitionerId: f.secondId });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a body with both or neither of clientId and client', async () => {
    const res = await phoneBooking(reception, localSlot(f.timeZone, 2, '11:00'), { client: undefined });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/v1/clinics/:slug/diary', () => {
  it('shows reception a column per practitioner with working hours, names and times, and no clinical fields', async () => {
    const date = localDate(localSlot(f.timeZone, 2, '09:00'), f.timeZone);
    const res = await reception.get(url(`/diary?date=${date}&days=1`));
    expect(res.statusCode).toBe(200);
    const diary = res.json();
    expect(diary.columns.map((c: { name: string }) => c.name)).toEqual(['Olga Owner', 'Pat Practitioner', 'Sam Second']);
    const pats = diary.columns.find((c: { practitionerId: string }) => c.practitionerId === f.practitionerId);
    expect(pats.workingHours).toHaveLength(2);
    expect(pats.entries.length).toBeGreaterThanOrEqual(2);
    const allowed = ['id', 'kind', 'status', 'start', 'end', 'blockedStart', 'blockedEnd', 'service', 'client', 'room', 'note', 'lateCancellation', 'source', 'version', 'flags', 'readiness', 'undoTo', 'course'];
    for (const e of pats.entries) expect(Object.keys(e).sort()).toEqual([...allowed].sort());
    expect(JSON.stringify(diary)).not.toMatch(/notes|intake|clinical|dateOfBirth/i);
  });

  it('shows a practitioner only their own column, and refuses them another', async () => {
    const diary = (await pat.get(url('/diary?days=7'))).json();
    expect(diary.columns.map((c: { practitionerId: string }) => c.practitionerId)).toEqual([f.practitionerId]);
    expect((await pat.get(url(`/diary?practitionerId=${f.secondId}`))).statusCode).toBe(403);
  });

  it('gives the clinic’s slot step, for the free times it marks', async () => {
    expect((await reception.get(url('/diary'))).json().slotStepMin).toBe(15);
    expect((await owner.patch(url('/settings/booking'), { slotStepMin: 20 })).statusCode).toBe(200);
    expect((await pat.get(url('/diary'))).json().slotStepMin).toBe(20);
    await owner.patch(url('/settings/booking'), { slotStepMin: 15 });
  });

  it('shows blocks of a room alone, with the room’s name, to reception (also filtered to one practitioner) and practitioners', async () => {
    const start = localSlot(f.timeZone, 6, '12:00');
    const block = await reception.post(url('/blocks'), { roomId: f.roomIds[0], start, end: localSlot(f.timeZone, 6, '15:00'), note: 'Boiler service' });
    expect(block.statusCode).toBe(201);
    expect(block.json().room).toEqual({ id: f.roomIds[0], name: 'Room 1' });
    const date = localDate(start, f.timeZone);
    for (const [who, path] of [[reception, `/diary?date=${date}`], [reception, `/diary?date=${date}&practitionerId=${f.secondId}`], [pat, `/diary?date=${date}`]] as const) {
      const diary = (await who.get(url(path))).json();
      expect(diary.roomBlocks).toEqual([expect.objectContaining({ id: block.json().id, kind: 'block', note: 'Boiler service', room: { id: f.roomIds[0], name: 'Room 1' } })]);
      for (const c of diary.columns) expect(c.entries.map((e: { id: string }) => e.id)).not.toContain(block.json().id);
    }
    // A practitioner may not block or unblock a room.
    expect((await pat.post(url('/blocks'), { roomId: f.roomIds[1], start, end: localSlot(f.timeZone, 6, '13:00') })).statusCode).toBe(403);
    expect((await pat.delete(url(`/blocks/${block.json().id}`))).statusCode).toBe(404);
    expect((await reception.delete(url(`/blocks/${block.json().id}`))).statusCode).toBe(204);
    expect((await reception.get(url(`/diary?date=${date}`))).json().roomBlocks).toEqual([]);
  });

  it("answers 404 to another clinic's owner and 401 to visitors", async () => {
    const other = await createClinicFixture(t, { slug: 'diary-other' });
    const stranger = await other.signIn('owner');
    expect((await stranger.get(url('/diary'))).statusCode).toBe(404);
    expect((await t.client().get(url('/diary'))).statusCode).toBe(401);
  });
});

describe('before the visit (readiness in the diary)', () => {
  it('gives each appointment its questions, consent and findings by level, set-based and audited with identifiers only', async () => {
    const [rita] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'Rita Ready', email: 'rita@example.com' }).returning({ id: clients.id });
    const clientId = rita!.id;
    const massageStart = localSlot(f.timeZone, 3, '09:00', 8);
    const date = localDate(massageStart, f.timeZone);
    const massage = await reception.post(url('/diary/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start: massageStart, clientId });
    expect(massage.statusCode).toBe(201);
    const consult = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.secondId, start: localSlot(f.timeZone, 3, '14:00', 8), clientId });
    expect(consult.statusCode).toBe(201);
    const readinessOf = async (id: string, by: TestClient = reception) => {
      const diary = (await by.get(url(`/diary?date=${date}&days=1`))).json();
      return diary.columns.flatMap((c: { entries: { id: string }[] }) => c.entries).find((e: { id: string }) => e.id === id).readiness;
    };

    expect(await readinessOf(massage.json().id)).toEqual({
      serviceKind: 'massage', date, questions: 'missing', consent: 'missing', findings: { refer: 0, wait: 0, review: 0, note: 0 }, reviewOutstanding: 0,
    });
    expect((await readinessOf(consult.json().id)).consent).toBe('not_needed');

    // A draft counts as started; the submitted answers give a review finding (blood thinners).
    await t.database.db.insert(formVersions).values({ clinicId: f.clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> })
      .onConflictDoNothing();
    await t.database.db.insert(formResponses).values({ clinicId: f.clinicId, clientId, formKey: 'intake', formVersion: 1, version: 1, status: 'draft', answers: { bloodThinners: true } });
    expect((await readinessOf(massage.json().id)).questions).toBe('started');
    await t.database.db.insert(formResponses).values({
      clinicId: f.clinicId, clientId, formKey: 'intake', formVersion: 1, version: 2, status: 'submitted',
      answers: { bleeding: 'no', bloodThinners: true, pregnancy: 'no' }, submittedAt: new Date(),
    });
    await ensureTemplates(t.database.db, f.clinicId);
    await t.database.db.insert(consents).values({ clinicId: f.clinicId, clientId, serviceKind: 'massage', templateVersion: 1, textHash: 'x'.repeat(64), typedName: 'Rita Ready' });
    const ready = await readinessOf(massage.json().id);
    expect(ready).toEqual({ serviceKind: 'massage', date, questions: 'complete', consent: 'signed', findings: { refer: 0, wait: 0, review: 1, note: 0 }, reviewOutstanding: 1 });

    // The read is audited with identifiers only.
    const reads = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'diary.readiness_read')));
    const last = reads.at(-1)!;
    expect(last.details).toMatchObject({ startDate: date, bookingIds: expect.arrayContaining([massage.json().id, consult.json().id]), clientIds: [clientId] });
    expect(JSON.stringify(reads.map((r) => r.details))).not.toMatch(/thin|blood|review/i);

    // A material new version of the form asks her to sign again; the practitioner's acknowledgement clears the review.
    await t.database.db.insert(consentTemplates).values({ clinicId: f.clinicId, serviceKind: 'massage', version: 2, title: 'Consent', body: 'New text', textHash: 'y'.repeat(64), material: true });
    const sam = await f.signIn('second');
    const ack = await sam.post(url(`/clients/${clientId}/screening/decisions`), { ruleId: 'blood-thinners', serviceKind: 'massage', date, decision: 'acknowledged' });
    expect(ack.statusCode).toBe(201);
    expect(await readinessOf(massage.json().id, sam)).toMatchObject({ consent: 'sign_again', findings: { review: 1 }, reviewOutstanding: 0 });
  });
});

describe('moving, status and blocks', () => {
  it('moves a booking with If-Match, and answers 412 to a stale version', async () => {
    const res = await phoneBooking(reception, localSlot(f.timeZone, 3, '09:00'));
    const id = res.json().id;
    const version = res.json().version;
    const moved = await reception.patch(url(`/bookings/${id}`), { start: localSlot(f.timeZone, 3, '10:00') }, { 'if-match': `"${version}"` });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers.etag).toBe(`"${version + 1}"`);
    const stale = await owner.patch(url(`/bookings/${id}`), { start: localSlot(f.timeZone, 3, '11:00') }, { 'if-match': `"${version}"` });
    expect(stale.statusCode).toBe(412);
    const other = await owner.patch(url(`/bookings/${id}`), { start: localSlot(f.timeZone, 3, '11:00'), practitionerId: f.secondId });
    expect(other.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, id));
    expect(row!.practitionerId).toBe(f.secondId);
  });

  it('marks arrived (on the day), then completed; refuses no-show before the start', async () => {
    const start = localSlot(f.timeZone, 3, '14:00');
    const res = await phoneBooking(reception, start);
    const id = res.json().id;
    expect((await reception.post(url(`/bookings/${id}/status`), { status: 'no_show' })).statusCode).toBe(422);
    // Arrived belongs to the appointment's day: days ahead it is refused (front-desk.test.ts has the rule in full).
    expect((await reception.post(url(`/bookings/${id}/status`), { status: 'arrived' })).statusCode).toBe(422);
    t.app.ctx.now = () => Date.parse(start) - 10 * 60_000;
    try {
      expect((await reception.post(url(`/bookings/${id}/status`), { status: 'arrived' })).json().status).toBe('arrived');
    } finally {
      t.app.ctx.now = undefined;
    }
    const past = new Date(Date.now() - 3_600_000);
    const pastEnd = new Date(past.getTime() + 30 * 60_000);
    await t.database.db.update(bookings).set({ startsAt: past, blockedStart: past, endsAt: pastEnd, blockedEnd: pastEnd }).where(eq(bookings.id, id));
    const done = await reception.post(url(`/bookings/${id}/status`), { status: 'completed' });
    expect(done.json().status).toBe('completed');
    expect((await reception.post(url(`/bookings/${id}/status`), { status: 'arrived' })).statusCode).toBe(409);
  });

  it('blocks time (409 over a booking), hides it from availability, and removes it', async () => {
    const start = localSlot(f.timeZone, 4, '09:00');
    const end = localSlot(f.timeZone, 4, '12:00');
    const block = await pat.post(url('/blocks'), { practitionerId: f.practitionerId, start, end, note: 'Training' });
    expect(block.statusCode).toBe(201);
    const date = localDate(start, f.timeZone);
    const slots = (await t.client().get(url(`/availability?serviceId=${f.services.consultation}&practitionerId=${f.practitionerId}&from=${date}&to=${date}`))).json().slots;
    expect(slots.every((s: { start: string }) => s.start >= new Date(end).toISOString())).toBe(true);
    expect((await phoneBooking(reception, localSlot(f.timeZone, 4, '10:00'))).statusCode).toBe(409);
    expect((await pat.post(url('/blocks'), { practitionerId: f.practitionerId, start, end })).statusCode).toBe(409);
    expect((await reception.delete(url(`/blocks/${block.json().id}`))).statusCode).toBe(204);
    expect((await phoneBooking(reception, localSlot(f.timeZone, 4, '10:00'))).statusCode).toBe(201);
  });

  it('lets staff cancel, with an explicit late flag', async () => {
    const res = await phoneBooking(reception, localSlot(f.timeZone, 5, '09:00'));
    const cancelled = await reception.post(url(`/bookings/${res.json().id}/cancel`), { lateCancellation: true });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });
});

describe('calendar feed', () => {
  it('serves a practitioner\'s diary at a secret address without service names, and a new address revokes the old', async () => {
    const created = await pat.post(url('/me/calendar-feed'));
    expect(created.statusCode).toBe(200);
    const path = new URL(created.json().url).pathname;
    const feed = await t.client().get(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('Client: Phone C.');
    expect(feed.body).not.toContain('consultation');
    expect(feed.body).not.toContain('caller@example.com');
    await pat.post(url('/me/calendar-feed'));
    expect((await t.client().get(path)).statusCode).toBe(404);
    expect((await reception.post(url('/me/calendar-feed'))).statusCode).toBe(403);
  });
});
