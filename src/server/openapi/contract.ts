import type { Config } from '../config.ts';
import { sessionCookieName } from '../plugins/session.ts';
import { PROBLEM_BASE } from '../errors.ts';
import { apiKeyScopeOf, operationKey, PUBLIC_OPERATIONS, OPTIONAL_SESSION_OPERATIONS } from './operations.ts';

/**
 * The API contract around the shapes: what @fastify/swagger generates from the routes'
 * Zod schemas is completed here, in one place, rather than in every route file. Each
 * operation gains an operationId, its security, the problem+json errors it can answer,
 * descriptions of its responses and the media type of files (iCalendar, CSV, PDF).
 * `@redocly/openapi-core` with its recommended rules checks the result in a test
 * (src/server/openapi/contract.test.ts).
 */

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Json>;
  parameters?: Json[];
  requestBody?: Json;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** The top of the document: info, servers, security schemes, the shared Problem schema. */
export function openApiDefinition(config: Pick<Config, 'publicUrl' | 'cookieSecure'>) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yintang API',
      version: '1',
      description: 'The API of Yintang, the practice platform for facial acupuncture clinics. Errors are RFC 9457 problem+json. ' +
        'Cookie-authenticated writes need the `X-CSRF-Token` header from `GET /api/v1/auth/session`. ' +
        'Servers use an API key created by the clinic\'s owner, sent as `Authorization: Bearer yt_live_…`; a key works only for its clinic and its scopes.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Yintang' },
    },
    servers: [{ url: config.publicUrl, description: 'This deployment' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config), description: 'The session cookie set by sign-in (the web app).' } as const,
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key of one clinic (Settings → API keys), limited to its scopes.' } as const,
      },
    },
  };
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', description: `Stable kind of problem, under ${PROBLEM_BASE}` },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What happened and what to do next, in plain words.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Per-field errors of a validation problem.',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  example: { type: `${PROBLEM_BASE}validation`, title: 'Invalid request', status: 400, detail: 'Some fields are missing or invalid: body.email is invalid', instance: '/api/v1/auth/sign-up', errors: [{ field: 'body.email', message: 'is invalid' }] },
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'Invalid request: a field is missing or wrong (`errors` lists each); nothing was changed.',
  401: 'Sign-in required: no valid session cookie or API key.',
  403: 'Not allowed: the role, the API key\'s scopes or a missing security token refuse it; nothing was changed.',
  404: 'Not found, or not yours to see.',
  409: 'Conflict with the current state (e.g. the slot was just taken); nothing was changed.',
  412: 'The record changed since you read it (`If-Match` is stale); read it again.',
  413: 'The upload is too large.',
  415: 'Unsupported media type.',
  422: 'Understood but refused by a rule of the clinic; nothing was changed.',
  429: 'Too many requests; wait for `Retry-After` seconds.',
};

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'Done; no content',
};

/** Files some operations answer with, by the end of their path. */
function fileMediaType(path: string): { type: string; description: string } | null {
  if (/\/calendar-feeds\/\{token\}$/.test(path)) return { type: 'text/calendar', description: 'The diary as an iCalendar (RFC 5545) file.' };
  if (/\.csv$/.test(path)) return { type: 'text/csv', description: 'A CSV file (RFC 4180).' };
  if (/(\.pdf|\/pdf)$/.test(path)) return { type: 'application/pdf', description: 'A PDF file.' };
  if (/\/fhir-export$/.test(path)) return { type: 'application/fhir+json', description: 'A FHIR R4 Bundle (JSON), to be saved as a file.' };
  return null;
}

/** A stable operationId from the method and path: `get` + literal segments + `By<Param>` when it ends with one. */
export function operationIdOf(method: string, path: string): string {
  const segments = path.replace(/^\/api\/v1/, '').split('/').filter(Boolean);
  const words: string[] = [];
  segments.forEach((segment, i) => {
    const param = /^\{(.+)\}$/.exec(segment)?.[1];
    if (param) {
      if (i === segments.length - 1) words.push('By', param);
      return;
    }
    words.push(...segment.split(/[-._]/));
  });
  return method + words.filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The error statuses an operation can answer, from what it requires and what its description names. */
export function errorStatusesOf(op: Operation, requiresSignIn: boolean, path: string): string[] {
  const codes = new Set<string>();
  if (op.parameters?.length || op.requestBody) codes.add('400');
  if (requiresSignIn) { codes.add('401'); codes.add('403'); }
  if (/\{[^}]+\}/.test(path)) codes.add('404');
  for (const m of `${op.summary ?? ''} ${op.description ?? ''}`.matchAll(/\b(4\d\d)\b/g)) if (m[1] && ERROR_DESCRIPTIONS[m[1]]) codes.add(m[1]);
  if (op.parameters?.some((p) => String(p.name).toLowerCase() === 'if-match') || /If-Match/.test(`${op.summary} ${op.description}`)) codes.add('412');
  if (path.includes('/auth/')) codes.add('429');
  // Every operation may be refused before its own rules: unknown routes answer 404 and
  // rate limits 429; keep at least one 4xx so clients generate an error type.
  if (codes.size === 0) codes.add('404');
  return [...codes].sort();
}

/**
 * Completes the generated document (see the module comment). Pure: takes the document
 * @fastify/swagger built and returns it with the contract filled in.
 */
export function completeContract<T extends object>(document: T): T {
  const doc = document as { paths?: Record<string, Record<string, unknown>>; components?: Json };
  const components = (doc.components ??= {}) as Json & { schemas?: Json; responses?: Json };
  components.schemas = { ...(components.schemas ?? {}), Problem: problemSchema };
  const responses: Json = {};
  for (const [code, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    responses[`Problem${code}`] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  responses.UnexpectedProblem = {
    description: 'The server could not answer: 500 (nothing internal is revealed), 503 with `Retry-After` while the database is away, 507 when the disk is full.',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };

  const seenIds = new Set<string>();
  const used = new Set<string>(['UnexpectedProblem']);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const key = operationKey(method, path);
      let id = op.operationId ?? operationIdOf(method, path);
      while (seenIds.has(id)) id += 'Alt';
      seenIds.add(id);
      op.operationId = id;

      const isPublic = PUBLIC_OPERATIONS.has(key);
      const optional = OPTIONAL_SESSION_OPERATIONS.has(key);
      const scope = apiKeyScopeOf(method, path);
      if (!op.security) {
        op.security = isPublic ? [{}] : optional ? [{}, { session: [] }] : [{ session: [] }, ...(scope ? [{ apiKey: [] }] : [])];
      }
      if (scope) {
        op.description = `${op.description ? op.description + '\n\n' : ''}API keys: needs the \`${scope}\` scope.`;
        op['x-api-key-scope'] = scope;
      }

      const file = fileMediaType(path);
      for (const [status, response] of Object.entries(op.responses)) {
        if (response.description === 'Default Response') {
          response.description = `${SUCCESS_DESCRIPTIONS[status] ?? status}: ${op.summary ?? 'the answer'}.`;
        }
        if (file && status.startsWith('2')) {
          response.description = file.description;
          const schema = file.type === 'application/fhir+json'
            ? { type: 'object', required: ['resourceType', 'type', 'entry'], properties: { resourceType: { const: 'Bundle' }, type: { const: 'collection' }, entry: { type: 'array', items: { type: 'object' } } } }
            : { type: 'string', ...(file.type === 'application/pdf' ? { contentMediaType: 'application/pdf' } : {}) };
          response.content = { [file.type]: { schema } };
        }
      }
      for (const status of errorStatusesOf(op, !isPublic, path)) {
        op.responses[status] ??= { $ref: `#/components/responses/Problem${status}` };
        used.add(`Problem${status}`);
      }
      op.responses.default ??= { $ref: '#/components/responses/UnexpectedProblem' };
    }
  }
  // Only the answers some operation uses (an unused component is a lint warning).
  components.responses = { ...(components.responses ?? {}), ...Object.fromEntries(Object.entries(responses).filter(([name]) => used.has(name))) };
  return document;
}
