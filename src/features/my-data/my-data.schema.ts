import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const myDataParams = clinicSlugParams;

export const closureBody = z.strictObject({
  reason: z.string().trim().max(1000, 'Use at most 1,000 characters').optional(),
});

export const closureRequest = z.object({
  id: z.string(),
  status: z.enum(['requested', 'done', 'withdrawn']),
  requestedAt: z.iso.datetime(),
  /** Clinical records are kept until this date, then erased. */
  retainUntil: z.string().nullable(),
});
export const myClosure = z.object({ current: closureRequest.nullable() });

export const staffClosureRequest = closureRequest.extend({
  clientId: z.string(),
  clientName: z.string(),
  clientEmail: z.string(),
  reason: z.string().nullable(),
});
export const staffClosureList = z.object({ items: z.array(staffClosureRequest) });
export type StaffClosureRequest = z.infer<typeof staffClosureRequest>;

/** What the portal's home shows beside the appointments: forms, consents, aftercare. */
export const portalSummary = z.object({
  healthQuestions: z.object({ status: z.enum(['to_complete', 'in_progress', 'submitted']), submittedAt: z.iso.datetime().nullable() }),
  consents: z.array(z.object({ kind: z.string(), label: z.string(), status: z.enum(['missing', 'signed', 'sign_again']), needed: z.boolean() })),
  aftercareCount: z.number().int(),
  closureRequested: z.boolean(),
});
export type PortalSummary = z.infer<typeof portalSummary>;
