/**
 * UK postcode parts, for searching clinics by postcode district ("BA1") and placing a
 * district on the map from the clinics' own coordinates: no external geocoding.
 *
 * A full postcode is an outward code (area letters + district, e.g. "BA1", "SW1A",
 * "EC1V") and an inward code (a digit and two letters, "1DN"). See the Royal Mail
 * Programmers' Guide to PAF, and https://en.wikipedia.org/wiki/Postcodes_in_the_United_Kingdom#Formatting.
 */

import type { LatLng } from './haversine.ts';

/** An outward code alone (BA1, W1, SW1A, EC1V, B33) or a full postcode (BA1 1DN). */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(?:\s*(\d[A-Z]{2}))?$/;

/** What a search box's text means as a postcode, when it is one. */
export interface PostcodeParts {
  /** The postcode area: the leading letters ("BA"). */
  area: string;
  /** The postcode district: the outward code ("BA1"). */
  district: string;
  /** The whole postcode, normalised ("BA1 1DN"), when an inward code was given. */
  full?: string;
}

/**
 * Reads a full postcode or an outward code, in any case and spacing ("ba11dn",
 * " BA1 1DN ", "ba1"). Returns undefined for text that is not one (a town name).
 */
export function parsePostcode(text: string): PostcodeParts | undefined {
  const compact = text.toUpperCase().replace(/\s+/g, ' ').trim();
  if (compact.length > 9) return undefined;
  // "BA11DN" has no space: an inward code is always the last three characters.
  const spaced = !compact.includes(' ') && compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
  const match = POSTCODE.exec(spaced) ?? POSTCODE.exec(compact);
  if (!match) return undefined;
  const district = match[1]!;
  const area = /^[A-Z]+/.exec(district)![0];
  return { area, district, ...(match[2] ? { full: `${district} ${match[2]}` } : {}) };
}

/** The postcode district of a stored postcode ("BA1 1DN" → "BA1"), or undefined. */
export function postcodeDistrict(postcode: string): string | undefined {
  return parsePostcode(postcode)?.district;
}

/** Where a place was found, and how precisely. */
export interface PlacedPostcode {
  point: LatLng;
  /**
   * `district` when clinics in the same district were averaged; `post-town` when the
   * area's post town was used; `area` when only clinics in the same area were found.
   */
  precision: 'district' | 'post-town' | 'area';
}

/**
 * Places a postcode district at the centroid (mean position) of the clinics inside it,
 * or, when no clinic is in that district, at its area's post town (`areaTown`, "LS1" →
 * Leeds), or else at the mean of the clinics in its area ("BA2" falls back to every "BA"
 * clinic). Clinics are a few miles apart at most inside a district, so the plain mean of
 * their coordinates is close enough for sorting by distance.
 *
 * @returns undefined when no clinic shares the district or the area and no post town is known.
 */
export function placePostcode(parts: PostcodeParts, places: readonly { postcode: string; point: LatLng | null }[], areaTown?: LatLng): PlacedPostcode | undefined {
  const located = places.flatMap((p) => {
    const pc = p.point ? parsePostcode(p.postcode) : undefined;
    return pc && p.point ? [{ pc, point: p.point }] : [];
  });
  const mean = (points: LatLng[]): LatLng => ({
    lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
    lng: points.reduce((s, p) => s + p.lng, 0) / points.length,
  });
  const inDistrict = located.filter((l) => l.pc.district === parts.district).map((l) => l.point);
  if (inDistrict.length) return { point: mean(inDistrict), precision: 'district' };
  if (areaTown) return { point: areaTown, precision: 'post-town' };
  const inArea = located.filter((l) => l.pc.area === parts.area).map((l) => l.point);
  if (inArea.length) return { point: mean(inArea), precision: 'area' };
  return undefined;
}
