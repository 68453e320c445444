import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_EVENT_TYPES } from '../../data/schema/integrations.ts';
import { addressRefusal, endpointUrlRefusal } from './network-address.ts';
import { MAX_ATTEMPTS, nextRetryAt, PAUSE_AFTER_FAILING_MS, RETRY_DELAYS_MS, shouldPause } from './backoff.ts';
import { newWebhookSecret, signedHeaders } from './signing.ts';
import { eventData, exampleEnvelope, WEBHOOK_EVENTS } from './webhook-events.ts';

/** Every field any payload may carry. Adding one here is a decision: never health data. */
const ALLOWED_FIELDS = new Set([
  'bookingId', 'clientId', 'practitionerId', 'serviceId', 'serviceName', 'start', 'end', 'status', 'cancelledAt', 'lateCancellation',
  'createdAt', 'reviewId', 'publishedAt', 'invoiceId', 'totalMinor', 'currency', 'paidAt',
]);

describe('signing (Standard Webhooks)', () => {
  it('signs so that the standardwebhooks library verifies the message', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'booking.created', data: { bookingId: 'b1' } });
    const at = new Date();
    const headers = signedHeaders(secret, 'evt_1', at, body);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification with another secret or a changed body', () => {
    const secret = newWebhookSecret();
    const headers = signedHeaders(secret, 'evt_2', new Date(), '{"a":1}');
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });
});

describe('back-off', () => {
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up', () => {
    expect(nextRetryAt(1, 0)).toBe(5_000);
    expect(nextRetryAt(2, 0)).toBe(300_000);
    expect(nextRetryAt(7, 1_000)).toBe(1_000 + 36_000_000);
    expect(nextRetryAt(8, 0)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(8);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(PAUSE_AFTER_FAILING_MS);
  });

  it('pauses an endpoint after a full day of failures, not before', () => {
    expect(shouldPause(0, PAUSE_AFTER_FAILING_MS - 1)).toBe(false);
    expect(shouldPause(0, PAUSE_AFTER_FAILING_MS)).toBe(true);
  });
});

describe('address checks', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::10.0.0.1', 'ff02::1',
  ])('refuses %s', (address) => {
    expect(addressRefusal(address)).not.toBeNull();
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  const production = { allowHttp: false, allowPrivate: false };
  it('asks for https and a public host in production', () => {
    expect(endpointUrlRefusal('https://hooks.example.com/yintang', production)).toBeNull();
    expect(endpointUrlRefusal('http://hooks.example.com/yintang', production)).toMatch(/https/);
    expect(endpointUrlRefusal('https://127.0.0.1/x', production)).toMatch(/loopback/);
    expect(endpointUrlRefusal('https://[::1]/x', production)).toMatch(/loopback/);
    expect(endpointUrlRefusal('https://169.254.169.254/latest/meta-data', production)).toMatch(/link-local/);
    expect(endpointUrlRefusal('https://localhost/x', production)).toMatch(/local name/);
    expect(endpointUrlRefusal('https://intranet/x', production)).toMatch(/local name/);
    expect(endpointUrlRefusal('https://user:pw@hooks.example.com/', production)).toMatch(/password/);
    expect(endpointUrlRefusal('ftp://hooks.example.com/', production)).toMatch(/https/);
    expect(endpointUrlRefusal('not a url', production)).toMatch(/full address/);
  });

  it('lets a test or configured deployment use a local receiver', () => {
    expect(endpointUrlRefusal('http://127.0.0.1:4000/hook', { allowHttp: true, allowPrivate: true })).toBeNull();
    expect(endpointUrlRefusal('http://127.0.0.1:4000/hook', { allowHttp: true, allowPrivate: false })).toMatch(/loopback/);
  });
});

describe('payloads', () => {
  it('every event names only allow-listed fields, and its example shows exactly those', () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      for (const field of WEBHOOK_EVENTS[type].fields) expect(ALLOWED_FIELDS, `${type}.${field}`).toContain(field);
      const example = exampleEnvelope(type, 'demo');
      expect(Object.keys(example)).toEqual(['type', 'timestamp', 'clinic', 'data']);
      expect(Object.keys(example.data).sort()).toEqual([...WEBHOOK_EVENTS[type].fields].sort());
    }
  });

  it('drops anything not on the list, whatever the caller passes', () => {
    const data = eventData('booking.completed', {
      bookingId: 'b', start: new Date('2027-03-03T10:00:00Z'), notes: 'needled ST6', screening: { pregnant: true }, healthAnswers: [], outcome: 7,
    });
    expect(data).toEqual({ bookingId: 'b', start: '2027-03-03T10:00:00.000Z' });
  });
});
