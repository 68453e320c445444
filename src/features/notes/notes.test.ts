import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adverseEvents, auditLog, bookings, careTeam, clinicAcupoints, formResponses, formVersions, noteAmendments, sessionNotes } from '../../data/schema/index.ts';
import { DEFAULT_INTAKE_FORM } from '../../domain/intake/index.ts';
import { PROBLEM_BASE } from '../../server/errors.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let pat: TestClient;
let sam: TestClient;
let owner: TestClient;
let reception: TestClient;
let clientId: string;
let facialId: string;
const HOUR = 3_600_000;

/** A confirmed appointment written straight in the database, at a fixed instant (notes do not depend on today). */
async function booking(serviceId: string, practitionerId: string, start: string, status: 'confirmed' | 'cancelled' = 'confirmed') {
  const startsAt = new Date(start);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const [row] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId, practitionerId, clientId, startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status, source: 'staff',
  }).returning({ id: bookings.id });
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId, practitionerId }).onConflictDoNothing();
  return row!.id;
}

let responseVersion = 0;
async function answers(values: Record<string, unknown>) {
  responseVersion++;
  await t.database.db.insert(formResponses).values({
    clinicId: f.clinicId, clientId, formKey: 'intake', formVersion: 1, version: responseVersion, status: 'submitted',
    answers: { bleeding: 'no', bloodThinners: false, pregnancy: 'no', ...values }, submittedAt: new Date(Date.UTC(2027, 0, responseVersion)),
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'notes-clinic' });
  [pat, sam, owner, reception] = await Promise.all([f.signIn('practitioner'), f.signIn('second'), f.signIn('owner'), f.signIn('reception')]);
  clientId = (await addClientWithAccount(t, f, 'Nora Note', 'nora@notes.example')).clientId;
  await t.database.db.insert(formVersions).values({ clinicId: f.clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> }).onConflictDoNothing();
  facialId = await booking(f.services.facial, f.practitionerId, '2027-03-01T10:00:00Z');
});
afterAll(() => t.close());

const url = (bookingId = facialId, path = '', slug = f.slug) => `/api/v1/clinics/${slug}/bookings/${bookingId}/note${path}`;
const put = (c: TestClient, body: unknown, bookingId = facialId) => c.request('PUT', url(bookingId), body);
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));
const notes = () => t.database.db.select().from(sessionNotes).where(eq(sessionNotes.clinicId, f.clinicId));

const draft = {
  fields: { concerns: 'Fine lines around the eyes', skin: 'A little dry', glogau: 'II', foldLeft: '3', foldRight: '2' },
  points: [{ pointCode: 'EX-HN3', side: 'midline', needles: 1 }, { pointCode: 'st-3', side: 'both', needles: 1 }],
  needleBrand: 'Seirin J-type', needleSize: '0.16 × 15 mm', needleLot: 'l2307a', needlesIn: 3, needlesOut: 3,
};

describe('session notes over HTTP', () => {
  it('opens an appointment’s note for its practitioner: template, no note yet, audited with the client', async () => {
    const r = await pat.get(url());
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ note: null, canWrite: true, previousNotes: [], findings: [], reviewOutstanding: 0, booking: { clientId, serviceKind: 'facial', clientName: 'Nora Note' } });
    expect(body.template.template).toBe('facial');
    expect(body.template.fields.map((x: { key: string }) => x.key)).toContain('concerns');
    const [view] = await audits('note.view');
    expect(view!.details).toMatchObject({ clientId, bookingId: facialId });
    expect(view!.actorUserId).toBe(f.practitionerId);
  });

  it('refuses reception, other clinics, practitioners who do not treat the client and visitors, writing nothing', async () => {
    const r = await reception.get(url());
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect((await put(reception, draft)).statusCode).toBe(404);
    expect((await sam.get(url())).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'notes-elsewhere' });
    expect((await (await other.signIn('owner')).get(url(facialId, '', other.slug))).statusCode).toBe(404);
    expect((await (await other.signIn('practitioner')).get(url(facialId, '', f.slug))).statusCode).toBe(404);
    expect((await t.client().get(url())).statusCode).toBe(401);
    const client = await (await addClientWithAccount(t, f, 'Cara', 'cara@notes.example')).signIn();
    expect((await client.get(url())).statusCode).toBe(404);
    expect(await notes()).toHaveLength(0);
    const denied = await t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, f.receptionId)));
    expect(denied.length).toBeGreaterThan(0);
  });

  it('refuses bad input with field errors: counts, lot, points, fields, events', async () => {
    const bad: [unknown, string][] = [
      [{ ...draft, needlesIn: -1 }, 'needlesIn'],
      [{ ...draft, needlesOut: 5000 }, 'needlesOut'],
      [{ ...draft, needlesIn: 2.5 }, 'needlesIn'],
      [{ ...draft, needleLot: 'same as before' }, 'needleLot'],
      [{ ...draft, needleLot: 'AB' }, 'needleLot'],
      [{ ...draft, points: [{ pointCode: 'ST99', side: 'both', needles: 1 }] }, 'points.0.pointCode'],
      [{ ...draft, points: [{ pointCode: 'ST3', side: 'both', needles: 0 }] }, 'points.0.needles'],
      [{ ...draft, fields: { tongue: 'pale' } }, 'fields.tongue'],
      [{ ...draft, fields: { glogau: 'V' } }, 'fields.glogau'],
      [{ ...draft, fields: { glogau: 'III', foldLeft: '6' } }, 'fields.foldLeft'],
      [{ ...draft, fields: { foldRight: '0' } }, 'fields.foldRight'],
      [{ ...draft, adverseEvents: [{ kind: 'exploded', severity: 'mild' }] }, 'adverseEvents.0.kind'],
      [{ ...draft, adverseEvents: [{ kind: 'other', severity: 'mild' }] }, 'adverseEvents.0.description'],
      [{ ...draft, protocolId: '00000000-0000-4000-8000-000000000000' }, 'protocolId'],
      [{ ...draft, surprise: 1 }, ''],
    ];
    for (const [body, field] of bad) {
      const r = await put(pat, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      if (field) expect(r.json().errors.map((e: { field: string }) => e.field.replace(/^body\./, '')), field).toContain(field);
    }
    expect(await notes()).toHaveLength(0);
  });

  it('accepts the clinic’s own points', async () => {
    await t.database.db.insert(clinicAcupoints).values({ clinicId: f.clinicId, code: 'JAW1', codeKey: 'JAW1', english: 'Jaw point', region: 'face', location: 'At the jaw angle' });
    const other = await booking(f.services.facial, f.practitionerId, '2026-11-01T10:00:00Z');
    const r = await put(pat, { ...draft, points: [{ pointCode: 'jaw1', side: 'left', needles: 1 }], needlesIn: 1, needlesOut: 1 }, other);
    expect(r.statusCode).toBe(201);
    expect(r.json().points[0]).toMatchObject({ pointCode: 'JAW1', label: 'JAW1' });
    const signed = await pat.post(url(other, '/sign'));
    expect(signed.statusCode).toBe(200);
  });

  it('autosaves a draft: creates it, saves changes, and a repeated save changes nothing', async () => {
    const first = await put(pat, draft);
    expect(first.statusCode).toBe(201);
    const n = first.json();
    expect(n).toMatchObject({ status: 'draft', revision: 1, needleLot: 'L2307A', plannedNeedles: 3, fields: draft.fields });
    expect(n.points[1]).toMatchObject({ pointCode: 'ST3', label: 'ST3 Juliao' });
    const again = await put(pat, { ...draft, baseRevision: 1 });
    expect(again.statusCode).toBe(200);
    expect((await pat.get(url())).json().note.fields).toMatchObject({ glogau: 'II', foldLeft: '3', foldRight: '2' });
    expect(again.json().revision).toBe(1);
    const changed = await put(pat, { ...draft, baseRevision: 1, fields: { ...draft.fields, response: 'Relaxed' } });
    expect(changed.json().revision).toBe(2);
    const stale = await put(pat, { ...draft, baseRevision: 1, fields: { concerns: 'Old tab' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe(PROBLEM_BASE + 'note-stale');
    expect((await audits('note.create')).filter((a) => (a.details as { bookingId: string }).bookingId === facialId)).toHaveLength(1);
    const updates = (await audits('note.update')).map((a) => a.details);
    expect(updates).toEqual(expect.arrayContaining([
      expect.objectContaining({ clientId, bookingId: facialId, revision: 1, unchanged: true }),
      expect.objectContaining({ clientId, bookingId: facialId, revision: 2 }),
    ]));
    expect(JSON.stringify(await t.database.db.select().from(auditLog))).not.toMatch(/Fine lines|Relaxed|L2307A/);
  });

  it('lets the care team and the owner read, and only the appointment’s practitioner write', async () => {
    await booking(f.services.consultation, f.secondId, '2026-10-01T10:00:00Z');
    const read = await sam.get(url());
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ canWrite: false, note: { status: 'draft' } });
    expect((await owner.get(url())).json().canWrite).toBe(false);
    expect((await put(sam, draft)).statusCode).toBe(403);
    expect((await put(owner, draft)).statusCode).toBe(403);
    expect((await sam.post(url(facialId, '/sign'))).statusCode).toBe(403);
  });

  it('refuses a note for a cancelled appointment', async () => {
    const cancelled = await booking(f.services.facial, f.practitionerId, '2027-02-01T10:00:00Z', 'cancelled');
    const r = await put(pat, draft, cancelled);
    expect(r.statusCode).toBe(409);
    expect(r.json().type).toBe(PROBLEM_BASE + 'booking-not-active');
  });

  it('refuses to sign while counts differ, until the discrepancy is recorded; records adverse events', async () => {
    const short = { ...draft, fields: { ...draft.fields, response: 'Relaxed' }, needlesOut: 2, baseRevision: 2 };
    expect((await put(pat, short)).json().revision).toBe(3);
    const refused = await pat.post(url(facialId, '/sign'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: PROBLEM_BASE + 'needles-unreconciled' });
    expect(refused.json().detail).toContain('1 needle fewer');
    const reconciled = await put(pat, {
      ...short, baseRevision: 3, discrepancy: { searched: 'Couch, pillow and floor', found: 'One needle on the pillow, in the sharps bin', recovered: 1 },
      adverseEvents: [{ kind: 'bruising', severity: 'mild', description: 'Small bruise at left ST3', actionTaken: 'Pressure, advice' }],
    });
    expect(reconciled.statusCode).toBe(200);
    expect(reconciled.json().adverseEvents).toMatchObject([{ kind: 'bruising', severity: 'mild', amendmentId: null }]);
    expect((await t.database.db.select().from(adverseEvents).where(eq(adverseEvents.clinicId, f.clinicId)))).toHaveLength(1);
    const [event] = await audits('adverse_event.record');
    expect(event!.details).toMatchObject({ clientId, count: 1 });
  });

  it('refuses to sign while a screening review is outstanding, then signs once acknowledged', async () => {
    await answers({ bleeding: 'no' });
    await answers({ bleeding: 'bruise-easily' });
    const opened = (await pat.get(url())).json();
    expect(opened.reviewOutstanding).toBe(1);
    expect(opened.findings).toMatchObject([{ ruleId: 'bruising-tendency', level: 'review', acknowledged: false }]);
    expect(opened.intakeChanges.changes).toMatchObject([{ questionId: 'bleeding', change: 'changed', before: 'no', after: 'bruise-easily' }]);
    const refused = await pat.post(url(facialId, '/sign'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe(PROBLEM_BASE + 'review-outstanding');
    const ack = await pat.post(`/api/v1/clinics/${f.slug}/clients/${clientId}/screening/decisions`, { ruleId: 'bruising-tendency', serviceKind: 'facial', date: '2027-03-01', decision: 'acknowledged' });
    expect(ack.statusCode).toBe(201);
    const signed = await pat.post(url(facialId, '/sign'));
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedByName: 'Pat Practitioner' });
    const sign = (await audits('note.sign')).find((a) => (a.details as { bookingId: string }).bookingId === facialId);
    expect(sign!.details).toMatchObject({ clientId, bookingId: facialId });
  });

  it('locks a signed note: saving or signing again is refused (409 note-signed) and audited', async () => {
    const before = (await notes()).find((n) => n.bookingId === facialId)!;
    const r = await put(pat, { ...draft, fields: { concerns: 'Changed after signing' } });
    expect(r.statusCode).toBe(409);
    const regrade = await put(pat, { ...draft, fields: { ...draft.fields, glogau: 'IV' } });
    expect(regrade.statusCode).toBe(409);
    expect(regrade.json().type).toBe(PROBLEM_BASE + 'note-signed');
    expect(r.json().type).toBe(PROBLEM_BASE + 'note-signed');
    expect((await pat.post(url(facialId, '/sign'))).json().type).toBe(PROBLEM_BASE + 'note-signed');
    const after = (await notes()).find((n) => n.bookingId === facialId)!;
    expect(after).toEqual(before);
    const refusals = await audits('note.refused');
    expect(refusals).toHaveLength(3);
    expect(refusals[0]!.details).toMatchObject({ clientId, bookingId: facialId, reason: 'signed' });
  });

  it('amends a signed note: the original stays, the amendment says who changed what and why', async () => {
    const noReason = await pat.post(url(facialId, '/amendments'), { reason: '', fields: { response: 'x' } });
    expect(noReason.statusCode).toBe(400);
    const nothing = await pat.post(url(facialId, '/amendments'), { reason: 'Typo', fields: { concerns: draft.fields.concerns } });
    expect(nothing.statusCode).toBe(400);
    const unreconciled = await pat.post(url(facialId, '/amendments'), { reason: 'Recount', needlesOut: 1, discrepancy: null });
    expect(unreconciled.statusCode).toBe(422);
    expect((await sam.post(url(facialId, '/amendments'), { reason: 'Mine', fields: { response: 'x' } })).statusCode).toBe(403);
    const r = await pat.post(url(facialId, '/amendments'), {
      reason: 'Bruise noticed the next day', fields: { response: 'Relaxed; small bruise at left ST3 next day' },
      adverseEvents: [{ kind: 'bruising', severity: 'mild', description: 'Second small bruise', actionTaken: 'Arnica advice' }],
    });
    expect(r.statusCode).toBe(201);
    const n = r.json();
    expect(n.fields.response).toBe('Relaxed; small bruise at left ST3 next day');
    expect(n.amendments).toMatchObject([{ authorName: 'Pat Practitioner', reason: 'Bruise noticed the next day', changes: [{ field: 'fields.response', before: 'Relaxed', after: 'Relaxed; small bruise at left ST3 next day' }] }]);
    expect(n.adverseEvents).toHaveLength(2);
    const stored = (await notes()).find((x) => x.bookingId === facialId)!;
    expect(stored.fields.response).toBe('Relaxed');
    expect(await t.database.db.select().from(noteAmendments).where(eq(noteAmendments.clinicId, f.clinicId))).toHaveLength(1);
    const [amend] = await audits('note.amend');
    expect(amend!.details).toMatchObject({ clientId, bookingId: facialId, fields: ['fields.response'] });
    expect(JSON.stringify(amend!.details)).not.toMatch(/bruise/i);
  });

  it('shows the client’s last three other notes when the next session opens', async () => {
    const next = await booking(f.services.facial, f.practitionerId, '2027-03-08T10:00:00Z');
    const r = await pat.get(url(next));
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.note).toBeNull();
    expect(body.previousNotes.map((p: { bookingId: string }) => p.bookingId)[0]).toBe(facialId);
    expect(body.previousNotes[0]).toMatchObject({ status: 'signed', amended: true, fields: { response: 'Relaxed; small bruise at left ST3 next day' } });
    expect(body.previousNotes[0].adverseEvents).toHaveLength(2);
  });
});
