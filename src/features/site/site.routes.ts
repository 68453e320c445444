import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asc, sql } from 'drizzle-orm';
import { clinics } from '../../data/schema/index.ts';
import { HomePage } from '../../web/public/pages/home-page.tsx';
import { ClinicPage } from '../../web/public/pages/clinic-page.tsx';
import { PractitionerPage } from '../../web/public/pages/practitioner-page.tsx';
import { ReviewsPage } from '../../web/public/pages/reviews-page.tsx';
import { nextFreeSlot } from './next-free-slot.ts';
import { TreatmentPage } from '../../web/public/pages/treatment-page.tsx';
import { getTreatmentPage, renderTreatmentPage } from '../content/treatment-pages.ts';
import { markdownToText } from '../content/markdown.ts';
import { directoryPageRoutes } from '../directory/directory.routes.ts';
import { guideRoutes } from '../guide/guide.routes.ts';
import { getClinicProfile } from './site.service.ts';
import { publicReviews } from '../reviews/reviews.repository.ts';
import { bookingHref, clinicPath, practitionerPath, reviewsPath, treatmentPath } from './site.paths.ts';
import { breadcrumbJsonLd, clinicJsonLd, practitionerJsonLd, treatmentJsonLd, websiteJsonLd } from './structured-data.ts';
import { renderRobots, renderSitemap } from './sitemap.ts';
import { suitabilityCheck } from '../screening/suitability-page.ts';
import type { FormFields } from '../../domain/intake/index.ts';
import { clinicVersions } from '../scheduling/clinic-versions.ts';
import { PageCache, PRECOMPRESSED } from './page-cache.ts';
import { voucherShopOf } from '../money/online-vouchers.service.ts';

/**
 * Public pages may be kept by browsers and shared caches for five minutes, and served
 * stale for a day while a fresh copy is fetched: they hold nothing personal, and a
 * clinic's edits show within minutes. (RFC 9111; stale-while-revalidate is RFC 5861.)
 */
export const PUBLIC_PAGE_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

/** How many clinics the home page lists before pointing to the directory. */
const HOME_CLINICS = 12;

/** Server-rendered public pages: readable without JavaScript, indexable, fast. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.ctx;
  const base = config.publicUrl;

  // Successful pages of this plugin are cacheable; errors and 404s keep `no-cache`.
  app.addHook('onSend', (_request, reply: FastifyReply, payload, done) => {
    // The answer to a posted "Is it right for me?" check is for that visitor only: never cached.
    if (_request.method !== 'GET' && _request.method !== 'HEAD') reply.header('Cache-Control', 'no-store');
    else if (reply.statusCode === 304 || (reply.statusCode === 200 && String(reply.getHeader('content-type') ?? '').startsWith('text/html'))) {
      reply.header('Cache-Control', PUBLIC_PAGE_CACHE);
    }
    done(null, payload);
  });

  // The booking page belongs to the booking feature, which may register it after us: look
  // once every route is known, and until it exists send "Book" to sign-up for the clinic.
  let bookingPageExists = false;
  app.addHook('onReady', async () => {
    bookingPageExists = app.hasRoute({ method: 'GET', url: '/clinics/:clinicSlug/book' });
  });
  const bookHref = (slug: string, params?: Record<string, string>) => bookingHref(slug, bookingPageExists, params);

  // Pages are rendered once per clinic version (or per network version for the pages that
  // list every clinic) and sent from memory until a write changes what they show.
  const pages = new PageCache();
  const versions = clinicVersions(database);
  const notFound = (request: FastifyRequest, reply: FastifyReply) => () => app.renderNotFound(request, reply);

  await app.register(directoryPageRoutes, { pages });
  await app.register(guideRoutes, { bookHref });

  app.get('/', { schema: { hide: true }, ...PRECOMPRESSED }, async (request, reply) => pages.serve(request, reply, await versions.network(), async () => {
    const rows = await database.db
      .select({
        slug: clinics.slug, name: clinics.name, town: clinics.town, postcode: clinics.postcode, description: clinics.description,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(clinics)
      .orderBy(asc(clinics.name))
      .limit(HOME_CLINICS);
    const home = rows.map((r) => ({ slug: r.slug, name: r.name, town: r.town, postcode: r.postcode, summary: r.description ? markdownToText(r.description, 180) : undefined }));
    return { html: app.renderHtml(HomePage({ clinics: home, clinicCount: rows[0]?.total ?? 0 }), {
      title: 'Find a qualified facial acupuncturist',
      description: 'Find a qualified facial acupuncturist at a safe, registered clinic near you, read honest information about each treatment, and book a free consultation.',
      canonical: `${base}/`,
      jsonLd: [websiteJsonLd(base)],
    }) };
  }, notFound(request, reply)));

  /** Serves a page of the clinic at `slug` from the cache of its current version. */
  async function clinicPage(request: FastifyRequest, reply: FastifyReply, slug: string, render: () => Promise<{ html: string } | null>) {
    const found = /^[a-z0-9][a-z0-9-]{0,99}$/.test(slug) ? await versions.clinic(slug) : null;
    if (!found) return app.renderNotFound(request, reply);
    return pages.serve(request, reply, String(found.version), render, notFound(request, reply));
  }

  const clinicParams = z.object({ clinicSlug: z.string() });

  app.get('/clinics/:clinicSlug', { schema: { hide: true, params: clinicParams }, ...PRECOMPRESSED }, (request, reply) => clinicPage(request, reply, request.params.clinicSlug, async () => {
    const profile = await getClinicProfile(database.db, request.params.clinicSlug);
    if (!profile) return null;
    const { clinic } = profile;
    const reviews = await publicReviews(database.db, clinic.id);
    const giftVouchersHref = (await voucherShopOf(database.db, clinic.slug)) ? `/clinics/${clinic.slug}/gift-vouchers` : undefined;
    return { html: app.renderHtml(ClinicPage({ profile, bookHref: bookHref(clinic.slug), reviews, giftVouchersHref }), {
      title: `${clinic.name}, ${clinic.town}`,
      description: clinic.descriptionText ?? `${clinic.name} in ${clinic.town}: treatments, prices, practitioners and how to book.`,
      canonical: `${base}${clinicPath(clinic.slug)}`,
      ...(clinic.photo ? { image: { url: `${base}${clinic.photo.url}`, alt: clinic.photo.alt, width: 480, height: 360 } } : {}),
      jsonLd: [
        clinicJsonLd(base, profile, reviews.aggregate),
        breadcrumbJsonLd(base, [{ name: 'Find a clinic', path: '/find' }, { name: clinic.name, path: clinicPath(clinic.slug) }]),
      ],
    }) };
  }));

  const REVIEWS_PER_PAGE = 20;
  const reviewsQuery = z.object({ page: z.string().optional(), practitioner: z.string().optional() });

  // Every visible review, a page at a time. Odd query values give the first page (or a
  // kind "no such page"), never an error.
  app.get('/clinics/:clinicSlug/reviews', { schema: { hide: true, params: clinicParams, querystring: reviewsQuery } }, async (request, reply) => {
    const profile = await getClinicProfile(database.db, request.params.clinicSlug);
    if (!profile) return app.renderNotFound(request, reply);
    const { clinic } = profile;
    const wanted = request.query.practitioner;
    const person = wanted ? profile.practitioners.find((p) => p.userId === wanted) : undefined;
    if (wanted && !person) return app.renderNotFound(request, reply);
    const asked = Number(request.query.page);
    const page = Number.isSafeInteger(asked) && asked >= 1 ? asked : 1;
    const reviews = await publicReviews(database.db, clinic.id, person?.userId, REVIEWS_PER_PAGE, (page - 1) * REVIEWS_PER_PAGE);
    const pageCount = Math.max(1, Math.ceil(reviews.aggregate.count / REVIEWS_PER_PAGE));
    const pageHref = (n: number) => reviewsPath(clinic.slug, { practitionerId: person?.userId, page: n });
    const subject = person ? `${person.name} at ${clinic.name}` : clinic.name;
    return app.renderPage(reply, ReviewsPage({ profile, person, reviews, page, pageCount, pageHref }), {
      title: `Reviews of ${subject}${page > 1 ? ` (page ${page})` : ''}`,
      description: `What clients say about ${subject}, from completed appointments only, with the clinic's replies.`,
      canonical: `${base}${pageHref(Math.min(page, pageCount))}`,
      jsonLd: [breadcrumbJsonLd(base, [
        { name: 'Find a clinic', path: '/find' },
        { name: clinic.name, path: clinicPath(clinic.slug) },
        ...(person ? [{ name: person.name, path: practitionerPath(clinic.slug, person.userId) }] : []),
        { name: 'Reviews', path: pageHref(1) },
      ])],
    }, page > pageCount ? 404 : 200);
  });

  // Built once: a Zod schema made on every request was about 10 µs of this page's server
  // time with the garbage it left (a sixth of it). An id that is not a UUID is a 404 page.
  const PRACTITIONER_ID = z.uuid();
  app.get('/clinics/:clinicSlug/practitioners/:practitionerId', {
    schema: { hide: true, params: clinicParams.extend({ practitionerId: z.string() }) }, ...PRECOMPRESSED,
  }, async (request, reply) => {
    const { practitionerId } = request.params;
    if (!PRACTITIONER_ID.safeParse(practitionerId).success) return app.renderNotFound(request, reply);
    return clinicPage(request, reply, request.params.clinicSlug, () => practitionerPage(request.params.clinicSlug, practitionerId));
  });

  async function practitionerPage(slug: string, practitionerId: string) {
    const profile = await getClinicProfile(database.db, slug);
    const person = profile?.practitioners.find((p) => p.userId === practitionerId);
    if (!profile || !person) return null;
    const { clinic } = profile;
    const path = practitionerPath(clinic.slug, person.userId);
    const role = person.title ?? 'Practitioner';
    const [reviews, nextFree] = await Promise.all([
      publicReviews(database.db, clinic.id, person.userId),
      nextFreeSlot(database.db, clinic, person.userId, person.services),
    ]);
    return { html: app.renderHtml(PractitionerPage({ profile, person, bookHref: bookHref(clinic.slug, { practitioner: person.userId }), reviews, nextFree }), {
      title: shortestTitle([`${person.name}, ${role} at ${clinic.name}`, `${person.name} at ${clinic.name}`, person.name]),
      description: person.summary ?? `${person.name}, ${role.toLowerCase()} at ${clinic.name} in ${clinic.town}: qualifications, treatments and how to book.`,
      canonical: `${base}${path}`,
      ...(person.photo ? { image: { url: `${base}${person.photo.url}`, alt: person.photo.alt, width: 480, height: 480 } } : {}),
      jsonLd: [
        practitionerJsonLd(base, profile, person),
        breadcrumbJsonLd(base, [
          { name: 'Find a clinic', path: '/find' }, { name: clinic.name, path: clinicPath(clinic.slug) }, { name: person.name, path },
        ]),
      ],
    }) };
  }

  const treatmentParams = clinicParams.extend({ treatmentSlug: z.string() });
  async function treatmentPage(params: z.infer<typeof treatmentParams>, posted?: FormFields) {
    const profile = await getClinicProfile(database.db, params.clinicSlug);
    if (!profile) return null;
    const offered = profile.treatments.find((t) => t.treatment.slug === params.treatmentSlug);
    // A clinic only has pages for the treatments it offers.
    const content = offered && await getTreatmentPage(database.db, profile.clinic.id, offered.treatment.slug);
    if (!offered || !content) return null;
    const { clinic } = profile;
    const { treatment } = offered;
    const path = treatmentPath(clinic.slug, treatment.slug);
    const practitioners = profile.practitioners.filter((p) => p.services.some((s) => s.kind === treatment.kind));
    // Start booking on the treatment's first service (for facial acupuncture, the consultation).
    const href = bookHref(clinic.slug, offered.services[0] ? { service: offered.services[0].slug } : {});
    const check = await suitabilityCheck(database.db, { id: clinic.id, timeZone: clinic.timeZone }, treatment.kind, treatment.name.toLowerCase(), posted);
    return { html: app.renderHtml(TreatmentPage({
      profile, treatment, title: content.title, description: content.description, rendered: renderTreatmentPage(content.markdown),
      services: offered.services, practitioners, bookHref: href, check,
    }), {
      title: `${content.title} at ${clinic.name}, ${clinic.town}`,
      description: content.description,
      canonical: `${base}${path}`,
      jsonLd: [
        treatmentJsonLd(base, profile, treatment, content.title, content.description, content.publishedAt),
        breadcrumbJsonLd(base, [{ name: 'Find a clinic', path: '/find' }, { name: clinic.name, path: clinicPath(clinic.slug) }, { name: content.title, path }]),
      ],
    }) };
  }

  app.get('/clinics/:clinicSlug/treatments/:treatmentSlug', { schema: { hide: true, params: treatmentParams }, ...PRECOMPRESSED },
    (request, reply) => clinicPage(request, reply, request.params.clinicSlug, () => treatmentPage(request.params)));
  // "Is it right for me?" posts here (no JavaScript needed). It stores and changes nothing,
  // so it is exempt from the CSRF check: the page is publicly cached and cannot carry a
  // visitor's token, and a signed-in visitor's cookie would otherwise get a 403.
  app.post('/clinics/:clinicSlug/treatments/:treatmentSlug', {
    schema: { hide: true, params: treatmentParams, body: z.record(z.string(), z.union([z.string().max(200), z.array(z.string().max(200)).max(20)])) },
    config: { csrfExempt: true },
  }, async (request, reply) => {
    const page = await treatmentPage(request.params, request.body);
    if (!page) return app.renderNotFound(request, reply);
    return reply.type('text/html; charset=utf-8').send(page.html);
  });

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type('application/xml; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(await renderSitemap(database.db, base));
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(renderRobots(base));
  });
};

/**
 * The first title that fits search results with the " · Yintang" suffix (70 characters in
 * all, html-validate's long-title), else the last one offered.
 */
function shortestTitle(candidates: string[]): string {
  return candidates.find((c) => c.length + ' · Yintang'.length <= 70) ?? candidates[candidates.length - 1]!;
}
