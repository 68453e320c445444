import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import type { DirectoryClinic } from '../../domain/directory/search-directory.ts';
import { queryRows } from '../site/site.repository.ts';

/** A clinic in the directory, with what its result card shows besides the search fields. */
export interface DirectoryEntry extends DirectoryClinic {
  description: string | null;
  currency: string;
  /** The lowest price of each kind of active service, in minor units. */
  pricesFrom: Record<string, number>;
  /** The clinic's photo (its hash and the owner's text alternative), if it has one. */
  photo: { hash: string; alt: string } | null;
}

interface Row {
  id: string;
  slug: string;
  name: string;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  description: string | null;
  currency: string;
  pricesFrom: Record<string, number> | null;
  photo: { hash: string; alt: string } | null;
  rating: { average: number | string; count: number } | null;
  practitioners: { userId: string; name: string; title: string | null; kinds: string[] | null; verifiedFacial: boolean; photoHash: string | null }[];
}

/**
 * Every clinic with what the directory searches on, in one query: the kinds of service it
 * offers and their lowest prices, and its practitioners with the kinds they give and
 * whether they hold a verified facial acupuncture qualification.
 *
 * The directory filters and sorts in memory (src/domain/directory), which is fast for the
 * hundreds of clinics one deployment serves. Past many thousands, the treatment and town
 * filters and a latitude/longitude bounding box would move into this query.
 */
export async function loadDirectory(db: Queryable): Promise<DirectoryEntry[]> {
  const rows = await queryRows<Row>(db, sql`
    select c.id, c.slug, c.name, c.town, c.postcode, c.latitude, c.longitude, c.description, c.currency,
      (
        select json_object_agg(k.kind, k.price) from (
          select s.kind, min(s.price_minor) as price from services s where s.clinic_id = c.id and s.active group by s.kind
        ) k
      ) as "pricesFrom",
      (select json_build_object('hash', ci.hash, 'alt', ci.alt) from clinic_images ci where ci.clinic_id = c.id and ci.kind = 'photo') as photo,
      coalesce((
        select json_agg(json_build_object(
          'userId', u.id, 'name', u.name, 'title', m.title,
          'photoHash', (select ph.hash from practitioner_photos ph where ph.clinic_id = m.clinic_id and ph.practitioner_id = m.user_id),
          'kinds', (
            select json_agg(distinct s.kind) from service_practitioners sp join services s on s.clinic_id = sp.clinic_id and s.id = sp.service_id
            where sp.clinic_id = m.clinic_id and sp.practitioner_id = m.user_id and s.active
          ),
          'verifiedFacial', exists (
            select 1 from qualifications q
            where q.clinic_id = m.clinic_id and q.user_id = m.user_id and q.is_facial_acupuncture and q.verified_at is not null
          )
        ) order by u.name)
        from memberships m join users u on u.id = m.user_id
        where m.clinic_id = c.id and m.role in ('owner', 'practitioner') and m.deactivated_at is null
      ), '[]'::json) as practitioners,
      (
        select json_build_object('average', round(avg(r.rating), 1), 'count', count(*)) from reviews r
        where r.clinic_id = c.id and r.hidden_at is null having count(*) > 0
      ) as rating
    from clinics c
    order by c.name`);

  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    town: r.town,
    postcode: r.postcode,
    point: r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude } : null,
    kinds: Object.keys(r.pricesFrom ?? {}),
    pricesFrom: r.pricesFrom ?? {},
    description: r.description,
    currency: r.currency,
    photo: r.photo,
    // A practitioner who gives no service and holds no verified facial qualification is
    // not someone a visitor can book: leave them out of the directory.
    practitioners: r.practitioners
      .map((p) => ({ userId: p.userId, name: p.name, title: p.title, kinds: p.kinds ?? [], verifiedFacial: p.verifiedFacial, photoHash: p.photoHash }))
      .filter((p) => p.kinds.length > 0),
    // The average of visible reviews of completed appointments; null until there is one.
    rating: r.rating ? { average: Number(r.rating.average), count: Number(r.rating.count) } : null,
  }));
}
