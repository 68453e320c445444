import { describe, expect, it } from 'vitest';
import { holdsVerifiedFacialQualification, mayBeBookedFor, needsVerifiedQualification, qualifiedPractitioners } from './qualified-practitioners.ts';

const on = { requireVerifiedFacialQualification: true };
const off = { requireVerifiedFacialQualification: false };
const verified = { id: 'mei', verifiedFacial: true };
const unverified = { id: 'tom', verifiedFacial: false };

describe('qualified practitioners', () => {
  it('offers facial services only with a verified facial qualification while the rule is on', () => {
    expect(qualifiedPractitioners('facial', [unverified, verified], on)).toEqual([verified]);
    expect(mayBeBookedFor('facial', unverified, on)).toBe(false);
    expect(mayBeBookedFor('facial', verified, on)).toBe(true);
  });

  it('offers everyone who gives it when the owner turns the rule off', () => {
    expect(qualifiedPractitioners('facial', [unverified, verified], off)).toEqual([unverified, verified]);
  });

  it('never restricts other kinds of service', () => {
    for (const kind of ['consultation', 'traditional', 'massage', 'knee']) {
      expect(needsVerifiedQualification(kind)).toBe(false);
      expect(qualifiedPractitioners(kind, [unverified, verified], on)).toEqual([unverified, verified]);
    }
    expect(needsVerifiedQualification('facial')).toBe(true);
  });

  it('counts only a facial acupuncture qualification that is verified', () => {
    expect(holdsVerifiedFacialQualification([])).toBe(false);
    expect(holdsVerifiedFacialQualification([{ isFacialAcupuncture: true, verified: false }])).toBe(false);
    expect(holdsVerifiedFacialQualification([{ isFacialAcupuncture: false, verified: true }])).toBe(false);
    expect(holdsVerifiedFacialQualification([{ isFacialAcupuncture: false, verified: true }, { isFacialAcupuncture: true, verified: true }])).toBe(true);
  });

  it('keeps the order given', () => {
    const a = { id: 'a', verifiedFacial: true };
    const b = { id: 'b', verifiedFacial: true };
    expect(qualifiedPractitioners('facial', [b, unverified, a], on).map((p) => p.id)).toEqual(['b', 'a']);
  });
});
