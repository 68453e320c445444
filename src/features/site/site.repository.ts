import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { holdsVerifiedFacialQualification, qualifiedPractitioners } from '../../domain/scheduling/qualified-practitioners.ts';

/** A service as the public pages show it. */
export interface PublicService {
  id: string;
  slug: string;
  name: string;
  kind: string;
  description: string;
  durationMin: number;
  priceMinor: number;
  bookableOnline: boolean;
  /** Who gives it and may be booked for it (facial: a verified facial qualification, unless the clinic turned that rule off). */
  practitionerIds: string[];
}

/** A qualification or professional membership as the public pages show it. */
export interface PublicQualification {
  kind: 'qualification' | 'membership';
  awardingBody: string;
  title: string;
  year: number | null;
  membershipNumber: string | null;
  isFacialAcupuncture: boolean;
  /** The clinic owner has checked the evidence. */
  verified: boolean;
}

/** A practitioner (or practising owner) with the fields of their public profile. */
export interface PublicStaffMember {
  userId: string;
  name: string;
  role: 'owner' | 'practitioner';
  title: string | null;
  bio: string | null;
  yearsExperience: number | null;
  /** The content hash of their photo (never its bytes), or null. */
  photoHash: string | null;
  qualifications: PublicQualification[];
}

/** Everything the clinic, practitioner and treatment pages show, read in one query. */
export interface ClinicProfileRow {
  id: string;
  slug: string;
  name: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  currency: string;
  phone: string | null;
  email: string;
  website: string | null;
  description: string | null;
  hygieneStatement: string | null;
  /** The clinic's photo and logo: their hashes (never their bytes) and text alternatives. */
  images: { kind: 'photo' | 'logo'; hash: string; alt: string }[];
  services: PublicService[];
  staff: PublicStaffMember[];
  weeklyHours: { weekday: number; startMinute: number; endMinute: number }[];
  /** Days the clinic is closed in the coming 60 days (its local dates), soonest first. */
  closures: { date: string; name: string }[];
}

/** Rows of a raw query: both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * The clinic with the given slug and all its public data, in one round trip: correlated
 * subqueries aggregate services (with who gives them), practitioners (with their
 * qualifications) and working hours as JSON. Only fields meant for the public are
 * selected: no e-mail addresses of staff, no verifier, nothing clinical; of a photo only
 * its hash, which names its address (the bytes stay out of line, unread). Written as SQL
 * with explicit table aliases, because correlated subqueries need qualified names.
 */
export async function loadClinicProfile(db: Queryable, slug: string): Promise<ClinicProfileRow | undefined> {
  const [row] = await queryRows<ClinicProfileRow>(db, sql`
    select c.id, c.slug, c.name, c.address_line1 as "addressLine1", c.address_line2 as "addressLine2", c.town, c.postcode,
      c.latitude, c.longitude, c.time_zone as "timeZone", c.currency, c.phone, c.email, c.website, c.description,
      c.hygiene_statement as "hygieneStatement",
      coalesce((select json_agg(json_build_object('kind', ci.kind, 'hash', ci.hash, 'alt', ci.alt)) from clinic_images ci where ci.clinic_id = c.id), '[]'::json) as images,
      coalesce((select st.require_verified_facial_qualification from clinic_booking_settings st where st.clinic_id = c.id), true) as "requireVerifiedFacialQualification",
      coalesce((
        select json_agg(json_build_object(
          'id', s.id, 'slug', s.slug, 'name', s.name, 'kind', s.kind, 'description', s.description,
          'durationMin', s.duration_min, 'priceMinor', s.price_minor, 'bookableOnline', s.bookable_online,
          'practitionerIds', coalesce((
            select json_agg(sp.practitioner_id) from service_practitioners sp
            join memberships m on m.clinic_id = sp.clinic_id and m.user_id = sp.practitioner_id and m.deactivated_at is null
            where sp.clinic_id = s.clinic_id and sp.service_id = s.id
          ), '[]'::json)
        ) order by s.sort_order, s.name)
        from services s where s.clinic_id = c.id and s.active
      ), '[]'::json) as services,
      coalesce((
        select json_agg(json_build_object(
          'userId', u.id, 'name', u.name, 'role', m.role, 'title', m.title, 'bio', m.bio, 'yearsExperience', m.years_experience,
          'photoHash', (select ph.hash from practitioner_photos ph where ph.clinic_id = m.clinic_id and ph.practitioner_id = m.user_id),
          'qualifications', coalesce((
            select json_agg(json_build_object(
              'kind', q.kind, 'awardingBody', q.awarding_body, 'title', q.title, 'year', q.year,
              'membershipNumber', q.membership_number, 'isFacialAcupuncture', q.is_facial_acupuncture, 'verified', q.verified_at is not null
            ) order by q.kind desc, q.year desc nulls last, q.title)
            from qualifications q where q.clinic_id = m.clinic_id and q.user_id = m.user_id
          ), '[]'::json)
        ) order by u.name)
        from memberships m join users u on u.id = m.user_id
        where m.clinic_id = c.id and m.role in ('owner', 'practitioner') and m.deactivated_at is null
      ), '[]'::json) as staff,
      coalesce((
        select json_agg(json_build_object('weekday', h.weekday, 'startMinute', h.start_minute, 'endMinute', h.end_minute))
        from practitioner_weekly_hours h where h.clinic_id = c.id
      ), '[]'::json) as "weeklyHours",
      coalesce((
        select json_agg(json_build_object('date', cc.date, 'name', cc.name) order by cc.date)
        from clinic_closures cc
        where cc.clinic_id = c.id and cc.date >= (now() at time zone c.time_zone)::date and cc.date < (now() at time zone c.time_zone)::date + 60
      ), '[]'::json) as closures
    from clinics c
    where c.slug = ${slug}`);
  if (!row) return row;
  // Who may be booked for each service: the verified-qualification rule on the staff's
  // qualifications, read above. A practitioner not among the staff (never: givers are
  // owners or practitioners) would count as unverified.
  const { requireVerifiedFacialQualification, ...profile } = row as ClinicProfileRow & { requireVerifiedFacialQualification: boolean };
  const verified = new Map(profile.staff.map((m) => [m.userId, holdsVerifiedFacialQualification(m.qualifications)]));
  const rule = { requireVerifiedFacialQualification };
  return {
    ...profile,
    services: profile.services.map((s) => ({
      ...s,
      practitionerIds: qualifiedPractitioners(s.kind, s.practitionerIds.map((id) => ({ id, verifiedFacial: verified.get(id) ?? false })), rule).map((p) => p.id),
    })),
  };
}

/** What the sitemap lists: every clinic, the treatments it offers, its practitioners. */
export interface SitemapClinicRow {
  slug: string;
  kinds: string[];
  staff: { userId: string; hasBio: boolean; hasQualifications: boolean; givesServices: boolean }[];
  /** Whether its reviews page has anything to show. */
  hasReviews: boolean;
  /** The UTC day its reviews last changed (written, answered or hidden), if it has any. */
  reviewsModified: string | null;
  /** Treatment slug → the UTC day the clinic published its own text for that page. */
  publishedPages: Record<string, string>;
}

/** Every clinic for the sitemap, in one query. */
export async function listSitemapClinics(db: Queryable): Promise<SitemapClinicRow[]> {
  return queryRows<SitemapClinicRow>(db, sql`
    select c.slug,
      coalesce((select json_agg(distinct s.kind) from services s where s.clinic_id = c.id and s.active), '[]'::json) as kinds,
      coalesce((
        select json_agg(json_build_object(
          'userId', m.user_id,
          'hasBio', m.bio is not null,
          'hasQualifications', exists (select 1 from qualifications q where q.clinic_id = m.clinic_id and q.user_id = m.user_id),
          'givesServices', exists (
            select 1 from service_practitioners sp join services s on s.clinic_id = sp.clinic_id and s.id = sp.service_id
            where sp.clinic_id = m.clinic_id and sp.practitioner_id = m.user_id and s.active)
        ))
        from memberships m where m.clinic_id = c.id and m.role in ('owner', 'practitioner') and m.deactivated_at is null
      ), '[]'::json) as staff,
      exists (select 1 from reviews r where r.clinic_id = c.id and r.hidden_at is null) as "hasReviews",
      (select to_char(max(greatest(r.created_at, r.replied_at, r.hidden_at)) at time zone 'UTC', 'YYYY-MM-DD')
        from reviews r where r.clinic_id = c.id) as "reviewsModified",
      coalesce((
        select json_object_agg(v.slug, to_char(v.published_at at time zone 'UTC', 'YYYY-MM-DD'))
        from content_page_versions v where v.clinic_id = c.id and v.published
      ), '{}'::json) as "publishedPages"
    from clinics c
    order by c.slug`);
}
