import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server answering the few Stripe API endpoints Yintang uses as Stripe's
 * documented API does (form-encoded requests, JSON objects back, a Bearer secret key):
 * POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/checkout/sessions/:id/expire,
 * POST /v1/refunds. For the
 * HTTP tests and the end-to-end test; the real SDK is pointed at it with STRIPE_API_BASE.
 */
export interface FakeSession {
  id: string; object: 'checkout.session'; url: string; status: 'open' | 'complete' | 'expired'; payment_status: 'unpaid' | 'paid'; amount_total: number; currency: string;
  metadata: Record<string, string>; client_reference_id: string | null; customer_email: string | null; payment_intent: string | null; mode: 'payment';
}
export const SECRET = 'sk_test_yintangClinicKey1234';
export const WEBHOOK = 'whsec_yintangSigningSecret5678';

/**
 * Stripe's ids are unique for ever; so are the fake's, across every instance in one run. The
 * end-to-end journeys each start their own fake against one Yintang server, which keeps a
 * checkout per (clinic, session id): ids restarting at 1 would collide with an earlier journey's.
 */
let idsIssued = 0;
const runPrefix = `${process.pid.toString(36)}${Date.now().toString(36)}`;

export class FakeStripe {
  server: Server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++this.n}` });
    res.end(JSON.stringify(body));
  }));
  sessions = new Map<string, FakeSession>();
  refunds: { payment_intent: string; amount: number }[] = [];
  keysSeen: string[] = [];
  /** While true, every request answers 500 as Stripe does when it is down. */
  failing = false;
  n = 0;

  async listen(port = 0) {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  pay(id: string) {
    const s = this.sessions.get(id)!;
    Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: `pi_${id.slice(3)}` });
    return s;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    const auth = String(req.headers.authorization ?? '');
    this.keysSeen.push(auth);
    if (this.failing) return [500, { error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } }];
    if (auth !== `Bearer ${SECRET}`) return [401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } }];
    const path = (req.url ?? '').split('?')[0]!;
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      let amount = 0;
      for (let i = 0; form.has(`line_items[${i}][quantity]`); i++) amount += Number(form.get(`line_items[${i}][quantity]`)) * Number(form.get(`line_items[${i}][price_data][unit_amount]`));
      const id = `cs_test_${runPrefix}_${++idsIssued}`;
      const metadata = Object.fromEntries([...form].filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const session: FakeSession = {
        id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, status: 'open', payment_status: 'unpaid', amount_total: amount,
        currency: form.get('line_items[0][price_data][currency]') ?? 'gbp', metadata, client_reference_id: form.get('client_reference_id'), customer_email: form.get('customer_email'),
        payment_intent: null, mode: 'payment',
      };
      this.sessions.set(id, session);
      return [200, session];
    }
    const found = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && found && this.sessions.has(found[1]!)) return [200, this.sessions.get(found[1]!)];
    const expiring = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (req.method === 'POST' && expiring && this.sessions.has(expiring[1]!)) {
      const s = this.sessions.get(expiring[1]!)!;
      // As Stripe: only an open session can be expired.
      if (s.status !== 'open') return [400, { error: { type: 'invalid_request_error', message: `Only Checkout Sessions with a status in ["open"] can be expired.` } }];
      s.status = 'expired';
      return [200, s];
    }
    if (req.method === 'POST' && path === '/v1/refunds') {
      const refund = { payment_intent: form.get('payment_intent')!, amount: Number(form.get('amount')) };
      this.refunds.push(refund);
      return [200, { id: `re_${++this.n}`, object: 'refund', status: 'succeeded', currency: 'gbp', ...refund }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } }];
  }
}


/** A `checkout.session.completed` event around a session, as Stripe sends it. */
export function completedEvent(session: FakeSession, id: string) {
  return JSON.stringify({ id, object: 'event', type: 'checkout.session.completed', api_version: '2025-01-01', created: 1_800_000_000, livemode: false, data: { object: session } });
}

/** A `checkout.session.expired` event: the buyer never paid and Stripe closed the session (after 24 hours by default). */
export function expiredEvent(session: FakeSession, id: string) {
  return JSON.stringify({ id, object: 'event', type: 'checkout.session.expired', api_version: '2025-01-01', created: 1_800_000_000, livemode: false, data: { object: { ...session, status: 'expired' } } });
}
