import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GuideIndexPage } from '../../web/public/pages/guide-index-page.tsx';
import { GuidePage } from '../../web/public/pages/guide-page.tsx';
import { breadcrumbJsonLd, faqJsonLd, guideArticleJsonLd, guideIndexJsonLd } from '../site/structured-data.ts';
import { findPath, guideIndexPath, guidePath } from '../site/site.paths.ts';
import { guideArticle, guideArticles } from './guide-articles.ts';
import { bookingServiceSlugs } from './guide.repository.ts';
import { clinicsForGuide, readGuidePlace } from './guide.service.ts';
import { clinicVersions } from '../scheduling/clinic-versions.ts';

export interface GuideRoutesOptions {
  /** Where "Book" goes for a clinic, opened on a service (see site.paths.ts `bookingHref`). */
  bookHref: (clinicSlug: string, params?: Record<string, string>) => string;
}

/**
 * `/treatments` and `/treatments/:treatment`: Yintang's own guide, server-rendered like
 * the other public pages (registered by the site's routes, so they share its caching).
 */
export const guideRoutes: FastifyPluginAsyncZod<GuideRoutesOptions> = async (app, { bookHref }) => {
  const { database, config } = app.ctx;
  const versions = clinicVersions(database);
  const base = config.publicUrl;

  app.get(guideIndexPath, { schema: { hide: true } }, async (_request, reply) => {
    const articles = guideArticles();
    return app.renderPage(reply, GuideIndexPage({ articles }), {
      title: 'Treatment guide: facial acupuncture, acupuncture, sports massage and knee pain',
      description: 'Plain, honest guides to facial acupuncture, traditional acupuncture, sports massage and knee-pain care: what they are, the evidence, safety and choosing a practitioner.',
      canonical: `${base}${guideIndexPath}`,
      jsonLd: [
        guideIndexJsonLd(base, guideIndexPath, articles.map((a) => ({ path: guidePath(a.treatment.slug), title: a.title }))),
        breadcrumbJsonLd(base, [{ name: 'Home', path: '/' }, { name: 'Treatments', path: guideIndexPath }]),
      ],
    });
  });

  app.get('/treatments/:treatment', { schema: { hide: true, params: z.object({ treatment: z.string() }) } }, async (request, reply) => {
    const article = guideArticle(request.params.treatment);
    if (!article) return app.renderNotFound(request, reply);
    const { treatment } = article;
    const query = readGuidePlace((request.query ?? {}) as Record<string, unknown>);
    const clinics = await clinicsForGuide(database.db, treatment, query, await versions.directory());
    const serviceSlugs = await bookingServiceSlugs(database.db, clinics.shown.map((h) => h.clinic.id), treatment);
    const path = guidePath(treatment.slug);
    const find = new URLSearchParams({ treatment: treatment.slug });
    if (query.where) find.set('where', query.where);
    if (query.near) find.set('near', query.near);
    return app.renderPage(reply, GuidePage({
      article, clinics, query,
      bookHref: (clinicId, slug) => {
        const service = serviceSlugs.get(clinicId);
        return bookHref(slug, service ? { service } : {});
      },
      findHref: `${findPath}?${find.toString()}`,
    }), {
      title: `${article.title}: a guide`,
      description: article.description,
      // Searches by place are variations of one page: point search engines at the article.
      canonical: `${base}${path}`,
      jsonLd: [
        guideArticleJsonLd(base, { path, title: article.title, description: article.description, lastReviewed: article.lastReviewed, treatmentLabel: treatment.label }),
        // Only the questions the page itself shows, with their answers as written.
        ...(article.questions.length ? [faqJsonLd(base, path, article.questions)] : []),
        breadcrumbJsonLd(base, [{ name: 'Home', path: '/' }, { name: 'Treatments', path: guideIndexPath }, { name: article.title, path }]),
      ],
    });
  });
};
