/**
 * The directory: finds clinics and practitioners by treatment, town, postcode district or
 * distance, and by verified facial acupuncture qualification. Used by the /find page and
 * `GET /api/v1/directory`; the rules themselves are in src/domain/directory.
 */

import type { Queryable } from '../../data/db.ts';
import { BY_NAME, findMatches, type DirectoryClinic, interpretPlace, matchingPractitioners, paginate, type DirectoryCriteria, type DirectoryHit, type Place } from '../../domain/directory/search-directory.ts';
import { kmToMiles, milesToKm, parseLatLng, type LatLng } from '../../domain/geo/haversine.ts';
import { TREATMENTS, treatmentBySlug, type Treatment } from '../../domain/treatments/treatments.ts';
import { badRequest } from '../../server/errors.ts';
import { clinicPath, practitionerPath } from '../site/site.paths.ts';
import { photoPath } from '../../domain/photos/photo-files.ts';
import { loadDirectory, loadDirectoryDetails, type DirectoryEntry } from './directory.repository.ts';
import type { DirectoryQuery, DirectoryResponse } from './directory.schema.ts';

/** What a visitor asked for, understood. */
export interface DirectorySearch {
  treatment?: Treatment;
  /** The words typed in "town or postcode", as typed (trimmed, at most 100 characters). */
  where?: string;
  near?: LatLng;
  withinMiles?: number;
  verifiedOnly: boolean;
  /** Only clinics whose visible reviews average at least this many stars. */
  minRating?: number;
}

/** A match with what its result card shows (see `withDetails`). */
export type DetailedHit = DirectoryHit & { clinic: DirectoryEntry };

export interface DirectoryOutcome {
  place: Place;
  /** Every match, with the search fields only: load the details of those shown with `withDetails`. */
  matches: DirectoryHit[];
  /** Every town with a clinic, for "we have clinics in …" when nothing matched. */
  towns: string[];
  /** When a distance limit left nothing, the nearest clinics beyond it (at most 3), so the visitor still sees how far. */
  nearest: DirectoryHit[];
  /** Which practitioners of a shown clinic to list (see `withDetails`). */
  criteria: Pick<DirectoryCriteria, 'kind' | 'verifiedFacialOnly'>;
}

/**
 * The hits to show with their result cards' details and matching practitioners (one
 * query for all of them), so the work beyond the search fields grows with the page, not
 * with the network.
 */
export async function withDetails(db: Queryable, outcome: Pick<DirectoryOutcome, 'criteria'>, hits: readonly DirectoryHit[]): Promise<DetailedHit[]> {
  const details = await loadDirectoryDetails(db, hits.map((h) => h.clinic));
  return hits.map((hit) => {
    const clinic = details.get(hit.clinic.id)!;
    return { ...hit, clinic, practitioners: matchingPractitioners(clinic.practitioners, outcome.criteria) };
  });
}

/** The index last read per database and form (with practitioners or without), with the directory version it was read at. */
const indexes = new WeakMap<object, Map<boolean, { version: string; entries: Promise<DirectoryClinic[]> }>>();

/**
 * Every clinic's search fields, read again only when `version` (the network's directory
 * version, read before this) moved: reading and parsing them is what grew with the network
 * (500 clinics: about 2.5 ms a search, against a quarter of that for the demo's three). An
 * index read after its version was read is at least as new as it, so it is never stale
 * for a request that read the same version. Without a version, it is read afresh.
 */
function directoryIndex(db: Queryable, practitioners: boolean, version: string | undefined): Promise<DirectoryClinic[]> {
  if (version === undefined) return loadDirectory(db, { practitioners });
  let forms = indexes.get(db);
  if (!forms) indexes.set(db, (forms = new Map()));
  const kept = forms.get(practitioners);
  if (kept?.version === version) return kept.entries;
  const entries = loadDirectory(db, { practitioners });
  const entry = { version, entries };
  forms.set(practitioners, entry);
  // A failed read is not kept: the next search tries again.
  entries.catch(() => { if (forms.get(practitioners) === entry) forms.delete(practitioners); });
  return entries;
}

/**
 * Runs a search against every clinic's search fields: one query, or none when the index
 * read at the same `directoryVersion` (see clinic-versions.ts) is still held.
 */
export async function searchClinics(db: Queryable, search: DirectorySearch, directoryVersion?: string): Promise<DirectoryOutcome> {
  // Practitioners decide a match only when a verified qualification is asked for.
  const entries = await directoryIndex(db, search.verifiedOnly, directoryVersion);
  const place: Place = search.near ? { kind: 'point', point: search.near } : interpretPlace(search.where, entries);
  const criteria = {
    kind: search.treatment?.kind,
    place,
    verifiedFacialOnly: search.verifiedOnly,
    minRating: search.minRating,
  };
  const withinKm = search.withinMiles !== undefined ? milesToKm(search.withinMiles) : undefined;
  const matches = findMatches(entries, { ...criteria, withinKm });
  const nearest = matches.length === 0 && withinKm !== undefined
    ? findMatches(entries, criteria).filter((m) => m.distanceKm !== undefined).slice(0, 3)
    : [];
  const towns = [...new Set(entries.map((e) => e.town))].sort(BY_NAME);
  return { place, matches, towns, nearest, criteria: { kind: criteria.kind, verifiedFacialOnly: criteria.verifiedFacialOnly } };
}

/** The lowest price of each treatment a clinic offers (consultations are not a treatment). */
export function pricesByTreatment(entry: DirectoryEntry): Record<string, number> {
  const prices: Record<string, number> = {};
  for (const t of TREATMENTS) if (entry.pricesFrom[t.kind] !== undefined) prices[t.slug] = entry.pricesFrom[t.kind]!;
  return prices;
}

const treatmentSlugsOf = (kinds: readonly string[]) => TREATMENTS.filter((t) => kinds.includes(t.kind)).map((t) => t.slug);

/** Cursors are opaque to clients: "o" and an offset, base64url-encoded. */
const encodeCursor = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o(\d{1,7})$/.exec(text);
  if (!match) throw badRequest('The cursor is not one this API gave out. Start again without a cursor.', [{ field: 'querystring.cursor', message: 'is not a valid cursor' }]);
  return Number(match[1]);
}

/** `GET /api/v1/directory`: the search as JSON, with absolute URLs and a `next` cursor. */
export async function directoryApi(db: Queryable, publicUrl: string, query: DirectoryQuery, directoryVersion?: string): Promise<DirectoryResponse> {
  const near = query.near !== undefined ? parseLatLng(query.near) : undefined;
  if (query.near !== undefined && !near) {
    throw badRequest('`near` is not a point on the globe: latitude must be within ±90 and longitude within ±180.', [{ field: 'querystring.near', message: 'is outside the globe' }]);
  }
  const offset = query.cursor ? decodeCursor(query.cursor) : 0;
  const outcome = await searchClinics(db, {
    treatment: query.treatment ? treatmentBySlug(query.treatment) : undefined,
    where: query.where || undefined,
    near,
    withinMiles: query.within,
    verifiedOnly: query.verified === 'true' || query.verified === '1',
    minRating: query.minRating,
  }, directoryVersion);
  const page = await withDetails(db, outcome, outcome.matches.slice(offset, offset + query.limit));
  const nextOffset = offset + query.limit;
  return {
    items: page.map(({ clinic, distanceKm, practitioners }) => ({
      clinic: {
        slug: clinic.slug,
        name: clinic.name,
        town: clinic.town,
        postcode: clinic.postcode,
        latitude: clinic.point?.lat ?? null,
        longitude: clinic.point?.lng ?? null,
        url: `${publicUrl}${clinicPath(clinic.slug)}`,
        treatments: treatmentSlugsOf(clinic.kinds),
        pricesFrom: pricesByTreatment(clinic),
        currency: clinic.currency,
      },
      distanceKm: distanceKm === undefined ? null : Math.round(distanceKm * 100) / 100,
      distanceMiles: distanceKm === undefined ? null : Math.round(kmToMiles(distanceKm) * 100) / 100,
      practitioners: practitioners.map((p) => ({
        id: p.userId,
        name: p.name,
        title: p.title,
        url: `${publicUrl}${practitionerPath(clinic.slug, p.userId)}`,
        treatments: treatmentSlugsOf(p.kinds),
        verifiedFacialQualification: p.verifiedFacial,
        photoUrl: p.photoHash ? `${publicUrl}${photoPath(p.photoHash, 480)}` : null,
        thumbnailUrl: p.photoHash ? `${publicUrl}${photoPath(p.photoHash, 160)}` : null,
      })),
      rating: clinic.rating,
    })),
    total: outcome.matches.length,
    next: nextOffset < outcome.matches.length ? encodeCursor(nextOffset) : null,
    place: placeJson(outcome.place),
  };
}

function placeJson(place: Place): DirectoryResponse['place'] {
  switch (place.kind) {
    case 'point': return { kind: 'point', latitude: place.point.lat, longitude: place.point.lng };
    case 'postcode': return { kind: 'postcode', label: place.postcode.full ?? place.postcode.district, latitude: place.point.lat, longitude: place.point.lng, precision: place.precision };
    case 'unplaced-postcode': return { kind: 'unplaced-postcode', label: place.postcode.full ?? place.postcode.district };
    case 'placed-town': return { kind: 'placed-town', label: place.name, latitude: place.point.lat, longitude: place.point.lng };
    case 'town': return { kind: 'town', label: place.town };
    default: return { kind: 'none' };
  }
}

/** The /find page's size of page. */
export const FIND_PAGE_SIZE = 10;

/** Query values arrive as strings, arrays (repeated keys) or not at all; take the first string. */
const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

export interface FindPageRequest {
  search: DirectorySearch;
  page: number;
  /** The form's values, to fill it in again. */
  form: { treatment?: string; where?: string; within?: string; verified: boolean; near?: string; rating?: string };
  /** Things we could not use, said kindly ("We do not know the treatment …"). */
  notices: string[];
}

/**
 * Reads /find's query leniently: a page of results is always better than an error for a
 * person who edited an address by hand. Unknown values are dropped with a notice; long
 * text is cut to 100 characters; page numbers are read as whole numbers from 1.
 */
export function readFindQuery(raw: Record<string, unknown>): FindPageRequest {
  const notices: string[] = [];
  const treatmentText = first(raw.treatment)?.trim();
  const treatment = treatmentText ? treatmentBySlug(treatmentText) : undefined;
  if (treatmentText && !treatment) notices.push('We do not have pages for that treatment, so we are showing every treatment.');

  const whereText = first(raw.where)?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;

  const nearText = first(raw.near)?.trim();
  const near = nearText ? parseLatLng(nearText) : undefined;
  if (nearText && !near) notices.push('We could not read the map position in the address, so results are not sorted by distance.');

  const withinText = first(raw.within)?.trim();
  const withinNumber = withinText ? Number(withinText) : undefined;
  const withinMiles = withinNumber !== undefined && Number.isFinite(withinNumber) && withinNumber > 0 && withinNumber <= 1000 ? withinNumber : undefined;
  if (withinText && withinMiles === undefined) notices.push('We could not read the distance, so we are showing clinics at any distance.');

  const verifiedText = first(raw.verified);
  const verifiedOnly = verifiedText === '1' || verifiedText === 'true' || verifiedText === 'on';

  const ratingText = first(raw.rating)?.trim();
  const ratingNumber = ratingText ? Number(ratingText) : undefined;
  const minRating = ratingNumber !== undefined && Number.isFinite(ratingNumber) && ratingNumber >= 1 && ratingNumber <= 5 ? ratingNumber : undefined;
  if (ratingText && minRating === undefined) notices.push('We could not read the rating, so we are showing clinics with any rating.');

  const pageText = first(raw.page);
  const pageNumber = pageText && /^\s*\d{1,9}\s*$/.test(pageText) ? Number(pageText) : 1;

  return {
    search: { treatment, where: whereText, near, withinMiles, verifiedOnly, minRating },
    page: Math.max(1, pageNumber),
    form: { treatment: treatment?.slug, where: whereText, within: withinMiles !== undefined ? String(withinMiles) : undefined, verified: verifiedOnly, near: near ? nearText : undefined, rating: minRating !== undefined ? String(minRating) : undefined },
    notices,
  };
}

/** Runs the /find page's search and cuts out its page. */
export async function findPage(db: Queryable, request: FindPageRequest, directoryVersion?: string) {
  const outcome = await searchClinics(db, request.search, directoryVersion);
  const result = paginate(outcome.matches, request.page, FIND_PAGE_SIZE);
  const [hits, nearest] = await Promise.all([withDetails(db, outcome, result.hits), withDetails(db, outcome, outcome.nearest)]);
  return { ...outcome, nearest, result: { ...result, hits } };
}
