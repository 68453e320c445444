import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { instantField } from '../booking/booking.schema.ts';
import { dateField, timeField } from '../scheduling/scheduling.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { PLAN_LIMITS as L, PLAN_STATUSES } from '../../domain/plans/treatment-plan.ts';
import { CONSULTATION_LIMITS as C, GLOGAU_TYPES, WSRS_GRADES } from '../../domain/plans/consultation.ts';
import { seriesProposal } from '../series/series.schema.ts';

export const planParams = clinicSlugParams.extend({ planId: uuidParam });
export const clientPlanParams = clinicSlugParams.extend({ clientId: uuidParam });

const complementary = z.strictObject({
  serviceId: uuidParam.nullable().default(null),
  name: z.string().trim().min(1).max(L.complementaryName),
  sessions: z.number().int().min(1).max(L.sessions),
  intervalDays: z.number().int().min(1).max(L.intervalDays),
});
const maintenance = z.strictObject({
  intervalDays: z.number().int().min(1).max(L.intervalDays * 2),
  note: z.string().trim().max(L.maintenanceNote).default(''),
});

const planFields = {
  serviceId: uuidParam,
  practitionerId: uuidParam,
  title: z.string().trim().min(1).max(L.title).optional(),
  sessions: z.number().int().min(2).max(L.sessions),
  intervalDays: z.number().int().min(1).max(L.intervalDays),
  firstDate: dateField,
  time: timeField,
  complementary: z.array(complementary).max(L.complementary),
  maintenance: maintenance.nullable(),
  priceMinor: z.number().int().min(0).max(L.priceMinor),
  explanation: z.string().trim().max(L.explanation),
};
export const planBody = z.strictObject({
  ...planFields,
  complementary: planFields.complementary.default([]),
  maintenance: planFields.maintenance.default(null),
  explanation: planFields.explanation.default(''),
});
/** Only the fields given change (none has a default here, so nothing is reset by leaving it out). */
export const planPatch = z.strictObject(planFields).partial();
export const planStatusBody = z.strictObject({ action: z.enum(['complete', 'withdraw']) });

export const planProposalBody = z.strictObject({
  /** Start the course from another date or time than the plan's. */
  firstDate: dateField.optional(),
  time: timeField.optional(),
});
export const bookPlanBody = z.strictObject({
  /** The accepted start of every session (one per session of the plan); all are booked or none. */
  starts: z.array(instantField).min(2).max(L.sessions),
});

const courseSession = z.object({ bookingId: z.string(), start: z.iso.datetime(), end: z.iso.datetime(), status: z.string(), position: z.number().int().nullable() });
export const plan = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  service: z.object({ id: z.string(), name: z.string(), durationMin: z.number().int() }),
  practitioner: z.object({ id: z.string(), name: z.string() }),
  sessions: z.number().int(),
  intervalDays: z.number().int(),
  firstDate: z.string(),
  time: z.string(),
  complementary: z.array(z.object({ serviceId: z.string().nullable(), name: z.string(), sessions: z.number().int(), intervalDays: z.number().int() })),
  maintenance: z.object({ intervalDays: z.number().int(), note: z.string() }).nullable(),
  priceMinor: z.number().int(),
  currency: z.string(),
  explanation: z.string(),
  seriesId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  bookedAt: z.iso.datetime().nullable(),
  /** "Session 4 of 10": derived from the course's bookings; null until it is booked. */
  progress: z.object({
    total: z.number().int(), booked: z.number().int(), done: z.number().int(),
    next: z.object({ position: z.number().int(), start: z.iso.datetime(), bookingId: z.string() }).nullable(),
    /** The care beside the course and maintenance after it, counted apart from the course's sessions. */
    care: z.array(z.object({
      kind: z.enum(['complementary', 'maintenance']), name: z.string(), planned: z.number().int().nullable(),
      booked: z.number().int(), done: z.number().int(), next: z.iso.datetime().nullable(),
    })),
  }).nullable(),
  schedule: z.array(courseSession),
});
export const planList = z.object({ timeZone: z.string(), items: z.array(plan) });
export const planProposal = seriesProposal;
export const bookedPlan = z.object({ plan, seriesId: z.string() });

const text = (max: number) => z.string().max(max);
export const consultationBody = z.strictObject({
  concerns: text(C.concerns).optional(),
  goals: text(C.goals).optional(),
  pattern: text(C.pattern).optional(),
  tongue: text(C.tongue).optional(),
  pulse: text(C.pulse).optional(),
  skin: text(C.skin).optional(),
  glogau: z.enum(['', ...GLOGAU_TYPES], { message: 'Choose Glogau type I, II, III or IV' }).optional(),
  foldLeft: z.enum(['', ...WSRS_GRADES], { message: 'Choose a grade from 1 to 5' }).optional(),
  foldRight: z.enum(['', ...WSRS_GRADES], { message: 'Choose a grade from 1 to 5' }).optional(),
  planId: uuidParam.nullable().optional(),
  /** The revision this edit started from: a stale one is refused (409) rather than overwriting. */
  revision: z.number().int().min(0),
});
export const consultation = z.object({
  clientId: z.string(),
  concerns: z.string(), goals: z.string(), pattern: z.string(), tongue: z.string(), pulse: z.string(), skin: z.string(),
  /** Clinician-rated skin observations: Glogau type I–IV, WSRS nasolabial fold 1–5 per side ('' = not rated). */
  glogau: z.string(), foldLeft: z.string(), foldRight: z.string(),
  planId: z.string().nullable(),
  /** 0 until first saved. */
  revision: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
  /** Concerns and goals as the health questions give them, to start from. */
  fromAnswers: z.object({ concerns: z.string(), goals: z.string() }),
  /** The screening findings of the client's current answers, with any decision already recorded. */
  findings: z.array(z.object({
    serviceKind: z.string(), ruleId: z.string(), title: z.string(), level: z.string(), practitionerMessage: z.string().nullable(),
    decision: z.string().nullable(),
  })),
});
