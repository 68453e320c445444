/**
 * Whether a client must sign a treatment's consent form (again). Pure, so it is tested on
 * its own: a client who signed an earlier version signs again only when a later version
 * was marked as a material change.
 */

export type ConsentStatus = 'missing' | 'signed' | 'sign_again';

export interface TemplateVersionRef {
  version: number;
  material: boolean;
}

/**
 * @param versions every version of the form (any order)
 * @param signedVersion the latest version the client signed (and did not withdraw), or null
 * @example consentStatus([{ version: 1, material: true }, { version: 2, material: false }], 1) // 'signed'
 */
export function consentStatus(versions: readonly TemplateVersionRef[], signedVersion: number | null): ConsentStatus {
  if (signedVersion === null) return 'missing';
  return versions.some((v) => v.version > signedVersion && v.material) ? 'sign_again' : 'signed';
}
