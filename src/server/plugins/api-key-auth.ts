import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { apiKeys } from '../../data/schema/index.ts';
import type { Database } from '../../data/db.ts';
import { hashToken } from '../crypto.ts';
import { AppError, tooManyRequests } from '../errors.ts';
import { AccessDenied, deny, type ApiKeyPrincipal } from '../access.ts';
import { recordAudit } from '../audit.ts';
import { checkRecentLimit, countEvent } from '../rate-limit.ts';
import { apiKeyScopeOfRoute } from '../openapi/operations.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The clinic API key of an `Authorization: Bearer yt_live_…` request, or null. */
    apiKey: ApiKeyPrincipal | null;
  }
}

/** Every API key starts with this, so a leaked one is easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'yt_live_';
/** Requests one key may make in a minute, across every app instance. */
export const API_KEY_REQUESTS_PER_MINUTE = 120;
/** `last_used_at` is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

const invalidKey = () => new AppError(401, 'invalid-api-key', 'Invalid API key', 'The API key is unknown or was revoked. Ask the clinic\'s owner for a new one.');

/**
 * Authenticates `Authorization: Bearer` API keys before anything else runs: an unknown or
 * revoked key is refused (401), a key calling an operation outside its scopes is refused
 * (403, audited), and each key is limited to API_KEY_REQUESTS_PER_MINUTE (429). Every use
 * is audited (`api_key.used`: the route and the status, never the body). Which operation
 * needs which scope is the contract's table (src/server/openapi/operations.ts).
 */
export function registerApiKeyAuth(app: FastifyInstance, database: Database) {
  app.decorateRequest('apiKey', null);

  // Callback hooks, so a request without a key (nearly all) costs no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    if (!header || !/^Bearer\s/i.test(header)) return done();
    authenticate(request, header).then(() => done(), done);
  });

  async function authenticate(request: FastifyRequest, header: string) {
    const secret = header.replace(/^Bearer\s+/i, '').trim();
    if (!secret.startsWith(API_KEY_PREFIX)) throw invalidKey();
    const [row] = await database.db.select().from(apiKeys).where(and(eq(apiKeys.tokenHash, hashToken(secret)), isNull(apiKeys.revokedAt))).limit(1);
    if (!row) throw invalidKey();
    const key: ApiKeyPrincipal = { id: row.id, clinicId: row.clinicId, name: row.name, scopes: row.scopes, createdBy: row.createdBy };
    request.apiKey = key;

    // Counted over this minute and the one before, so a burst across a minute's edge is still caught.
    await countEvent(database.db, `api-key:${row.id}`, 60);
    const limit = await checkRecentLimit(database.db, `api-key:${row.id}`, 60, API_KEY_REQUESTS_PER_MINUTE + 1);
    if (limit.blocked) throw tooManyRequests(limit.retryAfterSec);

    const scope = apiKeyScopeOfRoute(request.method, request.routeOptions.url ?? '');
    if (!scope || !key.scopes.includes(scope)) {
      throw await deny(database, new AccessDenied(new AppError(403, 'scope', 'Not allowed for this API key',
        scope ? `This API key does not have the \`${scope}\` scope.` : 'API keys cannot call this operation; it needs a signed-in person.'), {
        reason: 'role', clinicId: key.clinicId, actorUserId: key.createdBy, actorRole: 'api_key', ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
        entityType: 'api_key', entityId: key.id,
      }));
    }
  }

  // The diary shows reception screening levels and "before the visit" counts; they are
  // derived from health answers, so they never leave through an API key.
  app.addHook('preSerialization', (request, _reply, payload, done) => {
    if (!request.apiKey || !request.routeOptions.url?.endsWith('/diary') || !isDiary(payload)) return done(null, payload);
    const clean = (entry: Record<string, unknown>) => ({ ...entry, flags: [], readiness: null });
    done(null, { ...payload, columns: payload.columns.map((c) => ({ ...c, entries: c.entries.map(clean) })), roomBlocks: payload.roomBlocks.map(clean) });
  });

  // Audited before the answer leaves (onSend, not onResponse), so a caller that has its
  // answer can rely on the audit row being there.
  app.addHook('onSend', (request, reply, payload, done) => {
    const key = request.apiKey;
    if (!key) return done(null, payload);
    recordUse(request, reply, key).then(() => done(null, payload), done);
  });

  async function recordUse(request: FastifyRequest, reply: FastifyReply, key: ApiKeyPrincipal) {
    try {
      await recordAudit(database.db, null, {
        action: 'api_key.used', entityType: 'api_key', entityId: key.id, clinicId: key.clinicId, actorUserId: key.createdBy, actorRole: 'api_key',
        details: { method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, ip: request.ip },
      });
      await touch(database, key);
    } catch (error) {
      request.log.error({ err: { message: (error as Error).message } }, 'could not audit an API key use');
    }
  }
}

async function touch(database: Database, key: ApiKeyPrincipal) {
  const now = new Date();
  await database.db.update(apiKeys).set({ lastUsedAt: now })
    .where(and(eq(apiKeys.clinicId, key.clinicId), eq(apiKeys.id, key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - TOUCH_EVERY_MS)))));
}

interface DiaryPayload { columns: { entries: Record<string, unknown>[] }[]; roomBlocks: Record<string, unknown>[] }
const isDiary = (payload: unknown): payload is DiaryPayload =>
  typeof payload === 'object' && payload !== null && Array.isArray((payload as DiaryPayload).columns) && Array.isArray((payload as DiaryPayload).roomBlocks);
