import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { services } from '../../data/schema/index.ts';
import type { Treatment } from '../../domain/treatments/treatments.ts';

/**
 * For each clinic, the service a "Book" link for this treatment opens on: the first active
 * one of the treatment's kinds, in the treatment's order (a facial course starts with the
 * consultation), then the clinic's own order. One query for every clinic listed.
 */
export async function bookingServiceSlugs(db: Queryable, clinicIds: string[], treatment: Treatment): Promise<Map<string, string>> {
  if (clinicIds.length === 0) return new Map();
  const rows = await db.select({ clinicId: services.clinicId, slug: services.slug, kind: services.kind })
    .from(services)
    .where(and(inArray(services.clinicId, clinicIds), eq(services.active, true), inArray(services.kind, [...treatment.priceKinds])))
    .orderBy(asc(services.sortOrder), asc(services.slug));
  const rank = (kind: string) => treatment.priceKinds.indexOf(kind as Treatment['priceKinds'][number]);
  const chosen = new Map<string, { slug: string; rank: number }>();
  for (const row of rows) {
    const current = chosen.get(row.clinicId);
    if (!current || rank(row.kind) < current.rank) chosen.set(row.clinicId, { slug: row.slug, rank: rank(row.kind) });
  }
  return new Map([...chosen].map(([id, c]) => [id, c.slug]));
}
