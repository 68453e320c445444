import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { z } from 'zod';
import { WEBHOOK_EVENT_TYPES, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { secretBoxOf } from '../../server/secret-box.ts';
import { badRequest, conflict, notFound } from '../../server/errors.ts';
import { endpointUrlRefusal } from '../../domain/webhooks/network-address.ts';
import { exampleEnvelope, WEBHOOK_EVENTS } from '../../domain/webhooks/webhook-events.ts';
import { newWebhookSecret } from '../../domain/webhooks/signing.ts';
import type { CreateWebhookBody, updateWebhookBody, WebhookView } from './webhooks.schema.ts';

/**
 * The owner's webhook endpoints (the routes guard for OWNER): create one (its secret is in
 * that answer only), change its events, pause or resume it, remove it, see each delivery
 * with its attempts and replay one. Every change is audited.
 */

const view = (row: typeof webhookEndpoints.$inferSelect): WebhookView => ({
  id: row.id, url: row.url, description: row.description, events: row.events, status: row.status, pausedReason: row.pausedReason,
  failingSince: row.failingSince?.toISOString() ?? null, createdAt: row.createdAt.toISOString(),
});

/** The address rules of this deployment: https and public addresses unless configured otherwise. */
export const endpointRules = (ctx: AppContext) => ({
  allowHttp: ctx.config.NODE_ENV !== 'production' || ctx.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
});

export async function listWebhooks(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.clinicId, actor.clinicId)).orderBy(desc(webhookEndpoints.createdAt));
  return {
    endpoints: rows.map(view),
    events: WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENTS[type].label, fields: [...WEBHOOK_EVENTS[type].fields], example: exampleEnvelope(type, actor.clinicSlug) })),
  };
}

/** Where an endpoint's signing secret is kept, as the encryption's associated data. */
export const webhookSecretPlace = (clinicId: string, endpointId: string) => `${clinicId}/webhook_endpoints.secret/${endpointId}`;

export async function createWebhook(ctx: AppContext, actor: Actor, input: CreateWebhookBody) {
  const refusal = endpointUrlRefusal(input.url, endpointRules(ctx));
  if (refusal) throw badRequest(refusal, [{ field: 'body.url', message: refusal }]);
  const secret = newWebhookSecret();
  const id = randomUUID();
  // Signing needs the secret itself, so it is kept encrypted (not hashed), bound to this endpoint.
  const sealed = secretBoxOf(ctx.config).seal(secret, webhookSecretPlace(actor.clinicId, id));
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(webhookEndpoints).values({
      id, clinicId: actor.clinicId, url: input.url, description: input.description, events: input.events, secret: sealed, createdBy: actor.userId, createdAt: new Date(nowOf(ctx)),
    }).returning();
    await recordAudit(tx, actor, { action: 'webhook.created', entityType: 'webhook_endpoint', entityId: row!.id, details: { url: input.url, events: input.events } });
    return { ...view(row!), secret };
  });
}

export async function updateWebhook(ctx: AppContext, actor: Actor, endpointId: string, input: z.infer<typeof updateWebhookBody>) {
  return ctx.database.transaction(async (tx) => {
    const where = and(eq(webhookEndpoints.clinicId, actor.clinicId), eq(webhookEndpoints.id, endpointId));
    const [current] = await tx.select().from(webhookEndpoints).where(where).for('update');
    if (!current) throw notFound('The webhook endpoint');
    const changes: Partial<typeof webhookEndpoints.$inferInsert> = {};
    if (input.events) changes.events = input.events;
    // Resuming starts the day of failures afresh; held deliveries go out at once.
    if (input.paused === true) Object.assign(changes, { status: 'paused', pausedReason: 'owner' });
    if (input.paused === false) Object.assign(changes, { status: 'active', pausedReason: null, failingSince: null });
    const [row] = Object.keys(changes).length ? await tx.update(webhookEndpoints).set(changes).where(where).returning() : [current];
    await recordAudit(tx, actor, { action: 'webhook.updated', entityType: 'webhook_endpoint', entityId: endpointId, details: { events: input.events, paused: input.paused } });
    return view(row!);
  });
}

export async function deleteWebhook(ctx: AppContext, actor: Actor, endpointId: string) {
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.clinicId, actor.clinicId), eq(webhookEndpoints.id, endpointId))).returning();
    if (!row) throw notFound('The webhook endpoint');
    await recordAudit(tx, actor, { action: 'webhook.deleted', entityType: 'webhook_endpoint', entityId: endpointId, details: { url: row.url } });
  });
}

/** The endpoint's latest deliveries (50), newest first, each with its attempts. */
export async function listDeliveries(ctx: AppContext, actor: Actor, endpointId: string) {
  const db = ctx.database.db;
  const [endpoint] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.clinicId, actor.clinicId), eq(webhookEndpoints.id, endpointId)));
  if (!endpoint) throw notFound('The webhook endpoint');
  const rows = await db.select({ delivery: webhookDeliveries, type: webhookEvents.type }).from(webhookDeliveries)
    .innerJoin(webhookEvents, and(eq(webhookEvents.clinicId, webhookDeliveries.clinicId), eq(webhookEvents.id, webhookDeliveries.eventId)))
    .where(and(eq(webhookDeliveries.clinicId, actor.clinicId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt)).limit(50);
  const attempts = rows.length ? await db.select().from(webhookAttempts)
    .where(and(eq(webhookAttempts.clinicId, actor.clinicId), inArray(webhookAttempts.deliveryId, rows.map((r) => r.delivery.id))))
    .orderBy(desc(webhookAttempts.attemptedAt)) : [];
  return {
    deliveries: rows.map(({ delivery: d, type }) => ({
      id: d.id, eventId: d.eventId, type, status: d.status, createdAt: d.createdAt.toISOString(),
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null, deliveredAt: d.deliveredAt?.toISOString() ?? null,
      attempts: attempts.filter((a) => a.deliveryId === d.id).map((a) => ({
        attemptedAt: a.attemptedAt.toISOString(), ok: a.ok, responseStatus: a.responseStatus, error: a.error, durationMs: a.durationMs,
      })),
    })),
  };
}

/**
 * Sends a delivery again, now, with a fresh set of retries. It keeps its `webhook-id`,
 * so a receiver that already processed it recognises it.
 *
 * One statement decides, so a replay and a worker never both send it: only a delivery no
 * worker holds (no lease, or its lease ran out) is put back in the queue. One being sent
 * right now is refused with 409; its attempt shows in the list in a moment.
 */
export async function replayDelivery(ctx: AppContext, actor: Actor, endpointId: string, deliveryId: string) {
  const now = new Date(nowOf(ctx));
  return ctx.database.transaction(async (tx) => {
    const where = and(eq(webhookDeliveries.clinicId, actor.clinicId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId));
    const [row] = await tx.update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lockedUntil: null })
      .where(and(where, or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now))))
      .returning({ id: webhookDeliveries.id });
    if (!row) {
      const [exists] = await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(where);
      if (!exists) throw notFound('The delivery');
      throw conflict('delivery-in-flight', 'This event is being sent right now. Its attempt will show in the list in a moment; replay it after that if you still need to.');
    }
    await recordAudit(tx, actor, { action: 'webhook.replayed', entityType: 'webhook_delivery', entityId: deliveryId, details: { endpointId } });
    return { id: row.id, status: 'pending' as const };
  });
}
