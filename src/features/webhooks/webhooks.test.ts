import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { auditLog, clients, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../data/schema/index.ts';
import { buildTestApp, tokenFromEmail, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addBooking, addClientWithAccount, createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { WEBHOOK_EVENTS } from '../../domain/webhooks/webhook-events.ts';
import { PAUSE_AFTER_FAILING_MS } from '../../domain/webhooks/backoff.ts';
import { WebhookWorker } from './webhook.worker.ts';
import { postWebhook } from './webhook-delivery.ts';

/**
 * A real receiver, as a clinic's other system would run one: it verifies every request
 * with the same library (standardwebhooks) and de-duplicates by webhook-id.
 */
class Receiver {
  server = http.createServer((req, res) => this.handle(req, res));
  secret = '';
  /** Every verified request, duplicates included. */
  received: { id: string; body: { type: string; clinic: string; data: Record<string, unknown> } }[] = [];
  /** Events processed once each, by webhook-id. */
  processed = new Map<string, { type: string; data: Record<string, unknown> }>();
  rejected = 0;
  /** Answer this many requests with 500 before answering 204 again. */
  failNext = 0;

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      try {
        const body = new Webhook(this.secret).verify(raw, req.headers as Record<string, string>) as Receiver['received'][number]['body'];
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end();
          return;
        }
        const id = req.headers['webhook-id'] as string;
        this.received.push({ id, body });
        if (!this.processed.has(id)) this.processed.set(id, body);
        res.writeHead(204).end();
      } catch {
        this.rejected++;
        res.writeHead(400).end();
      }
    });
  }

  async listen() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }
}

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
const receiver = new Receiver();
let port: number;
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;
let worker: WebhookWorker;

beforeAll(async () => {
  t = await buildTestApp({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' });
  f = await createClinicFixture(t, { slug: 'hooks-clinic' });
  other = await createClinicFixture(t, { slug: 'hooks-other' });
  owner = await f.signIn('owner');
  reception = await f.signIn('reception');
  port = await receiver.listen();
  worker = new WebhookWorker(t.database, t.config, t.app.log, clock);
});
afterAll(async () => {
  receiver.server.close();
  await t.close();
});

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const ALL_EVENTS = Object.keys(WEBHOOK_EVENTS);
let endpointId: string;

describe('POST /api/v1/clinics/:slug/webhooks', () => {
  it('shows an example payload of every event before subscribing', async () => {
    const res = await owner.get(url('/webhooks'));
    expect(res.statusCode).toBe(200);
    const events = res.json().events as { type: string; fields: string[]; example: { type: string; data: Record<string, unknown> } }[];
    expect(events.map((e) => e.type)).toEqual(ALL_EVENTS);
    for (const e of events) expect(Object.keys(e.example.data).sort()).toEqual([...e.fields].sort());
  });

  it('subscribes an endpoint, shows its whsec_ secret once and never again, and audits it', async () => {
    const res = await owner.post(url('/webhooks'), { url: `http://127.0.0.1:${port}/hooks`, description: 'Front desk CRM', events: ALL_EVENTS });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.secret).toMatch(/^whsec_/);
    receiver.secret = created.secret;
    endpointId = created.id;
    const list = await owner.get(url('/webhooks'));
    expect(list.body).not.toContain(created.secret);
    expect(list.json().endpoints[0]).toMatchObject({ id: endpointId, status: 'active', events: ALL_EVENTS });
    // Kept encrypted: a copy of the database alone does not give the secret away.
    const [stored] = await t.database.db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(stored!.secret).toMatch(/^enc:v1:/);
    expect(stored!.secret).not.toContain(created.secret.slice(6));
    expect(await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'webhook.created'), eq(auditLog.entityId, endpointId)))).toHaveLength(1);
  });

  it('refuses plain http in production and private or loopback addresses unless allowed, with 400 problem+json', async () => {
    const config = t.config as { NODE_ENV: string; WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean };
    const before = (await t.database.db.select().from(webhookEndpoints)).length;
    config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;
    config.NODE_ENV = 'production';
    try {
      for (const address of ['http://hooks.example.com/x', 'https://127.0.0.1/x', 'https://10.0.0.8/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://localhost/x']) {
        const res = await owner.post(url('/webhooks'), { url: address, events: ['booking.created'] });
        expect(res.statusCode, address).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    } finally {
      config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = true;
      config.NODE_ENV = 'test';
    }
    expect((await t.database.db.select().from(webhookEndpoints)).length).toBe(before);
  });

  it('is for the owner of the clinic only', async () => {
    expect((await reception.get(url('/webhooks'))).statusCode).toBe(403);
    expect((await reception.post(url('/webhooks'), { url: 'https://hooks.example.com/x', events: ['booking.created'] })).statusCode).toBe(403);
    const otherOwner = await other.signIn('owner');
    expect((await otherOwner.get(url(`/webhooks/${endpointId}/deliveries`, other.slug))).statusCode).toBe(404);
    expect((await otherOwner.patch(url(`/webhooks/${endpointId}`, other.slug), { paused: true })).statusCode).toBe(404);
  });
});

describe('delivery', () => {
  it('writes each event with its change and delivers it signed, with allow-listed fields only', async () => {
    const start = localSlot(f.timeZone, 2, '10:00');
    const made = await reception.post(url('/diary/bookings'), {
      serviceId: f.services.consultation, practitionerId: f.practitionerId, start, client: { name: 'Hook Client', email: 'hook@example.com', phone: '07700 900200' },
    });
    expect(made.statusCode).toBe(201);
    const bookingId = made.json().id as string;
    // In the outbox before any worker ran: a server killed now would deliver them after its restart.
    const queued = await t.database.db.select({ type: webhookEvents.type }).from(webhookEvents).where(eq(webhookEvents.clinicId, f.clinicId));
    expect(queued.map((q) => q.type).sort()).toEqual(['booking.created', 'client.created']);

    const moved = await reception.patch(url(`/bookings/${bookingId}`), { start: localSlot(f.timeZone, 2, '11:00') });
    expect(moved.statusCode).toBe(200);
    expect((await reception.post(url(`/bookings/${bookingId}/cancel`), {})).statusCode).toBe(200);
    const client = await addClientWithAccount(t, f, 'Done Client', 'done@example.com');
    const past = await addBooking(t, f, { clientId: client.clientId, practitionerId: f.practitionerId, start: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    expect((await reception.post(url(`/bookings/${past}/status`), { status: 'completed' })).statusCode).toBe(200);
    const reviewed = await (await client.signIn()).post(url('/reviews'), { bookingId: past, rating: 5, body: 'Calm and kind; my migraines eased.' });
    expect(reviewed.statusCode).toBe(201);
    // A part payment sends nothing; the payment that settles the invoice sends invoice.paid.
    const sale = await reception.post(url('/sales'), { clientId: client.clientId, items: [{ kind: 'service', serviceId: f.services.massage }] });
    expect(sale.statusCode).toBe(201);
    const { id: invoiceId, totalMinor } = sale.json() as { id: string; totalMinor: number };
    expect((await reception.post(url(`/invoices/${invoiceId}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 100 }] })).statusCode).toBeLessThan(300);
    expect(await t.database.db.select().from(webhookEvents).where(eq(webhookEvents.type, 'invoice.paid'))).toHaveLength(0);
    expect((await reception.post(url(`/invoices/${invoiceId}/payments`), { currency: 'GBP', parts: [{ method: 'card_terminal', amountMinor: totalMinor - 100 }] })).statusCode).toBeLessThan(300);

    await worker.drain();
    expect(receiver.rejected).toBe(0);
    const types = [...receiver.processed.values()].map((e) => e.type);
    expect(types.sort()).toEqual(['booking.cancelled', 'booking.completed', 'booking.created', 'booking.moved', 'client.created', 'invoice.paid', 'review.published']);
    expect([...receiver.processed.values()].find((e) => e.type === 'invoice.paid')!.data).toMatchObject({ invoiceId, totalMinor, currency: 'GBP' });
    for (const event of receiver.processed.values()) {
      const allowed = WEBHOOK_EVENTS[event.type as keyof typeof WEBHOOK_EVENTS].fields;
      for (const key of Object.keys(event.data)) expect(allowed, `${event.type}.${key}`).toContain(key);
    }
    const created = [...receiver.processed.values()].find((e) => e.type === 'booking.created')!;
    expect(created.data).toMatchObject({ bookingId, serviceName: expect.any(String), start: expect.any(String), practitionerId: f.practitionerId });
    expect(JSON.stringify([...receiver.processed.values()])).not.toMatch(/hook@example\.com|07700|Hook Client|migraine|Done Client/);
  });

  it('retries a failed delivery with back-off and logs each attempt with its response code', async () => {
    receiver.failNext = 1;
    await owner.post(url('/clients'), { name: 'Retry Client', email: 'retry@example.com' });
    await worker.drain();
    const [delivery] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    expect(delivery!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3_000);
    await worker.drain();
    expect((await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id)))[0]!.status).toBe('pending');
    offsetMs = 6_000;
    await worker.drain();
    offsetMs = 0;
    const list = (await owner.get(url(`/webhooks/${endpointId}/deliveries`))).json().deliveries as { id: string; status: string; attempts: { ok: boolean; responseStatus: number | null }[] }[];
    const logged = list.find((d) => d.id === delivery!.id)!;
    expect(logged.status).toBe('delivered');
    expect(logged.attempts.map((a) => [a.ok, a.responseStatus])).toEqual([[true, 204], [false, 500]]);
  });

  it('delivers what a worker killed mid-delivery had claimed, once its lease runs out; the receiver de-duplicates', async () => {
    await owner.post(url('/clients'), { name: 'Lease Client', email: 'lease@example.com' });
    const [row] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    // The dead worker had sent it (the receiver got it) and claimed it, but never recorded the answer.
    const [event] = await t.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, row!.eventId));
    receiver.processed.set(`evt_${event!.id}`, { type: event!.type, data: event!.payload });
    await t.database.db.update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() + 60_000), attempts: 1 }).where(eq(webhookDeliveries.id, row!.id));
    expect(await worker.drain()).toBe(0);
    offsetMs = 61_000;
    expect(await worker.drain()).toBe(1);
    offsetMs = 0;
    expect(receiver.received.filter((r) => r.id === `evt_${event!.id}`)).toHaveLength(1);
    expect([...receiver.processed.keys()].filter((k) => k === `evt_${event!.id}`)).toHaveLength(1);
  });

  it('replays a delivery from the screen with the same webhook-id', async () => {
    const deliveries = (await owner.get(url(`/webhooks/${endpointId}/deliveries`))).json().deliveries as { id: string; eventId: string }[];
    const target = deliveries[deliveries.length - 1]!;
    const before = receiver.received.length;
    const uniqueBefore = receiver.processed.size;
    const res = await owner.post(url(`/webhooks/${endpointId}/deliveries/${target.id}/replay`));
    expect(res.statusCode).toBe(202);
    await worker.drain();
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.received.at(-1)!.id).toBe(`evt_${target.eventId}`);
    expect(receiver.processed.size).toBe(uniqueBefore);
    expect(await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'webhook.replayed'), eq(auditLog.entityId, target.id)))).toHaveLength(1);
  });

  it('never sends one delivery twice when it is replayed while a worker is sending it', async () => {
    await owner.post(url('/clients'), { name: 'Flight Client', email: 'flight@example.com' });
    const [pending] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    // A worker whose request hangs until we let it go: the delivery is in flight.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    const slow = new WebhookWorker(t.database, t.config, t.app.log, clock, async (...args) => {
      sent++;
      await held;
      return postWebhook(...args);
    });
    const draining = slow.drain();
    await expect.poll(() => sent).toBe(1);
    const before = receiver.received.filter((r) => r.id === `evt_${pending!.eventId}`).length;

    const replay = await owner.post(url(`/webhooks/${endpointId}/deliveries/${pending!.id}/replay`));
    expect(replay.statusCode).toBe(409);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json().type).toMatch(/delivery-in-flight$/);
    // Another instance finds nothing to claim while the lease holds.
    expect(await worker.drain()).toBe(0);
    release();
    expect(await draining).toBe(1);
    expect(receiver.received.filter((r) => r.id === `evt_${pending!.eventId}`).length).toBe(before + 1);
    const [done] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, pending!.id));
    expect(done).toMatchObject({ status: 'delivered', lockedUntil: null });
    expect(await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'webhook.replayed'), eq(auditLog.entityId, pending!.id)))).toHaveLength(0);

    // Once it is done, a replay is accepted and sends it once more.
    expect((await owner.post(url(`/webhooks/${endpointId}/deliveries/${pending!.id}/replay`))).statusCode).toBe(202);
    expect(await worker.drain()).toBe(1);
    expect(receiver.received.filter((r) => r.id === `evt_${pending!.eventId}`).length).toBe(before + 2);
  });

  it('lets only one of two workers running at once claim a delivery', async () => {
    await owner.post(url('/clients'), { name: 'Race Client', email: 'race@example.com' });
    const [pending] = await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    const counts = await Promise.all([worker.drain(), new WebhookWorker(t.database, t.config, t.app.log, clock).drain()]);
    expect(counts.sort()).toEqual([0, 1]);
    expect(receiver.received.filter((r) => r.id === `evt_${pending!.eventId}`)).toHaveLength(1);
  });

  it('sends client.created when a person signs up to the clinic themselves, with ids and time only', async () => {
    const visitor = t.client();
    const email = 'self.signup@example.com';
    expect((await visitor.post('/api/v1/auth/sign-up', { name: 'Selma Self', email, password: 'correct horse battery', clinicSlug: f.slug })).statusCode).toBe(202);
    const [mail] = await t.emailsTo(email);
    expect((await visitor.post('/api/v1/auth/verify-email', { token: tokenFromEmail(mail!.text, '/app/verify-email'), password: 'correct horse battery' })).statusCode).toBe(200);
    const [client] = await t.database.db.select({ id: clients.id }).from(clients).where(and(eq(clients.clinicId, f.clinicId), eq(clients.email, email)));
    expect(client).toBeDefined();
    await worker.drain();
    const sent = [...receiver.processed.values()].filter((e) => e.type === 'client.created' && e.data.clientId === client!.id);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]!.data).sort()).toEqual(['clientId', 'createdAt']);
    expect(JSON.stringify(sent)).not.toMatch(/Selma|self\.signup/);
    // Someone the clinic already knew (booked by phone) who signs up is linked, not created: no second event.
    await owner.post(url('/clients'), { name: 'Phone Booker', email: 'phone.booker@example.com' });
    await worker.drain();
    const known = receiver.received.filter((r) => r.body.type === 'client.created').length;
    const second = t.client();
    await second.post('/api/v1/auth/sign-up', { name: 'Phone Booker', email: 'phone.booker@example.com', password: 'correct horse battery', clinicSlug: f.slug });
    const [mail2] = await t.emailsTo('phone.booker@example.com');
    expect((await second.post('/api/v1/auth/verify-email', { token: tokenFromEmail(mail2!.text, '/app/verify-email'), password: 'correct horse battery' })).statusCode).toBe(200);
    await worker.drain();
    expect(receiver.received.filter((r) => r.body.type === 'client.created').length).toBe(known);
  });

  it('refuses at delivery a host name that now resolves to a loopback address (DNS rebinding)', async () => {
    const res = await owner.post(url('/webhooks'), { url: `http://localhost:${port}/rebind`, events: ['client.created'] });
    expect(res.statusCode).toBe(201);
    const rebindId = res.json().id as string;
    await owner.patch(url(`/webhooks/${endpointId}`), { paused: true });
    const before = receiver.received.length + receiver.rejected;
    (t.config as { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean }).WEBHOOK_ALLOW_PRIVATE_ADDRESSES = false;
    try {
      await owner.post(url('/clients'), { name: 'Rebind Client', email: 'rebind@example.com' });
      await worker.drain();
    } finally {
      (t.config as { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean }).WEBHOOK_ALLOW_PRIVATE_ADDRESSES = true;
    }
    expect(receiver.received.length + receiver.rejected).toBe(before);
    const [attempt] = (await owner.get(url(`/webhooks/${rebindId}/deliveries`))).json().deliveries[0].attempts;
    expect(attempt).toMatchObject({ ok: false, responseStatus: null, error: expect.stringMatching(/loopback/) });
    expect((await owner.delete(url(`/webhooks/${rebindId}`))).statusCode).toBe(204);
    await owner.patch(url(`/webhooks/${endpointId}`), { paused: false });
    await worker.drain();
  });

  it('pauses an endpoint after a day of failures, e-mails the owner, and delivers the held events once resumed', async () => {
    receiver.failNext = 1000;
    await owner.post(url('/clients'), { name: 'Pause Client', email: 'pause@example.com' });
    await worker.drain();
    offsetMs = PAUSE_AFTER_FAILING_MS + 1_000;
    await t.database.db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now()) }).where(eq(webhookDeliveries.status, 'pending'));
    await worker.drain();
    offsetMs = 0;
    const endpoint = (await owner.get(url('/webhooks'))).json().endpoints.find((e: { id: string }) => e.id === endpointId);
    expect(endpoint).toMatchObject({ status: 'paused', pausedReason: 'failing' });
    const [mail] = await t.emailsTo(f.emails.owner);
    expect(mail!.subject).toBe('A webhook endpoint has been paused');
    // Paused: nothing is attempted, nothing is lost.
    receiver.failNext = 0;
    await t.database.db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1) }).where(eq(webhookDeliveries.status, 'pending'));
    expect(await worker.drain()).toBe(0);
    expect((await owner.patch(url(`/webhooks/${endpointId}`), { paused: false })).json()).toMatchObject({ status: 'active', failingSince: null });
    expect(await worker.drain()).toBe(1);
    expect([...receiver.processed.values()].some((e) => e.type === 'client.created' && typeof e.data.clientId === 'string')).toBe(true);
    expect(await t.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'))).toHaveLength(0);
  });
});
