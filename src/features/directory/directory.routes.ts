import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LOCATE_SCRIPT, LOCATE_SCRIPT_PATH } from '../../web/public/components/search-form.tsx';
import { FindPage } from '../../web/public/pages/find-page.tsx';
import { directoryQuery, directoryResponse } from './directory.schema.ts';
import type { FastifyReply } from 'fastify';
import { clinicVersions } from '../scheduling/clinic-versions.ts';
import { PRECOMPRESSED, type PageCache } from '../site/page-cache.ts';
import { directoryApi, findPage, readFindQuery, type FindPageRequest } from './directory.service.ts';

/** `GET /api/v1/directory`: the directory as JSON, for the app, widgets and third parties. */
export const directoryApiRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.ctx;
  const versions = clinicVersions(database);
  app.get('/directory', {
    schema: {
      tags: ['Directory'],
      summary: 'Search clinics and practitioners',
      description: 'Public. Filters by treatment, town or postcode district, distance and verified facial acupuncture qualification; ' +
        'sorted by distance when a point or postcode is given, else by name. `rating` is the average of visible reviews of completed appointments, null when a clinic has none.',
      querystring: directoryQuery,
      response: { 200: directoryResponse },
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'public, max-age=60');
    return directoryApi(database.db, config.publicUrl, request.query, await versions.directory());
  });
};

/** The address of another page of the same search, keeping only the filters in use. */
function pageHref(request: FindPageRequest, page: number): string {
  const params = new URLSearchParams();
  const { form } = request;
  if (form.treatment) params.set('treatment', form.treatment);
  if (form.where) params.set('where', form.where);
  if (form.near) params.set('near', form.near);
  if (form.within) params.set('within', form.within);
  if (form.verified) params.set('verified', '1');
  if (form.rating) params.set('rating', form.rating);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/find${query ? `?${query}` : ''}`;
}

/** `/find`: the directory page. Never fails on odd input: it explains and shows what it can. */
export const directoryPageRoutes: FastifyPluginAsyncZod<{ pages: PageCache }> = async (app, { pages }) => {
  const { database, config } = app.ctx;
  const versions = clinicVersions(database);
  app.get('/find', { schema: { hide: true }, ...PRECOMPRESSED }, async (request, reply) => {
    const find = readFindQuery((request.query ?? {}) as Record<string, unknown>);
    // A page past the last is a real "not found", for people and crawlers alike, but still a
    // full page that says how many pages there are and links back to the first. Only the
    // found pages are cached, per version of the whole network.
    let outOfRange: (() => FastifyReply) | undefined;
    const network = await versions.networkVersions();
    return pages.serve(request, reply, network.page, async () => {
      const page = await renderFind(find, network.directory);
      if (page.outOfRange) outOfRange = () => reply.status(404).type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(page.html);
      return page.outOfRange ? null : page;
    }, () => outOfRange ? outOfRange() : app.renderNotFound(request, reply));
  });

  async function renderFind(find: FindPageRequest, directoryVersion: string) {
    const { place, result, towns, nearest } = await findPage(database.db, find, directoryVersion);
    return { outOfRange: result.outOfRange, html: app.renderHtml(FindPage({ request: find, place, result, towns, nearest, pageHref: (n) => pageHref(find, n) }), {
      title: find.search.treatment ? `Find ${find.search.treatment.name}` : 'Find a clinic or practitioner',
      description: 'Search clinics and practitioners by treatment, town, postcode or distance, and see who holds a verified facial acupuncture qualification.',
      // Filtered and paged results are variations of one page: point search engines at it.
      canonical: `${config.publicUrl}/find`,
    }) };
  }

  // "Use my location" as a same-origin file: the content security policy allows scripts
  // from this origin, and an inline one would need a per-answer nonce the page cache cannot keep.
  app.get(LOCATE_SCRIPT_PATH, { schema: { hide: true } }, async (_request, reply) => {
    return reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(LOCATE_SCRIPT);
  });
};
