import { z } from 'zod';
import { emailField, personName, phoneField, uuidParam, plainText } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const clientParams = clinicSlugParams.extend({ clientId: uuidParam });

export const clientListQuery = z.object({
  q: plainText(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** `name` (A to Z, the default) or `newest` (most recently added first). */
  sort: z.enum(['name', 'newest']).default('name'),
});

export const createClientBody = z.strictObject({ name: personName, email: emailField, phone: phoneField.optional() });

export const clientContact = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  hasAccount: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const clientList = z.object({ items: z.array(clientContact) });
