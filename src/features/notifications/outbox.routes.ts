import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard } from '../../server/guard.ts';
import { listClinicEmails } from './outbox.repository.ts';

const outboxList = z.object({
  smtpConfigured: z.boolean(),
  items: z.array(z.object({
    id: z.string(), to: z.string(), subject: z.string(), text: z.string(), status: z.enum(['pending', 'sent', 'kept', 'failed']),
    createdAt: z.iso.datetime(), attachments: z.array(z.string()),
  })),
});

/** The clinic's e-mails: what was sent, and without SMTP the local outbox to read them in. */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/outbox', {
    schema: { tags: ['E-mail'], summary: "The clinic's e-mails (owner and reception)", params: clinicSlugParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: outboxList } },
  }, async (request) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, ['owner', 'reception']);
    const rows = await listClinicEmails(ctx.database.db, actor.clinicId, request.query.limit);
    return {
      smtpConfigured: !!ctx.config.SMTP_URL,
      items: rows.map((r) => ({ id: r.id, to: r.toAddress, subject: r.subject, text: r.text, status: r.status, createdAt: r.createdAt.toISOString(), attachments: (r.attachments ?? []).map((a) => a.filename) })),
    };
  });
};
