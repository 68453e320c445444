import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import { eq } from 'drizzle-orm';
import type { Database } from '../../data/db.ts';
import { clinicBookingSettings, clinics } from '../../data/schema/index.ts';

/**
 * CORS for the embeddable booking widget: a clinic's own website may call the public
 * booking endpoints of that clinic, and nothing else, from the origins the owner listed.
 * No credentials are allowed, so a widget never acts with a signed-in person's cookie.
 */

/** How long an instance trusts its copy of a clinic's origins; a settings change on this instance clears it at once. */
const CACHE_MS = 30_000;
const cache = new Map<string, { origins: string[]; at: number }>();

/** Public widget endpoints, by path under /api/v1/clinics/{slug}/. */
const WIDGET_PATH = /^\/api\/v1\/clinics\/([a-z0-9-]{3,60})\/(services|practitioners|availability|bookings|series)(?:[/?]|$)/;

export function forgetWidgetOrigins(slug: string) {
  cache.delete(slug);
}

/** The origins allowed to embed a clinic's booking widget (cached briefly); also its booking page's frame-ancestors. */
export async function widgetOriginsOf(database: Database, slug: string): Promise<string[]> {
  const hit = cache.get(slug);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.origins;
  const [row] = await database.db.select({ origins: clinicBookingSettings.widgetOrigins }).from(clinics)
    .leftJoin(clinicBookingSettings, eq(clinicBookingSettings.clinicId, clinics.id)).where(eq(clinics.slug, slug));
  const origins = row?.origins ?? [];
  if (cache.size > 10_000) cache.clear();
  cache.set(slug, { origins, at: Date.now() });
  return origins;
}

/**
 * Whether a page at `origin` may book for the clinic through the widget: its own site
 * (no Origin, or Yintang's own address) always, anywhere else only when the owner listed it.
 */
export async function widgetAllowedFrom(database: Database, slug: string, origin: string | undefined, ownOrigin: string): Promise<boolean> {
  if (!origin || origin === ownOrigin) return true;
  return (await widgetOriginsOf(database, slug)).includes(origin);
}

/** Registers CORS in `scope` (an encapsulated plugin holding the widget's routes). */
export async function registerWidgetCors(scope: FastifyInstance, database: Database) {
  await scope.register(cors, {
    delegator: async (request: FastifyRequest) => {
      const origin = request.headers.origin;
      const match = origin ? WIDGET_PATH.exec(request.url) : null;
      if (!origin || !match) return { origin: false };
      const allowed = (await widgetOriginsOf(database, match[1]!)).includes(origin);
      return {
        origin: allowed ? origin : false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Idempotency-Key'],
        credentials: false,
        maxAge: 600,
      };
    },
  });
}
