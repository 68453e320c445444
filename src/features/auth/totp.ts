import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 defaults that every authenticator app understands: SHA-1, 6 digits, 30 s.
const make = (secret: string, label = 'Yintang') =>
  new TOTP({ issuer: 'Yintang', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** Accepts the current code and one step either side, to allow for clock drift. */
export const verifyTotp = (secret: string, code: string) => make(secret).validate({ token: code, window: 1 }) !== null;

export const totpCode = (secret: string) => make(secret).generate();

export async function totpEnrolment(secret: string, email: string) {
  const otpauthUrl = make(secret, email).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1 });
  return { secret, otpauthUrl, qrSvg };
}
