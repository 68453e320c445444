import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../config.ts';
import type { Database } from '../../data/db.ts';
import { widgetOriginsOf } from '../../features/scheduling/widget-origins.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `clinic-widget-sites`: the page may be framed by the clinic's allowed widget sites
     * (the clinic named by the `clinicSlug` parameter); every other page may not be framed.
     */
    frameAncestors?: 'clinic-widget-sites';
  }
}

/** The frame-ancestors sources of this answer when it is not 'none' (set before helmet writes the header). */
const frameAncestorsOf = new WeakMap<ServerResponse, string[]>();

/** Addresses that hold a secret (a token in the path) or pages that receive one in the query (/app). */
const SECRET_ADDRESS = /(^\/app(\/|$))|\/:token\b|\/by-token\/|\/booking-links\/|\/calendar-feeds\/|\/invitations\/:/;
/** Files a clinic's own website loads from Yintang without CORS (a classic script, images). */
const CROSS_ORIGIN_RESOURCE = /^\/(widget\.js$|widget\/|media\/)/;

/**
 * Security headers on every answer, through @fastify/helmet:
 *
 * - Content-Security-Policy with a fresh nonce per answer (`reply.cspNonce`): scripts only
 *   from this origin or carrying the nonce; no inline event handlers; styles only from this
 *   origin or with the nonce (no 'unsafe-inline': the pages use classes, React's `style`
 *   props go through the CSSOM, which CSP does not govern, and the widget adopts a
 *   constructed stylesheet).
 * - `frame-ancestors 'none'` (and X-Frame-Options DENY) everywhere, except the clinic
 *   booking page, which the clinic's allowed widget sites may frame.
 * - Referrer-Policy strict-origin-when-cross-origin; `no-referrer` on /app (whose pages
 *   receive reset, verification, invitation and booking links) and on every address with
 *   a secret in its path.
 * - X-Content-Type-Options nosniff; HSTS only when Yintang is served over https (PUBLIC_URL).
 * - Cache-Control no-store on every API answer unless the route declares a public cache.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config, database: Database) {
  const https = config.publicUrl.startsWith('https://');

  // Route-level helmet settings, decided by the route's address.
  app.addHook('onRoute', (route: RouteOptions) => {
    const path = route.url ?? '';
    const own: FastifyHelmetOptions = {};
    if (SECRET_ADDRESS.test(path)) own.referrerPolicy = { policy: 'no-referrer' };
    if (CROSS_ORIGIN_RESOURCE.test(path)) own.crossOriginResourcePolicy = { policy: 'cross-origin' };
    if (route.config?.frameAncestors) own.xFrameOptions = false; // frame-ancestors decides; XFO cannot list origins
    if (Object.keys(own).length === 0) return;
    route.config = { ...route.config, helmet: { ...(route.config as { helmet?: object } | undefined)?.helmet, ...own } } as typeof route.config;
  });

  // Runs before helmet's own hooks (registered below), so the policy can name the clinic's sites.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config.frameAncestors !== 'clinic-widget-sites') return;
    const slug = (request.params as { clinicSlug?: string }).clinicSlug;
    // Origins are stored as URL.origin; the check keeps anything else out of the header.
    const origins = (slug ? await widgetOriginsOf(database, slug) : []).filter((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
    if (origins.length > 0) frameAncestorsOf.set(reply.raw, origins);
  });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        // 'self' and the per-answer nonce (added by the plugin). No 'unsafe-inline'.
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: [(_req: IncomingMessage, res: ServerResponse) => (frameAncestorsOf.get(res) ?? ["'none'"]).join(' ')],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // The booking widget opens no windows, and /app signs in without pop-ups.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  } as FastifyHelmetOptions);

  // Personal data must not stay in any cache: API answers are no-store unless the route
  // sets a public cache itself (the directory, the widget's clinic facts).
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });
}
