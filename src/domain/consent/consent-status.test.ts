import { describe, expect, it } from 'vitest';
import { consentStatus } from './consent-status.ts';

describe('consentStatus', () => {
  const v = (version: number, material: boolean) => ({ version, material });
  it('is missing when nothing was signed', () => expect(consentStatus([v(1, true)], null)).toBe('missing'));
  it('is signed for the current version', () => expect(consentStatus([v(1, true), v(2, true)], 2)).toBe('signed'));
  it('stays signed when later changes were not material', () => expect(consentStatus([v(1, true), v(2, false), v(3, false)], 1)).toBe('signed'));
  it('asks to sign again after a material change', () => expect(consentStatus([v(1, true), v(2, false), v(3, true)], 2)).toBe('sign_again'));
  it('ignores material changes before the signed version', () => expect(consentStatus([v(3, false), v(2, true), v(1, true)], 2)).toBe('signed'));
});
