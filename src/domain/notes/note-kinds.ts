/**
 * The fixed vocabularies of clinical notes, shared by the schema (as CHECK lists), the API
 * and the screens. Pure data: no I/O.
 */

/** A note's structured fields follow a template chosen by the service it records. */
export const NOTE_TEMPLATES = ['consultation', 'facial', 'traditional', 'massage', 'knee'] as const;
export type NoteTemplate = (typeof NOTE_TEMPLATES)[number];

/** A draft saves as the practitioner types; a signed note is locked (corrections are amendments). */
export const NOTE_STATUSES = ['draft', 'signed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

/** The adverse events a session can record (the list; "other" takes a description). */
export const ADVERSE_EVENT_KINDS = ['bruising', 'bleeding', 'pain', 'fainting', 'needle-left-in', 'other'] as const;
export type AdverseEventKind = (typeof ADVERSE_EVENT_KINDS)[number];

/** "serious" prompts the reporting steps (see ../shared/reference). */
export const ADVERSE_EVENT_SEVERITIES = ['mild', 'moderate', 'serious'] as const;
export type AdverseEventSeverity = (typeof ADVERSE_EVENT_SEVERITIES)[number];

/** A point needled in a session: the protocol's shape (pointCode, side, needles, note). */
export type { ProtocolPoint as NotePoint } from '../protocols/protocols.ts';

/** What was searched and found when the needle count out differs from the count in. */
export interface NeedleDiscrepancy {
  searched: string;
  found: string;
  /** How many of the missing needles were found and disposed of. */
  recovered: number;
}

/** One changed field of a signed note, kept with its amendment. */
export interface AmendedField {
  field: string;
  before: unknown;
  after: unknown;
}
