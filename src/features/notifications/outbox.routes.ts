import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { guard } from '../../server/access.ts';
import { listClinicEmails } from './outbox.repository.ts';
import { outboxList, outboxParams, outboxQuery } from './outbox.schema.ts';

/**
 * The clinic's e-mails: what was sent, and without SMTP the local outbox to read them in.
 * Staff read the staff-safe text only: the links in an e-mail belong to its recipient.
 */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/outbox', {
    schema: { tags: ['E-mail'], summary: "The clinic's e-mails (owner and reception)", params: outboxParams, querystring: outboxQuery, response: { 200: outboxList } },
  }, async (request) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, ['owner', 'reception']);
    const rows = await listClinicEmails(ctx.database.db, actor.clinicId, request.query.limit);
    return {
      smtpConfigured: !!ctx.config.SMTP_URL,
      items: rows.map((r) => ({ id: r.id, to: r.toAddress, subject: r.subject, text: r.staffText, status: r.status, createdAt: r.createdAt.toISOString(), attachments: r.attachments })),
    };
  });
};
