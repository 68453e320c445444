import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, totpCode } from './totp.ts';

// A fixed instant in the middle of a 30-second step, so the steps either side are exact.
const NOW = Date.UTC(2030, 0, 15, 9, 0, 15);
const STEP = Math.floor(NOW / 30_000);
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('matchTotpStep', () => {
  it('names the time step of the code: the current one, or one either side for clock drift', () => {
    expect(matchTotpStep(SECRET, totpCode(SECRET, NOW), NOW)).toBe(STEP);
    expect(matchTotpStep(SECRET, totpCode(SECRET, NOW - 30_000), NOW)).toBe(STEP - 1);
    expect(matchTotpStep(SECRET, totpCode(SECRET, NOW + 30_000), NOW)).toBe(STEP + 1);
  });

  it('refuses codes two steps away, wrong codes and codes of another secret', () => {
    expect(matchTotpStep(SECRET, totpCode(SECRET, NOW - 60_000), NOW)).toBeNull();
    expect(matchTotpStep(SECRET, totpCode(SECRET, NOW + 60_000), NOW)).toBeNull();
    expect(matchTotpStep(SECRET, '12345', NOW)).toBeNull();
    const other = newTotpSecret();
    const code = totpCode(other, NOW);
    // (A different secret's code matches only by a one-in-a-million chance; check it is not the same code.)
    if (![-1, 0, 1].some((d) => totpCode(SECRET, NOW + d * 30_000) === code)) expect(matchTotpStep(SECRET, code, NOW)).toBeNull();
  });
});
