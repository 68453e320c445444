import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accountClosureRequests, auditLog, bookings, careTeam, clients, progressPhotos, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';
import { createClinicFixture, localSlot, PASSWORD, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { BookingJobs } from '../booking/booking-jobs.ts';

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let pat: TestClient;
let sam: TestClient;
let cleo: TestClient;
let dan: TestClient;
const ids = { cleo: '', dan: '' };
const emails = { cleo: 'cleo.consent@example.com', dan: 'dan.consent@example.com' };
/** A 1 × 1 PNG: stands in for a drawn signature. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;

async function clientAccount(name: string, email: string) {
  const [user] = await t.database.db.insert(users).values({ email, name, passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() }).returning({ id: users.id });
  const [client] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, userId: user!.id, name, email }).returning({ id: clients.id });
  const c = t.client();
  await c.signIn(email, PASSWORD);
  return { client: c, id: client!.id };
}

async function facialConsent(who: TestClient) {
  const res = await who.get(url('/me/consents'));
  expect(res.statusCode).toBe(200);
  return res.json().items.find((i: { kind: string }) => i.kind === 'facial');
}

const auditRows = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'consent-clinic' });
  other = await createClinicFixture(t, { slug: 'consent-elsewhere' });
  [owner, reception, pat, sam] = await Promise.all([f.signIn('owner'), f.signIn('reception'), f.signIn('practitioner'), f.signIn('second')]);
  const c = await clientAccount('Cleo Client', emails.cleo);
  const d = await clientAccount('Dan Other', emails.dan);
  cleo = c.client; ids.cleo = c.id;
  dan = d.client; ids.dan = d.id;
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: ids.cleo, practitionerId: f.practitionerId });
});
afterAll(() => t.close());

describe('consent forms', () => {
  let consentId = '';

  it('starts every clinic with Yintang’s texts and asks the client to sign', async () => {
    const facial = await facialConsent(cleo);
    expect(facial).toMatchObject({ label: 'Facial acupuncture', status: 'missing', signed: null, current: { version: 1, title: 'Consent to facial acupuncture' } });
    expect(facial.current.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(facial.current.html).toContain('<h2>What happens</h2>');
  });

  it('refuses a signature without "I agree", with a stale text or with something that is not a PNG, and saves nothing', async () => {
    const facial = await facialConsent(cleo);
    const good = { kind: 'facial', version: 1, textHash: facial.current.textHash, typedName: 'Cleo Client', agree: true, signaturePng: PNG };
    const noAgree = await cleo.post(url('/me/consents'), { ...good, agree: false });
    expect(noAgree.statusCode).toBe(400);
    expect(noAgree.json().errors).toEqual([expect.objectContaining({ field: 'body.agree' })]);
    const stale = await cleo.post(url('/me/consents'), { ...good, textHash: 'a'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/consent-text-changed$/);
    expect((await cleo.post(url('/me/consents'), { ...good, signaturePng: Buffer.from('GIF89a not a png').toString('base64') })).statusCode).toBe(400);
    expect((await facialConsent(cleo)).status).toBe('missing');
  });

  it('records a signature with the exact version and hash of the text shown, audited without the name', async () => {
    const facial = await facialConsent(cleo);
    const res = await cleo.post(url('/me/consents'), { kind: 'facial', version: 1, textHash: facial.current.textHash, typedName: 'Cleo Client', agree: true, signaturePng: `data:image/png;base64,${PNG}` });
    expect(res.statusCode).toBe(201);
    consentId = res.json().id;
    expect(res.json()).toMatchObject({ version: 1, textHash: facial.current.textHash, typedName: 'Cleo Client', signature: `data:image/png;base64,${PNG}` });
    expect(await facialConsent(cleo)).toMatchObject({ status: 'signed', signed: { id: consentId } });
    const [audit] = (await auditRows('consent.signed')).filter((a) => a.entityId === consentId);
    expect(audit!.details).toEqual({ clientId: ids.cleo, serviceKind: 'facial', version: 1, drawn: true });
    expect(JSON.stringify(audit)).not.toContain('Cleo Client');
    expect((await auditRows('consent.read')).length).toBeGreaterThan(0);
  });

  it('accepts the keyboard alternative: typed name and "I agree" without a drawing', async () => {
    const massage = (await dan.get(url('/me/consents'))).json().items.find((i: { kind: string }) => i.kind === 'massage');
    const res = await dan.post(url('/me/consents'), { kind: 'massage', version: massage.current.version, textHash: massage.current.textHash, typedName: 'Dan Other', agree: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().signature).toBeNull();
  });

  it('asks the client to sign again only after a material change', async () => {
    const current = (await owner.get(url('/consent-templates'))).json().items.find((i: { kind: string }) => i.kind === 'facial').current;
    const minor = await owner.post(url('/consent-templates/facial'), { title: current.title, body: current.body.replace('Facial acupuncture places', 'Facial acupuncture gently places'), material: false });
    expect(minor.statusCode).toBe(201);
    expect(minor.json()).toMatchObject({ version: 2, material: false, createdByName: 'Olga Owner' });
    expect((await facialConsent(cleo)).status).toBe('signed');
    const unchanged = await owner.post(url('/consent-templates/facial'), { title: current.title, body: minor.json().body, material: true });
    expect(unchanged.statusCode).toBe(409);
    const material = await owner.post(url('/consent-templates/facial'), { title: current.title, body: `${minor.json().body}\n\n## Photographs\n\nWe may take photographs of your face, with your agreement.`, material: true });
    expect(material.statusCode).toBe(201);
    const facial = await facialConsent(cleo);
    expect(facial).toMatchObject({ status: 'sign_again', current: { version: 3 }, signed: { version: 1 } });
    expect(facial.current.html).toContain('Photographs');
    const [audit] = (await auditRows('consent.template_changed')).filter((a) => (a.details as { version: number }).version === 3);
    expect(audit!.details).toEqual({ version: 3, material: true });
    const again = await cleo.post(url('/me/consents'), { kind: 'facial', version: 3, textHash: facial.current.textHash, typedName: 'Cleo Client', agree: true, signaturePng: PNG });
    expect(again.statusCode).toBe(201);
    expect(await facialConsent(cleo)).toMatchObject({ status: 'signed', signed: { version: 3 } });
    consentId = again.json().id;
  });

  it('sanitises the owner’s Markdown and keeps only owners writing it', async () => {
    const preview = await owner.post(url('/consent-templates/preview'), { body: '# Hi\n\n<script>alert(1)</script>[x](javascript:alert(1))' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).not.toMatch(/<script|javascript:/);
    expect((await reception.post(url('/consent-templates/facial'), { title: 'x', body: 'A long enough consent text.', material: true })).statusCode).toBe(403);
    expect((await pat.get(url('/consent-templates'))).statusCode).toBe(403);
  });

  it('shows staff who signed what: the owner and the client’s practitioner in full, reception the status only', async () => {
    const full = (await owner.get(url(`/clients/${ids.cleo}/consents`))).json();
    expect(full.access).toBe('full');
    expect(full.signatures.map((s: { version: number }) => s.version)).toEqual([3, 1]);
    expect(full.kinds.find((k: { kind: string }) => k.kind === 'facial')).toMatchObject({ status: 'signed' });
    expect((await pat.get(url(`/clients/${ids.cleo}/consents`))).json().access).toBe('full');
    const desk = await reception.get(url(`/clients/${ids.cleo}/consents`));
    expect(desk.statusCode).toBe(200);
    expect(desk.json()).toMatchObject({ access: 'status', signatures: [] });
    expect(desk.body).not.toContain('Cleo Client');
    expect(desk.body).not.toContain(PNG);
    const [audit] = (await auditRows('consent.read')).filter((a) => a.actorRole === 'reception');
    expect(audit!.details).toEqual({ view: 'status' });
  });

  it('answers 404 for another client’s consents, a practitioner who does not treat them, and another clinic', async () => {
    expect((await dan.get(url(`/clients/${ids.cleo}/consents`))).statusCode).toBe(404);
    expect((await dan.get(url(`/clients/${ids.cleo}/consents/${consentId}/pdf`))).statusCode).toBe(404);
    expect((await sam.get(url(`/clients/${ids.cleo}/consents`))).statusCode).toBe(404);
    const elsewhere = await other.signIn('owner');
    expect((await elsewhere.get(url(`/clients/${ids.cleo}/consents`))).statusCode).toBe(404);
    expect((await elsewhere.get(url(`/clients/${ids.cleo}/consents`, other.slug))).statusCode).toBe(404);
    expect((await elsewhere.get(url(`/clients/${ids.cleo}/consents/${consentId}/pdf`, other.slug))).statusCode).toBe(404);
    expect((await reception.get(url(`/clients/${ids.cleo}/consents/${consentId}/pdf`))).statusCode).toBe(404);
  });

  it('downloads a signed consent as a real PDF, audited', async () => {
    const res = await owner.get(url(`/clients/${ids.cleo}/consents/${consentId}/pdf`));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="consent-facial-v3-cleo-client\.pdf"/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
    expect((await auditRows('consent.pdf_downloaded')).map((a) => a.entityId)).toContain(consentId);
    // The client may download their own.
    expect((await cleo.get(url(`/clients/${ids.cleo}/consents/${consentId}/pdf`))).statusCode).toBe(200);
  });
});

describe('aftercare', () => {
  it('e-mails the service’s advice once after a completed visit, and keeps it in the portal', async () => {
    const advice = '## After your facial\n\nNo make-up for **four hours**. A small bruise fades in a week.';
    const put = await owner.request('PUT', url(`/settings/services/${f.services.facial}/aftercare`), { body: advice });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, body: advice });
    const res = await reception.post(url('/diary/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: localSlot(f.timeZone, 3, '10:00', 20), clientId: ids.cleo });
    expect(res.statusCode).toBe(201);
    const id: string = res.json().id;
    const start = new Date(Date.now() - 3 * 3_600_000);
    const end = new Date(start.getTime() + 60 * 60_000);
    await t.database.db.update(bookings).set({ serviceId: f.services.facial, startsAt: start, blockedStart: start, endsAt: end, blockedEnd: end }).where(eq(bookings.id, id));
    const jobs = new BookingJobs(t.database, t.config, t.app.log);
    expect((await jobs.runOnce()).aftercare).toBe(0);
    expect((await reception.post(url(`/bookings/${id}/status`), { status: 'completed' })).statusCode).toBe(200);
    expect((await jobs.runOnce()).aftercare).toBe(1);
    expect((await jobs.runOnce()).aftercare).toBe(0);
    const mails = (await t.emailsTo(emails.cleo)).filter((m) => m.subject.startsWith('Aftercare'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Aftercare after your Facial acupuncture at Clinic ${f.slug}`);
    expect(mails[0]!.text).toContain('No make-up for four hours.');
    expect(mails[0]!.text).toContain('http://yintang.test/app/aftercare');
    const mine = (await cleo.get(url('/me/aftercare'))).json();
    expect(mine.items).toEqual([expect.objectContaining({ bookingId: id, serviceName: 'Facial acupuncture' })]);
    expect(mine.items[0].html).toContain('<strong>four hours</strong>');
    expect((await dan.get(url('/me/aftercare'))).json().items).toEqual([]);
  });

  it('falls back to Yintang’s default advice and lets only the owner change it', async () => {
    const reset = await owner.request('PUT', url(`/settings/services/${f.services.facial}/aftercare`), { body: '' });
    expect(reset.json()).toMatchObject({ isDefault: true });
    expect(reset.json().body).toMatch(/make-up/);
    expect((await reception.request('PUT', url(`/settings/services/${f.services.facial}/aftercare`), { body: 'x' })).statusCode).toBe(403);
    expect((await owner.get(url(`/settings/services/${f.services.consultation}/aftercare`))).json().body).toBe('');
  });
});

describe('my data', () => {
  it('downloads everything held about the client as JSON, and nothing about anyone else', async () => {
    const res = await cleo.get(url('/me/data.json'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/my-data-consent-clinic\.json/);
    const data = res.json();
    expect(data.profile).toMatchObject({ name: 'Cleo Client', email: emails.cleo });
    expect(data.consents.map((c: { version: number }) => c.version)).toEqual([1, 3]);
    expect(data.appointments).toHaveLength(1);
    expect(data.aftercareSent).toHaveLength(1);
    expect(data.accessLog.some((a: { what: string }) => a.what === 'Downloaded a signed consent form')).toBe(true);
    expect(res.body).not.toContain(emails.dan);
    expect(res.body).not.toContain('Dan Other');
    const [audit] = (await auditRows('client.data_exported')).filter((a) => a.entityId === ids.cleo);
    expect(audit!.details).toEqual({ format: 'json' });
    expect((await owner.get(url('/me/data.json'))).statusCode).toBe(403);
  });

  it('lists the client’s progress photos with an address that serves each one to them, audited; nobody else’s', async () => {
    // Two photos of Cleo (one she added, one her practitioner added) and one of Dan; the bytes stand in for JPEGs.
    const photo = (clientId: string, tag: { stage: 'baseline' | 'session'; sessionNumber: number | null; takenOn: string }, by: { id: string | null; role: string }) => ({
      clinicId: f.clinicId, clientId, ...tag, view: 'front' as const, width: 1200, height: 1600, image: Buffer.from('full-size'), thumbnail: Buffer.from('thumb'),
      consentId: '00000000-0000-4000-8000-000000000001', uploadedBy: by.id, uploadedByRole: by.role,
    });
    const [cleoUser] = await t.database.db.select({ id: clients.userId }).from(clients).where(eq(clients.id, ids.cleo));
    const inserted = await t.database.db.insert(progressPhotos).values([
      photo(ids.cleo, { stage: 'baseline', sessionNumber: null, takenOn: '2025-03-03' }, { id: cleoUser!.id, role: 'client' }),
      photo(ids.cleo, { stage: 'session', sessionNumber: 10, takenOn: '2025-05-12' }, { id: f.practitionerId, role: 'practitioner' }),
      photo(ids.dan, { stage: 'baseline', sessionNumber: null, takenOn: '2025-03-04' }, { id: null, role: 'client' }),
    ]).returning({ id: progressPhotos.id, clientId: progressPhotos.clientId });
    const cleoPhotos = inserted.filter((p) => p.clientId === ids.cleo).map((p) => p.id);
    const danPhoto = inserted.find((p) => p.clientId === ids.dan)!.id;

    const res = await cleo.get(url('/me/data.json'));
    expect(res.statusCode).toBe(200);
    const { progressPhotos: listed } = res.json();
    expect(listed).toEqual([
      expect.objectContaining({ id: cleoPhotos[0], label: 'Baseline · Front', takenOn: '2025-03-03', session: null, uploadedBy: 'You' }),
      expect.objectContaining({ id: cleoPhotos[1], label: 'Session 10 · Front', takenOn: '2025-05-12', session: 10, uploadedBy: 'Pat Practitioner' }),
    ]);
    expect(res.body).not.toContain(danPhoto);
    expect(res.body).not.toContain(Buffer.from('full-size').toString('base64'));
    // The address works for her while signed in, and for nobody else.
    const image = await cleo.get(listed[1].imageUrl);
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.toString()).toBe('full-size');
    expect((await dan.get(listed[1].imageUrl)).statusCode).toBe(404);
    const reads = (await auditRows('photo.list')).filter((a) => a.entityId === ids.cleo);
    expect(reads.at(-1)!.details).toEqual({ clientId: ids.cleo, photos: 2, via: 'data_export' });

    const theirs = (await dan.get(url('/me/data.json'))).json();
    expect(theirs.progressPhotos.map((p: { id: string }) => p.id)).toEqual([danPhoto]);
    expect(JSON.stringify(theirs)).not.toContain(cleoPhotos[0]);
    expect(JSON.stringify(theirs)).not.toContain(cleoPhotos[1]);
    await t.database.db.delete(progressPhotos).where(eq(progressPhotos.clientId, ids.dan));
    expect((await dan.get(url('/me/data.json'))).json().progressPhotos).toEqual([]);
  });

  it('downloads it as a readable PDF', async () => {
    const res = await cleo.get(url('/me/data.pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('records a request to close the account once, for the owner to see', async () => {
    const res = await cleo.post(url('/me/closure-request'), { reason: 'Moving away' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'requested' });
    expect(res.json().retainUntil).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(Number(res.json().retainUntil.slice(0, 4)) - new Date().getFullYear()).toBeGreaterThanOrEqual(7);
    expect((await cleo.post(url('/me/closure-request'), {})).statusCode).toBe(409);
    expect((await cleo.get(url('/me/closure-request'))).json().current).toMatchObject({ status: 'requested' });
    expect((await cleo.get(url('/me/portal'))).json()).toMatchObject({ closureRequested: true, aftercareCount: 1, healthQuestions: { status: 'to_complete' } });
    const list = (await owner.get(url('/closure-requests'))).json();
    expect(list.items).toEqual([expect.objectContaining({ clientId: ids.cleo, clientName: 'Cleo Client', reason: 'Moving away', status: 'requested' })]);
    expect((await reception.get(url('/closure-requests'))).statusCode).toBe(403);
    const rows = await t.database.db.select().from(accountClosureRequests).where(eq(accountClosureRequests.clientId, ids.cleo));
    expect(rows).toHaveLength(1);
    expect((await auditRows('client.closure_requested')).map((a) => a.entityId)).toEqual([rows[0]!.id]);
  });
});
