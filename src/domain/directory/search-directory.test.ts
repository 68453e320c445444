import { describe, expect, it } from 'vitest';
import { buildGazetteer } from '../geo/gazetteer.ts';
import { interpretPlace, normaliseTown, searchDirectory, type DirectoryClinic, type DirectoryCriteria } from './search-directory.ts';

const person = (userId: string, kinds: string[], verifiedFacial = false) => ({ userId, name: userId, title: null, kinds, verifiedFacial });

const clinic = (over: Partial<DirectoryClinic> & Pick<DirectoryClinic, 'slug'>): DirectoryClinic => ({
  id: over.slug, name: over.slug, town: 'Bath', postcode: 'BA1 1AA', point: null, kinds: [], practitioners: [], rating: null, ...over,
});

const BATH = clinic({
  slug: 'jade', name: 'Jade Leaf', town: 'Bath', postcode: 'BA1 1DN', point: { lat: 51.3838, lng: -2.3613 },
  kinds: ['consultation', 'facial', 'massage'],
  practitioners: [person('mei', ['consultation', 'facial'], true), person('tom', ['facial'], false), person('priya', ['massage'])],
});
const BATH_SOUTH = clinic({
  slug: 'oak', name: 'Oak House', town: 'Bath', postcode: 'BA2 4XY', point: { lat: 51.37, lng: -2.35 },
  kinds: ['traditional'], practitioners: [person('ann', ['traditional'])],
});
const HARROGATE = clinic({
  slug: 'willow', name: 'Willow Tree', town: 'Harrogate', postcode: 'HG1 2TJ', point: { lat: 53.9936, lng: -1.5428 },
  kinds: ['facial', 'knee'], practitioners: [person('helen', ['facial', 'knee'], true)],
});
const NOWHERE = clinic({ slug: 'attic', name: 'Attic Clinic', town: 'St. Albans', postcode: 'AL1 1AA', point: null, kinds: ['facial'], practitioners: [person('zed', ['facial'])] });
const ALL = [HARROGATE, NOWHERE, BATH, BATH_SOUTH];

const search = (over: Partial<DirectoryCriteria> = {}, clinics = ALL) =>
  searchDirectory(clinics, { place: { kind: 'none' }, page: 1, pageSize: 10, ...over });
const slugs = (r: ReturnType<typeof search>) => r.hits.map((h) => h.clinic.slug);

describe('searchDirectory', () => {
  it('lists every clinic by name when nothing is asked', () => {
    const r = search();
    expect(slugs(r)).toEqual(['attic', 'jade', 'oak', 'willow']);
    expect(r).toMatchObject({ total: 4, page: 1, pageCount: 1, outOfRange: false });
    expect(r.hits[0]!.distanceKm).toBeUndefined();
  });

  it('finds clinics offering a treatment, with the practitioners who give it', () => {
    const r = search({ kind: 'facial' });
    expect(slugs(r)).toEqual(['attic', 'jade', 'willow']);
    expect(r.hits.find((h) => h.clinic.slug === 'jade')!.practitioners.map((p) => p.userId)).toEqual(['mei', 'tom']);
  });

  it('keeps only practitioners with a verified facial qualification, and their clinics', () => {
    const r = search({ verifiedFacialOnly: true });
    expect(slugs(r)).toEqual(['jade', 'willow']);
    expect(r.hits[0]!.practitioners.map((p) => p.userId)).toEqual(['mei']);
  });

  it('combines a treatment with the verified filter: the verified person must give it', () => {
    expect(slugs(search({ kind: 'knee', verifiedFacialOnly: true }))).toEqual(['willow']);
    expect(slugs(search({ kind: 'massage', verifiedFacialOnly: true }))).toEqual([]);
  });

  it('finds clinics in a town whatever the case, spacing or punctuation, and by its first letters', () => {
    expect(slugs(search({ place: { kind: 'town', town: 'bath' } }))).toEqual(['jade', 'oak']);
    expect(slugs(search({ place: { kind: 'town', town: '  st albans ' } }))).toEqual(['attic']);
    expect(slugs(search({ place: { kind: 'town', town: 'Harro' } }))).toEqual(['willow']);
    expect(slugs(search({ place: { kind: 'town', town: 'Ba' } }))).toEqual([]);
    expect(slugs(search({ place: { kind: 'town', town: 'Atlantis' } }))).toEqual([]);
  });

  it('sorts by distance from a point, nearest first, clinics without a position last', () => {
    const r = search({ place: { kind: 'point', point: { lat: 53.9, lng: -1.5 } } });
    expect(slugs(r)).toEqual(['willow', 'jade', 'oak', 'attic']);
    expect(r.hits[0]!.distanceKm).toBeLessThan(15);
    expect(r.hits[3]!.distanceKm).toBeUndefined();
  });

  it('keeps only clinics within the distance asked for', () => {
    const r = search({ place: { kind: 'point', point: { lat: 51.38, lng: -2.36 } }, withinKm: 20 });
    expect(slugs(r)).toEqual(['jade', 'oak']);
  });

  it('ignores a distance limit when there is nowhere to measure from', () => {
    expect(search({ withinKm: 1 }).total).toBe(4);
  });

  it('finds nothing for a postcode it cannot place, rather than everything', () => {
    const place = interpretPlace('GY1 1AA', ALL);
    expect(place.kind).toBe('unplaced-postcode');
    expect(search({ place }).total).toBe(0);
  });

  it('filters by rating, and no clinic has one until reviews exist', () => {
    expect(search({ minRating: 4 }).total).toBe(0);
    const rated = { ...BATH, rating: { average: 4.5, count: 12 } };
    expect(slugs(search({ minRating: 4 }, [rated, HARROGATE]))).toEqual(['jade']);
    expect(slugs(search({ minRating: 4.6 }, [rated]))).toEqual([]);
  });

  describe('paging', () => {
    const many = Array.from({ length: 23 }, (_, i) => clinic({ slug: `c${String(i).padStart(2, '0')}`, name: `Clinic ${String(i).padStart(2, '0')}` }));

    it('cuts pages of the size asked for', () => {
      const r = search({ page: 3, pageSize: 10 }, many);
      expect(r).toMatchObject({ total: 23, page: 3, pageCount: 3, outOfRange: false });
      expect(slugs(r)).toEqual(['c20', 'c21', 'c22']);
    });

    it('says a page past the last one is out of range, with the totals still right', () => {
      const r = search({ page: 99, pageSize: 10 }, many);
      expect(r).toMatchObject({ hits: [], total: 23, pageCount: 3, outOfRange: true });
    });

    it('treats page 0, negative and fractional pages as sensible pages', () => {
      expect(search({ page: 0 }, many).page).toBe(1);
      expect(search({ page: -5 }, many).page).toBe(1);
      expect(search({ page: 2.7 }, many).page).toBe(2);
    });

    it('has one page, not out of range, when nothing matches', () => {
      expect(search({ kind: 'nothing' })).toMatchObject({ total: 0, pageCount: 1, outOfRange: false });
    });
  });
});

describe('interpretPlace', () => {
  it('places a postcode district at its clinics, and a full postcode by its district', () => {
    expect(interpretPlace('BA1', ALL)).toMatchObject({ kind: 'postcode', precision: 'district', point: { lat: 51.3838, lng: -2.3613 } });
    expect(interpretPlace('ba1 9zz', ALL)).toMatchObject({ kind: 'postcode', precision: 'district', postcode: { full: 'BA1 9ZZ' } });
    expect(interpretPlace('BA3', ALL)).toMatchObject({ kind: 'postcode', precision: 'post-town' });
    // Without a post town for the area, the clinics in the area stand in.
    expect(interpretPlace('BA3', ALL, buildGazetteer([]))).toMatchObject({ kind: 'postcode', precision: 'area' });
  });

  // Issue 13 bug 9: districts with no clinic said "no clinics near".
  it('places BS1, LS1 and SW1A, where no clinic is, at their post towns', () => {
    expect(interpretPlace('BS1', ALL)).toMatchObject({ kind: 'postcode', precision: 'post-town', point: { lat: 51.45523, lng: -2.59665 } });
    expect(interpretPlace('LS1', ALL)).toMatchObject({ kind: 'postcode', precision: 'post-town', point: { lat: 53.79648, lng: -1.54785 } });
    expect(interpretPlace('sw1a 1aa', ALL)).toMatchObject({ kind: 'postcode', precision: 'post-town', postcode: { district: 'SW1A' } });
  });

  it('lists the nearest clinics from a district far from every clinic, with distances', () => {
    const r = search({ place: interpretPlace('LS1', ALL) });
    expect(slugs(r)).toEqual(['willow', 'jade', 'oak', 'attic']);
    expect(r.hits[0]!.distanceKm).toBeGreaterThan(15);
    expect(r.hits[0]!.distanceKm).toBeLessThan(30);
  });

  it('places a UK town from the gazetteer, a Scottish and a Welsh one too', () => {
    expect(interpretPlace('Bath', ALL)).toMatchObject({ kind: 'placed-town', town: 'Bath', name: 'Bath', nation: 'ENG', others: [] });
    expect(interpretPlace('inverness', ALL)).toMatchObject({ kind: 'placed-town', name: 'Inverness', nation: 'SCT' });
    expect(interpretPlace('Swansea', ALL)).toMatchObject({ kind: 'placed-town', name: 'Swansea', nation: 'WLS' });
    expect(interpretPlace('Newport', ALL)).toMatchObject({ kind: 'placed-town', nation: 'WLS', others: expect.arrayContaining([{ name: 'Newport', nation: 'ENG' }]) });
  });

  it('honours "within 5 miles" of a town, and lists everyone by distance without it', () => {
    const bath = interpretPlace('Bath', ALL);
    expect(slugs(search({ place: bath, withinKm: 8.05 }))).toEqual(['jade', 'oak']);
    expect(slugs(search({ place: bath }))).toEqual(['jade', 'oak', 'willow', 'attic']);
    expect(slugs(search({ place: interpretPlace('Leeds', ALL), withinKm: 8.05 }))).toEqual([]);
  });

  it('matches clinic towns by name when the gazetteer does not know the words', () => {
    expect(interpretPlace('Harro', ALL)).toEqual({ kind: 'town', town: 'Harro' });
    expect(interpretPlace('bath spa', ALL)).toEqual({ kind: 'town', town: 'bath spa' });
    expect(interpretPlace('Bath', ALL, buildGazetteer([]))).toEqual({ kind: 'town', town: 'Bath' });
  });

  it('reads nothing as no place', () => {
    expect(interpretPlace('   ', ALL)).toEqual({ kind: 'none' });
    expect(interpretPlace(undefined, ALL)).toEqual({ kind: 'none' });
  });
});

describe('normaliseTown', () => {
  it('keeps letters of every alphabet and digits', () => {
    expect(normaliseTown('Llanfair-pwll')).toBe('llanfair pwll');
    expect(normaliseTown('Bath <script>')).toBe('bath script');
  });
});
