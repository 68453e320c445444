/**
 * Gift voucher codes: 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * printed in four groups (KD7Q-M3XP-9HWT-R2FZ). 31^16 ≈ 2^79 codes, so guessing one of a
 * clinic's vouchers online is hopeless (OWASP: at least 64 bits for such secrets).
 */

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 16;

/**
 * A code from a source of random bytes (crypto.randomBytes in production). Rejection
 * sampling keeps every character equally likely: bytes ≥ 248 (8 × 31) are skipped.
 */
export function voucherCode(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of randomBytes(CODE_LENGTH * 2)) {
      if (b >= limit) continue;
      out += CODE_ALPHABET[b % CODE_ALPHABET.length];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/** The code as printed, in groups of four. */
export const printedCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** A code as typed (any case, spaces or dashes) in its stored form, or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}
