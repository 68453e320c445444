/**
 * The OpenAPI document and its browsable reference page, paid for on first use rather
 * than at every start (decision 9). @fastify/swagger's OpenAPI builder (with the YAML
 * library) and @fastify/swagger-ui (with @fastify/static and glob) took about a third of
 * a later start's CPU time while almost no request ever asks for them.
 *
 * - `lazySwagger` is @fastify/swagger's dynamic mode (lib/mode/dynamic.js, same defaults):
 *   its route hook collects every route at start, as the plugin does; the builder is
 *   loaded the first time `app.swagger()` is called.
 * - `lazyDocs` answers /api/docs and everything under it by passing the request to a
 *   small Fastify instance with @fastify/swagger-ui, built on the first such request and
 *   reading the main app's document.
 */
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance, type FastifyPluginCallback, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { notFound } from '../errors.ts';

const requireHere = createRequire(import.meta.url);

type SwaggerBuilder = (opts?: { yaml?: boolean }) => unknown;
type BuildSwagger = (opts: object, cache: object, routes: unknown[], ref: unknown) => SwaggerBuilder;

/** The options @fastify/swagger's dynamic mode starts from. */
const DYNAMIC_DEFAULTS = {
  exposeRoute: false,
  hiddenTag: 'X-HIDDEN',
  hideUntagged: false,
  stripBasePath: true,
  openapi: null,
  swagger: {},
  transform: null,
  transformObject: null,
  decorator: 'swagger',
  refResolver: {
    buildLocalReference(json: { title?: string; $id?: string }, _baseUri: unknown, _fragment: unknown, i: number) {
      if (!json.title && json.$id) json.title = json.$id;
      return `def-${i}`;
    },
  },
  convertConstToEnum: true,
};

const swaggerPlugin: FastifyPluginCallback<FastifyDynamicSwaggerOptions> = (app, options, done) => {
  const opts = { ...DYNAMIC_DEFAULTS, ...options };
  const { addHook } = requireHere('@fastify/swagger/lib/util/add-hook.js') as { addHook: (app: FastifyInstance, opts: object) => { routes: unknown[]; Ref: unknown } };
  const { routes, Ref } = addHook(app, opts);
  const cache = { object: null, string: null };
  let build: SwaggerBuilder | undefined;
  app.decorate('swagger', ((o?: { yaml?: boolean }) => {
    build ??= (requireHere('@fastify/swagger/lib/spec/openapi/index.js') as BuildSwagger)(opts, cache, routes, Ref);
    return build(o);
  }) as FastifyInstance['swagger']);
  done();
};

/** Registered in the parent's scope, under the plugin's own name, as fastify-plugin would. */
export const lazySwagger = Object.assign(swaggerPlugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@fastify/swagger',
  [Symbol.for('plugin-meta')]: { name: '@fastify/swagger', fastify: '5.x' },
});

/** Headers of the inner answer that belong to its own connection, not to ours. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/** What the inner instance may see of a request: what to send and whether the browser has it already. */
const FORWARDED = ['accept', 'if-none-match', 'if-modified-since', 'range'] as const;

/** `GET routePrefix` and everything under it, answered by @fastify/swagger-ui built on first use. */
export function lazyDocs(app: FastifyInstance, routePrefix: string) {
  let docs: Promise<FastifyInstance> | undefined;
  const build = async () => {
    const inner = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
    // swagger-ui asks for a plugin named @fastify/swagger; this one lends the main app's document.
    const lend: FastifyPluginCallback = (i, _o, done) => {
      i.decorate('swagger', ((o?: { yaml?: boolean }) => app.swagger(o as never)) as FastifyInstance['swagger']);
      done();
    };
    await inner.register(Object.assign(lend, { [Symbol.for('skip-override')]: true, [Symbol.for('plugin-meta')]: { name: '@fastify/swagger' } }));
    const { default: swaggerUi } = await import('@fastify/swagger-ui');
    await inner.register(swaggerUi, { routePrefix });
    await inner.ready();
    return inner;
  };
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= build().catch((error: unknown) => {
      docs = undefined;
      throw error;
    });
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await (await docs).inject({ method: request.method as 'GET', url: request.url, headers });
    // An unknown address under the reference gets the app's own problem+json, not the inner instance's JSON.
    if (answer.statusCode === 404) throw notFound('The page');
    reply.status(answer.statusCode);
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) reply.header(name, value);
    }
    return reply.send(answer.rawPayload);
  };
  app.get(routePrefix, { schema: { hide: true } }, forward);
  app.get(`${routePrefix}/*`, { schema: { hide: true } }, forward);
}
