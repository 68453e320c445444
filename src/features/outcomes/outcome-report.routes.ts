import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, OWNER } from '../../server/access.ts';
import { outcomeReportQuery, outcomeReportView } from './outcome-report.schema.ts';
import { getOutcomeReport, outcomeReportCsv } from './outcome-report.service.ts';

const tags = ['Outcomes', 'Reports'];
const DESCRIPTION = 'Courses that started between `from` and `to` (local dates in the clinic’s time zone, both included; the year up to today by default), ' +
  'optionally of one service. Per service, across all practitioners and per practitioner: courses started and completed, the mean change from baseline with ' +
  'its 95% confidence interval (Student’s t), the clients with at least the minimal important change in the direction of improvement, and questionnaires ' +
  'answered of those asked. Groups of fewer than five clients carry no figures. No client is named. Audited.';

/** The clinic outcome report (owner only). */
export const outcomeReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/outcome-report', {
    schema: { tags, summary: 'The clinic outcome report (owner)', description: DESCRIPTION, params: clinicSlugParams, querystring: outcomeReportQuery, response: { 200: outcomeReportView } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getOutcomeReport(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.query);
  });

  app.get('/clinics/:clinicSlug/outcome-report.csv', {
    schema: { tags, summary: 'The clinic outcome report as CSV (owner)', description: `${DESCRIPTION} Cells a spreadsheet would run as a formula start with an apostrophe.`, params: clinicSlugParams, querystring: outcomeReportQuery },
  }, async (request, reply) => {
    const { lines, period } = await outcomeReportCsv(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.query);
    return reply
      .header('Content-Disposition', `attachment; filename="outcome-report-${request.params.clinicSlug}-${period.from}-to-${period.to}.csv"`)
      .header('Cache-Control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(Readable.from(lines));
  });
};
