import { z } from 'zod';
import { multilineText, plainText } from '../common/fields.schema.ts';
import { TREATMENT_SLUGS } from '../../domain/treatments/treatments.ts';
import { CONTENT_PAGE_MAX } from '../../data/schema/index.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const pageParams = clinicSlugParams.extend({ page: z.enum(TREATMENT_SLUGS) });
export const versionParams = pageParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const markdownField = multilineText(CONTENT_PAGE_MAX, { trim: false })
  .refine((s) => s.trim().length > 0, 'Write the page, or restore an earlier version');
export const saveVersionBody = z.strictObject({
  title: plainText(200).min(1, 'Give the page a title'),
  description: plainText(400).min(1, 'Write a short description for search results'),
  markdown: markdownField,
  /** The version the edit started from; a newer save in between is refused (409). Null when starting from the default. */
  baseVersion: z.int().min(1).nullable(),
});
export const previewBody = z.strictObject({ markdown: markdownField });
export const previewResponse = z.object({ html: z.string() });

const versionSummary = z.object({
  version: z.int(),
  title: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  published: z.boolean(),
});
export const contentPage = z.object({
  slug: z.string(),
  treatment: z.string(),
  source: z.enum(['default', 'clinic']),
  /** The published version shown now; null while the default is shown. */
  version: z.int().nullable(),
  title: z.string(),
  description: z.string(),
  markdown: z.string(),
  versions: z.array(versionSummary),
});
export const contentPageList = z.object({
  items: z.array(z.object({ slug: z.string(), treatment: z.string(), source: z.enum(['default', 'clinic']), version: z.int().nullable(), offered: z.boolean() })),
});
