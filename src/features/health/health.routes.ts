import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

/** Readiness: answers 200 once the server can serve, naming the database in use. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: { tags: ['Operations'], summary: 'Ready to serve', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } },
  }, async (_request, reply) => {
    await app.ctx.database.db.execute(sql`select 1`);
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' as const, database: app.ctx.database.kind };
  });
};
