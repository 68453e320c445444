/**
 * Great-circle distances between points on the Earth, for sorting clinics by how far
 * they are from a visitor. Pure: no I/O.
 */

/** A point in WGS 84 decimal degrees, as clinics store them. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** The mean Earth radius (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Kilometres in one statute mile: UK visitors read distances in miles. */
export const KM_PER_MILE = 1.609344;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The great-circle distance between two points in kilometres, by the haversine formula
 * (R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope 68(2), 1984), which stays
 * accurate for the short distances a directory deals in. The Earth is taken as a sphere,
 * so results can be off by up to about 0.5 %; fine for "2.3 miles away".
 *
 * @example haversineKm({ lat: 51.3838, lng: -2.3613 }, { lat: 51.4545, lng: -2.5879 }) // ≈ 17.6 (Bath to Bristol)
 */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards against h creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Kilometres to miles. */
export const kmToMiles = (km: number) => km / KM_PER_MILE;

/** Miles to kilometres. */
export const milesToKm = (miles: number) => miles * KM_PER_MILE;

/** True for a latitude and longitude that exist (and are finite numbers). */
export function isValidLatLng(p: LatLng): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/**
 * Reads "lat,lng" (as in `?near=51.38,-2.36`); spaces around the comma are allowed.
 * Returns undefined for anything else, including points outside the globe.
 */
export function parseLatLng(text: string): LatLng | undefined {
  const match = /^\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*,\s*(-?\d{1,3}(?:\.\d{1,12})?)\s*$/.exec(text);
  if (!match) return undefined;
  const point = { lat: Number(match[1]), lng: Number(match[2]) };
  return isValidLatLng(point) ? point : undefined;
}

/**
 * Sorts items by distance from `origin`, nearest first, and attaches the distance.
 * Items without a position keep their relative order and go last, with `distanceKm`
 * undefined: a clinic that has not given its coordinates is still listed, never hidden.
 * Equal distances keep their input order (the sort is stable).
 */
export function sortByDistance<T>(items: readonly T[], origin: LatLng, positionOf: (item: T) => LatLng | null | undefined): { item: T; distanceKm: number | undefined }[] {
  return items
    .map((item) => {
      const position = positionOf(item);
      return { item, distanceKm: position && isValidLatLng(position) ? haversineKm(origin, position) : undefined };
    })
    .sort((a, b) => (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY));
}
