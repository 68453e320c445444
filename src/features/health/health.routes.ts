import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { UNAVAILABLE_RETRY_AFTER_SEC } from '../../server/plugins/errors.ts';
import { checkDatabase, checkDisk, checkMigrations, within } from './system-checks.ts';

const probeAnswer = z.object({
  status: z.enum(['ok', 'unavailable']),
  /** A short, public reason: never a path, a version or a secret. */
  reason: z.string().optional(),
});

/**
 * Health for people and load balancers: `/health/live` (the process runs and answers),
 * `/health/ready` (it can read and write its database, the disk has room, migrations are
 * current) and `/health`, kept for existing users, which answers 503 while the database is away.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: { tags: ['Operations'], summary: 'The database answers (kept for existing users; see /health/ready)', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } },
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // A time-out counts as the database being away (503 through the error handler), never a hang.
    await within(3000, app.ctx.database.db.execute(sql`select 1`));
    return { status: 'ok' as const, database: app.ctx.database.kind };
  });

  app.get('/health/live', {
    schema: { tags: ['Operations'], summary: 'The process runs and answers', response: { 200: probeAnswer } },
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' as const };
  });

  app.get('/health/ready', {
    schema: {
      tags: ['Operations'],
      summary: 'Ready to serve: the database reads and writes, the disk has room, migrations are current',
      response: { 200: probeAnswer, 503: probeAnswer },
    },
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const { database, config } = app.ctx;
    const failed = [await checkDatabase(database), checkDisk(database, config.DATA_DIR)].find((c) => !c.ok)
      ?? [await checkMigrations(database)].find((c) => !c.ok);
    if (failed && !failed.ok) {
      reply.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SEC));
      return reply.status(503).send({ status: 'unavailable' as const, reason: failed.reason });
    }
    return { status: 'ok' as const };
  });
};
