import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { dateField } from '../scheduling/scheduling.schema.ts';
import { staffRole } from '../clinics/clinics.schema.ts';

/**
 * The filters of the audit screen and its CSV. The period is a range of the clinic's local
 * dates, both days included, as the owner picks them on a calendar.
 */
const filterShape = {
  /** Whoever did it (a user id). */
  personId: uuidParam.optional(),
  /** The kind of record, e.g. `client`. */
  entityType: z.string().trim().regex(/^[a-z_]{1,40}$/, 'Use a record type such as client').optional(),
  /** One record's id (usually a UUID; a date for a closed day, a page name for a website page). */
  entityId: z.string().trim().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'Use a record id as shown in the log').optional(),
  /** An action code, e.g. `client.view`. */
  action: z.string().trim().regex(/^[a-z_]{1,40}\.[a-z_]{1,40}$/, 'Use an action such as client.view').optional(),
  /** First local date of the period, in the clinic's time zone. */
  from: dateField.optional(),
  /** Last local date of the period (included), in the clinic's time zone. */
  to: dateField.optional(),
};
/** A period that ends before it starts is a mistake to point out, not an empty result. */
const periodInOrder = [(f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to,
  { message: 'The end date must be on or after the start date', path: ['to'] }] as [(f: { from?: string; to?: string }) => boolean, { message: string; path: string[] }];

export const auditFilters = z.object(filterShape).refine(...periodInOrder);
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditListQuery = z.object({
  ...filterShape,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  cursor: z.string().max(200).optional(),
}).refine(...periodInOrder);

export type AuditListQuery = z.infer<typeof auditListQuery>;

/** One line of the audit log, as an owner may read it: identifiers and words, never health content. */
export const auditRow = z.object({
  id: z.string(),
  /** When it happened (ISO 8601, UTC). */
  at: z.iso.datetime(),
  /** Who did it: null for someone not signed in (e.g. a visitor booking online). */
  actor: z.object({ userId: z.string(), name: z.string(), email: z.string() }).nullable(),
  /** Their role in the clinic at the time, when recorded. */
  role: z.string().nullable(),
  action: z.string(),
  /** The action in plain words, e.g. "Viewed a client’s details". */
  actionLabel: z.string(),
  entityType: z.string(),
  entityTypeLabel: z.string(),
  entityId: z.string().nullable(),
  /** A name for the record when one is cheap to find (a client's or staff member's name, a service or room). */
  entityLabel: z.string().nullable(),
  ip: z.string().nullable(),
  /** The browser and system, shortened, e.g. "Firefox 128 on Windows". */
  device: z.string().nullable(),
  /** Whitelisted identifier details only. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
});
export type AuditRow = z.infer<typeof auditRow>;

export const auditPage = z.object({
  items: z.array(auditRow),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
  /** The clinic's time zone, in which the screen shows times and reads the period. */
  timeZone: z.string(),
});
export type AuditPage = z.infer<typeof auditPage>;

/** Someone the log can be filtered by: the clinic's staff, including people who have left. */
export const auditPerson = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: staffRole,
  /** They were deactivated (left the clinic); their past actions stay in the log. */
  deactivated: z.boolean(),
});
export const auditPeople = z.object({ items: z.array(auditPerson) });
export type AuditPeople = z.infer<typeof auditPeople>;
