import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { bookingLinks } from '../booking/booking-emails.ts';
import { renderEmail } from './email-template.ts';
import { isSecretLink, looksLikeToken, WITHHELD_LINK, withholdSecrets } from './secret-links.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://clinic.example' });
const base = config.publicUrl;
// Fixed, token-shaped values (as newToken() makes), so the tests are the same every run.
const token = 'Qm9va2luZ1Rva2VuRm9yVGVzdHNPbmx5MTIzNDU2Nzg';
const hexDigest = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('isSecretLink', () => {
  const links = bookingLinks(config, 'jade-leaf', token);
  it.each([
    ['sign-up confirmation', `${base}/app/verify-email?token=${token}`],
    ['password reset', `${base}/app/reset-password?token=${token}`],
    ['staff invitation', `${base}/app/accept-invite?token=${token}`],
    ['invitation preview (API)', `${base}/api/v1/invitations/${token}`],
    ['booking confirm', links.confirm],
    ['booking manage', links.manage],
    ['booking reschedule', links.reschedule],
    ['booking cancel', links.cancel],
    ['booking by token (API)', `${base}/api/v1/clinics/jade-leaf/bookings/by-token/${token}/cancel`],
    ['calendar feed', `${base}/api/v1/clinics/jade-leaf/calendar-feeds/${token}`],
    ['any parameter named like a secret', `${base}/somewhere?code=123456`],
    ['a token-shaped value under any name', `${base}/somewhere?x=${token}`],
    ['a token-shaped path segment', `${base}/somewhere/${token}`],
    ['a hex digest', `${base}/somewhere/${hexDigest}`],
    ['a token in the fragment', `${base}/somewhere#${token}`],
    ['a password in the address', 'https://user:pw@clinic.example/'],
  ])('withholds a %s link', (_kind, link) => {
    expect(isSecretLink(link)).toBe(true);
  });

  it.each([
    ['sign-in page', `${base}/app/sign-in`],
    ['clinic page with a service and date', `${base}/clinics/jade-leaf-bath?service=0b9f6f3e-5d1c-4f4e-9a57-2d2f3c1b7a10&date=2027-03-03#book`],
    ['review page (needs sign-in)', `${base}/app/reviews/new?booking=0b9f6f3e-5d1c-4f4e-9a57-2d2f3c1b7a10&clinic=jade-leaf-bath`],
    ['diary', `${base}/app/diary`],
    ['clinic with a long slug', `${base}/clinics/the-very-long-named-facial-acupuncture-clinic-of-bath`],
  ])('keeps a public %s link', (_kind, link) => {
    expect(isSecretLink(link)).toBe(false);
  });
});

describe('looksLikeToken', () => {
  it('recognises base64url tokens as newToken() makes them, and hex digests', () => {
    expect(looksLikeToken(token)).toBe(true);
    expect(looksLikeToken(hexDigest)).toBe(true);
  });

  it('does not mistake slugs, UUIDs or words for tokens', () => {
    for (const value of ['the-very-long-named-facial-acupuncture-clinic', '0b9f6f3e-5d1c-4f4e-9a57-2d2f3c1b7a10', 'Acupuncture', 'short1A']) {
      expect(looksLikeToken(value)).toBe(false);
    }
  });
});

describe('withholdSecrets', () => {
  it('replaces every secret link in a rendered e-mail and keeps the rest of the text', () => {
    const links = bookingLinks(config, 'jade-leaf', token);
    const { text } = renderEmail({
      greeting: 'Ada',
      paragraphs: [`To reschedule: ${links.reschedule}`, `(to change or cancel: ${links.manage})`, `See free times at ${base}/clinics/jade-leaf.`],
      action: { label: 'Manage my booking', url: links.manage },
    });
    const safe = withholdSecrets(text);
    expect(safe).not.toContain(token);
    expect(safe).not.toContain('token=');
    expect(safe).toContain(`To reschedule: ${WITHHELD_LINK}`);
    expect(safe).toContain(`(to change or cancel: ${WITHHELD_LINK})`);
    expect(safe).toContain(`Manage my booking: ${WITHHELD_LINK}`);
    expect(safe).toContain(`See free times at ${base}/clinics/jade-leaf.`);
    expect(safe).toContain('Hello Ada,');
  });

  it('withholds a token that appears outside any link', () => {
    expect(withholdSecrets(`Your code is ${token}.`)).toBe('Your code is [withheld].');
  });

  it('withholds a secret link on any host, and the token of a relative one', () => {
    expect(withholdSecrets(`Open http://localhost:3000/app/verify-email?token=${token} now`)).toBe(`Open ${WITHHELD_LINK} now`);
    expect(withholdSecrets(`Open /app/verify-email?token=${token}`)).not.toContain(token);
  });
});
