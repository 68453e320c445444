import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { guard, STAFF } from '../../server/access.ts';
import { practiceReportCsv } from './practice-report.csv.ts';
import { myTakingsResponse, practiceReportCsvQuery, practiceReportQuery, practiceReportResponse } from './practice-report.schema.ts';
import { getMyTakings } from './money-report.service.ts';
import { getPracticeReport } from './practice-report.service.ts';

const WHO = 'Owner; reception when the owner allows it in the clinic settings (`receptionSeesReports`).';

/** The owner's practice reports over any range of dates, as JSON and as CSV. */
export const practiceReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/reports/practice', {
    schema: {
      tags: ['Reports'], params: clinicSlugParams, querystring: practiceReportQuery, response: { 200: practiceReportResponse },
      summary: 'Practice report: utilisation, attendance, new clients, conversion, retention, takings, outstanding invoices, liability',
      description: `From \`startDate\` to \`endDate\` (local dates in the clinic's time zone, both included, at most two years). ${WHO} ` +
        'Counts, minutes, staff names and money in integer minor units; outstanding invoices name their client. ' +
        'Outstanding invoices and liability are taken at the end of the range, or now if sooner (`money.asOf`).',
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

  app.get('/clinics/:clinicSlug/reports/my-takings', {
    schema: {
      tags: ['Reports'], params: clinicSlugParams, querystring: practiceReportQuery.omit({ retentionWeeks: true }), response: { 200: myTakingsResponse },
      summary: 'A practitioner’s own takings',
      description: 'Takings (payments less refunds, integer minor units) of the visits the signed-in practitioner gave, by day and method. ' +
        'Practitioners only, when the owner allows it in the clinic settings (`practitionersSeeOwnTakings`).',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getMyTakings(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.query);
  });
};
