import { z } from 'zod';
import { personName, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { CONSENT_FORMS } from './consent-defaults.ts';

/** A consent form: a kind of treatment, or `photos` (the separate consent to progress photos). */
export const consentKind = z.enum(CONSENT_FORMS);
export const consentStatusEnum = z.enum(['missing', 'signed', 'sign_again']);

export const kindParams = clinicSlugParams.extend({ kind: consentKind });
export const clientConsentParams = clinicSlugParams.extend({ clientId: uuidParam });
export const consentPdfParams = clientConsentParams.extend({ consentId: uuidParam });

/** The longest consent text a clinic may write (a few pages is typical). */
export const MAX_CONSENT_TEXT = 30_000;

export const templateBody = z.strictObject({
  title: z.string().trim().min(1, 'Enter a title').max(200, 'Use at most 200 characters'),
  body: z.string().trim().min(20, 'Write the consent text (at least a sentence)').max(MAX_CONSENT_TEXT, `Use at most ${MAX_CONSENT_TEXT} characters`),
  material: z.boolean(),
});

export const previewBody = z.strictObject({ body: z.string().max(MAX_CONSENT_TEXT, `Use at most ${MAX_CONSENT_TEXT} characters`) });
export const previewResult = z.object({ html: z.string() });

export const templateVersion = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  html: z.string(),
  textHash: z.string(),
  material: z.boolean(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
});
export type TemplateVersion = z.infer<typeof templateVersion>;

export const templateKindSummary = z.object({
  kind: consentKind,
  label: z.string(),
  /** How many clients signed any version of it. */
  signedCount: z.number().int(),
  current: templateVersion,
  versions: z.array(templateVersion.omit({ body: true, html: true })),
});
export const templateList = z.object({ items: z.array(templateKindSummary) });
export type TemplateKindSummary = z.infer<typeof templateKindSummary>;

export const signedConsent = z.object({
  id: z.string(),
  kind: consentKind,
  label: z.string(),
  version: z.number().int(),
  title: z.string(),
  textHash: z.string(),
  typedName: z.string(),
  signedAt: z.iso.datetime(),
  /** The drawn signature as a data: URL, or null when signed with the keyboard alternative. */
  signature: z.string().nullable(),
});
export type SignedConsent = z.infer<typeof signedConsent>;

export const myConsent = z.object({
  kind: consentKind,
  label: z.string(),
  status: consentStatusEnum,
  /** The client has a visit of this kind booked, so they should sign before it. */
  needed: z.boolean(),
  current: z.object({ version: z.number().int(), title: z.string(), html: z.string(), textHash: z.string() }),
  signed: signedConsent.nullable(),
});
export const myConsentList = z.object({ items: z.array(myConsent) });
export type MyConsent = z.infer<typeof myConsent>;

/** PNG bytes, base64 (a `data:image/png;base64,` prefix is accepted): 256 KiB at most. */
const signaturePng = z.string().max(360_000, 'The signature image is too large').transform((v) => v.replace(/^data:image\/png;base64,/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'The signature must be a PNG image'));

export const signBody = z.strictObject({
  kind: consentKind,
  /** The version and hash of the text the client was shown: refused if it has changed since. */
  version: z.number().int().min(1),
  textHash: z.string().regex(/^[0-9a-f]{64}$/, 'The text’s fingerprint is missing'),
  typedName: personName,
  agree: z.literal(true, { error: 'Tick “I agree” to sign' }),
  signaturePng: signaturePng.optional(),
});

export const staffConsentView = z.object({
  /** `status`: reception sees only whether each form is signed, never the signature or text. */
  access: z.enum(['full', 'status']),
  kinds: z.array(z.object({ kind: consentKind, label: z.string(), status: consentStatusEnum, signedAt: z.iso.datetime().nullable() })),
  signatures: z.array(signedConsent),
});
export type StaffConsentView = z.infer<typeof staffConsentView>;
