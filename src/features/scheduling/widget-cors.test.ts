import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, localDate, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'cors-test' });
  const owner = await f.signIn('owner');
  await owner.patch(`/api/v1/clinics/${f.slug}/settings/booking`, { widgetOrigins: ['https://www.jade-leaf.example'] });
});
afterAll(() => t.close());

const LISTED = 'https://www.jade-leaf.example';
const OTHER = 'https://evil.example';

/** What CORS decides in an answer: its status, and the headers CORS sets or varies on. */
async function cors(method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST', path: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method, url: `/api/v1/clinics/${path}`, headers, ...(method === 'POST' ? { payload: {} } : {}) });
  const picked: Record<string, unknown> = { status: res.statusCode };
  for (const name of ['vary', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers',
    'access-control-max-age', 'access-control-expose-headers']) {
    if (res.headers[name] !== undefined) picked[name] = res.headers[name];
  }
  if (method === 'OPTIONS') picked.body = res.body.startsWith('{') ? res.json().type : res.body;
  return picked;
}

/**
 * The widget's CORS answers, request by request: the same as @fastify/cors gave with the
 * options the widget registered (origins per clinic, GET and POST, Content-Type and
 * Idempotency-Key, no credentials, preflight cached ten minutes), header for header.
 */
describe('CORS answers of the widget API', () => {
  it('lets a listed site read the public endpoints and says Vary: Origin on every answer', async () => {
    const date = localDate(localSlot(f.timeZone, 1, '12:00'), f.timeZone);
    const availability = `${f.slug}/availability?serviceId=${f.services.massage}&from=${date}&to=${date}`;
    expect(await cors('GET', `${f.slug}/services`)).toEqual({ status: 200, vary: 'Origin' });
    expect(await cors('GET', `${f.slug}/services`, { origin: LISTED })).toEqual({ status: 200, vary: 'Origin', 'access-control-allow-origin': LISTED });
    expect(await cors('GET', `${f.slug}/services`, { origin: OTHER })).toEqual({ status: 200, vary: 'Origin' });
    expect(await cors('GET', `${f.slug}/practitioners`, { origin: LISTED })).toEqual({ status: 200, vary: 'Origin', 'access-control-allow-origin': LISTED });
    expect(await cors('HEAD', `${f.slug}/services`, { origin: LISTED })).toEqual({ status: 200, vary: 'Origin', 'access-control-allow-origin': LISTED });
    expect(await cors('GET', availability)).toEqual({ status: 200, vary: 'Origin, Accept-Encoding' });
    expect(await cors('GET', availability, { origin: LISTED })).toEqual({ status: 200, vary: 'Origin, Accept-Encoding', 'access-control-allow-origin': LISTED });
    expect(await cors('GET', availability, { origin: OTHER })).toEqual({ status: 200, vary: 'Origin, Accept-Encoding' });
    // Refusals carry the header too, so the widget can read why.
    expect(await cors('GET', `${f.slug}/availability?from=tomorrow`, { origin: LISTED })).toEqual({ status: 400, vary: 'Origin', 'access-control-allow-origin': LISTED });
    expect(await cors('POST', `${f.slug}/bookings`, { origin: LISTED })).toEqual({ status: 400, vary: 'Origin', 'access-control-allow-origin': LISTED });
    // Another clinic's listed sites are not this one's.
    expect(await cors('GET', 'no-such-clinic/services', { origin: LISTED })).toEqual({ status: 404, vary: 'Origin' });
  });

  it('allows nothing outside the public endpoints, even to a listed site', async () => {
    expect(await cors('GET', `${f.slug}/booking-links/not-a-token`, { origin: LISTED })).toEqual({ status: 400, vary: 'Origin' });
    expect(await cors('GET', `${f.slug}/diary`, { origin: LISTED })).toEqual({ status: 401 });
  });

  it('answers preflights of listed sites, and refuses the rest as not found', async () => {
    const preflight = { origin: LISTED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' };
    const allowed = {
      status: 204, vary: 'Origin', 'access-control-allow-origin': LISTED, 'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type, Idempotency-Key', 'access-control-max-age': '600', body: '',
    };
    expect(await cors('OPTIONS', `${f.slug}/bookings`, preflight)).toEqual(allowed);
    expect(await cors('OPTIONS', `${f.slug}/availability?serviceId=x`, preflight)).toEqual(allowed);
    expect(await cors('OPTIONS', `${f.slug}/series/proposals`, preflight)).toEqual(allowed);
    const notFound = { status: 404, vary: 'Origin', body: 'https://yintang.app/problems/not-found' };
    expect(await cors('OPTIONS', `${f.slug}/bookings`, { ...preflight, origin: OTHER })).toEqual(notFound);
    expect(await cors('OPTIONS', `${f.slug}/bookings`, { 'access-control-request-method': 'POST' })).toEqual(notFound);
    expect(await cors('OPTIONS', `${f.slug}/diary`, preflight)).toEqual(notFound);
    // A listed site's OPTIONS that is not a preflight.
    expect(await cors('OPTIONS', `${f.slug}/bookings`, { origin: LISTED })).toEqual({ status: 400, vary: 'Origin', 'access-control-allow-origin': LISTED, body: 'Invalid Preflight Request' });
  });
});
