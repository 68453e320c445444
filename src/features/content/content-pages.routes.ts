import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { contentPage, contentPageList, pageParams, previewBody, previewResponse, saveVersionBody, versionParams } from './content-pages.schema.ts';
import * as content from './content-pages.service.ts';
import { guard, OWNER } from '../../server/access.ts';

const tags = ['Content'];

/** The owner edits the clinic's treatment pages: Markdown with a server-rendered preview, versioned with undo. */
export const contentPageRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });
  app.get('/clinics/:clinicSlug/content-pages', { schema: { tags, summary: 'Treatment pages and whether each shows the default or the clinic’s version (owner)', params: clinicSlugParams, response: { 200: contentPageList } } },
    async (request) => content.listContentPages(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER)));
  app.post('/clinics/:clinicSlug/content-pages/preview', { schema: { tags, summary: 'Render Markdown as the public page will (sanitised) (owner)', params: clinicSlugParams, body: previewBody, response: { 200: previewResponse } } },
    async (request) => content.previewContent(await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body.markdown));
  app.get('/clinics/:clinicSlug/content-pages/:page', { schema: { tags, summary: 'A treatment page as shown now, with its saved versions (owner)', params: pageParams, response: { 200: contentPage } } },
    async (request) => content.getContentPage(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.page));
  app.post('/clinics/:clinicSlug/content-pages/:page/versions', { schema: { tags, summary: 'Save an edit as a new published version (owner; 409 if someone saved meanwhile)', params: pageParams, body: saveVersionBody, response: { 201: contentPage } } },
    async (request, reply) => reply.status(201).send(await content.saveContentVersion(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.page, request.body)));
  app.post('/clinics/:clinicSlug/content-pages/:page/versions/:version/restore', { schema: { tags, summary: 'Undo: publish an earlier version again, as the newest (owner)', params: versionParams, response: { 201: contentPage } } },
    async (request, reply) => reply.status(201).send(await content.restoreContentVersion(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.page, request.params.version)));
  app.post('/clinics/:clinicSlug/content-pages/:page/use-default', { schema: { tags, summary: 'Show the default page again; versions are kept (owner)', params: pageParams, response: { 200: contentPage } } },
    async (request) => content.useDefaultContent(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.page));
};
