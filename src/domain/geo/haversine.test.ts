import { describe, expect, it } from 'vitest';
import { haversineKm, isValidLatLng, kmToMiles, milesToKm, parseLatLng, sortByDistance } from './haversine.ts';

const BATH = { lat: 51.3838, lng: -2.3613 };
const BRISTOL = { lat: 51.4545, lng: -2.5879 };
const HARROGATE = { lat: 53.9936, lng: -1.5428 };

describe('haversineKm', () => {
  it('is zero from a point to itself', () => {
    expect(haversineKm(BATH, BATH)).toBe(0);
  });

  it('measures Bath to Bristol at about 17.5 km, the same both ways', () => {
    expect(haversineKm(BATH, BRISTOL)).toBeCloseTo(17.5, 0);
    expect(haversineKm(BRISTOL, BATH)).toBeCloseTo(haversineKm(BATH, BRISTOL), 10);
  });

  it('measures one degree of latitude at about 111.2 km', () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111.19, 1);
  });

  it('measures Bath to Harrogate at about 293 km', () => {
    expect(haversineKm(BATH, HARROGATE)).toBeGreaterThan(288);
    expect(haversineKm(BATH, HARROGATE)).toBeLessThan(298);
  });

  it('gives half the circumference for antipodal points without NaN', () => {
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });

  it('crosses the antimeridian the short way', () => {
    expect(haversineKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(111.19, 1);
  });
});

describe('miles and kilometres', () => {
  it('converts both ways', () => {
    expect(kmToMiles(1.609344)).toBeCloseTo(1, 10);
    expect(milesToKm(10)).toBeCloseTo(16.09344, 10);
  });
});

describe('parseLatLng', () => {
  it('reads "lat,lng" with or without spaces', () => {
    expect(parseLatLng('51.38,-2.36')).toEqual({ lat: 51.38, lng: -2.36 });
    expect(parseLatLng(' 51.38 , -2.36 ')).toEqual({ lat: 51.38, lng: -2.36 });
    expect(parseLatLng('0,0')).toEqual({ lat: 0, lng: 0 });
  });

  it('refuses points off the globe and text that is not a point', () => {
    for (const bad of ['91,0', '0,181', '-90.5,0', 'abc', '51.38', '51.38,-2.36,4', '1e3,2', 'NaN,NaN', '', "51.38,-2.36' OR 1=1"]) {
      expect(parseLatLng(bad), bad).toBeUndefined();
    }
  });

  it('agrees with isValidLatLng at the edges', () => {
    expect(isValidLatLng({ lat: 90, lng: -180 })).toBe(true);
    expect(isValidLatLng({ lat: Number.NaN, lng: 0 })).toBe(false);
  });
});

describe('sortByDistance', () => {
  const places = [
    { name: 'Harrogate', at: HARROGATE },
    { name: 'Unknown', at: null },
    { name: 'Bristol', at: BRISTOL },
    { name: 'Bath', at: BATH },
  ];

  it('puts the nearest first and attaches each distance', () => {
    const sorted = sortByDistance(places, BATH, (p) => p.at);
    expect(sorted.map((s) => s.item.name)).toEqual(['Bath', 'Bristol', 'Harrogate', 'Unknown']);
    expect(sorted[0]!.distanceKm).toBe(0);
    expect(sorted[1]!.distanceKm).toBeCloseTo(17.5, 0);
  });

  it('lists places without coordinates last, never dropping them', () => {
    const sorted = sortByDistance(places, HARROGATE, (p) => p.at);
    expect(sorted.at(-1)).toEqual({ item: places[1], distanceKm: undefined });
    expect(sorted).toHaveLength(4);
  });

  it('keeps the input order for equal distances', () => {
    const twins = [{ id: 1, at: BATH }, { id: 2, at: BATH }, { id: 3, at: BATH }];
    expect(sortByDistance(twins, BRISTOL, (p) => p.at).map((s) => s.item.id)).toEqual([1, 2, 3]);
  });
});
