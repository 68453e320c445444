import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, STAFF } from '../../server/access.ts';
import { practiceReportCsv } from './practice-report.csv.ts';
import { practiceReportCsvQuery, practiceReportQuery, practiceReportResponse } from './practice-report.schema.ts';
import { getPracticeReport } from './practice-report.service.ts';

const WHO = 'Owner; reception when the owner allows it in the clinic settings (`receptionSeesReports`).';

/** The owner's practice reports over any range of dates, as JSON and as CSV. */
export const practiceReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/reports/practice', {
    schema: {
      tags: ['Reports'], params: clinicSlugParams, querystring: practiceReportQuery, response: { 200: practiceReportResponse },
      summary: 'Practice report: utilisation, no-shows and late cancellations, new clients, conversion, retention',
      description: `From \`startDate\` to \`endDate\` (local dates in the clinic's time zone, both included, at most two years). ${WHO} ` +
        'Counts, minutes and staff names only.',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getPracticeReport(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query);
  });

  app.get('/clinics/:clinicSlug/reports/practice/csv', {
    schema: {
      tags: ['Reports'], params: clinicSlugParams, querystring: practiceReportCsvQuery, response: { 200: z.string() },
      produces: ['text/csv'],
      summary: 'One section of the practice report as CSV',
      description: `The same figures as the JSON report, one table per \`section\`. ${WHO}`,
    },
  }, async (request, reply) => {
    const { section, ...query } = request.query;
    const report = await getPracticeReport(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), query);
    reply.header('Cache-Control', 'no-store');
    reply.header('Content-Disposition', `attachment; filename="${request.params.clinicSlug}-${section}-${query.startDate}-to-${query.endDate}.csv"`);
    reply.type('text/csv; charset=utf-8');
    return practiceReportCsv(report, section);
  });
};
