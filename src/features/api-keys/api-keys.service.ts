import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { notFound } from '../../server/errors.ts';
import { API_KEY_PREFIX } from '../../server/plugins/api-key-auth.ts';
import { API_KEY_SCOPE_LABELS, API_KEY_SCOPES } from '../../server/openapi/operations.ts';
import type { ApiKeyView, CreateApiKeyBody } from './api-keys.schema.ts';

/**
 * The clinic's API keys, managed by its owner (the routes guard for OWNER). A key's
 * secret is returned once, at creation, and stored only as its SHA-256; revoking is
 * immediate and kept for the audit trail. Creating and revoking are audited with the
 * key's id, name and scopes.
 */

const view = (row: typeof apiKeys.$inferSelect): ApiKeyView => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function listApiKeys(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db.select().from(apiKeys).where(eq(apiKeys.clinicId, actor.clinicId)).orderBy(desc(apiKeys.createdAt));
  return { keys: rows.map(view), scopes: API_KEY_SCOPES.map((scope) => ({ scope, label: API_KEY_SCOPE_LABELS[scope] })) };
}

export async function createApiKey(ctx: AppContext, actor: Actor, input: CreateApiKeyBody) {
  const secret = API_KEY_PREFIX + newToken();
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(apiKeys).values({
      clinicId: actor.clinicId, name: input.name, scopes: input.scopes, prefix: secret.slice(0, API_KEY_PREFIX.length + 4),
      tokenHash: hashToken(secret), createdBy: actor.userId, createdAt: new Date(nowOf(ctx)),
    }).returning();
    await recordAudit(tx, actor, { action: 'api_key.created', entityType: 'api_key', entityId: row!.id, details: { name: input.name, scopes: input.scopes } });
    return { ...view(row!), secret };
  });
}

export async function revokeApiKey(ctx: AppContext, actor: Actor, keyId: string) {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: new Date(nowOf(ctx)), revokedBy: actor.userId })
      .where(and(eq(apiKeys.clinicId, actor.clinicId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))).returning();
    if (!row) throw notFound('The API key');
    await recordAudit(tx, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: row.id, details: { name: row.name } });
    return view(row);
  });
}
