/**
 * sitemap.xml (https://www.sitemaps.org/protocol.html) and robots.txt (RFC 9309) for the
 * public site. Only public pages are listed; the app and the API stay out of search
 * engines, except the API's reference, which is meant to be read.
 */

import type { Queryable } from '../../data/db.ts';
import { TREATMENTS } from '../../domain/treatments/treatments.ts';
import { listSitemapClinics } from './site.repository.ts';
import { clinicPath, findPath, guideIndexPath, guidePath, practitionerPath, treatmentPath } from './site.paths.ts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Every public page's address: home, directory, the treatment guide, clinics, their treatment pages and practitioners (one query). */
export async function sitemapPaths(db: Queryable): Promise<string[]> {
  const rows = await listSitemapClinics(db);
  const paths = ['/', findPath, guideIndexPath, ...TREATMENTS.map((t) => guidePath(t.slug))];
  for (const clinic of rows) {
    paths.push(clinicPath(clinic.slug));
    for (const t of TREATMENTS) if (clinic.kinds.includes(t.kind)) paths.push(treatmentPath(clinic.slug, t.slug));
    // The same rule as the profile pages: someone who gives a service, or has a bio or qualifications.
    for (const p of clinic.staff) if (p.givesServices || p.hasBio || p.hasQualifications) paths.push(practitionerPath(clinic.slug, p.userId));
  }
  return paths;
}

export async function renderSitemap(db: Queryable, base: string): Promise<string> {
  const urls = (await sitemapPaths(db)).map((p) => `  <url><loc>${escapeXml(base + p)}</loc></url>`);
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
