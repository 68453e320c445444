/** The public site's addresses, in one place so pages, sitemap and JSON-LD agree. */

export const clinicPath = (slug: string) => `/clinics/${encodeURIComponent(slug)}`;
export const practitionerPath = (slug: string, userId: string) => `${clinicPath(slug)}/practitioners/${encodeURIComponent(userId)}`;
/** All reviews of a clinic, or of one practitioner, a page at a time. */
export const reviewsPath = (slug: string, options: { practitionerId?: string; page?: number } = {}) => {
  const query = new URLSearchParams();
  if (options.practitionerId) query.set('practitioner', options.practitionerId);
  if (options.page && options.page > 1) query.set('page', String(options.page));
  const qs = query.toString();
  return `${clinicPath(slug)}/reviews${qs ? `?${qs}` : ''}`;
};
export const treatmentPath = (slug: string, treatmentSlug: string) => `${clinicPath(slug)}/treatments/${encodeURIComponent(treatmentSlug)}`;
/** The booking widget's page (built by the booking feature); see `bookingHref`. */
export const bookingPath = (slug: string) => `${clinicPath(slug)}/book`;
export const findPath = '/find';

/**
 * Where a "Book" button goes: the booking page when the booking feature serves it,
 * else the sign-up page for the clinic, so the button never leads nowhere.
 */
export function bookingHref(slug: string, bookingPageExists: boolean, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  if (bookingPageExists) return `${bookingPath(slug)}${query ? `?${query}` : ''}`;
  return `/app/sign-up?${new URLSearchParams({ clinic: slug }).toString()}`;
}
/** Yintang's own treatment guide: its index, and one article per treatment. */
export const guideIndexPath = '/treatments';
export const guidePath = (treatmentSlug: string) => `${guideIndexPath}/${encodeURIComponent(treatmentSlug)}`;
