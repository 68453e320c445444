import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { dateField } from '../scheduling/scheduling.schema.ts';
import { RECORD_SHARE_LIMITS } from '../../domain/fhir/record-share.ts';
import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES } from '../../domain/notes/note-kinds.ts';

/**
 * The owner's adverse event register, "who looked" at a client's clinical record, and the
 * record's PDF export. Periods are the clinic's local dates, both days included.
 */

const periodInOrder = [(f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to,
  { message: 'The end date must be on or after the start date', path: ['to'] }] as [(f: { from?: string; to?: string }) => boolean, { message: string; path: string[] }];

export const registerFilters = z.object({
  type: z.enum(ADVERSE_EVENT_KINDS, { message: `Use one of ${ADVERSE_EVENT_KINDS.join(', ')}` }).optional(),
  severity: z.enum(ADVERSE_EVENT_SEVERITIES, { message: `Use one of ${ADVERSE_EVENT_SEVERITIES.join(', ')}` }).optional(),
  practitionerId: uuidParam.optional(),
  /** First local date; defaults to a year before `to`. */
  from: dateField.optional(),
  /** Last local date (included); defaults to today. */
  to: dateField.optional(),
}).refine(...periodInOrder);
export type RegisterFilters = z.infer<typeof registerFilters>;

const count = z.number().int().nonnegative();

export const registerEvent = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  kind: z.enum(ADVERSE_EVENT_KINDS),
  kindLabel: z.string(),
  severity: z.enum(ADVERSE_EVENT_SEVERITIES),
  severityLabel: z.string(),
  description: z.string(),
  actionTaken: z.string(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  practitioner: z.object({ id: z.uuid(), name: z.string() }),
  serviceName: z.string().nullable(),
  noteId: z.uuid(),
  needleBrand: z.string().nullable(),
  needleLot: z.string().nullable(),
  /** Added by an amendment after the note was signed. */
  addedByAmendment: z.boolean(),
});

export const registerPage = z.object({
  timeZone: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({
    events: count,
    sessions: count,
    ratePer100: z.number().nullable(),
    serious: count,
    byKind: z.array(z.object({ kind: z.enum(ADVERSE_EVENT_KINDS), label: z.string(), count })),
    bySeverity: z.array(z.object({ severity: z.enum(ADVERSE_EVENT_SEVERITIES), label: z.string(), count })),
  }),
  events: z.array(registerEvent),
  /** More events matched than the list holds (the totals count them all). */
  truncated: z.boolean(),
  practitioners: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** What to do after a serious event (from the shared reference), shown when `serious` > 0. */
  reportingSteps: z.array(z.object({ title: z.string(), detail: z.string(), link: z.string().nullable() })),
});
export type RegisterPage = z.infer<typeof registerPage>;

export const recordAccessQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `next` of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const recordAccessPage = z.object({
  items: z.array(z.object({
    id: z.string(),
    at: z.iso.datetime(),
    person: z.object({ userId: z.uuid(), name: z.string() }).nullable(),
    role: z.string().nullable(),
    roleLabel: z.string(),
    action: z.string(),
    actionLabel: z.string(),
    entityType: z.string(),
    entityTypeLabel: z.string(),
  })),
  next: z.string().nullable(),
});
export type RecordAccessPage = z.infer<typeof recordAccessPage>;

export const recordExportQuery = z.object({
  from: dateField.optional(),
  to: dateField.optional(),
}).refine(...periodInOrder);
export type RecordExportQuery = z.infer<typeof recordExportQuery>;

/**
 * Sharing a client's record as FHIR R4: to whom and why, and the practitioner's
 * confirmation that the client agreed. All three are stored with the export.
 */
export const fhirExportBody = z.object({
  recipient: z.string().trim().min(1, 'Say who receives the record').max(RECORD_SHARE_LIMITS.recipient),
  purpose: z.string().trim().min(1, 'Say what the record is shared for').max(RECORD_SHARE_LIMITS.purpose),
  clientAgreed: z.literal(true, { message: 'Confirm that the client agreed to share their record' }),
});
export type FhirExportBody = z.infer<typeof fhirExportBody>;
