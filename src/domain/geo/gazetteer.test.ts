import { describe, expect, it } from 'vitest';
import { haversineKm } from './haversine.ts';
import { buildGazetteer, findTown, POSTCODE_AREA_TOWNS, postcodeAreaTown, townKey, ukGazetteer } from './gazetteer.ts';
import { parsePostcode } from './postcode.ts';

const uk = ukGazetteer();
const km = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => haversineKm(a, b);

describe('findTown (shipped GeoNames data)', () => {
  it('finds Bath in any case and spacing', () => {
    const found = findTown(uk, '  bath ');
    expect(found?.town).toMatchObject({ name: 'Bath', nation: 'ENG' });
    expect(km(found!.town.point, { lat: 51.3811, lng: -2.359 })).toBeLessThan(2);
  });

  it('finds a Scottish and a Welsh town', () => {
    expect(findTown(uk, 'Inverness')?.town).toMatchObject({ name: 'Inverness', nation: 'SCT' });
    expect(findTown(uk, 'aberystwyth')?.town).toMatchObject({ name: 'Aberystwyth', nation: 'WLS' });
  });

  it('takes the largest of places sharing a name and names the others', () => {
    const found = findTown(uk, 'Newport')!;
    expect(found.town.nation).toBe('WLS');
    expect(found.others.length).toBeGreaterThan(0);
    expect(found.others.map((t) => t.nation)).toContain('ENG');
  });

  it('reads "Saint" as "St" and ignores punctuation', () => {
    expect(townKey('Saint Albans')).toBe(townKey('St. Albans'));
    expect(findTown(uk, 'st. albans')?.town.name).toBe('St Albans');
  });

  it('does not guess at names it does not know ("Bath Spa", "Atlantis")', () => {
    expect(findTown(uk, 'bath spa')).toBeUndefined();
    expect(findTown(uk, 'Atlantis')).toBeUndefined();
  });

  it('works on data passed in', () => {
    const g = buildGazetteer([['Here', 1, 2, 'ENG', 5], ['Here', 3, 4, 'SCT', 50]]);
    expect(findTown(g, 'here')).toMatchObject({ town: { nation: 'SCT' }, others: [{ nation: 'ENG' }] });
  });
});

describe('postcodeAreaTown', () => {
  it('places every postcode area at a town in the shipped data', () => {
    for (const area of Object.keys(POSTCODE_AREA_TOWNS)) expect(postcodeAreaTown(uk, { area }), area).toBeDefined();
  });

  it('places BS1, LS1 and SW1A within a few miles of their real centres', () => {
    const at = (code: string) => postcodeAreaTown(uk, parsePostcode(code)!)!.point;
    expect(km(at('BS1'), { lat: 51.4545, lng: -2.5879 })).toBeLessThan(3);
    expect(km(at('LS1'), { lat: 53.7965, lng: -1.5478 })).toBeLessThan(3);
    expect(km(at('SW1A'), { lat: 51.5014, lng: -0.1419 })).toBeLessThan(3);
  });

  it('takes the Welsh Newport for NP and knows nothing of GY', () => {
    expect(postcodeAreaTown(uk, { area: 'NP' })?.nation).toBe('WLS');
    expect(postcodeAreaTown(uk, { area: 'GY' })).toBeUndefined();
  });
});
