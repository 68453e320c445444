import { describe, expect, it } from 'vitest';
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
    const place = interpretPlace('ZE1 0AA', ALL);
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
    expect(interpretPlace('BA3', ALL)).toMatchObject({ kind: 'postcode', precision: 'area' });
  });

  it('reads other words as a town, and nothing as no place', () => {
    expect(interpretPlace('Bath', ALL)).toEqual({ kind: 'town', town: 'Bath' });
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
