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
  /** Null: any practitioner who gives the service. */
  practitionerId: z.string().nullable(),
  practitionerName: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  /**
   * How to reach the client: null for a practitioner who does not treat them (as on the
   * client list), so that they can see who waits but not their contact details.
   */
  clientEmail: z.string().nullable(),
  clientPhone: z.string().nullable(),
  status: z.enum(['waiting', 'booked', 'removed']),
  /** When they joined the list. */
  createdAt: z.iso.datetime(),
  /** When they were last e-mailed about a freed time; null if never. */
  lastNotifiedAt: z.iso.datetime().nullable(),
});
export const waitlistList = z.object({ items: z.array(waitlistEntry) });
export const waitlistQuery = z.object({ date: dateField.optional() });
export const waitlistParams = clinicSlugParams.extend({ entryId: uuidParam });
