import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adverseEvents, auditLog, bookings, careTeam, noteAmendments, sessionNotes } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import type { ProtocolPoint } from '../../domain/protocols/protocols.ts';

/**
 * The adverse event register, "who looked" and the clinical record export over HTTP, on
 * notes written straight into the tables at fixed dates in March 2026 (the note-taking API
 * is its own feature), so nothing depends on today's date.
 */

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let cara: Awaited<ReturnType<typeof addClientWithAccount>>;
let dan: Awaited<ReturnType<typeof addClientWithAccount>>;

const POINTS: ProtocolPoint[] = [{ pointCode: 'ST36', side: 'both', needles: 1 }, { pointCode: 'EX-HN3', side: 'midline', needles: 1 }];

async function signedNote(v: { clientId: string; practitionerId: string; start: string; lot?: string; status?: 'signed' | 'draft'; fields?: Record<string, string> }) {
  const startsAt = new Date(v.start);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const [b] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: v.practitionerId, clientId: v.clientId,
    startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed', source: 'staff',
  }).returning({ id: bookings.id });
  const signed = (v.status ?? 'signed') === 'signed';
  const [n] = await t.database.db.insert(sessionNotes).values({
    clinicId: f.clinicId, bookingId: b!.id, clientId: v.clientId, practitionerId: v.practitionerId, template: 'facial',
    fields: v.fields ?? { treatment: 'Core protocol.', response: 'Relaxed.' }, points: POINTS,
    needleBrand: 'Seirin J-Type', needleSize: '0.16 x 15 mm', needleLot: v.lot ?? 'L2603-0001', needlesIn: 3, needlesOut: 3,
    status: signed ? 'signed' : 'draft', signedAt: signed ? endsAt : null, signedBy: signed ? v.practitionerId : null,
  }).returning({ id: sessionNotes.id });
  return { bookingId: b!.id, noteId: n!.id, startsAt };
}

async function event(note: { bookingId: string; noteId: string; startsAt: Date }, v: { clientId: string; practitionerId: string; kind: string; severity: string; description?: string }) {
  await t.database.db.insert(adverseEvents).values({
    clinicId: f.clinicId, noteId: note.noteId, bookingId: note.bookingId, clientId: v.clientId, practitionerId: v.practitionerId,
    occurredAt: note.startsAt, kind: v.kind, severity: v.severity, description: v.description ?? '', actionTaken: 'Pressure applied.',
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'register-clinic' });
  owner = await f.signIn('owner');
  cara = await addClientWithAccount(t, f, 'Cara Client', 'cara.register@example.com');
  dan = await addClientWithAccount(t, f, 'Dan Client', 'dan.register@example.com');
  await t.database.db.insert(careTeam).values([
    { clinicId: f.clinicId, clientId: cara.clientId, practitionerId: f.practitionerId },
    { clinicId: f.clinicId, clientId: dan.clientId, practitionerId: f.secondId },
  ]);
  // March 2026: Pat signs three notes for Cara (one with a bruise, amended), Sam one for Dan (a faint, serious).
  const n1 = await signedNote({ clientId: cara.clientId, practitionerId: f.practitionerId, start: '2026-03-03T10:00:00Z', lot: 'L2603-0001',
    fields: { treatment: 'Core protocol.', response: 'Relaxed.', glogau: 'III', foldLeft: '3', foldRight: '4' } });
  const n2 = await signedNote({ clientId: cara.clientId, practitionerId: f.practitionerId, start: '2026-03-10T10:00:00Z', lot: 'L2603-0002' });
  await signedNote({ clientId: cara.clientId, practitionerId: f.practitionerId, start: '2026-03-17T10:00:00Z' });
  const n4 = await signedNote({ clientId: dan.clientId, practitionerId: f.secondId, start: '2026-03-12T14:00:00Z' });
  await event(n2, { clientId: cara.clientId, practitionerId: f.practitionerId, kind: 'bruising', severity: 'mild', description: '=HYPERLINK("http://evil.example","click")' });
  await event(n4, { clientId: dan.clientId, practitionerId: f.secondId, kind: 'fainting', severity: 'serious', description: 'Felt faint, lay down.' });
  await t.database.db.insert(noteAmendments).values({
    clinicId: f.clinicId, noteId: n2.noteId, authorId: f.practitionerId, reason: 'Follow-up call next morning',
    changes: [{ field: 'response', before: 'Relaxed.', after: 'Relaxed. Bruise fading.' }],
  });
  // A draft's event is not in the register, nor its note in the denominator.
  const draft = await signedNote({ clientId: cara.clientId, practitionerId: f.practitionerId, start: '2026-03-24T10:00:00Z', status: 'draft' });
  await event(draft, { clientId: cara.clientId, practitionerId: f.practitionerId, kind: 'pain', severity: 'moderate' });
  // April: one more signed note, outside the March period.
  await signedNote({ clientId: cara.clientId, practitionerId: f.practitionerId, start: '2026-04-07T09:00:00Z' });
  void n1;
});
afterAll(() => t.close());

const register = (query = '') => `/api/v1/clinics/${f.slug}/adverse-events${query}`;
const MARCH = '?from=2026-03-01&to=2026-03-31';
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));

describe('the adverse event register', () => {
  it('is the owner’s alone: reception and practitioners get 404 (audited), other clinics 404, visitors 401', async () => {
    const reception = await f.signIn('reception');
    const pat = await f.signIn('practitioner');
    const before = (await audits('access.denied')).length;
    for (const who of [reception, pat]) {
      for (const path of [register(MARCH), register(`.csv${MARCH}`)]) {
        const res = await who.get(path);
        expect(res.statusCode, path).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect((await audits('access.denied')).length).toBe(before + 4);
    expect((await (await cara.signIn()).get(register(MARCH))).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'register-elsewhere' });
    expect((await (await other.signIn('owner')).get(register(MARCH))).statusCode).toBe(404);
    expect((await t.client().get(register(MARCH))).statusCode).toBe(401);
    expect(await audits('adverse_event.register_view')).toHaveLength(0);
  });

  it('lists the events of signed notes in the period with totals and the rate per 100 signed sessions', async () => {
    const res = await owner.get(register(MARCH));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    // 2 events (the draft's is left out) in 4 signed notes (the draft and April's are not counted).
    expect(body.totals).toMatchObject({ events: 2, sessions: 4, ratePer100: 50, serious: 1 });
    expect(body.totals.byKind.find((k: { kind: string }) => k.kind === 'bruising')).toEqual({ kind: 'bruising', label: 'Bruising', count: 1 });
    expect(body.totals.bySeverity.map((s: { count: number }) => s.count)).toEqual([1, 0, 1]);
    // Newest first.
    expect(body.events.map((e: { kindLabel: string }) => e.kindLabel)).toEqual(['Fainting', 'Bruising']);
    expect(body.events[1]).toMatchObject({ client: { name: 'Cara Client' }, practitioner: { name: 'Pat Practitioner' }, severity: 'mild', needleLot: 'L2603-0002', serviceName: 'Facial acupuncture' });
    expect(body.practitioners.map((p: { name: string }) => p.name)).toEqual(['Olga Owner', 'Pat Practitioner', 'Sam Second']);
    expect(body.reportingSteps.map((s: { title: string }) => s.title)).toContain('Report it to the MHRA Yellow Card scheme');
    // The reading is audited once per client shown, so it appears on their record's "who looked".
    const rows = await audits('adverse_event.register_view');
    expect(rows.map((r) => r.details?.clientId).sort()).toEqual([cara.clientId, dan.clientId].sort());
  });

  it('filters by type, severity and practitioner; the practitioner filter changes the denominator', async () => {
    const pat = (await owner.get(register(`${MARCH}&practitionerId=${f.practitionerId}`))).json();
    expect(pat.totals).toMatchObject({ events: 1, sessions: 3, ratePer100: 33.3, serious: 0 });
    const fainting = (await owner.get(register(`${MARCH}&type=fainting`))).json();
    expect(fainting.totals).toMatchObject({ events: 1, sessions: 4, ratePer100: 25 });
    expect(fainting.events[0].client.name).toBe('Dan Client');
    const mild = (await owner.get(register(`${MARCH}&severity=mild`))).json();
    expect(mild.events.map((e: { kind: string }) => e.kind)).toEqual(['bruising']);
    const april = (await owner.get(register('?from=2026-04-01&to=2026-04-30'))).json();
    expect(april.totals).toMatchObject({ events: 0, sessions: 1, ratePer100: 0 });
    const empty = (await owner.get(register('?from=2025-01-01&to=2025-01-31'))).json();
    expect(empty.totals.ratePer100).toBeNull();
  });

  it('refuses bad filters with problem+json', async () => {
    for (const q of ['?type=explosion', '?severity=fatal', '?practitionerId=nope', '?from=2026-03-31&to=2026-03-01', '?from=31/03/2026']) {
      const res = await owner.get(register(q));
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('exports CSV with every matching event, cells safe from formula injection, audited', async () => {
    const res = await owner.get(register(`.csv${MARCH}`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('adverse-events-register-clinic-2026-03-01-to-2026-03-31.csv');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date and time,Client,Practitioner,Service,Type,Severity,What happened,Action taken,Needle brand,Needle lot,Added by amendment');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('2026-03-10 10:00,Cara Client,Pat Practitioner,Facial acupuncture,Bruising,Mild');
    // The description a spreadsheet would run is quoted text starting with an apostrophe.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(lines[2]).toContain('Fainting,Serious');
    expect((await audits('adverse_event.register_export')).length).toBe(2);
  });
});

const access = (clientId: string, query = '') => `/api/v1/clinics/${f.slug}/clients/${clientId}/record-access${query}`;

describe('who looked at a client’s clinical record', () => {
  it('lists views and changes of the client’s record with name, role and words, newest first, paged', async () => {
    // Rows as the notes feature writes them: details.clientId always set.
    const at = (iso: string) => new Date(iso);
    await t.database.db.insert(auditLog).values([
      { at: at('2026-03-10T12:00:00Z'), clinicId: f.clinicId, actorUserId: f.practitionerId, actorRole: 'practitioner', action: 'note.sign', entityType: 'session_note', entityId: 'n1', details: { clientId: cara.clientId } },
      { at: at('2026-03-11T09:00:00Z'), clinicId: f.clinicId, actorUserId: f.practitionerId, actorRole: 'practitioner', action: 'note.amend', entityType: 'note_amendment', entityId: 'a1', details: { clientId: cara.clientId } },
      { at: at('2026-03-12T09:00:00Z'), clinicId: f.clinicId, actorUserId: f.ownerId, actorRole: 'owner', action: 'note.view', entityType: 'session_note', entityId: 'n1', details: { clientId: cara.clientId } },
      { at: at('2026-03-12T09:30:00Z'), clinicId: f.clinicId, actorUserId: f.practitionerId, actorRole: 'practitioner', action: 'outcome.view', entityType: 'client', entityId: cara.clientId, details: { clientId: cara.clientId, self: false, measures: 1 } },
      // Another client's note, and a row of the same client id in another clinic: not listed.
      { at: at('2026-03-12T10:00:00Z'), clinicId: f.clinicId, actorUserId: f.secondId, actorRole: 'practitioner', action: 'note.view', entityType: 'session_note', entityId: 'n4', details: { clientId: dan.clientId } },
      { at: at('2026-03-12T11:00:00Z'), clinicId: null, actorUserId: f.secondId, actorRole: 'practitioner', action: 'note.view', entityType: 'session_note', entityId: 'x', details: { clientId: cara.clientId } },
      // Not a clinical record row, though it names the client.
      { at: at('2026-03-12T12:00:00Z'), clinicId: f.clinicId, actorUserId: f.receptionId, actorRole: 'reception', action: 'booking.move', entityType: 'booking', entityId: 'b', details: { clientId: cara.clientId } },
    ]);
    const first = await owner.get(access(cara.clientId, '?limit=2'));
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    // The register reading above comes first (newest), then the owner's view of 12 March.
    expect(page1.items.map((i: { action: string }) => i.action)).toEqual(['adverse_event.register_export', 'adverse_event.register_view']);
    const all: { action: string; actionLabel: string; person: { name: string } | null; roleLabel: string }[] = [...page1.items];
    let next = page1.next;
    while (next) {
      const page = (await owner.get(access(cara.clientId, `?limit=2&cursor=${next}`))).json();
      all.push(...page.items);
      next = page.next;
    }
    const old = all.filter((i) => i.action.startsWith('note.'));
    expect(old.map((i) => [i.actionLabel, i.person?.name, i.roleLabel])).toEqual([
      ['Viewed a session note', 'Olga Owner', 'Owner'],
      ['Amended a signed session note', 'Pat Practitioner', 'Practitioner'],
      ['Signed a session note', 'Pat Practitioner', 'Practitioner'],
    ]);
    // Reading outcome scores is listed too, in words.
    expect(all.filter((i) => i.action === 'outcome.view').map((i) => [i.actionLabel, i.person?.name])).toEqual([['Read a client’s outcome scores', 'Pat Practitioner']]);
    expect(all.some((i) => i.action === 'booking.move')).toBe(false);
    expect(new Set(all.map((i) => JSON.stringify(i))).size).toBe(all.length);
    expect((await audits('client.record_access_view')).length).toBeGreaterThan(0);
  });

  it('is the owner’s alone, and refuses a cursor it did not give', async () => {
    for (const who of ['reception', 'practitioner'] as const) {
      expect((await (await f.signIn(who)).get(access(cara.clientId))).statusCode).toBe(404);
    }
    expect((await owner.get(access('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await owner.get(access(cara.clientId, '?cursor=bogus'))).statusCode).toBe(400);
    expect((await owner.get(access(cara.clientId, '?limit=1000'))).statusCode).toBe(400);
  });
});

/** The text of a PDF: its streams inflated, the hex and literal strings of its text operators joined. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of body.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj/g)) {
      const hex = op[1] ? [...op[1].matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => h[1]).join('') : op[2]!;
      text += Buffer.from(hex, 'hex').toString('latin1');
    }
    text += '\n';
  }
  return text;
}

const recordPdf = (clientId: string, query = '') => `/api/v1/clinics/${f.slug}/clients/${clientId}/record.pdf${query}`;

describe('the clinical record export (PDF)', () => {
  it('gives the owner and the client’s practitioner a PDF of the signed notes with points, needles, events and amendments', async () => {
    const res = await owner.get(recordPdf(cara.clientId));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('clinical-record-cara-client.pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const s of ['Clinic register-clinic', 'Clinical record: Cara Client', 'Session notes (4)', 'ST36 Zusanli', 'L2603-0002', 'Bruising (mild)', 'Follow-up call next morning', 'Bruise fading',
      'Photo-ageing (Glogau type)', 'Type III, advanced: wrinkles at rest', 'Nasolabial fold, left (WSRS)', '3, moderate: moderately deep fold',
      '4, severe: very long and deep fold', 'Glogau RG', 'Am J Clin Dermatol 2004;5:49-52']) {
      expect(text.replace(/\s+/g, ' '), s).toContain(s);
    }
    expect(text).not.toContain('Dan Client');
    const pat = await f.signIn('practitioner');
    expect((await pat.get(recordPdf(cara.clientId))).statusCode).toBe(200);
    const rows = await audits('clinical_record.export');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.details).toMatchObject({ clientId: cara.clientId, notes: 4 });
  });

  it('includes the consultation record’s skin scales with their citation', async () => {
    const pat = await f.signIn('practitioner');
    const at = `/api/v1/clinics/${f.slug}/clients/${cara.clientId}/consultation`;
    const revision = (await pat.get(at)).json().revision;
    expect((await pat.request('PUT', at, { revision, glogau: 'II', foldLeft: '2' })).statusCode).toBe(200);
    const text = pdfText((await owner.get(recordPdf(cara.clientId))).rawPayload).replace(/\s+/g, ' ');
    for (const s of ['Skin scales (consultation record)', 'Type II, moderate: wrinkles when the face moves', '2, mild: shallow, just visible fold']) expect(text, s).toContain(s);
    const danText = pdfText((await owner.get(recordPdf(dan.clientId))).rawPayload).replace(/\s+/g, ' ');
    expect(danText).not.toContain('Skin scales');
  });

  it('takes a date range', async () => {
    const res = await owner.get(recordPdf(cara.clientId, '?from=2026-04-01&to=2026-04-30'));
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('Session notes (1)');
    expect(text).not.toContain('L2603-0002');
    expect((await owner.get(recordPdf(cara.clientId, '?from=2026-05-01&to=2026-04-01'))).statusCode).toBe(400);
  });

  it('refuses reception, a practitioner who does not treat the client, the client and other clinics with 404', async () => {
    const before = (await audits('clinical_record.export')).length;
    const sam = await f.signIn('second');
    expect((await sam.get(recordPdf(cara.clientId))).statusCode).toBe(404);
    expect((await (await f.signIn('reception')).get(recordPdf(cara.clientId))).statusCode).toBe(404);
    expect((await (await cara.signIn()).get(recordPdf(cara.clientId))).statusCode).toBe(404);
    const other = await createClinicFixture(t, { slug: 'register-elsewhere-2' });
    expect((await (await other.signIn('owner')).get(recordPdf(cara.clientId))).statusCode).toBe(404);
    expect((await audits('clinical_record.export')).length).toBe(before);
    const denied = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, f.secondId), eq(auditLog.entityId, cara.clientId)));
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('the client’s own data download', () => {
  it('includes their signed notes with amendments and adverse events, and nobody else’s', async () => {
    const client = await cara.signIn();
    const res = await client.get(`/api/v1/clinics/${f.slug}/me/data.json`);
    expect(res.statusCode).toBe(200);
    const data = res.json();
    expect(data.sessionNotes).toHaveLength(4);
    const bruised = data.sessionNotes.find((n: { needles: { lot: string } }) => n.needles.lot === 'L2603-0002');
    expect(bruised.points).toEqual([{ point: 'ST36 Zusanli', side: 'Both sides', needles: 2 }, { point: 'EX-HN3 Yintang', side: 'Midline', needles: 1 }]);
    expect(bruised.amendments[0]).toMatchObject({ by: 'Pat Practitioner', reason: 'Follow-up call next morning', changes: [{ field: 'Response', after: 'Relaxed. Bruise fading.' }] });
    expect(data.adverseEvents).toEqual([expect.objectContaining({ sessionNoteId: bruised.id, type: 'Bruising', severity: 'Mild' })]);
    const pdf = await client.get(`/api/v1/clinics/${f.slug}/me/data.pdf`);
    expect(pdfText(pdf.rawPayload).replace(/\s+/g, ' ')).toContain('Your session notes');
  });
});
