import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const serviceAftercareParams = clinicSlugParams.extend({ serviceId: uuidParam });

export const MAX_AFTERCARE_TEXT = 10_000;

/** An empty body goes back to Yintang's default advice for the kind of service. */
export const aftercareBody = z.strictObject({
  body: z.string().trim().max(MAX_AFTERCARE_TEXT, `Use at most ${MAX_AFTERCARE_TEXT} characters`),
});

export const serviceAftercare = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  /** The advice in effect (the clinic's own, or the default), Markdown. */
  body: z.string(),
  html: z.string(),
  /** True when the service uses Yintang's default advice for its kind. */
  isDefault: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type ServiceAftercare = z.infer<typeof serviceAftercare>;

export const myAftercareItem = z.object({
  bookingId: z.string(),
  serviceName: z.string(),
  visitAt: z.iso.datetime(),
  sentAt: z.iso.datetime(),
  html: z.string(),
});
export const myAftercareList = z.object({ items: z.array(myAftercareItem) });
export type MyAftercareItem = z.infer<typeof myAftercareItem>;
