import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, bookings, careTeam, outcomeRequests, recordShares, sessionNotes } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { BUILT_IN_MEASURES, questionnaireFor } from '../../domain/outcomes/measures.ts';
import { ACUPOINT_SYSTEM } from '../../domain/fhir/client-bundle.ts';
import { fhirIssues } from '../../domain/fhir/fhir-validator.test-helpers.ts';

/**
 * The FHIR R4 export of one client over HTTP: a visit with a signed note written straight
 * into the tables at fixed dates (March 2026), health questions and consent through the
 * client's own API, an answered pain questionnaire; the answer checked with Medplum's
 * validator against the R4 definitions.
 */

let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let cara: Awaited<ReturnType<typeof addClientWithAccount>>;
let visitId: string;

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const exportOf = (clientId: string, slug?: string) => url(`/clients/${clientId}/fhir-export`, slug);
const SHARE = { recipient: 'Dr Amy Shaw, Bath GP surgery', purpose: 'Referral for knee pain', clientAgreed: true };
const audits = (action: string) => t.database.db.select().from(auditLog).where(and(eq(auditLog.clinicId, f.clinicId), eq(auditLog.action, action)));
const shares = () => t.database.db.select().from(recordShares).where(eq(recordShares.clinicId, f.clinicId));

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'fhir-clinic' });
  owner = await f.signIn('owner');
  cara = await addClientWithAccount(t, f, 'Cara Client', 'cara.fhir@example.com');
  await t.database.db.insert(careTeam).values({ clinicId: f.clinicId, clientId: cara.clientId, practitionerId: f.practitionerId });
  const startsAt = new Date('2026-03-03T10:00:00Z');
  const endsAt = new Date('2026-03-03T11:00:00Z');
  const [b] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.practitionerId, clientId: cara.clientId,
    startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed', source: 'staff',
  }).returning({ id: bookings.id });
  visitId = b!.id;
  await t.database.db.insert(sessionNotes).values({
    clinicId: f.clinicId, bookingId: visitId, clientId: cara.clientId, practitionerId: f.practitionerId, template: 'facial',
    fields: { treatment: 'Core protocol.' }, points: [{ pointCode: 'ST36', side: 'both', needles: 1 }, { pointCode: 'EX-HN3', side: 'midline', needles: 1 }],
    needleBrand: 'Seirin J-Type', needleSize: '0.16 x 15 mm', needleLot: 'L2603-0001', needlesIn: 3, needlesOut: 3,
    status: 'signed', signedAt: endsAt, signedBy: f.practitionerId,
  });
  const questionnaire = questionnaireFor(BUILT_IN_MEASURES.nprs!);
  await t.database.db.insert(outcomeRequests).values({
    clinicId: f.clinicId, clientId: cara.clientId, bookingId: visitId, serviceId: f.services.facial, measureKey: 'nprs', measureVersion: 1,
    timing: 'baseline', sessionNumber: 1, questionnaire: questionnaire as unknown as Record<string, unknown>, status: 'answered',
    answers: { pain: 4 }, scores: { [questionnaire.scores[0]!.id]: 4 }, answeredAt: new Date('2026-03-03T09:50:00Z'),
  });
  const client = await cara.signIn();
  const intake = await client.post(url('/me/intake/submit'), { answers: {
    dateOfBirth: '1985-04-12', phone: '07700 900123', emergencyName: 'Sam Brown', emergencyPhone: '07700 900456',
    conditions: ['none'], diabetes: false, epilepsy: false, implants: ['none'], bloodThinners: false, pregnancy: 'no', bleeding: 'no',
    skinInfectionNow: false, skinConditions: ['none'], keloid: false, needleFear: 'fine', fainting: false, metalAllergy: false,
    cosmeticProcedures: { botox: '2025-11-20' }, skinConcerns: ['fine-lines'],
  } });
  expect(intake.statusCode).toBe(201);
  const facial = (await client.get(url('/me/consents'))).json().items.find((i: { kind: string }) => i.kind === 'facial');
  const signed = await client.post(url('/me/consents'), { kind: 'facial', version: facial.current.version, textHash: facial.current.textHash, typedName: 'Cara Client', agree: true });
  expect(signed.statusCode).toBe(201);
});
afterAll(() => t.close());

type Entry = { fullUrl: string; resource: { resourceType: string; [k: string]: unknown } };

describe('POST /api/v1/clinics/:slug/clients/:clientId/fhir-export', () => {
  it('gives the client’s practitioner a valid FHIR R4 Bundle of the whole record, as a file', async () => {
    const pat = await f.signIn('practitioner');
    const res = await pat.post(exportOf(cara.clientId), SHARE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.headers['content-disposition']).toBe('attachment; filename="fhir-record-cara-client.json"');
    expect(res.headers['cache-control']).toBe('no-store');
    const bundle = res.json() as { resourceType: string; type: string; id: string; entry: Entry[] };
    expect(fhirIssues(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const types = bundle.entry.map((e) => e.resource.resourceType);
    for (const type of ['Patient', 'Organization', 'Practitioner', 'Appointment', 'Encounter', 'Procedure', 'QuestionnaireResponse', 'Observation', 'Consent']) {
      expect(types, type).toContain(type);
    }
    const byType = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource);
    expect(byType('Patient')[0]).toMatchObject({ id: cara.clientId, name: [{ text: 'Cara Client' }] });
    expect(byType('Appointment')[0]).toMatchObject({ id: visitId, status: 'fulfilled', serviceType: [{ text: 'Facial acupuncture' }] });
    expect(byType('Procedure')[0]).toMatchObject({
      bodySite: [
        { coding: [{ system: ACUPOINT_SYSTEM, code: 'ST36' }], text: 'ST36 Zusanli, both sides, 2 needles' },
        { coding: [{ system: ACUPOINT_SYSTEM, code: 'EX-HN3' }] },
      ],
      note: [{ text: 'Needles: Seirin J-Type, 0.16 x 15 mm; lot L2603-0001; 3 in, 3 out.' }],
    });
    expect(byType('Observation')).toEqual([expect.objectContaining({ valueQuantity: { value: 4 }, effectiveDateTime: '2026-03-03T09:50:00.000Z' })]);
    const items = byType('QuestionnaireResponse')[0]!.item as { linkId: string; answer: object[] }[];
    expect(items.find((i) => i.linkId === 'diabetes')?.answer).toEqual([{ valueBoolean: false }]);
    const consents = byType('Consent');
    expect(consents.map((c) => (c.scope as { coding: { code: string }[] }).coding[0]!.code)).toEqual(['patient-privacy', 'treatment']);
    expect(consents[0]!.policyRule).toEqual({ text: 'The client agreed that this record be shared with Dr Amy Shaw, Bath GP surgery for: Referral for knee pain. Recorded by Pat Practitioner.' });

    // The client's agreement is stored, and the export audited with identifiers only.
    const [share] = await shares();
    expect(share).toMatchObject({ id: bundle.id, clientId: cara.clientId, recipient: SHARE.recipient, purpose: SHARE.purpose, recordedBy: f.practitionerId, format: 'fhir-r4' });
    const [row] = await audits('clinical_record.fhir_export');
    expect(row).toMatchObject({ actorUserId: f.practitionerId, entityType: 'clinical_record', entityId: cara.clientId, details: { clientId: cara.clientId, shareId: bundle.id, resources: bundle.entry.length } });
    expect(JSON.stringify(row!.details)).not.toContain('Amy Shaw');
  });

  it('is in the client’s own data download: to whom, what for, recorded by whom', async () => {
    const data = (await (await cara.signIn()).get(url('/me/data.json'))).json();
    expect(data.recordShared).toEqual([expect.objectContaining({ with: SHARE.recipient, purpose: SHARE.purpose, format: 'FHIR R4', recordedBy: 'Pat Practitioner' })]);
    expect(data.accessLog.some((a: { what: string }) => a.what === 'Shared a client’s record as FHIR (with their recorded agreement)')).toBe(true);
  });

  it('shows on the client’s “who looked” in words', async () => {
    const items = (await owner.get(url(`/clients/${cara.clientId}/record-access?limit=100`))).json().items as { action: string; actionLabel: string }[];
    expect(items.find((i) => i.action === 'clinical_record.fhir_export')?.actionLabel).toBe('Shared a client’s record as FHIR (with their recorded agreement)');
  });

  it('refuses without the client’s agreement, a recipient or a purpose, with problem+json, storing nothing', async () => {
    const before = (await shares()).length;
    for (const body of [{ ...SHARE, clientAgreed: false }, { recipient: SHARE.recipient, purpose: SHARE.purpose }, { ...SHARE, recipient: '  ' }, { ...SHARE, purpose: 'x'.repeat(301) }]) {
      const res = await owner.post(exportOf(cara.clientId), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await shares()).length).toBe(before);
  });

  it('refuses reception, a practitioner who does not treat the client, the client and other clinics with 404, visitors with 401', async () => {
    const before = (await shares()).length;
    for (const who of [await f.signIn('reception'), await f.signIn('second'), await cara.signIn()]) {
      const res = await who.post(exportOf(cara.clientId), SHARE);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const other = await createClinicFixture(t, { slug: 'fhir-elsewhere' });
    expect((await (await other.signIn('owner')).post(exportOf(cara.clientId, other.slug), SHARE)).statusCode).toBe(404);
    expect((await owner.post(exportOf('00000000-0000-4000-8000-000000000000'), SHARE)).statusCode).toBe(404);
    expect((await t.client().post(exportOf(cara.clientId), SHARE)).statusCode).toBe(401);
    expect((await shares()).length).toBe(before);
    const denied = await t.database.db.select().from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.actorUserId, f.secondId), eq(auditLog.entityId, cara.clientId)));
    expect(denied.length).toBeGreaterThan(0);
  });

  it('is declared in the contract as application/fhir+json', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const op = doc.paths['/api/v1/clinics/{clinicSlug}/clients/{clientId}/fhir-export'].post;
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/fhir+json']);
    expect(op.operationId).toBe('postClinicsClientsFhirExport');
  });
});
