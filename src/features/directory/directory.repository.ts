import { sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import type { DirectoryClinic } from '../../domain/directory/search-directory.ts';
// Named prepared statements on PostgreSQL: each connection plans these once (planning the
// directory's grouped joins cost more than running them at 500 clinics).
import { runPrepared } from '../scheduling/prepared-query.ts';

/** A clinic in the directory, with what its result card shows besides the search fields. */
export interface DirectoryEntry extends DirectoryClinic {
  description: string | null;
  currency: string;
  /** The lowest price of each kind of active service, in minor units. */
  pricesFrom: Record<string, number>;
  /** The clinic's photo (its hash and the owner's text alternative), if it has one. */
  photo: { hash: string; alt: string } | null;
}

interface IndexRow {
  id: string;
  slug: string;
  name: string;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  kinds: string[] | null;
  rating: { average: number | string; count: number } | null;
  practitioners: { userId: string; name: string; kinds: string[]; verifiedFacial: boolean }[] | null;
}

/**
 * Every clinic with only what the directory searches and sorts on: the kinds of service
 * it offers, its rating, and, when the search filters on them (`practitioners`), its
 * bookable practitioners (those who give an active service) with the kinds they give and
 * whether they hold a verified facial acupuncture qualification. Set-based (one pass per table, grouped), not a subquery per
 * practitioner, so a network of hundreds of clinics stays a few milliseconds; what a
 * result card shows besides (`loadDirectoryDetails`) is read for the shown clinics only.
 *
 * The directory filters and sorts in memory (src/domain/directory), which is fast for the
 * hundreds of clinics one deployment serves. Past many thousands, the treatment and town
 * filters and a latitude/longitude bounding box would move into this query.
 */
export async function loadDirectory(db: Queryable, { practitioners }: { practitioners: boolean }): Promise<DirectoryClinic[]> {
  if (!practitioners) return loadClinicsOnly(db);
  const rows = await runPrepared<IndexRow>(db, sql`
    with clinic_kinds as (
      select s.clinic_id, array_agg(distinct s.kind) as kinds from services s where s.active group by s.clinic_id
    ), practitioner_kinds as (
      select sp.clinic_id, sp.practitioner_id, array_agg(distinct s.kind) as kinds
      from service_practitioners sp join services s on s.clinic_id = sp.clinic_id and s.id = sp.service_id
      where s.active group by sp.clinic_id, sp.practitioner_id
    ), verified as (
      select distinct q.clinic_id, q.user_id from qualifications q where q.is_facial_acupuncture and q.verified_at is not null
    ), people as (
      select m.clinic_id, json_agg(json_build_object(
          'userId', u.id, 'name', u.name, 'kinds', pk.kinds, 'verifiedFacial', v.user_id is not null
        ) order by u.name) as practitioners
      from memberships m
      join users u on u.id = m.user_id
      join practitioner_kinds pk on pk.clinic_id = m.clinic_id and pk.practitioner_id = m.user_id
      left join verified v on v.clinic_id = m.clinic_id and v.user_id = m.user_id
      where m.role in ('owner', 'practitioner') and m.deactivated_at is null
      group by m.clinic_id
    ), ratings as (
      select r.clinic_id, json_build_object('average', round(avg(r.rating), 1), 'count', count(*)) as rating
      from reviews r where r.hidden_at is null group by r.clinic_id
    )
    select c.id, c.slug, c.name, c.town, c.postcode, c.latitude, c.longitude, ck.kinds, p.practitioners, ra.rating
    from clinics c
    left join clinic_kinds ck on ck.clinic_id = c.id
    left join people p on p.clinic_id = c.id
    left join ratings ra on ra.clinic_id = c.id
    order by c.name`);

  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    town: r.town,
    postcode: r.postcode,
    point: r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude } : null,
    kinds: r.kinds ?? [],
    // A practitioner who gives no active service is not someone a visitor can book: the
    // inner join on their kinds leaves them out.
    practitioners: (r.practitioners ?? []).map((p) => ({ userId: p.userId, name: p.name, title: null, kinds: p.kinds, verifiedFacial: p.verifiedFacial })),
    rating: ratingOf(r.rating),
  }));
}

/** The average of visible reviews of completed appointments; null until there is one. */
const ratingOf = (rating: IndexRow['rating']) => rating ? { average: Number(rating.average), count: Number(rating.count) } : null;

/**
 * Every clinic without its practitioners (an empty list), for a search that does not
 * filter on them: only "verified facial qualification" decides a match by practitioner;
 * a treatment matches on the clinic's kinds. The shown clinics' practitioners come with
 * their details (`loadDirectoryDetails`).
 */
async function loadClinicsOnly(db: Queryable): Promise<DirectoryClinic[]> {
  const rows = await runPrepared<Omit<IndexRow, 'practitioners'>>(db, sql`
    with clinic_kinds as (
      select s.clinic_id, array_agg(distinct s.kind) as kinds from services s where s.active group by s.clinic_id
    ), ratings as (
      select r.clinic_id, json_build_object('average', round(avg(r.rating), 1), 'count', count(*)) as rating
      from reviews r where r.hidden_at is null group by r.clinic_id
    )
    select c.id, c.slug, c.name, c.town, c.postcode, c.latitude, c.longitude, ck.kinds, ra.rating
    from clinics c
    left join clinic_kinds ck on ck.clinic_id = c.id
    left join ratings ra on ra.clinic_id = c.id
    order by c.name`);
  return rows.map((r) => ({
    id: r.id, slug: r.slug, name: r.name, town: r.town, postcode: r.postcode,
    point: r.latitude !== null && r.longitude !== null ? { lat: r.latitude, lng: r.longitude } : null,
    kinds: r.kinds ?? [], practitioners: [], rating: ratingOf(r.rating),
  }));
}

interface DetailRow {
  id: string;
  description: string | null;
  currency: string;
  pricesFrom: Record<string, number> | null;
  photo: { hash: string; alt: string } | null;
  practitioners: { userId: string; name: string; title: string | null; kinds: string[] | null; verifiedFacial: boolean; photoHash: string | null }[];
}

/**
 * What a result card shows, for the given clinics only (a page of results): description,
 * currency, lowest prices per kind, and every bookable practitioner with their title,
 * photo, the kinds they give and whether their facial qualification is verified; and the clinic's photo.
 */
export async function loadDirectoryDetails(db: Queryable, clinics: readonly DirectoryClinic[]): Promise<Map<string, DirectoryEntry>> {
  const shown = new Map<string, DirectoryEntry>();
  if (clinics.length === 0) return shown;
  const ids = [...new Set(clinics.map((c) => c.id))];
  const rows = await runPrepared<DetailRow>(db, sql`
    select c.id, c.description, c.currency,
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
      ), '[]'::json) as practitioners
    from clinics c
    where c.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const clinic of clinics) {
    const detail = byId.get(clinic.id);
    shown.set(clinic.id, {
      ...clinic,
      description: detail?.description ?? null,
      currency: detail?.currency ?? 'GBP',
      pricesFrom: detail?.pricesFrom ?? {},
      photo: detail?.photo ?? null,
      // A practitioner who gives no active service is not someone a visitor can book.
      practitioners: (detail?.practitioners ?? [])
        .map((p) => ({ userId: p.userId, name: p.name, title: p.title, kinds: p.kinds ?? [], verifiedFacial: p.verifiedFacial, photoHash: p.photoHash }))
        .filter((p) => p.kinds.length > 0),
    });
  }
  return shown;
}
