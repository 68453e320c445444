import { createHash } from 'node:crypto';
import { acupointById } from '../acupoints/library.ts';
import { needlesAt, SIDE_LABELS, type ProtocolPoint } from '../protocols/protocols.ts';
import type {
  Appointment, Bundle, CodeableConcept, Consent, ContactPoint, Encounter, Observation, Organization, Patient, Practitioner, Procedure,
  QuestionnaireAnswer, QuestionnaireResponse, Reference, Resource,
} from './fhir-r4.ts';

/**
 * One client's record as a FHIR R4 Bundle (type `collection`), for a referral letter or a
 * move to another clinic: the clinic (Organization), its practitioners, the client
 * (Patient), their appointments, the visits that took place (Encounter), each signed
 * session note as a Procedure with the points needled as coded body sites, the latest
 * health questions as a QuestionnaireResponse, outcome scores as Observations, and the
 * consents: the signed treatment consent forms and the client's agreement to this very
 * export. Pure: the service gathers the rows, this maps them.
 */

/**
 * Our code system for acupoints. The codes are the WHO standard ones (WHO 2008 Standard
 * Acupuncture Point Locations for meridian points, e.g. ST36; WHO 1991 nomenclature for
 * extra points, e.g. EX-HN3). No FHIR terminology publishes them, so Yintang names the
 * system with a URN of its own; see README "Integrations".
 */
export const ACUPOINT_SYSTEM = 'urn:yintang:fhir:CodeSystem:who-acupoint';
/** Our code system for outcome scores: `<measure key>.<score id>` (e.g. `nprs.pain`). */
export const OUTCOME_SCORE_SYSTEM = 'urn:yintang:fhir:CodeSystem:outcome-score';
const SNOMED = 'http://snomed.info/sct';
/** SNOMED CT 44868003 |Acupuncture (procedure)|. */
const ACUPUNCTURE: CodeableConcept = { coding: [{ system: SNOMED, code: '44868003', display: 'Acupuncture' }], text: 'Acupuncture' };
const CONSENT_CATEGORY: CodeableConcept = { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Consent Document' }] };
const SCOPE = (code: 'treatment' | 'patient-privacy', display: string): CodeableConcept =>
  ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code, display }] });

export type ExportBookingStatus = 'held' | 'confirmed' | 'arrived' | 'completed' | 'cancelled' | 'no_show' | 'expired';

export interface FhirExportInput {
  /** The id of the recorded sharing consent; also the Bundle's id. */
  shareId: string;
  exportedAt: string;
  clinic: { id: string; name: string; address: string | null; phone: string | null; email: string | null };
  client: { id: string; name: string; email: string; phone: string | null; dateOfBirth: string | null };
  practitioners: { id: string; name: string }[];
  appointments: { id: string; serviceName: string | null; practitionerId: string; startsAt: string; endsAt: string; status: ExportBookingStatus; createdAt: string }[];
  /** Signed session notes only: a draft is not part of the record. */
  sessions: {
    noteId: string; bookingId: string; practitionerId: string; startsAt: string; endsAt: string; serviceName: string | null;
    points: ProtocolPoint[];
    needles: { brand: string | null; size: string | null; lot: string | null; countIn: number | null; countOut: number | null };
  }[];
  intake: { id: string; submittedAt: string | null; answers: { linkId: string; text: string; kind: string | null; value: unknown; display: string }[] } | null;
  outcomes: { requestId: string; bookingId: string; measureKey: string; measureName: string; answeredAt: string; scores: { id: string; label: string; value: number | null }[] }[];
  treatmentConsents: { id: string; title: string; version: number; textHash: string; signedAt: string; withdrawnAt: string | null }[];
  share: { recipient: string; purpose: string; recordedAt: string; recordedBy: { id: string; name: string } };
}

/** A name-based UUID (RFC 9562 version 5) for resources that have no row of their own, so a repeated export names them alike. */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(`yintang-fhir:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const APPOINTMENT_STATUS: Record<ExportBookingStatus, Appointment['status'] | null> = {
  // A hold not yet confirmed, or one that lapsed, was never an appointment of the client's.
  held: null, expired: null,
  confirmed: 'booked', arrived: 'arrived', completed: 'fulfilled', cancelled: 'cancelled', no_show: 'noshow',
};

const ref = (r: Resource): Reference => ({ reference: `urn:uuid:${r.id}` });
const telecom = (email: string | null, phone: string | null): ContactPoint[] =>
  [...(phone ? [{ system: 'phone', value: phone } as const] : []), ...(email ? [{ system: 'email', value: email } as const] : [])];

/** A point needled, as a body site coded with its WHO code when it has one (text only otherwise). */
export function acupointSite(p: ProtocolPoint): CodeableConcept {
  const lib = acupointById(p.pointCode);
  const n = needlesAt(p);
  const name = lib ? [lib.code, lib.pinyin].filter(Boolean).join(' ') : p.pointCode;
  const text = `${name}, ${SIDE_LABELS[p.side].toLowerCase()}, ${n} needle${n === 1 ? '' : 's'}${p.note ? ` (${p.note})` : ''}`;
  return lib?.code
    ? { coding: [{ system: ACUPOINT_SYSTEM, code: lib.code, display: `${lib.pinyin} (${lib.english})` }], text }
    : { text };
}

function answerOf(a: NonNullable<FhirExportInput['intake']>['answers'][number]): QuestionnaireAnswer {
  if (a.kind === 'yesNo' && typeof a.value === 'boolean') return { valueBoolean: a.value };
  // A number shown with its unit stays text, so the unit is not lost.
  if (a.kind === 'number' && typeof a.value === 'number' && a.display === String(a.value)) {
    return Number.isInteger(a.value) ? { valueInteger: a.value } : { valueDecimal: a.value };
  }
  if (a.kind === 'date' && typeof a.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.value)) return { valueDate: a.value };
  return { valueString: a.display };
}

const needleNote = (n: FhirExportInput['sessions'][number]['needles']): string | null => {
  const parts = [
    [n.brand, n.size].filter(Boolean).join(', '),
    n.lot ? `lot ${n.lot}` : '',
    n.countIn !== null || n.countOut !== null ? `${n.countIn ?? '?'} in, ${n.countOut ?? '?'} out` : '',
  ].filter(Boolean);
  return parts.length ? `Needles: ${parts.join('; ')}.` : null;
};

/** The Bundle of one client's record (see the module comment). */
export function clientBundle(input: FhirExportInput): Bundle {
  const { client, clinic } = input;
  const organization: Organization = {
    resourceType: 'Organization', id: clinic.id, name: clinic.name,
    ...(clinic.phone || clinic.email ? { telecom: telecom(clinic.email, clinic.phone) } : {}),
    ...(clinic.address ? { address: [{ text: clinic.address }] } : {}),
  };
  const patient: Patient = {
    resourceType: 'Patient', id: client.id, name: [{ text: client.name }],
    telecom: telecom(client.email, client.phone),
    ...(client.dateOfBirth ? { birthDate: client.dateOfBirth } : {}),
    managingOrganization: ref(organization),
  };
  const practitioners = new Map(input.practitioners.map((p) => [p.id, { resourceType: 'Practitioner', id: p.id, name: [{ text: p.name }] } satisfies Practitioner]));
  const practitionerRef = (id: string): Reference => {
    const p = practitioners.get(id);
    return p ? { ...ref(p), display: p.name[0]!.text } : { display: 'A former practitioner' };
  };

  const appointments: Appointment[] = [];
  const encounters = new Map<string, Encounter>();
  const signedBookings = new Set(input.sessions.map((s) => s.bookingId));
  for (const a of input.appointments) {
    const status = APPOINTMENT_STATUS[a.status];
    if (!status) continue;
    const appointment: Appointment = {
      resourceType: 'Appointment', id: a.id, status,
      ...(a.serviceName ? { serviceType: [{ text: a.serviceName }] } : {}),
      start: a.startsAt, end: a.endsAt, created: a.createdAt,
      participant: [{ actor: { ...ref(patient), display: client.name }, status: 'accepted' }, { actor: practitionerRef(a.practitionerId), status: 'accepted' }],
    };
    appointments.push(appointment);
    // A visit took place when the client arrived, or when a signed note records it.
    if (a.status === 'arrived' || a.status === 'completed' || signedBookings.has(a.id)) {
      encounters.set(a.id, {
        resourceType: 'Encounter', id: nameUuid(`encounter:${a.id}`), status: a.status === 'arrived' ? 'in-progress' : 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
        ...(a.serviceName ? { type: [{ text: a.serviceName }] } : {}),
        subject: ref(patient), participant: [{ individual: practitionerRef(a.practitionerId) }],
        appointment: [ref(appointment)], period: { start: a.startsAt, end: a.endsAt }, serviceProvider: ref(organization),
      });
    }
  }
  const encounterOf = (bookingId: string) => {
    const e = encounters.get(bookingId);
    return e ? { encounter: ref(e) } : {};
  };

  const procedures: Procedure[] = input.sessions.map((s) => {
    const note = needleNote(s.needles);
    return {
      resourceType: 'Procedure', id: s.noteId, status: 'completed',
      code: s.points.length ? ACUPUNCTURE : { text: s.serviceName ?? 'Treatment session' },
      subject: ref(patient), ...encounterOf(s.bookingId),
      performedPeriod: { start: s.startsAt, end: s.endsAt },
      performer: [{ actor: practitionerRef(s.practitionerId) }],
      ...(s.points.length ? { bodySite: s.points.map(acupointSite) } : {}),
      ...(note ? { note: [{ text: note }] } : {}),
    };
  });

  const observations: Observation[] = input.outcomes.flatMap((o) => o.scores.filter((s) => s.value !== null).map((s) => ({
    resourceType: 'Observation' as const, id: nameUuid(`outcome:${o.requestId}:${s.id}`), status: 'final' as const,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: OUTCOME_SCORE_SYSTEM, code: `${o.measureKey}.${s.id}`, display: `${o.measureName}: ${s.label}` }], text: `${o.measureName}: ${s.label}` },
    subject: ref(patient), ...encounterOf(o.bookingId), effectiveDateTime: o.answeredAt, valueQuantity: { value: s.value! },
  })));

  const intake: QuestionnaireResponse[] = input.intake && input.intake.answers.length ? [{
    resourceType: 'QuestionnaireResponse', id: input.intake.id, status: 'completed', subject: ref(patient),
    ...(input.intake.submittedAt ? { authored: input.intake.submittedAt } : {}),
    item: input.intake.answers.map((a) => ({ linkId: a.linkId, text: a.text, answer: [answerOf(a)] })),
  }] : [];

  const treatmentConsents: Consent[] = input.treatmentConsents.map((c) => ({
    resourceType: 'Consent', id: c.id, status: c.withdrawnAt ? 'inactive' : 'active',
    scope: SCOPE('treatment', 'Treatment'), category: [CONSENT_CATEGORY], patient: ref(patient), dateTime: c.signedAt,
    performer: [ref(patient)], organization: [ref(organization)],
    policyRule: { text: `${c.title}, version ${c.version} (SHA-256 of the text ${c.textHash})${c.withdrawnAt ? `; withdrawn ${c.withdrawnAt}` : ''}` },
  }));
  const { share } = input;
  const sharing: Consent = {
    resourceType: 'Consent', id: input.shareId, status: 'active',
    scope: SCOPE('patient-privacy', 'Privacy Consent'), category: [CONSENT_CATEGORY], patient: ref(patient), dateTime: share.recordedAt,
    performer: [ref(patient)], organization: [ref(organization)],
    policyRule: { text: `The client agreed that this record be shared with ${share.recipient} for: ${share.purpose}. Recorded by ${share.recordedBy.name}.` },
    provision: {
      type: 'permit',
      actor: [{ role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] }, reference: { display: share.recipient } }],
    },
  };

  const resources: Resource[] = [
    patient, organization, ...practitioners.values(), sharing, ...treatmentConsents, ...intake,
    ...appointments, ...encounters.values(), ...procedures, ...observations,
  ];
  return {
    resourceType: 'Bundle', id: input.shareId,
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${input.shareId}` },
    type: 'collection', timestamp: input.exportedAt,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
