/**
 * The directory's search rules: which clinics and practitioners match a visitor's
 * criteria, in what order, on which page. Pure: the feature loads the clinics first.
 */

import { haversineKm, isValidLatLng, type LatLng } from '../geo/haversine.ts';
import { findTown, postcodeAreaTown, ukGazetteer, type Gazetteer } from '../geo/gazetteer.ts';
import { parsePostcode, placePostcode, type PostcodeParts } from '../geo/postcode.ts';

/**
 * British English order of names, the same as `localeCompare(b, 'en-GB')`: one collator
 * made once, as `localeCompare` with a locale builds one per call (about 1 ms to sort 100
 * towns, several to sort 500 clinics, where the collator takes a few hundredths).
 */
export const BY_NAME = new Intl.Collator('en-GB').compare;

/** A practitioner as the directory knows them. */
export interface DirectoryPractitioner {
  userId: string;
  name: string;
  title: string | null;
  /** The kinds of active service they give. */
  kinds: readonly string[];
  /** Holds a facial acupuncture qualification the clinic has verified. */
  verifiedFacial: boolean;
  /** The content hash of their photo, for result cards; not searched on. */
  photoHash?: string | null;
}

/**
 * An average star rating of a clinic's visible reviews and how many it rests on; null
 * for a clinic without reviews, which the `minRating` criterion treats as not matching.
 */
export interface Rating {
  average: number;
  count: number;
}

/** A clinic as the directory knows it. */
export interface DirectoryClinic {
  id: string;
  slug: string;
  name: string;
  town: string;
  postcode: string;
  point: LatLng | null;
  /** The kinds of active service the clinic offers. */
  kinds: readonly string[];
  practitioners: readonly DirectoryPractitioner[];
  rating: Rating | null;
}

/** Where the visitor said they are, once their words are understood. */
export type Place =
  | { kind: 'none' }
  | { kind: 'point'; point: LatLng }
  /**
   * `district`: the mean of the clinics in the same district; `post-town`: the town the
   * postcode area is named after (BS → Bristol); `area`: the mean of the clinics in the area.
   */
  | { kind: 'postcode'; postcode: PostcodeParts; point: LatLng; precision: 'district' | 'post-town' | 'area' }
  /** A postcode we cannot place: not a UK postcode area we know, and no clinic shares it. */
  | { kind: 'unplaced-postcode'; postcode: PostcodeParts }
  /** A town found in the gazetteer: clinics are measured from it. */
  | { kind: 'placed-town'; town: string; name: string; nation: string; point: LatLng; others: readonly { name: string; nation: string }[] }
  /** A name we cannot place: clinics whose town starts with it match. */
  | { kind: 'town'; town: string };

export interface DirectoryCriteria {
  /** Only clinics offering this kind of service, and practitioners giving it. */
  kind?: string;
  place: Place;
  /** Only clinics within this distance of the place (needs a point or a placed postcode). */
  withinKm?: number;
  /** Only practitioners with a verified facial acupuncture qualification (and their clinics). */
  verifiedFacialOnly?: boolean;
  /** Only clinics rated at least this (1–5); clinics without reviews do not match. */
  minRating?: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface DirectoryHit {
  clinic: DirectoryClinic;
  /** Distance from the visitor's place, when they gave one and the clinic has a position. */
  distanceKm: number | undefined;
  /** The clinic's practitioners who match the criteria. */
  practitioners: DirectoryPractitioner[];
}

export interface DirectoryResult {
  hits: DirectoryHit[];
  total: number;
  page: number;
  pageSize: number;
  /** At least 1, so "page 1 of 1" reads well even with no results. */
  pageCount: number;
  /** The page asked for is past the last one: `hits` is empty but `total` may not be. */
  outOfRange: boolean;
}

/** Lower-cases and squeezes spaces and punctuation, so "  St. Albans" matches "St Albans". */
export const normaliseTown = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Understands what a visitor typed in "town or postcode": a point ("51.38,-2.36" comes
 * through `near`, not here), a full postcode or district (placed at the clinics in the
 * same district, else at its area's post town, else at the clinics in its area), a UK
 * town the gazetteer knows, or else a name to match against the clinics' towns.
 * Nothing is fetched: the gazetteer ships with the app (src/domain/geo/data).
 */
export function interpretPlace(
  text: string | undefined,
  clinics: readonly Pick<DirectoryClinic, 'postcode' | 'point'>[],
  gazetteer: Gazetteer = ukGazetteer(),
): Place {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { kind: 'none' };
  const postcode = parsePostcode(trimmed);
  if (postcode) {
    const placed = placePostcode(postcode, clinics, postcodeAreaTown(gazetteer, postcode)?.point);
    return placed ? { kind: 'postcode', postcode, point: placed.point, precision: placed.precision } : { kind: 'unplaced-postcode', postcode };
  }
  const found = findTown(gazetteer, trimmed);
  if (found) {
    return {
      kind: 'placed-town', town: trimmed, name: found.town.name, nation: found.town.nation, point: found.town.point,
      others: found.others.map((t) => ({ name: t.name, nation: t.nation })),
    };
  }
  return { kind: 'town', town: trimmed };
}

/** Where distances are measured from, when the place has a position. */
export const originOf = (place: Place): LatLng | undefined =>
  place.kind === 'point' || place.kind === 'postcode' || place.kind === 'placed-town' ? place.point : undefined;

function townMatches(clinicTown: string, wanted: string): boolean {
  const town = normaliseTown(clinicTown);
  const query = normaliseTown(wanted);
  if (!query) return false;
  // Three letters are enough to mean a town ("Har" for Harrogate); fewer must match whole.
  return town === query || (query.length >= 3 && town.startsWith(query));
}

/** A clinic's practitioners who match the criteria: giving the kind asked for, verified when that is asked. */
export function matchingPractitioners<P extends DirectoryPractitioner>(practitioners: readonly P[], criteria: Pick<DirectoryCriteria, 'kind' | 'verifiedFacialOnly'>): P[] {
  return practitioners.filter((p) => (!criteria.kind || p.kinds.includes(criteria.kind)) && (!criteria.verifiedFacialOnly || p.verifiedFacial));
}

/**
 * Finds the clinics matching the criteria (everything but the page), in order: by
 * distance when there is an origin (nearest first, clinics without coordinates last),
 * else by name.
 *
 * A clinic matches a treatment when it offers that kind of service; with
 * `verifiedFacialOnly` it must also have a practitioner who holds a verified facial
 * acupuncture qualification (and gives the treatment, when one is chosen). Each hit lists
 * the practitioners who match, so the directory finds people as well as clinics.
 */
export function findMatches(clinics: readonly DirectoryClinic[], criteria: Omit<DirectoryCriteria, 'page' | 'pageSize'>): DirectoryHit[] {
  const origin = originOf(criteria.place);
  const matching: DirectoryHit[] = [];

  // An unplaced postcode matches nothing: showing every clinic would pretend we knew.
  if (criteria.place.kind !== 'unplaced-postcode') {
    for (const clinic of clinics) {
      if (criteria.kind && !clinic.kinds.includes(criteria.kind)) continue;
      if (criteria.place.kind === 'town' && !townMatches(clinic.town, criteria.place.town)) continue;
      if (criteria.minRating !== undefined && (clinic.rating === null || clinic.rating.average < criteria.minRating)) continue;
      const practitioners = matchingPractitioners(clinic.practitioners, criteria);
      if (criteria.verifiedFacialOnly && practitioners.length === 0) continue;
      const distanceKm = origin && clinic.point && isValidLatLng(clinic.point) ? haversineKm(origin, clinic.point) : undefined;
      if (criteria.withinKm !== undefined && origin && (distanceKm === undefined || distanceKm > criteria.withinKm)) continue;
      matching.push({ clinic, distanceKm, practitioners });
    }
  }

  const byName = (a: DirectoryHit, b: DirectoryHit) => BY_NAME(a.clinic.name, b.clinic.name) || a.clinic.slug.localeCompare(b.clinic.slug);
  return matching.sort(origin
    ? (a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) || byName(a, b)
    : byName);
}

/**
 * Cuts page `page` (1-based; 0, negatives and fractions read as sensible pages) of
 * `pageSize` out of the hits. A page past the last is `outOfRange` with no hits, so the
 * caller can say so rather than show an empty list without a reason.
 */
export function paginate(matching: DirectoryHit[], page: number, pageSize: number): DirectoryResult {
  const size = Math.max(1, Math.floor(pageSize));
  const current = Math.max(1, Math.floor(Number.isFinite(page) ? page : 1));
  const total = matching.length;
  const pageCount = Math.max(1, Math.ceil(total / size));
  const outOfRange = current > pageCount;
  const hits = outOfRange ? [] : matching.slice((current - 1) * size, current * size);
  return { hits, total, page: current, pageSize: size, pageCount, outOfRange };
}

/** Searches the directory and cuts out the page asked for (see `findMatches` and `paginate`). */
export function searchDirectory(clinics: readonly DirectoryClinic[], criteria: DirectoryCriteria): DirectoryResult {
  return paginate(findMatches(clinics, criteria), criteria.page, criteria.pageSize);
}
