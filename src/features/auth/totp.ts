import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 defaults that every authenticator app understands: SHA-1, 6 digits, 30 s.
const make = (secret: string, label = 'Yintang') =>
  new TOTP({ issuer: 'Yintang', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/**
 * The 30-second time step whose code `code` is, looking at the current step and one either
 * side (for clock drift), or null when it matches none. Callers accept a step only once per
 * account (users.totp_last_step), so an overheard code cannot be replayed.
 */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const totp = make(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** The code an authenticator app shows at `now` (tests and the demo). */
export const totpCode = (secret: string, now = Date.now()) => make(secret).generate({ timestamp: now });

export async function totpEnrolment(secret: string, email: string) {
  const otpauthUrl = make(secret, email).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
  return { secret, otpauthUrl, qrSvg };
}
