/**
 * The treatments Yintang has public pages for, and which kinds of service give them.
 * Pure data: the content feature pairs each with its page text, the directory searches
 * by them, and clinic pages link to them.
 */

/** Service kinds, as `services.kind` stores them (see src/data/schema/clinics.ts). */
export type ServiceKind = 'consultation' | 'facial' | 'traditional' | 'massage' | 'knee';

export interface Treatment {
  /** The address segment: /clinics/:slug/treatments/:slug. */
  slug: TreatmentSlug;
  /** The service kind that gives this treatment. */
  kind: Exclude<ServiceKind, 'consultation'>;
  /** Its name in a sentence ("facial acupuncture") and as a label ("Facial acupuncture"). */
  name: string;
  label: string;
  /** Service kinds whose prices the treatment page lists (a facial course starts with a consultation). */
  priceKinds: readonly ServiceKind[];
}

export const TREATMENT_SLUGS = ['facial-acupuncture', 'traditional-acupuncture', 'sports-massage', 'knee-pain'] as const;
export type TreatmentSlug = (typeof TREATMENT_SLUGS)[number];

export const TREATMENTS: readonly Treatment[] = [
  { slug: 'facial-acupuncture', kind: 'facial', name: 'facial acupuncture', label: 'Facial acupuncture', priceKinds: ['consultation', 'facial'] },
  { slug: 'traditional-acupuncture', kind: 'traditional', name: 'traditional acupuncture', label: 'Traditional acupuncture', priceKinds: ['traditional'] },
  { slug: 'sports-massage', kind: 'massage', name: 'sports massage', label: 'Sports massage', priceKinds: ['massage'] },
  { slug: 'knee-pain', kind: 'knee', name: 'knee-pain care', label: 'Knee-pain care', priceKinds: ['knee'] },
];

/** The treatment with this address segment, if there is one. */
export function treatmentBySlug(slug: string): Treatment | undefined {
  return TREATMENTS.find((t) => t.slug === slug);
}

/** The treatment a service kind gives (none for a consultation). */
export function treatmentByKind(kind: string): Treatment | undefined {
  return TREATMENTS.find((t) => t.kind === kind);
}
