import { z } from 'zod';
import { CAUTION_KINDS, MERIDIANS, REGIONS } from '../../domain/acupoints/library.ts';
import { SOURCE_IDS } from '../../domain/acupoints/sources.ts';
import { CLINIC_CODE_PATTERN, CLINIC_POINT_LIMITS as L } from '../../domain/acupoints/clinic-points.ts';
import { multilineText, plainText, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const regionField = z.enum(REGIONS, { message: 'Choose a region' });
export const meridianField = z.enum(MERIDIANS, { message: 'Choose a meridian, or Extra for a point outside the meridians' });

export const acupointQuery = z.object({
  /** A code in any spelling (ST36, St 36, ST-36), a pinyin or English name, or a word of its uses. */
  q: plainText(100).optional(),
  region: regionField.optional(),
});

const sourced = z.object({ text: z.string(), sources: z.array(z.enum(SOURCE_IDS)) });

/** A point of the library or of the clinic, as the search answers it. */
export const acupoint = z.object({
  /** The library key (ST36, EX-HN3, JIACHENGJIANG) or the clinic point's id. */
  id: z.string(),
  origin: z.enum(['library', 'clinic']),
  /** The standard code (null when a library point has none) or the clinic's own code. */
  code: z.string().nullable(),
  codeNote: z.string(),
  pinyin: z.string(),
  otherNames: z.array(z.string()),
  english: z.string(),
  meridian: meridianField,
  region: regionField,
  location: z.string(),
  alternativeLocation: z.string().nullable(),
  uses: z.array(sourced),
  cautions: z.array(sourced.extend({ kind: z.enum(CAUTION_KINDS) })),
  /** True when the point is to be avoided (or taken care with) in pregnancy. */
  pregnancyCaution: z.boolean(),
  nameSources: z.array(z.enum(SOURCE_IDS)),
  locationSources: z.array(z.enum(SOURCE_IDS)),
  /** The clinic's own point as entered (for editing); null for library points. */
  clinicPoint: z.object({
    uses: z.string(),
    cautions: z.string(),
    source: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }).nullable(),
});
export type Acupoint = z.infer<typeof acupoint>;

export const acupointSource = z.object({ id: z.enum(SOURCE_IDS), label: z.string(), url: z.string().nullable(), note: z.string() });

export const acupointList = z.object({
  items: z.array(acupoint),
  /** Every source the library cites, once. */
  sources: z.array(acupointSource),
});

const codeField = plainText(L.code + 8)
  .min(1, 'Enter a code')
  .toUpperCase()
  .max(L.code, `Use at most ${L.code} characters`)
  .regex(CLINIC_CODE_PATTERN, 'Use capital letters, digits and single hyphens, starting with a letter (such as EAR-SHENMEN)');

/** A clinic's own point; only the code, a name, the region and the location are needed. */
export const clinicPointBody = z.strictObject({
  code: codeField,
  english: plainText(L.name).min(1, 'Enter a name'),
  pinyin: plainText(L.name).optional(),
  meridian: meridianField.optional(),
  region: regionField,
  location: multilineText(L.location).min(1, 'Say where the point is'),
  uses: multilineText(L.uses).optional(),
  cautions: multilineText(L.cautions).optional(),
  pregnancyCaution: z.boolean().optional(),
  source: plainText(L.source).optional(),
});
export type ClinicPointBody = z.infer<typeof clinicPointBody>;

/** Changes to a clinic's own point: any of its fields. */
export const clinicPointPatch = clinicPointBody.partial();

export const clinicPointParams = clinicSlugParams.extend({ pointId: uuidParam });
