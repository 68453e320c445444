import { describe, expect, it } from 'vitest';
import { ACUPOINT_SYSTEM, acupointSite, clientBundle, nameUuid, OUTCOME_SCORE_SYSTEM, type FhirExportInput } from './client-bundle.ts';
import { fhirIssues } from './fhir-validator.test-helpers.ts';

const CLINIC = '11111111-1111-4111-8111-111111111111';
const CLIENT = '22222222-2222-4222-8222-222222222222';
const PAT = '33333333-3333-4333-8333-333333333333';
const B1 = '44444444-4444-4444-8444-444444444401';
const B2 = '44444444-4444-4444-8444-444444444402';
const B3 = '44444444-4444-4444-8444-444444444403';
const NOTE = '55555555-5555-4555-8555-555555555501';
const SHARE = '66666666-6666-4666-8666-666666666601';
const CONSENT = '77777777-7777-4777-8777-777777777701';
const INTAKE = '88888888-8888-4888-8888-888888888801';
const OUTCOME = '99999999-9999-4999-8999-999999999901';

const input: FhirExportInput = {
  shareId: SHARE,
  exportedAt: '2026-04-01T09:00:00.000Z',
  clinic: { id: CLINIC, name: 'Jade Clinic', address: '1 High Street, Bath, BA1 1AA', phone: '+441225000000', email: 'hello@jade.example' },
  client: { id: CLIENT, name: 'Zoë Client', email: 'zoe@example.com', phone: null, dateOfBirth: '1985-06-02' },
  practitioners: [{ id: PAT, name: 'Pat Practitioner' }],
  appointments: [
    { id: B1, serviceName: 'Facial acupuncture', practitionerId: PAT, startsAt: '2026-03-03T10:00:00.000Z', endsAt: '2026-03-03T11:00:00.000Z', status: 'completed', createdAt: '2026-02-20T08:00:00.000Z' },
    { id: B2, serviceName: 'Facial acupuncture', practitionerId: PAT, startsAt: '2026-03-10T10:00:00.000Z', endsAt: '2026-03-10T11:00:00.000Z', status: 'cancelled', createdAt: '2026-02-20T08:00:00.000Z' },
    { id: B3, serviceName: 'Facial acupuncture', practitionerId: PAT, startsAt: '2026-03-17T10:00:00.000Z', endsAt: '2026-03-17T11:00:00.000Z', status: 'held', createdAt: '2026-02-20T08:00:00.000Z' },
  ],
  sessions: [{
    noteId: NOTE, bookingId: B1, practitionerId: PAT, startsAt: '2026-03-03T10:00:00.000Z', endsAt: '2026-03-03T11:00:00.000Z', serviceName: 'Facial acupuncture',
    points: [{ pointCode: 'ST36', side: 'both', needles: 1 }, { pointCode: 'EX-HN3', side: 'midline', needles: 1, note: 'shallow' }, { pointCode: 'MY-OWN-1', side: 'left', needles: 2 }],
    needles: { brand: 'Seirin J-Type', size: '0.16 x 15 mm', lot: 'L2603-0001', countIn: 5, countOut: 5 },
  }],
  intake: {
    id: INTAKE, submittedAt: '2026-03-01T18:00:00.000Z',
    answers: [
      { linkId: 'pregnant', text: 'Are you pregnant?', kind: 'yesNo', value: false, display: 'No' },
      { linkId: 'lastBotox', text: 'When did you last have Botox?', kind: 'date', value: '2025-11-20', display: '20 November 2025' },
      { linkId: 'weight', text: 'Weight', kind: 'number', value: 62.5, display: '62.5 kg' },
      { linkId: 'goals', text: 'Your goals', kind: 'multipleChoice', value: ['lines', 'tone'], display: 'Fine lines; Skin tone' },
    ],
  },
  outcomes: [{
    requestId: OUTCOME, bookingId: B1, measureKey: 'nprs', measureName: 'Pain rating (0 to 10)', answeredAt: '2026-03-03T09:50:00.000Z',
    scores: [{ id: 'pain', label: 'Pain', value: 4 }, { id: 'other', label: 'Not scored', value: null }],
  }],
  treatmentConsents: [{ id: CONSENT, title: 'Facial acupuncture consent', version: 2, textHash: 'abc123', signedAt: '2026-03-01T18:05:00.000Z', withdrawnAt: null }],
  share: { recipient: 'Dr Amy Shaw, Bath GP surgery', purpose: 'Referral for knee pain', recordedAt: '2026-04-01T09:00:00.000Z', recordedBy: { id: PAT, name: 'Pat Practitioner' } },
};

const ENCOUNTER = nameUuid(`encounter:${B1}`);
const of = <T extends string>(bundle: ReturnType<typeof clientBundle>, type: T) =>
  bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type) as Extract<ReturnType<typeof clientBundle>['entry'][number]['resource'], { resourceType: T }>[];

describe('clientBundle', () => {
  const bundle = clientBundle(input);

  it('is a valid FHIR R4 collection Bundle under Medplum’s validator', () => {
    expect(fhirIssues(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', id: SHARE, timestamp: '2026-04-01T09:00:00.000Z' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Patient', 'Organization', 'Practitioner', 'Consent', 'Consent', 'QuestionnaireResponse', 'Appointment', 'Appointment', 'Encounter', 'Procedure', 'Observation',
    ]);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
  });

  it('refers only to resources inside the Bundle', () => {
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    const refs = [...JSON.stringify(bundle).matchAll(/"reference":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(urls.has(r!), r).toBe(true);
  });

  it('maps the client to a Patient and the clinic to an Organization', () => {
    expect(of(bundle, 'Patient')).toEqual([{
      resourceType: 'Patient', id: CLIENT, name: [{ text: 'Zoë Client' }], telecom: [{ system: 'email', value: 'zoe@example.com' }],
      birthDate: '1985-06-02', managingOrganization: { reference: `urn:uuid:${CLINIC}` },
    }]);
    expect(of(bundle, 'Organization')[0]).toEqual({
      resourceType: 'Organization', id: CLINIC, name: 'Jade Clinic',
      telecom: [{ system: 'phone', value: '+441225000000' }, { system: 'email', value: 'hello@jade.example' }], address: [{ text: '1 High Street, Bath, BA1 1AA' }],
    });
  });

  it('maps bookings to Appointments (a hold is left out) and the visit that took place to an Encounter', () => {
    const appointments = of(bundle, 'Appointment');
    expect(appointments.map((a) => [a.id, a.status])).toEqual([[B1, 'fulfilled'], [B2, 'cancelled']]);
    expect(appointments[0]!.participant).toEqual([
      { actor: { reference: `urn:uuid:${CLIENT}`, display: 'Zoë Client' }, status: 'accepted' },
      { actor: { reference: `urn:uuid:${PAT}`, display: 'Pat Practitioner' }, status: 'accepted' },
    ]);
    expect(of(bundle, 'Encounter')).toEqual([{
      resourceType: 'Encounter', id: ENCOUNTER, status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
      type: [{ text: 'Facial acupuncture' }], subject: { reference: `urn:uuid:${CLIENT}` },
      participant: [{ individual: { reference: `urn:uuid:${PAT}`, display: 'Pat Practitioner' } }],
      appointment: [{ reference: `urn:uuid:${B1}` }], period: { start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T11:00:00.000Z' },
      serviceProvider: { reference: `urn:uuid:${CLINIC}` },
    }]);
  });

  it('maps a signed note to an acupuncture Procedure with each point a coded body site', () => {
    expect(of(bundle, 'Procedure')).toEqual([{
      resourceType: 'Procedure', id: NOTE, status: 'completed',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44868003', display: 'Acupuncture' }], text: 'Acupuncture' },
      subject: { reference: `urn:uuid:${CLIENT}` }, encounter: { reference: `urn:uuid:${ENCOUNTER}` },
      performedPeriod: { start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T11:00:00.000Z' },
      performer: [{ actor: { reference: `urn:uuid:${PAT}`, display: 'Pat Practitioner' } }],
      bodySite: [
        { coding: [{ system: ACUPOINT_SYSTEM, code: 'ST36', display: 'Zusanli (Leg Three Miles)' }], text: 'ST36 Zusanli, both sides, 2 needles' },
        { coding: [{ system: ACUPOINT_SYSTEM, code: 'EX-HN3', display: 'Yintang (Hall of Impression)' }], text: 'EX-HN3 Yintang, midline, 1 needle (shallow)' },
        // A clinic's own point has no WHO code: text only, never a made-up code.
        { text: 'MY-OWN-1, left, 2 needles' },
      ],
      note: [{ text: 'Needles: Seirin J-Type, 0.16 x 15 mm; lot L2603-0001; 5 in, 5 out.' }],
    }]);
  });

  it('keeps typed answers in the QuestionnaireResponse, and a number with its unit as text', () => {
    expect(of(bundle, 'QuestionnaireResponse')[0]!.item).toEqual([
      { linkId: 'pregnant', text: 'Are you pregnant?', answer: [{ valueBoolean: false }] },
      { linkId: 'lastBotox', text: 'When did you last have Botox?', answer: [{ valueDate: '2025-11-20' }] },
      { linkId: 'weight', text: 'Weight', answer: [{ valueString: '62.5 kg' }] },
      { linkId: 'goals', text: 'Your goals', answer: [{ valueString: 'Fine lines; Skin tone' }] },
    ]);
  });

  it('maps each outcome score to a survey Observation (a score too incomplete to count is left out)', () => {
    expect(of(bundle, 'Observation')).toEqual([{
      resourceType: 'Observation', id: nameUuid(`outcome:${OUTCOME}:pain`), status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
      code: { coding: [{ system: OUTCOME_SCORE_SYSTEM, code: 'nprs.pain', display: 'Pain rating (0 to 10): Pain' }], text: 'Pain rating (0 to 10): Pain' },
      subject: { reference: `urn:uuid:${CLIENT}` }, encounter: { reference: `urn:uuid:${ENCOUNTER}` },
      effectiveDateTime: '2026-03-03T09:50:00.000Z', valueQuantity: { value: 4 },
    }]);
  });

  it('records the signed treatment consent and the client’s agreement to this export as Consents', () => {
    const [sharing, treatment] = of(bundle, 'Consent');
    expect(sharing).toMatchObject({
      id: SHARE, status: 'active', scope: { coding: [{ code: 'patient-privacy' }] }, dateTime: '2026-04-01T09:00:00.000Z',
      policyRule: { text: 'The client agreed that this record be shared with Dr Amy Shaw, Bath GP surgery for: Referral for knee pain. Recorded by Pat Practitioner.' },
      provision: { type: 'permit', actor: [{ role: { coding: [{ code: 'IRCP' }] }, reference: { display: 'Dr Amy Shaw, Bath GP surgery' } }] },
    });
    expect(treatment).toMatchObject({
      id: CONSENT, status: 'active', scope: { coding: [{ code: 'treatment' }] }, dateTime: '2026-03-01T18:05:00.000Z',
      policyRule: { text: 'Facial acupuncture consent, version 2 (SHA-256 of the text abc123)' },
    });
  });

  it('gives the same Bundle for the same record, and a minimal record is still valid', () => {
    expect(clientBundle(input)).toEqual(bundle);
    const bare = clientBundle({ ...input, appointments: [], sessions: [], intake: null, outcomes: [], treatmentConsents: [], practitioners: [],
      client: { ...input.client, dateOfBirth: null }, clinic: { ...input.clinic, address: null, phone: null, email: null } });
    expect(fhirIssues(bare)).toEqual([]);
    expect(bare.entry.map((e) => e.resource.resourceType)).toEqual(['Patient', 'Organization', 'Consent']);
  });

  it('is caught by the validator when a resource is wrong', () => {
    const broken = structuredClone(bundle) as unknown as { entry: { resource: Record<string, unknown> }[] };
    broken.entry[0]!.resource.birthDate = '2 June 1985';
    delete broken.entry[6]!.resource.participant;
    expect(fhirIssues(broken).length).toBeGreaterThanOrEqual(2);
  });
});

describe('acupointSite', () => {
  it('codes a library point without a WHO code by text only', () => {
    expect(acupointSite({ pointCode: 'JIACHENGJIANG', side: 'right', needles: 1 })).toEqual({ text: 'Jiachengjiang, right, 1 needle' });
  });
});

describe('nameUuid', () => {
  it('is a stable RFC 9562 version 5 UUID', () => {
    expect(nameUuid('encounter:x')).toBe(nameUuid('encounter:x'));
    expect(nameUuid('encounter:x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('encounter:y')).not.toBe(nameUuid('encounter:x'));
  });
});
