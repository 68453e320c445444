import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { calendarFeeds } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { FastifyRequest } from 'fastify';
import { guard } from '../../server/access.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const calendarFeedStatus = z.object({
  /** The practitioner has a working calendar address (made with POST on the same path). */
  exists: z.boolean(),
  /** When the current address was made; null when there is none. */
  createdAt: z.iso.datetime().nullable(),
});

/**
 * Whether the signed-in practitioner has a secret calendar address, and since when. The
 * address itself cannot be shown again: only its hash is kept, so it is shown once, when
 * it is made, and replacing it is the way to see a new one.
 */
export async function getCalendarFeedStatus(ctx: AppContext, request: FastifyRequest, slug: string) {
  const actor = await guard(ctx.database, request, slug, ['owner', 'practitioner']);
  const [feed] = await ctx.database.db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds)
    .where(and(eq(calendarFeeds.clinicId, actor.clinicId), eq(calendarFeeds.practitionerId, actor.userId)));
  return { exists: feed !== undefined, createdAt: feed?.createdAt.toISOString() ?? null };
}

export const calendarFeedStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/me/calendar-feed', {
    schema: {
      tags: ['Diary'], params: clinicSlugParams, response: { 200: calendarFeedStatus },
      summary: 'Whether I have a secret calendar address, and since when (practitioners)',
      description: 'The address itself is shown only once, in the answer to the POST that makes it.',
    },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return getCalendarFeedStatus(ctx, request, request.params.clinicSlug);
  });
};
