import { z } from 'zod';
import { plainText } from '../common/fields.schema.ts';
import { TREATMENT_SLUGS } from '../../domain/treatments/treatments.ts';

/** `GET /api/v1/directory` query: every filter optional; cursor paging as elsewhere in the API. */
export const directoryQuery = z.object({
  treatment: z.enum(TREATMENT_SLUGS).optional().describe('Only clinics offering this treatment, and practitioners giving it.'),
  where: plainText(100).optional()
    .describe('A town ("Bath"), a postcode district ("BA1") or a full postcode. A postcode sorts by distance from the centroid of the clinics sharing its district (or area).'),
  near: z.string().max(60).regex(/^\s*-?\d{1,3}(\.\d{1,12})?\s*,\s*-?\d{1,3}(\.\d{1,12})?\s*$/, 'Use "latitude,longitude", for example 51.38,-2.36').optional()
    .describe('Sort by distance from this point ("latitude,longitude", WGS 84). Takes precedence over a postcode in `where`.'),
  within: z.coerce.number().positive().max(1000).optional().describe('Only clinics within this many miles of `near` or the postcode in `where`.'),
  verified: z.enum(['true', 'false', '1', '0']).optional()
    .describe('Only practitioners holding a facial acupuncture qualification their clinic has verified, and their clinics.'),
  minRating: z.coerce.number().min(1).max(5).optional()
    .describe('Only clinics whose visible reviews average at least this many stars (1–5). Clinics without reviews are left out.'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().max(40).optional().describe('The `next` value of the previous page.'),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

const directoryPractitioner = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  url: z.string(),
  /** Treatment slugs they give. */
  treatments: z.array(z.string()),
  verifiedFacialQualification: z.boolean(),
  photoUrl: z.string().nullable().describe('Their 480 × 480 WebP photo (cached for a year; the address changes with the photo), or null.'),
  thumbnailUrl: z.string().nullable().describe('The same photo at 160 × 160, or null.'),
});

const directoryItem = z.object({
  clinic: z.object({
    slug: z.string(),
    name: z.string(),
    town: z.string(),
    postcode: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    url: z.string(),
    treatments: z.array(z.string()).describe('Treatment slugs the clinic offers.'),
    pricesFrom: z.record(z.string(), z.number().int()).describe('The lowest price of each treatment, in minor units of `currency`.'),
    currency: z.string(),
  }),
  distanceKm: z.number().nullable().describe('From the point searched from, when there was one and the clinic has coordinates.'),
  distanceMiles: z.number().nullable(),
  /** Practitioners of the clinic matching the filters. */
  practitioners: z.array(directoryPractitioner),
  rating: z.object({ average: z.number(), count: z.number().int() }).nullable()
    .describe('Always null until verified reviews exist.'),
});

export const directoryResponse = z.object({
  items: z.array(directoryItem),
  total: z.number().int(),
  next: z.string().nullable(),
  place: z.object({
    kind: z.enum(['none', 'point', 'postcode', 'unplaced-postcode', 'placed-town', 'town'])
      .describe('`placed-town`: a UK town found in the shipped GeoNames gazetteer, measured from; `town`: a name matched against clinic towns.'),
    label: z.string().optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
    precision: z.enum(['district', 'post-town', 'area']).optional()
      .describe('For a postcode: `district` (clinics in the district), `post-town` (the town the postcode area is named after), `area` (clinics in the area).'),
  }),
});
export type DirectoryResponse = z.infer<typeof directoryResponse>;
