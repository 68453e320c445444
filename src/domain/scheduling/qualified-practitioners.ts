/**
 * Who may be booked for a treatment that needs a checked qualification. Facial acupuncture
 * is booked only with practitioners holding a facial acupuncture qualification the clinic
 * owner has verified (seen the certificate or register entry), unless the owner turns that
 * rule off for the clinic. Every other kind of service is booked with whoever gives it.
 * Pure: the snapshot behind availability and booking, the public service list and the
 * practitioner profiles all apply it to facts loaded in their own single query.
 */

/** The kinds of service that need a verified qualification. */
const NEEDS_VERIFIED_QUALIFICATION: ReadonlySet<string> = new Set(['facial']);

/** A qualification as this rule sees it. */
export interface QualificationFact {
  isFacialAcupuncture: boolean;
  verified: boolean;
}

/** The clinic setting (on by default). */
export interface VerifiedQualificationRule {
  requireVerifiedFacialQualification: boolean;
}

/** Whether a service of this kind is held to the rule at all. */
export const needsVerifiedQualification = (serviceKind: string) => NEEDS_VERIFIED_QUALIFICATION.has(serviceKind);

/** True when one of `qualifications` is a facial acupuncture qualification the owner has verified. */
export const holdsVerifiedFacialQualification = (qualifications: readonly QualificationFact[]) =>
  qualifications.some((q) => q.isFacialAcupuncture && q.verified);

/** Whether a practitioner who gives a service of `serviceKind` may be booked for it. */
export function mayBeBookedFor(serviceKind: string, practitioner: { verifiedFacial: boolean }, rule: VerifiedQualificationRule): boolean {
  if (!rule.requireVerifiedFacialQualification || !needsVerifiedQualification(serviceKind)) return true;
  return practitioner.verifiedFacial;
}

/**
 * Of the practitioners who give a service of `serviceKind`, those who may be booked for
 * it, in the order given.
 */
export function qualifiedPractitioners<P extends { verifiedFacial: boolean }>(serviceKind: string, practitioners: readonly P[], rule: VerifiedQualificationRule): P[] {
  return practitioners.filter((p) => mayBeBookedFor(serviceKind, p, rule));
}
