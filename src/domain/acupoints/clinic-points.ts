/**
 * A clinic's own points, added beside the library: the limits both the database and the
 * request schema enforce, and the shape of their codes.
 */
export const CLINIC_POINT_LIMITS = {
  code: 16,
  name: 80,
  location: 500,
  uses: 1000,
  cautions: 1000,
  source: 300,
} as const;

/**
 * A clinic code: capital letters, digits and single hyphens, starting with a letter
 * (KI27, EAR-SHENMEN, M-HN-18, JCJ1). Typed codes are trimmed and upper-cased first.
 */
export const CLINIC_CODE_PATTERN = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
