import { z } from 'zod';
import { line, optionalLine, uuidParam, plainText, multilineText } from '../common/fields.schema.ts';
import { clinicSlugParams } from './clinics.schema.ts';
import { photoView } from './practitioner-photos.schema.ts';

export const memberPathParams = clinicSlugParams.extend({ userId: uuidParam });
export const qualificationParams = memberPathParams.extend({ qualificationId: uuidParam });

export const qualification = z.object({
  id: z.string(),
  kind: z.enum(['qualification', 'membership']),
  awardingBody: z.string(),
  title: z.string(),
  year: z.number().int().nullable(),
  membershipNumber: z.string().nullable(),
  isFacialAcupuncture: z.boolean(),
  verifiedAt: z.iso.datetime().nullable(),
});
export type Qualification = z.infer<typeof qualification>;
export const qualificationList = z.object({ items: z.array(qualification) });

const thisYear = new Date().getUTCFullYear();

export const newQualificationBody = z.strictObject({
  kind: z.enum(['qualification', 'membership']),
  awardingBody: line(200),
  title: line(200),
  /** Year awarded or joined: not before modern acupuncture training in the UK, not in the future. */
  year: z.coerce.number().int().min(1950, 'Enter a year from 1950').max(thisYear, 'The year cannot be in the future').optional(),
  membershipNumber: optionalLine(60),
  isFacialAcupuncture: z.boolean().default(false),
});

export const verificationBody = z.strictObject({ verified: z.boolean() });

export const profileBody = z.strictObject({
  title: plainText(120).optional(),
  /** Markdown, sanitised when shown. */
  bio: multilineText(5000).optional(),
  yearsExperience: z.coerce.number().int().min(0).max(70).nullable().optional(),
});
export const profile = z.object({
  userId: z.string(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  yearsExperience: z.number().int().nullable(),
  /** Null until a photo is uploaded (`PUT …/photo`); the website shows their initials meanwhile. */
  photo: photoView.nullable(),
});
