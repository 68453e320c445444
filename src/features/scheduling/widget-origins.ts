import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../data/db.ts';
import { addVary } from '../../server/vary.ts';
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

/** The origins of `slug` while this instance's copy is fresh; undefined when it must be read. */
function freshOrigins(slug: string): string[] | undefined {
  const hit = cache.get(slug);
  return hit && Date.now() - hit.at < CACHE_MS ? hit.origins : undefined;
}

/** The origins allowed to embed a clinic's booking widget (cached briefly); also its booking page's frame-ancestors. */
export async function widgetOriginsOf(database: Database, slug: string): Promise<string[]> {
  const fresh = freshOrigins(slug);
  if (fresh) return fresh;
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

/**
 * Registers CORS in `scope` (an encapsulated plugin holding the widget's routes): the
 * answers @fastify/cors gave with the widget's options (the listed origin echoed; GET and
 * POST, Content-Type and Idempotency-Key, no credentials, preflights kept ten minutes;
 * Vary: Origin on every answer), decided in one callback hook. The plugin built and merged
 * its options object for every request, which was most of what a cached availability
 * answer cost besides sending it; here a request without an Origin costs one header.
 */
export async function registerWidgetCors(scope: FastifyInstance, database: Database) {
  scope.addHook('onRequest', (request, reply, done) => {
    addVary(reply, 'Origin');
    const origin = request.headers.origin;
    const match = origin ? WIDGET_PATH.exec(request.url) : null;
    if (!origin || !match) return done();
    const answer = (origins: string[]) => {
      if (!origins.includes(origin)) return done();
      reply.header('Access-Control-Allow-Origin', origin);
      if (request.raw.method !== 'OPTIONS') return done();
      // A preflight is answered here, before anything that could refuse it; an OPTIONS
      // without the method it asks about is not one.
      if (!request.headers['access-control-request-method']) return void reply.status(400).type('text/plain').send('Invalid Preflight Request');
      reply.headers({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key', 'Access-Control-Max-Age': '600' });
      reply.code(204).header('Content-Length', '0').send();
    };
    const fresh = freshOrigins(match[1]!);
    if (fresh) return answer(fresh);
    widgetOriginsOf(database, match[1]!).then(answer, done);
  });
  // Preflights that reach a route were not answered above (not a listed site, not a public
  // endpoint): there is nothing for them. The route lets Fastify accept OPTIONS at all.
  scope.options('*', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
}
