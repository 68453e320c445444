import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, OWNER } from '../../server/access.ts';
import { auditFilters, auditListQuery, auditPage, auditPeople } from './audit.schema.ts';
import * as audit from './audit.service.ts';

const tags = ['Audit log'];
const PERIOD = '`from` and `to` are dates (YYYY-MM-DD) in the clinic’s time zone, both days included.';

/** The owner's audit log: who did what to which record, when and from where; as pages or CSV. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/clinics/:clinicSlug/audit', {
    schema: {
      tags,
      summary: 'The clinic’s audit log, newest first, paged with `cursor` (owner; dates in the clinic’s time zone)',
      description: `Filters: \`personId\` (who), \`entityType\` and \`entityId\` (which record), \`action\`, and the period. ${PERIOD} ` +
        'Details show whitelisted identifiers only, never health content. Reading the log is itself audited (`audit.view`).',
      params: clinicSlugParams, querystring: auditListQuery, response: { 200: auditPage },
    },
  }, async (request) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, OWNER);
    return audit.listAudit(ctx, actor, request.query);
  });

  app.get('/clinics/:clinicSlug/audit.csv', {
    schema: {
      tags,
      summary: 'The clinic’s audit log as CSV, with the same filters (owner; dates in the clinic’s time zone)',
      description: `${PERIOD} Cells that a spreadsheet would run as a formula start with an apostrophe. The download is audited (\`audit.export\`).`,
      params: clinicSlugParams, querystring: auditFilters,
    },
  }, async (request, reply) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, OWNER);
    const lines = await audit.exportAuditCsv(ctx, actor, request.query);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('Content-Disposition', `attachment; filename="audit-${request.params.clinicSlug}-${day}.csv"`)
      .header('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(Readable.from(lines));
  });

  app.get('/clinics/:clinicSlug/audit/people', {
    schema: { tags, summary: 'Whom the audit log can be filtered by: the staff, including people who left (owner)', params: clinicSlugParams, response: { 200: auditPeople } },
  }, async (request) => audit.listAuditPeople(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER)));
};
