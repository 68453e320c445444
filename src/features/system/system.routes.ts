import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { systemStatus } from './system.schema.ts';
import { getSystemStatus } from './system.service.ts';

/** The owner's System page. */
export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/system', {
    schema: {
      tags: ['Operations'], params: clinicSlugParams, response: { 200: systemStatus },
      summary: 'The state of this Yintang: database, disk, backups, e-mail delivery, last error (owners)',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getSystemStatus(ctx, request, request.params.clinicSlug);
  });
};
