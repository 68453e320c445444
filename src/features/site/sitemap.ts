/**
 * sitemap.xml (https://www.sitemaps.org/protocol.html) and robots.txt (RFC 9309) for the
 * public site. Only public pages are listed; the app and the API stay out of search
 * engines, except the API's reference, which is meant to be read.
 */

import type { Queryable } from '../../data/db.ts';
import { TREATMENTS } from '../../domain/treatments/treatments.ts';
import { listSitemapClinics } from './site.repository.ts';
import { guideArticles } from '../guide/guide-articles.ts';
import { clinicPath, findPath, guideIndexPath, guidePath, practitionerPath, reviewsPath, treatmentPath } from './site.paths.ts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A page for the sitemap, with the day it last changed when that is known for certain. */
export interface SitemapEntry {
  path: string;
  lastmod?: string;
}

/**
 * Every public page: home, directory, the treatment guide, clinics, their treatment pages,
 * reviews and practitioners (one query). `lastmod` only where the date is true: a guide
 * article's review day, a clinic's own treatment text's publishing day, the last change to
 * a clinic's reviews. Clinic and practitioner profiles record no edit date, so they have none.
 */
export async function sitemapEntries(db: Queryable): Promise<SitemapEntry[]> {
  const rows = await listSitemapClinics(db);
  const entries: SitemapEntry[] = [{ path: '/' }, { path: findPath }, { path: guideIndexPath }];
  for (const a of guideArticles()) entries.push({ path: guidePath(a.treatment.slug), lastmod: a.lastReviewed });
  for (const clinic of rows) {
    entries.push({ path: clinicPath(clinic.slug) });
    for (const t of TREATMENTS) {
      if (!clinic.kinds.includes(t.kind)) continue;
      const published = clinic.publishedPages[t.slug];
      entries.push({ path: treatmentPath(clinic.slug, t.slug), ...(published ? { lastmod: published } : {}) });
    }
    if (clinic.hasReviews) entries.push({ path: reviewsPath(clinic.slug), ...(clinic.reviewsModified ? { lastmod: clinic.reviewsModified } : {}) });
    // The same rule as the profile pages: someone who gives a service, or has a bio or qualifications.
    for (const p of clinic.staff) if (p.givesServices || p.hasBio || p.hasQualifications) entries.push({ path: practitionerPath(clinic.slug, p.userId) });
  }
  return entries;
}

export async function renderSitemap(db: Queryable, base: string): Promise<string> {
  const urls = (await sitemapEntries(db)).map((e) =>
    `  <url><loc>${escapeXml(base + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * Crawlers may read everything public. The signed-in app and the API are not for search
 * engines; the API reference (/api/docs) and its OpenAPI document are, so they are allowed
 * (the longest matching rule wins, RFC 9309 §2.2.2).
 */
export function renderRobots(base: string): string {
  return [
    'User-agent: *',
    'Disallow: /app',
    'Disallow: /api/',
    'Allow: /api/docs',
    'Allow: /api/openapi.json',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n');
}
