import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { uuidParam } from '../common/fields.schema.ts';
import { licensedInstrumentSchema, measureScheduleSchema } from '../../domain/outcomes/index.ts';

export const serviceParams = clinicSlugParams.extend({ serviceId: uuidParam });
export const clientParams = clinicSlugParams.extend({ clientId: uuidParam });
export const bookingParams = clinicSlugParams.extend({ bookingId: uuidParam });
export const tokenParams = clinicSlugParams.extend({ token: z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'Not a valid link') });

const measureKey = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Not a measure').max(60);

const scoreInfo = z.object({
  id: z.string(), label: z.string(), min: z.number(), max: z.number(), higherIsBetter: z.boolean(), mic: z.number(), micSource: z.string(),
});

export const measureCatalogue = z.object({
  measures: z.array(z.object({
    key: z.string(), name: z.string(), shortName: z.string(), description: z.string(), citation: z.string(), licence: z.string(),
    minutes: z.number(), scores: z.array(scoreInfo),
    /** Entered by the clinic under its own licence (not shipped by Yintang). */
    licensed: z.boolean(),
  })),
});

export const serviceMeasure = measureScheduleSchema.extend({ measureKey });
export const serviceMeasuresBody = z.strictObject({
  measures: z.array(serviceMeasure).max(10).refine((m) => new Set(m.map((x) => x.measureKey)).size === m.length, 'Each measure once'),
});
export const serviceMeasuresView = z.object({ serviceId: z.string(), serviceName: z.string(), measures: z.array(serviceMeasure) });
export const clinicMeasuresView = z.object({ services: z.array(serviceMeasuresView) });

export const askBody = z.strictObject({ measureKey });

const questionnaireItem = z.object({
  requestId: z.string(),
  measureKey: z.string(),
  name: z.string(),
  minutes: z.number(),
  timing: z.string(),
  status: z.string(),
  /** The form-engine definition to render (items, scales, branching). */
  form: z.record(z.string(), z.unknown()),
  anchors: z.record(z.string(), z.object({ min: z.string(), max: z.string() })),
});

export const questionnaireSet = z.object({
  clinicName: z.string(),
  bookingId: z.string(),
  sessionAt: z.string(),
  serviceName: z.string(),
  timeZone: z.string(),
  today: z.string(),
  items: z.array(questionnaireItem),
});

/** Answers per measure: `{ nprs: { pain: 6 }, psfs: { activity1Name: 'Stairs', activity1: 3 } }`. */
export const answersBody = z.strictObject({
  answers: z.record(measureKey, z.record(z.string(), z.unknown())),
});

export const answeredView = z.object({ answered: z.number(), scores: z.record(z.string(), z.record(z.string(), z.number().nullable())) });

export const pendingList = z.object({
  timeZone: z.string(),
  pending: z.array(z.object({ bookingId: z.string(), sessionAt: z.string(), serviceName: z.string(), measures: z.array(z.string()), minutes: z.number() })),
});

const change = z.object({ change: z.number(), improvement: z.number(), meaningful: z.boolean(), verdict: z.enum(['improved', 'unchanged', 'worse']) });

export const progressView = z.object({
  clientId: z.string(),
  timeZone: z.string(),
  measures: z.array(z.object({
    measureKey: z.string(),
    name: z.string(),
    shortName: z.string(),
    scores: z.array(scoreInfo.extend({
      points: z.array(z.object({ requestId: z.string(), bookingId: z.string(), sessionAt: z.string(), answeredAt: z.string(), sessionNumber: z.number(), timing: z.string(), value: z.number() })),
      baseline: z.number().nullable(),
      latest: z.number().nullable(),
      change: change.nullable(),
    })),
  })),
});

/** The questionnaires asked before one session (no answers, no scores) and the measures staff can ask. */
export const askedView = z.object({
  timeZone: z.string(),
  asked: z.array(z.object({
    requestId: z.string(), measureKey: z.string(), name: z.string(), timing: z.string(), status: z.string(),
    askedAt: z.string(), emailedAt: z.string().nullable(), answeredAt: z.string().nullable(),
  })),
  measures: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type AskedView = z.infer<typeof askedView>;

/** A licensed instrument as the clinic entered it. */
export const instrumentParams = clinicSlugParams.extend({ key: z.string().min(5).max(60).regex(/^lic-[a-z0-9]+(-[a-z0-9]+)*$/, 'Not an instrument of the clinic') });
export const instrumentView = z.object({
  key: z.string(), version: z.number(), createdAt: z.string(),
  /** The last edit, and when it was retired (no longer offered; its answers are kept). */
  updatedAt: z.string().nullable(), retiredAt: z.string().nullable(),
  entry: z.object({
    name: z.string(), shortName: z.string(), citation: z.string(), licence: z.string(), minutes: z.number(), items: z.array(z.string()),
    scale: z.object({ min: z.number(), max: z.number(), minLabel: z.string(), maxLabel: z.string() }),
    scoring: z.enum(['sum', 'mean']), higherIsBetter: z.boolean(), mic: z.number(), micSource: z.string(),
  }),
});
export const instrumentList = z.object({ timeZone: z.string(), instruments: z.array(instrumentView) });
export { licensedInstrumentSchema };
