/**
 * Booking "with" a practitioner (from their profile, `/clinics/{slug}/book?practitioner=…`):
 * only the services they give are offered, and they are the one chosen. Pure: used by the
 * server-rendered booking page and by the booking widget alike.
 */

/** What the rule needs of a service: who gives it. */
export interface GivenService {
  practitionerIds: readonly string[];
}

/**
 * The services `practitionerId` gives, in the order given; every service when no
 * practitioner is asked for. A practitioner who gives none (or is not at the clinic)
 * gets an empty list: the caller says so rather than offering someone else.
 */
export function servicesGivenBy<S extends GivenService>(services: readonly S[], practitionerId: string | null | undefined): S[] {
  if (!practitionerId) return [...services];
  return services.filter((s) => s.practitionerIds.includes(practitionerId));
}
