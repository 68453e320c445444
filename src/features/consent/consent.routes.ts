import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { CLINICAL_STAFF, guard, OWNER, STAFF } from '../../server/access.ts';
import {
  clientConsentParams, consentPdfParams, kindParams, myConsentList, previewBody, previewResult, signBody, signedConsent, staffConsentView,
  templateBody, templateList, templateVersion,
} from './consent.schema.ts';
import * as consent from './consent.service.ts';

const tags = ['Consent'];

/** Consent forms: the owner's versioned texts, clients signing them, staff reading who signed what. */
export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  app.get('/clinics/:clinicSlug/consent-templates', { schema: { tags, summary: 'Every consent form with its current text and version history (owner)', params: clinicSlugParams, response: { 200: templateList } } },
    async (request) => consent.listTemplates(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER)));
  app.get('/clinics/:clinicSlug/consent-templates/:kind/versions/:version', {
    schema: { tags, summary: 'One version of a consent form with its text (owner)', params: kindParams.extend({ version: z.coerce.number().int().min(1) }), response: { 200: templateVersion } },
  }, async (request) => consent.getTemplateVersion(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.kind, request.params.version));
  app.post('/clinics/:clinicSlug/consent-templates/:kind', {
    schema: { tags, summary: 'Save a new version of a consent form; `material` asks clients who signed an earlier version to sign again (owner)', params: kindParams, body: templateBody, response: { 201: templateVersion } },
  }, async (request, reply) => reply.status(201).send(await consent.saveTemplate(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.kind, request.body)));
  app.post('/clinics/:clinicSlug/consent-templates/preview', {
    schema: { tags, summary: 'Render consent Markdown as the client will see it (owner; nothing saved)', params: clinicSlugParams, body: previewBody, response: { 200: previewResult } },
  }, async (request) => {
    await guard(ctx.database, request, request.params.clinicSlug, OWNER);
    return { html: consent.renderConsentText(request.body.body) };
  });

  app.get('/clinics/:clinicSlug/me/consents', { schema: { tags, summary: 'My consent forms: the current text of each and whether I need to sign it (clients)', params: clinicSlugParams, response: { 200: myConsentList } } },
    async (request) => consent.myConsents(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client'])));
  app.post('/clinics/:clinicSlug/me/consents', {
    schema: { tags, summary: 'Sign a consent form: the version and hash of the text shown, typed name, "I agree" and an optional drawn signature (clients)', params: clinicSlugParams, body: signBody, response: { 201: signedConsent } },
  }, async (request, reply) => reply.status(201).send(await consent.signConsent(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.body)));

  app.get('/clinics/:clinicSlug/clients/:clientId/consents', {
    schema: { tags, summary: "A client's consent forms: signatures for the owner and their practitioners, signed or missing only for reception (staff)", params: clientConsentParams, response: { 200: staffConsentView } },
  }, async (request) => consent.clientConsents(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.get('/clinics/:clinicSlug/clients/:clientId/consents/:consentId/pdf', {
    schema: { tags, summary: 'A signed consent as a PDF (owner, the client’s practitioners, or the client)', params: consentPdfParams },
  }, async (request, reply) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, [...CLINICAL_STAFF, 'reception', 'client']);
    const { filename, pdf } = await consent.consentPdf(ctx, actor, request.params.clientId, request.params.consentId);
    return reply.header('Content-Disposition', `attachment; filename="${filename}"`).type('application/pdf').send(pdf);
  });
};
