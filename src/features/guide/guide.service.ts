/**
 * The clinics listed under a guide article: every clinic offering the treatment, nearest
 * first when the visitor gives a town, a postcode or their location (the directory's
 * geocoding and distances, src/domain/directory), else in alphabetical order.
 */

import type { Queryable } from '../../data/db.ts';
import { parseLatLng } from '../../domain/geo/haversine.ts';
import type { Treatment } from '../../domain/treatments/treatments.ts';
import { searchClinics, withDetails, type DetailedHit, type DirectoryOutcome } from '../directory/directory.service.ts';

/** How many clinics an article lists before pointing to the directory for the rest. */
export const GUIDE_CLINICS = 6;

export interface GuidePlaceQuery {
  /** A town or postcode, as typed (trimmed, at most 100 characters). */
  where?: string;
  /** "lat,lng" from "Use my location". */
  near?: string;
  /** Said kindly when part of the query could not be used. */
  notices: string[];
}

const first = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

/** Reads `?where=` and `?near=` leniently: odd values are dropped with a notice, never an error. */
export function readGuidePlace(raw: Record<string, unknown>): GuidePlaceQuery {
  const where = first(raw.where)?.replace(/\s+/g, ' ').trim().slice(0, 100) || undefined;
  const nearText = first(raw.near)?.trim() || undefined;
  const notices: string[] = [];
  const near = nearText && parseLatLng(nearText) ? nearText : undefined;
  if (nearText && !near) notices.push('We could not read the map position in the address, so clinics are not sorted by distance.');
  return { where: near ? undefined : where, near, notices };
}

export interface GuideClinics extends Pick<DirectoryOutcome, 'place' | 'towns'> {
  /** The first clinics to show. */
  shown: DetailedHit[];
  /** How many clinics offer the treatment in all (or match the place). */
  total: number;
}

/**
 * The clinics offering a treatment, for its guide article; with the network's directory
 * version (clinic-versions.ts) the directory's index is reused while it stands.
 */
export async function clinicsForGuide(db: Queryable, treatment: Treatment, place: GuidePlaceQuery, directoryVersion?: string): Promise<GuideClinics> {
  const near = place.near ? parseLatLng(place.near) : undefined;
  const outcome = await searchClinics(db, { treatment, where: place.where, near, verifiedOnly: false }, directoryVersion);
  return { place: outcome.place, towns: outcome.towns, shown: await withDetails(db, outcome, outcome.matches.slice(0, GUIDE_CLINICS)), total: outcome.matches.length };
}
