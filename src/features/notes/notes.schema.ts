import { z } from 'zod';
import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES, NOTE_STATUSES, NOTE_TEMPLATES } from '../../domain/notes/note-kinds.ts';
import { isLotNumber, NOTE_LIMITS as L } from '../../domain/notes/session-note.ts';
import { SCREENING_LEVELS } from '../../domain/screening/rule.schema.ts';
import { SIDES } from '../../domain/protocols/protocols.ts';
import { multilineText, plainText, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { protocolPointInput } from '../protocols/protocols.schema.ts';

/** Request and response shapes of session notes, shared by the server and the note screen. */

export const noteParams = clinicSlugParams.extend({ bookingId: uuidParam });

/** A count of needles: a whole number from 0 to 200 (more is a typing slip). */
const needleCount = z.number({ message: 'Enter a number of needles' }).int('Use a whole number')
  .min(0, 'A count cannot be negative').max(L.needlesMax, `No session uses more than ${L.needlesMax} needles: check the count`);

/** A lot number as printed on the box; stored in capitals so a recall search finds it however it was typed. */
export const lotField = plainText(L.lotMax + 10).transform((v) => v.toUpperCase())
  .refine((v) => v === '' || isLotNumber(v), 'Enter the lot number as printed on the box (letters and digits, e.g. L2307A)');

export const discrepancyInput = z.strictObject({
  searched: multilineText(L.discrepancyText),
  found: multilineText(L.discrepancyText),
  recovered: z.number().int('Use a whole number').min(0, 'Cannot be negative').max(L.needlesMax),
});

export const adverseEventInput = z.strictObject({
  kind: z.enum(ADVERSE_EVENT_KINDS, { message: 'Choose what happened' }),
  severity: z.enum(ADVERSE_EVENT_SEVERITIES, { message: 'Choose mild, moderate or serious' }),
  description: multilineText(L.eventText).default(''),
  actionTaken: multilineText(L.eventText).default(''),
}).refine((e) => e.kind !== 'other' || e.description.length > 0, { message: 'Say what happened', path: ['description'] });
export type AdverseEventInput = z.infer<typeof adverseEventInput>;

/**
 * A draft as the screen autosaves it: the whole note each time (a PUT: sending it twice
 * changes nothing). `baseRevision` is the revision the screen last saw; a save from a
 * stale tab that would overwrite newer text is refused (409 `note-stale`).
 */
export const draftBody = z.strictObject({
  baseRevision: z.number().int().min(0).optional(),
  fields: z.record(z.string().max(40), z.string().max(5000)).default({}),
  points: z.array(protocolPointInput).max(60, 'Use at most 60 points').default([]),
  protocolId: z.uuid().nullable().default(null),
  needleBrand: plainText(L.brand).nullable().default(null),
  needleSize: plainText(L.size).nullable().default(null),
  needleLot: lotField.nullable().default(null),
  needlesIn: needleCount.nullable().default(null),
  needlesOut: needleCount.nullable().default(null),
  discrepancy: discrepancyInput.nullable().default(null),
  adverseEvents: z.array(adverseEventInput).max(L.events).default([]),
});
export type DraftBody = z.infer<typeof draftBody>;

export const signBody = z.strictObject({ baseRevision: z.number().int().min(0).optional() });

/** A correction of a signed note: what changes (any part of the note), new adverse events, and why. */
export const amendBody = z.strictObject({
  reason: multilineText(L.reason).min(1, 'Say why the note is being corrected'),
  fields: z.record(z.string().max(40), z.string().max(5000)).optional(),
  points: z.array(protocolPointInput).max(60).optional(),
  needleBrand: plainText(L.brand).nullable().optional(),
  needleSize: plainText(L.size).nullable().optional(),
  needleLot: lotField.nullable().optional(),
  needlesIn: needleCount.nullable().optional(),
  needlesOut: needleCount.nullable().optional(),
  discrepancy: discrepancyInput.nullable().optional(),
  adverseEvents: z.array(adverseEventInput).max(L.events).optional(),
});
export type AmendBody = z.infer<typeof amendBody>;

const notePoint = z.object({
  pointCode: z.string(), side: z.enum(SIDES), needles: z.number().int(), note: z.string().optional(), label: z.string().nullable(),
});

const adverseEvent = z.object({
  id: z.uuid(), kind: z.enum(ADVERSE_EVENT_KINDS), severity: z.enum(ADVERSE_EVENT_SEVERITIES),
  description: z.string(), actionTaken: z.string(), amendmentId: z.uuid().nullable(),
});

const amendment = z.object({
  id: z.uuid(), authorName: z.string().nullable(), reason: z.string(), createdAt: z.iso.datetime(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const note = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  template: z.enum(NOTE_TEMPLATES),
  status: z.enum(NOTE_STATUSES),
  revision: z.number().int(),
  fields: z.record(z.string(), z.string()),
  points: z.array(notePoint),
  protocolId: z.uuid().nullable(),
  needleBrand: z.string().nullable(),
  needleSize: z.string().nullable(),
  needleLot: z.string().nullable(),
  needlesIn: z.number().int().nullable(),
  needlesOut: z.number().int().nullable(),
  /** Needles the points take (both sides count twice): the count in to expect. */
  plannedNeedles: z.number().int(),
  discrepancy: z.object({ searched: z.string(), found: z.string(), recovered: z.number().int() }).nullable(),
  adverseEvents: z.array(adverseEvent),
  amendments: z.array(amendment),
  practitionerName: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  signedAt: z.iso.datetime().nullable(),
  signedByName: z.string().nullable(),
});
export type Note = z.infer<typeof note>;

const templateField = z.object({
  key: z.string(), label: z.string(), kind: z.enum(['text', 'longText', 'choice', 'scale']), hint: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(), max: z.number().int().optional(),
});

const previousNote = z.object({
  id: z.uuid(), bookingId: z.uuid(), startsAt: z.iso.datetime(), serviceName: z.string().nullable(), template: z.enum(NOTE_TEMPLATES),
  status: z.enum(NOTE_STATUSES), fields: z.record(z.string(), z.string()), points: z.array(notePoint), needlesIn: z.number().int().nullable(),
  needlesOut: z.number().int().nullable(), adverseEvents: z.array(z.object({ kind: z.enum(ADVERSE_EVENT_KINDS), severity: z.enum(ADVERSE_EVENT_SEVERITIES) })),
  amended: z.boolean(), practitionerName: z.string().nullable(),
});

/** Everything the note screen needs, in one answer. */
export const noteSession = z.object({
  booking: z.object({
    id: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), status: z.string(), serviceName: z.string().nullable(),
    serviceKind: z.string().nullable(), clientId: z.uuid(), clientName: z.string(), practitionerId: z.uuid(), practitionerName: z.string().nullable(),
    /** The clinic's IANA zone, for showing times. */
    timeZone: z.string(),
  }),
  template: z.object({ template: z.enum(NOTE_TEMPLATES), title: z.string(), needles: z.boolean(), fields: z.array(templateField) }),
  /** Null until the first save. */
  note: note.nullable(),
  /** Whether the viewer writes this note (the booking's practitioner). */
  canWrite: z.boolean(),
  previousNotes: z.array(previousNote),
  intakeChanges: z.object({
    submittedAt: z.iso.datetime().nullable(),
    changes: z.array(z.object({
      questionId: z.string(), label: z.string().optional(), sectionTitle: z.string().optional(), change: z.enum(['added', 'removed', 'changed']),
      before: z.unknown().optional(), after: z.unknown().optional(),
    })),
  }),
  findings: z.array(z.object({
    ruleId: z.string(), title: z.string(), level: z.enum(SCREENING_LEVELS), practitionerMessage: z.string(), acknowledged: z.boolean(),
  })),
  reviewOutstanding: z.number().int(),
});
export type NoteSession = z.infer<typeof noteSession>;
