/** The public site's addresses, in one place so pages, sitemap and JSON-LD agree. */

export const clinicPath = (slug: string) => `/clinics/${encodeURIComponent(slug)}`;
export const practitionerPath = (slug: string, userId: string) => `${clinicPath(slug)}/practitioners/${encodeURIComponent(userId)}`;
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
