import { z } from 'zod';
import { plainText, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { API_KEY_SCOPES } from '../../server/openapi/operations.ts';

/** A new key: a name the owner recognises and at least one scope. */
export const createApiKeyBody = z.strictObject({
  name: plainText(80).min(1, 'Enter a name, e.g. the system that will use the key'),
  scopes: z.array(z.enum(API_KEY_SCOPES, { message: 'Choose what the key may do' }))
    .min(1, 'Choose at least one thing the key may do').max(API_KEY_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

/** A key as listed: never its secret, only the first characters to tell keys apart. */
export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

/** The answer to creating a key: the only time its secret is shown. */
export const apiKeyCreated = apiKeyView.extend({
  secret: z.string().describe('Send as `Authorization: Bearer <secret>`. Shown once; only its hash is stored.'),
});

export const apiKeyList = z.object({
  keys: z.array(apiKeyView),
  scopes: z.array(z.object({ scope: z.string(), label: z.string() })),
});

export const apiKeyParams = clinicSlugParams.extend({ keyId: uuidParam });
