/**
 * The few FHIR R4 shapes the client export writes (https://hl7.org/fhir/R4/), typed by
 * hand: only the elements we fill. Tests check every resource against the full R4
 * definitions with Medplum's validator, so a wrong element name or type fails there.
 */

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  display?: string;
}

export interface Period {
  start?: string;
  end?: string;
}

export interface Annotation {
  text: string;
  time?: string;
}

export interface ContactPoint {
  system: 'phone' | 'email';
  value: string;
  use?: 'home' | 'work' | 'mobile';
}

interface Base {
  id: string;
}

export interface Organization extends Base {
  resourceType: 'Organization';
  name: string;
  telecom?: ContactPoint[];
  address?: { text: string }[];
}

export interface Practitioner extends Base {
  resourceType: 'Practitioner';
  name: { text: string }[];
}

export interface Patient extends Base {
  resourceType: 'Patient';
  name: { text: string }[];
  telecom?: ContactPoint[];
  birthDate?: string;
  managingOrganization?: Reference;
}

export interface Appointment extends Base {
  resourceType: 'Appointment';
  status: 'proposed' | 'pending' | 'booked' | 'arrived' | 'fulfilled' | 'cancelled' | 'noshow' | 'entered-in-error' | 'checked-in' | 'waitlist';
  serviceType?: CodeableConcept[];
  start: string;
  end: string;
  created?: string;
  participant: { actor: Reference; status: 'accepted' | 'declined' | 'tentative' | 'needs-action' }[];
}

export interface Encounter extends Base {
  resourceType: 'Encounter';
  status: 'planned' | 'arrived' | 'in-progress' | 'finished' | 'cancelled';
  class: Coding;
  type?: CodeableConcept[];
  subject: Reference;
  participant?: { individual: Reference }[];
  appointment?: Reference[];
  period: Period;
  serviceProvider?: Reference;
}

export interface Procedure extends Base {
  resourceType: 'Procedure';
  status: 'completed';
  code: CodeableConcept;
  subject: Reference;
  encounter?: Reference;
  performedPeriod: Period;
  performer?: { actor: Reference }[];
  bodySite?: CodeableConcept[];
  note?: Annotation[];
}

export interface Observation extends Base {
  resourceType: 'Observation';
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  encounter?: Reference;
  effectiveDateTime: string;
  valueQuantity: { value: number };
}

export type QuestionnaireAnswer = { valueBoolean: boolean } | { valueDecimal: number } | { valueInteger: number } | { valueDate: string } | { valueString: string };

export interface QuestionnaireResponse extends Base {
  resourceType: 'QuestionnaireResponse';
  status: 'completed';
  subject: Reference;
  authored?: string;
  item: { linkId: string; text: string; answer: QuestionnaireAnswer[] }[];
}

export interface Consent extends Base {
  resourceType: 'Consent';
  status: 'active' | 'inactive';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer?: Reference[];
  organization?: Reference[];
  policyRule: CodeableConcept;
  provision?: {
    type: 'permit' | 'deny';
    actor?: { role: CodeableConcept; reference: Reference }[];
  };
}

export type Resource = Organization | Practitioner | Patient | Appointment | Encounter | Procedure | Observation | QuestionnaireResponse | Consent;

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  identifier: { system: string; value: string };
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: Resource }[];
}
