import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { dateField } from '../scheduling/scheduling.schema.ts';

/** The clinic outcome report's filters: courses that started in the period, optionally of one service. */
export const outcomeReportQuery = z.strictObject({
  /** First local date; defaults to a year before `to`. */
  from: dateField.optional(),
  /** Last local date (included); defaults to today. */
  to: dateField.optional(),
  serviceId: uuidParam.optional(),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The end date must be on or after the start date', path: ['to'] });
export type OutcomeReportQuery = z.infer<typeof outcomeReportQuery>;

const count = z.number().int().nonnegative();

const scoreFigures = z.object({
  scoreId: z.string(),
  label: z.string(),
  higherIsBetter: z.boolean(),
  mic: z.number(),
  /** Clients with a baseline and a later score (null when not shown). */
  clients: count.nullable(),
  /** False when fewer than `minGroup` clients have a follow-up. */
  shown: z.boolean(),
  meanChange: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  improved: count.nullable(),
  improvedShare: z.number().nullable(),
});

export const outcomeReportView = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  /** Groups of fewer clients than this show no figures. */
  minGroup: z.number(),
  groups: z.array(z.object({
    serviceId: z.string(),
    serviceName: z.string(),
    /** Null for the service across all practitioners. */
    practitionerId: z.string().nullable(),
    practitionerName: z.string().nullable(),
    shown: z.boolean(),
    coursesStarted: count.nullable(),
    coursesCompleted: count.nullable(),
    measures: z.array(z.object({
      measureKey: z.string(),
      name: z.string(),
      asked: count.nullable(),
      answered: count.nullable(),
      responseRate: z.number().nullable(),
      scores: z.array(scoreFigures),
    })),
  })),
  /** Services the filter may choose from. */
  services: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type OutcomeReportView = z.infer<typeof outcomeReportView>;
