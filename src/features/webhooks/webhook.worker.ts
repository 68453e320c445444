import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import { clinics, memberships, users, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../data/schema/index.ts';
import { MAX_ATTEMPTS, nextRetryAt, shouldPause } from '../../domain/webhooks/backoff.ts';
import { signedHeaders } from '../../domain/webhooks/signing.ts';
import type { WebhookEnvelope } from '../../domain/webhooks/webhook-events.ts';
import type { JobPause } from '../../server/job-pause.ts';
import { PollingWorker } from '../../server/polling-worker.ts';
import { recordAudit } from '../../server/audit.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { postWebhook, type PostResult } from './webhook-delivery.ts';
import { secretBoxOf } from '../../server/secret-box.ts';
import { webhookSecretPlace } from './webhooks.service.ts';

const LEASE_MS = 60_000;

/**
 * Delivers webhook events from the outbox (webhook_deliveries): signed per Standard
 * Webhooks, each attempt logged, failures retried on the back-off schedule. An endpoint
 * failing for a day without one success is paused and the clinic's owners are e-mailed;
 * its deliveries wait until it is resumed. Several instances may run it: rows are
 * claimed with FOR UPDATE SKIP LOCKED and a lease, as e-mails are.
 */
export class WebhookWorker {
  private readonly loop: PollingWorker<number>;
  readonly pause: JobPause;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
    /** The clock; tests move it to see retries and a day of failures. */
    private readonly now: () => number = Date.now,
    /** Tests only: what sends the request (e.g. one that dies mid-delivery). */
    private readonly post: typeof postWebhook = postWebhook,
  ) {
    // The first run waits half a second, so a start's first requests (its /health, the
    // first page) do not queue behind it on the embedded database's one connection.
    this.loop = new PollingWorker({ name: 'webhooks', database, log, intervalMs: () => config.WEBHOOK_POLL_MS, firstDelayMs: 500, run: () => this.drain() });
    this.pause = this.loop.pause;
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
  }

  /** Delivers everything due now; returns how many attempts were made. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.claim(10);
      if (batch.length === 0) return handled;
      for (const row of batch) {
        await this.deliver(row);
        handled++;
      }
    }
  }

  /** Claims due deliveries of active endpoints with a lease, so two instances never send one at once. */
  private async claim(limit: number) {
    const db = this.database.db;
    const now = new Date(this.now());
    return db.update(webhookDeliveries)
      .set({ lockedUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${webhookDeliveries.attempts} + 1` })
      .where(inArray(webhookDeliveries.id, db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)
        .innerJoin(webhookEndpoints, and(eq(webhookEndpoints.clinicId, webhookDeliveries.clinicId), eq(webhookEndpoints.id, webhookDeliveries.endpointId)))
        .where(and(
          eq(webhookDeliveries.status, 'pending'), eq(webhookEndpoints.status, 'active'), lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
        ))
        .orderBy(webhookDeliveries.nextAttemptAt).limit(limit).for('update', { of: webhookDeliveries, skipLocked: true })))
      .returning();
  }

  private async deliver(delivery: typeof webhookDeliveries.$inferSelect) {
    const db = this.database.db;
    const [row] = await db.select({ endpoint: webhookEndpoints, event: webhookEvents, slug: clinics.slug }).from(webhookEndpoints)
      .innerJoin(webhookEvents, and(eq(webhookEvents.clinicId, webhookEndpoints.clinicId), eq(webhookEvents.id, delivery.eventId)))
      .innerJoin(clinics, eq(clinics.id, webhookEndpoints.clinicId))
      .where(and(eq(webhookEndpoints.clinicId, delivery.clinicId), eq(webhookEndpoints.id, delivery.endpointId)));
    if (!row) return;
    const { endpoint, event } = row;
    const body = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), clinic: row.slug, data: event.payload } satisfies WebhookEnvelope);
    const started = this.now();
    let result: PostResult;
    try {
      // The webhook-id is the event's id: the same on every retry and replay, so a receiver de-duplicates by it.
      result = await this.post(endpoint.url, signedHeaders(secretBoxOf(this.config).open(endpoint.secret, webhookSecretPlace(endpoint.clinicId, endpoint.id)), `evt_${event.id}`, new Date(started), body), body, this.config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES);
    } catch (error) {
      result = { ok: false, status: null, error: (error as Error).message.slice(0, 300) };
    }
    const finished = this.now();
    await this.database.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({
        clinicId: delivery.clinicId, deliveryId: delivery.id, attemptedAt: new Date(started), ok: result.ok,
        responseStatus: result.status, error: result.error, durationMs: Math.max(0, Math.round(finished - started)),
      });
      // Only while this worker's lease still holds the row: a worker whose lease ran out
      // (its delivery re-claimed meanwhile) must not overwrite what the next one records.
      const where = and(eq(webhookDeliveries.clinicId, delivery.clinicId), eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.lockedUntil, delivery.lockedUntil!));
      const endpointWhere = and(eq(webhookEndpoints.clinicId, delivery.clinicId), eq(webhookEndpoints.id, endpoint.id));
      if (result.ok) {
        await tx.update(webhookDeliveries).set({ status: 'delivered', deliveredAt: new Date(finished), lockedUntil: null }).where(where);
        await tx.update(webhookEndpoints).set({ failingSince: null }).where(endpointWhere);
        return;
      }
      const retryAt = delivery.attempts >= MAX_ATTEMPTS ? null : nextRetryAt(delivery.attempts, finished);
      await tx.update(webhookDeliveries).set(retryAt === null
        ? { status: 'failed', lockedUntil: null }
        : { nextAttemptAt: new Date(retryAt), lockedUntil: null }).where(where);
      const [current] = await tx.select().from(webhookEndpoints).where(endpointWhere).for('update');
      if (!current) return;
      const failingSince = current.failingSince?.getTime() ?? started;
      if (!current.failingSince) await tx.update(webhookEndpoints).set({ failingSince: new Date(started) }).where(endpointWhere);
      if (current.status === 'active' && shouldPause(failingSince, finished)) await this.pauseFailing(tx, current, row.slug);
    });
    this.log[result.ok ? 'info' : 'warn']({ deliveryId: delivery.id, endpointId: endpoint.id, status: result.status, attempt: delivery.attempts }, result.ok ? 'webhook delivered' : 'webhook delivery failed');
  }

  /** A day of failures: pause the endpoint, tell the owners by e-mail, audit it. */
  private async pauseFailing(tx: Parameters<Parameters<Database['transaction']>[0]>[0], endpoint: typeof webhookEndpoints.$inferSelect, slug: string) {
    await tx.update(webhookEndpoints).set({ status: 'paused', pausedReason: 'failing' })
      .where(and(eq(webhookEndpoints.clinicId, endpoint.clinicId), eq(webhookEndpoints.id, endpoint.id)));
    const owners = await tx.select({ email: users.email }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, endpoint.clinicId), eq(memberships.role, 'owner'), isNull(memberships.deactivatedAt)));
    const link = `${this.config.publicUrl}/app/integrations`;
    for (const owner of owners) {
      await enqueueEmail(tx, {
        clinicId: endpoint.clinicId, to: owner.email, subject: 'A webhook endpoint has been paused',
        text: `Yintang could not deliver events to ${endpoint.url} for a day, so it has paused sending to it.\n\n` +
          `Nothing is lost: the events are kept and will be sent when you resume the endpoint. Check that the system behind the address is running and answers with a 2xx status, then resume it in Integrations:\n${link}\n`,
      });
    }
    await recordAudit(tx, null, { action: 'webhook.paused_failing', entityType: 'webhook_endpoint', entityId: endpoint.id, clinicId: endpoint.clinicId, details: { url: endpoint.url, clinic: slug } });
  }
}
