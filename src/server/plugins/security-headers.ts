import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
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
    /**
     * The answer carries inline scripts or styles: it gets a fresh nonce (`reply.cspNonce`)
     * that its Content-Security-Policy allows. Every other answer allows no inline code at all.
     */
    cspNonce?: boolean;
  }
  interface FastifyReply {
    /** This answer's Content-Security-Policy nonces; null unless the route sets `config.cspNonce`. */
    cspNonce: { script: string; style: string } | null;
  }
}

/** Addresses that hold a secret (a token in the path) or pages that receive one in the query (/app). */
const SECRET_ADDRESS = /(^\/app(\/|$))|\/:token\b|\/by-token\/|\/booking-links\/|\/calendar-feeds\/|\/invitations\/:/;
/** Files a clinic's own website loads from Yintang without CORS (a classic script, images). */
const CROSS_ORIGIN_RESOURCE = /^\/(widget\.js$|widget\/|media\/)/;
/** Only origins as stored by URL.origin reach the header. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

type Headers = Record<string, string>;

/** What an answer's headers depend on, decided once per route. */
interface RouteSecurity {
  /** Every header but the policy, when the policy varies per answer; else all of them. */
  headers: Headers;
  /** The policy cut around the script nonce, the style nonce and the frame ancestors, when it varies per answer. */
  policy?: { nonce: boolean; frame: boolean; parts: [string, string, string, string] };
}

const routeSecurity = Symbol('routeSecurity');

/**
 * Security headers on every answer, each set computed once per route (a cached public page
 * costs a few property writes, not a policy built per request):
 *
 * - Content-Security-Policy: scripts and styles only from this origin; no inline event
 *   handlers, no plugins, no `<base>` or form targets elsewhere. Inline code is allowed
 *   only with a fresh nonce, which only routes that send inline code ask for
 *   (`config.cspNonce`: the /app shell, the booking page's island); every other answer
 *   (every public page: they link their scripts and use classes) allows none at all. React's
 *   `style` props go through the CSSOM, which CSP does not govern.
 * - `frame-ancestors 'none'` (and X-Frame-Options DENY) everywhere, except the clinic
 *   booking page, which the clinic's allowed widget sites may frame.
 * - Referrer-Policy strict-origin-when-cross-origin; `no-referrer` on /app (whose pages
 *   receive reset, verification, invitation and booking links) and on every address with
 *   a secret in its path.
 * - Cross-Origin-Opener-Policy and -Resource-Policy same-origin (cross-origin for the
 *   widget's files and media), Origin-Agent-Cluster, X-Content-Type-Options nosniff,
 *   X-DNS-Prefetch-Control off, X-Download-Options noopen, X-Permitted-Cross-Domain-Policies
 *   none, X-XSS-Protection 0 (the set @fastify/helmet sent with these settings), and HSTS
 *   only when Yintang is served over https (PUBLIC_URL).
 * - Cache-Control no-store on every API answer unless the route declares a public cache.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config, database: Database) {
  const https = config.publicUrl.startsWith('https://');

  const directives = (scriptNonce: string, styleNonce: string, frame: string) => [
    "default-src 'self'",
    "base-uri 'self'",
    `script-src 'self'${scriptNonce}`,
    "script-src-attr 'none'",
    `style-src 'self'${styleNonce}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "form-action 'self'",
    `frame-ancestors ${frame}`,
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join(';');

  // A route's set depends only on these four answers: each of the (at most 16) sets is
  // built once and shared by the routes that have it, not built again for every route at start.
  const sets = new Map<string, RouteSecurity>();
  function securityOf(path: string, nonce: boolean, frame: boolean): RouteSecurity {
    const crossOrigin = CROSS_ORIGIN_RESOURCE.test(path);
    const secret = SECRET_ADDRESS.test(path);
    const key = `${crossOrigin}${secret}${nonce}${frame}`;
    let found = sets.get(key);
    if (!found) sets.set(key, (found = buildSecurity(crossOrigin, secret, nonce, frame)));
    return found;
  }

  function buildSecurity(crossOrigin: boolean, secret: boolean, nonce: boolean, frame: boolean): RouteSecurity {
    const headers: Headers = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': crossOrigin ? 'cross-origin' : 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': secret ? 'no-referrer' : 'strict-origin-when-cross-origin',
      ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      // frame-ancestors decides where framing is allowed; X-Frame-Options cannot list origins.
      ...(frame ? {} : { 'x-frame-options': 'DENY' }),
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    if (!nonce && !frame) return { headers: { 'content-security-policy': directives('', '', "'none'"), ...headers } };
    // The policy around the two nonces and the frame ancestors, joined per answer.
    const [p0, rest] = directives('{S}', '{T}', '{F}').split('{S}') as [string, string];
    const [p1, rest2] = rest.split('{T}') as [string, string];
    const parts = [p0, p1, ...rest2.split('{F}')] as [string, string, string, string];
    return { headers, policy: { nonce, frame, parts } };
  }

  // Answers outside any route's onRoute (not-found, automatic HEAD routes): decided by address, once.
  const byAddress = new Map<string, RouteSecurity>();
  const securityOfRequest = (request: FastifyRequest): RouteSecurity => {
    const own = (request.routeOptions.config as { [routeSecurity]?: RouteSecurity })[routeSecurity];
    if (own) return own;
    const { url = '', config: routeConfig } = request.routeOptions;
    const nonce = routeConfig.cspNonce === true;
    const frame = routeConfig.frameAncestors === 'clinic-widget-sites';
    const key = `${nonce}${frame}${url}`;
    let found = byAddress.get(key);
    if (!found) byAddress.set(key, (found = securityOf(url, nonce, frame)));
    return found;
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    const frame = route.config?.frameAncestors === 'clinic-widget-sites';
    const security = securityOf(route.url ?? '', route.config?.cspNonce === true, frame);
    route.config = { ...route.config, [routeSecurity]: security } as typeof route.config;
  });

  app.decorateReply('cspNonce', null);

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const security = securityOfRequest(request);
    reply.headers(security.headers);
    // Personal data must not stay in any cache: API answers are no-store unless the route
    // sets a public cache itself (the directory, the widget's clinic facts).
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    const policy = security.policy;
    if (!policy) return done();
    let script = '';
    let style = '';
    if (policy.nonce) {
      reply.cspNonce = { script: randomBytes(16).toString('hex'), style: randomBytes(16).toString('hex') };
      script = ` 'nonce-${reply.cspNonce.script}'`;
      style = ` 'nonce-${reply.cspNonce.style}'`;
    }
    const [p0, p1, p2, p3] = policy.parts;
    const send = (frame: string) => reply.header('content-security-policy', p0 + script + p1 + style + p2 + frame + p3);
    if (!policy.frame) {
      send("'none'");
      return done();
    }
    const slug = (request.params as { clinicSlug?: string }).clinicSlug;
    (slug ? widgetOriginsOf(database, slug) : Promise.resolve([])).then((found) => {
      const origins = found.filter((o) => ORIGIN.test(o));
      send(origins.length > 0 ? origins.join(' ') : "'none'");
      done();
    }, done);
  });
}
