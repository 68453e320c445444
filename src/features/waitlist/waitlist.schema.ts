import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { dateField } from '../scheduling/scheduling.schema.ts';

export const joinWaitlistBody = z.strictObject({
  serviceId: uuidParam,
  /** The local date wanted. */
  date: dateField,
  /** Null or omitted: any practitioner who gives the service. */
  practitionerId: uuidParam.nullish(),
  /** Staff only: the client to add; a signed-in client adds themself. */
  clientId: uuidParam.optional(),
});
export const waitlistEntry = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  date: z.string(),
  practitionerId: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  status: z.enum(['waiting', 'booked', 'removed']),
  lastNotifiedAt: z.iso.datetime().nullable(),
});
export const waitlistList = z.object({ items: z.array(waitlistEntry) });
export const waitlistQuery = z.object({ date: dateField.optional() });
export const waitlistParams = clinicSlugParams.extend({ entryId: uuidParam });
