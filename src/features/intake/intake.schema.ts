import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { TREATMENT_CATEGORIES } from '../../domain/intake/index.ts';

export const intakeClientParams = clinicSlugParams.extend({ clientId: uuidParam });

/**
 * Answers as sent: any JSON object keyed by question id. The one answers schema of the
 * domain (`answersSchemaFor`) then checks them against the clinic's form, exactly as the
 * browser did, and names each refused answer by its question id.
 */
export const answersBody = z.strictObject({ answers: z.record(z.string().max(100), z.unknown()) });

export const lockBody = z.strictObject({ bookingId: z.uuid() });

export const INTAKE_STATUSES = ['complete', 'draft', 'missing'] as const;

/** What anyone on the staff may see: whether the questions are answered, never the answers. */
export const intakeStatus = z.object({
  clientId: z.string(),
  /** `complete`: a submitted version exists; `draft`: started, not submitted; `missing`: nothing yet. */
  status: z.enum(INTAKE_STATUSES),
  /** The latest submitted version (1, 2, …), if any. */
  version: z.number().int().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  /** Who entered the latest submitted version: the client, staff for them, or staff from a paper form. */
  source: z.enum(['client', 'staff', 'paper']).nullable(),
  /** An update to a complete form is in progress (a newer draft). */
  updateInProgress: z.boolean(),
  draftSavedAt: z.iso.datetime().nullable(),
  paperReceivedAt: z.iso.datetime().nullable(),
  /** Locked by a practitioner for a visit: nobody changes the answers until then. */
  lockedUntil: z.iso.datetime().nullable(),
  lockedForBookingId: z.string().nullable(),
});

const answersShape = z.record(z.string(), z.unknown());

export const intakeForm = z.object({
  formVersion: z.number().int(),
  definition: z.record(z.string(), z.unknown()),
  /** The treatment categories the client is asked about (from their bookings). */
  categories: z.array(z.enum(TREATMENT_CATEGORIES)),
  /** Today in the clinic's calendar: dates after it are refused where the question says so. */
  today: z.iso.date(),
});

/** The client's own view: their draft (or latest answers) to carry on from. */
export const myIntake = intakeStatus.extend({
  answers: answersShape,
  form: intakeForm,
});

const answerChange = z.object({
  questionId: z.string(),
  label: z.string().optional(),
  sectionTitle: z.string().optional(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/** The practitioner's and owner's view: the latest submitted answers and what changed since the last visit. */
export const clientIntake = intakeStatus.extend({
  answers: answersShape.nullable(),
  form: intakeForm,
  enteredByName: z.string().nullable(),
  sinceLastVisit: z.object({
    visitAt: z.iso.datetime(),
    /** The version current at that visit; null when the client first answered after it. */
    baselineVersion: z.number().int().nullable(),
    changes: z.array(answerChange),
  }).nullable(),
  /** The client's current or next appointment: the visit "Lock for this visit" locks the answers for. */
  nextVisit: z.object({ bookingId: z.string(), startsAt: z.iso.datetime() }).nullable(),
});
