import { describe, expect, it } from 'vitest';
import { parsePostcode, placePostcode, postcodeDistrict } from './postcode.ts';

describe('parsePostcode', () => {
  it('reads full postcodes in any case and spacing', () => {
    for (const text of ['BA1 1DN', 'ba1 1dn', 'BA11DN', '  ba1   1DN ']) {
      expect(parsePostcode(text), text).toEqual({ area: 'BA', district: 'BA1', full: 'BA1 1DN' });
    }
  });

  it('reads outward codes alone, of every shape', () => {
    expect(parsePostcode('BA1')).toEqual({ area: 'BA', district: 'BA1' });
    expect(parsePostcode('w1')).toEqual({ area: 'W', district: 'W1' });
    expect(parsePostcode('SW1A')).toEqual({ area: 'SW', district: 'SW1A' });
    expect(parsePostcode('ec1v')).toEqual({ area: 'EC', district: 'EC1V' });
    expect(parsePostcode('B33')).toEqual({ area: 'B', district: 'B33' });
    expect(parsePostcode('SW1A1AA')).toEqual({ area: 'SW', district: 'SW1A', full: 'SW1A 1AA' });
  });

  it('says a town name or nonsense is not a postcode', () => {
    for (const text of ['Bath', 'Harrogate', 'LEEDS', '', '123', 'BA1 1DN extra', "BA1' OR '1'='1", '<b>BA1</b>', 'B'.repeat(500)]) {
      expect(parsePostcode(text), text).toBeUndefined();
    }
  });
});

describe('postcodeDistrict', () => {
  it('takes the outward code of a stored postcode', () => {
    expect(postcodeDistrict('HG1 2TJ')).toBe('HG1');
    expect(postcodeDistrict('not a postcode')).toBeUndefined();
  });
});

describe('placePostcode', () => {
  const clinics = [
    { postcode: 'BA1 1DN', point: { lat: 51.38, lng: -2.36 } },
    { postcode: 'BA1 2AB', point: { lat: 51.40, lng: -2.34 } },
    { postcode: 'BA2 3CD', point: { lat: 51.36, lng: -2.38 } },
    { postcode: 'HG1 2TJ', point: { lat: 53.99, lng: -1.54 } },
    { postcode: 'LS1 1AA', point: null },
  ];

  it('uses the mean position of the clinics in the district', () => {
    const placed = placePostcode(parsePostcode('BA1')!, clinics);
    expect(placed?.precision).toBe('district');
    expect(placed?.point.lat).toBeCloseTo(51.39, 6);
    expect(placed?.point.lng).toBeCloseTo(-2.35, 6);
  });

  it('falls back to the whole area when no clinic is in the district', () => {
    const placed = placePostcode(parsePostcode('BA9 9ZZ')!, clinics);
    expect(placed?.precision).toBe('area');
    expect(placed?.point.lat).toBeCloseTo(51.38, 6);
  });

  it('cannot place a district whose area has no located clinic', () => {
    expect(placePostcode(parsePostcode('LS1')!, clinics)).toBeUndefined();
    expect(placePostcode(parsePostcode('ZE1')!, clinics)).toBeUndefined();
  });
});
