import { z } from 'zod';
import { SCREENING_DECISIONS, SERVICE_KINDS } from '../../data/schema/index.ts';
import { SCREENING_LEVELS } from '../../domain/screening/index.ts';
import { clientParams } from '../clients/clients.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2027-06-10');
const serviceKind = z.enum(SERVICE_KINDS);
const level = z.enum(SCREENING_LEVELS);

/** Rules are validated by the domain's `ruleSetSchema` in the service (field errors name each rule). */
export const putRulesBody = z.strictObject({
  rules: z.array(z.record(z.string(), z.unknown())).max(300),
  note: z.string().trim().max(500).optional(),
  /** The version the owner edited; 409 when someone saved another since. */
  baseVersion: z.int().min(1).optional(),
});
export type PutRulesBody = z.infer<typeof putRulesBody>;

export const rulesResponse = z.object({
  version: z.int(),
  rules: z.array(z.record(z.string(), z.unknown())),
  /** Newest first; `createdByName` is null for Yintang's default rules (version 1). */
  versions: z.array(z.object({ version: z.int(), note: z.string().nullable(), createdAt: z.string().nullable(), createdByName: z.string().nullable() })),
});
export type RulesResponse = z.infer<typeof rulesResponse>;
export const rulesVersionParams = clinicSlugParams.extend({ version: z.coerce.number().int().min(1) });
export const rulesVersionResponse = z.object({ version: z.int(), rules: z.array(z.record(z.string(), z.unknown())) });

export const screeningQuery = z.object({ serviceKind, date: calendarDate });
export const clientScreeningResponse = z.object({
  /** False for reception: levels only. */
  detail: z.boolean(),
  answered: z.boolean(),
  levels: z.array(level),
  findings: z.array(z.object({
    ruleId: z.string(), title: z.string(), level, message: z.string(), practitionerMessage: z.string(), source: z.string(),
    earliestDate: z.string().nullable(), decision: z.enum(SCREENING_DECISIONS).nullable(),
  })),
});

export const decisionBody = z.strictObject({
  ruleId: z.string().min(1).max(80),
  serviceKind,
  /** The appointment date the finding was shown for (wait rules depend on it). */
  date: calendarDate,
  decision: z.enum(SCREENING_DECISIONS),
  note: z.string().trim().max(1000).optional(),
});
export type DecisionBody = z.infer<typeof decisionBody>;

export const decision = z.object({
  id: z.string(), responseId: z.string(), ruleId: z.string(), serviceKind, decision: z.enum(SCREENING_DECISIONS), note: z.string().nullable(),
  decidedBy: z.string(), decidedAt: z.string(),
});
export const decisionList = z.object({ items: z.array(decision) });
export { clientParams };
