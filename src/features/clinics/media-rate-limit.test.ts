import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { addressKey, MemoryRateLimiter } from '../../server/memory-rate-limit.ts';

const HASH = '0123456789abcdef0123456789abcdef';
const photo = `/media/practitioners/${HASH}-160.webp`;

describe('/media rate limit (per IP address, in memory)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp({ MEDIA_PER_IP_PER_MIN: '5' });
  });
  afterAll(() => t.close());

  const get = (ip: string, url = photo, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, remoteAddress: ip, headers });

  it('answers 429 with Retry-After once an address has made its requests for the minute, whatever they were', async () => {
    const ip = '198.51.100.7';
    // Cheap revalidations, unknown photos and malformed names all count.
    expect((await get(ip, photo, { 'if-none-match': `"${HASH}-160"` })).statusCode).toBe(304);
    expect((await get(ip, photo, { 'if-none-match': `"${HASH}-160"` })).statusCode).toBe(304);
    expect((await get(ip)).statusCode).toBe(404);
    expect((await get(ip, '/media/practitioners/x.svg')).statusCode).toBe(404);
    expect((await get(ip, '/media/practitioners/' + 'a'.repeat(80))).statusCode).toBe(400);

    const refused = await get(ip, photo, { 'if-none-match': `"${HASH}-160"` });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.json()).toMatchObject({ status: 429, type: expect.stringContaining('rate-limited') });

    // Another address is not affected.
    expect((await get('198.51.100.8', photo, { 'if-none-match': `"${HASH}-160"` })).statusCode).toBe(304);
  });

  it('counts an IPv6 /64 as one address, so a machine cannot step around the limit by changing its address', async () => {
    for (let i = 1; i <= 5; i++) expect((await get(`2001:db8:1:2::${i}`)).statusCode).toBe(404);
    expect((await get('2001:db8:1:2:ffff::9')).statusCode).toBe(429);
    expect((await get('2001:db8:1:3::1')).statusCode).toBe(404);
  });
});

describe('MemoryRateLimiter', () => {
  it('starts a new window a full window after the previous one started, and says how long to wait', () => {
    const limiter = new MemoryRateLimiter(2, 60_000);
    expect(limiter.hit('a', 1_000)).toBeUndefined();
    expect(limiter.hit('a', 2_000)).toBeUndefined();
    expect(limiter.hit('a', 31_000)).toBe(30);
    expect(limiter.hit('a', 60_999)).toBe(1);
    expect(limiter.hit('a', 61_000)).toBeUndefined();
  });

  it('stops tracking new keys once it holds maxKeys in a window, so memory stays bounded', () => {
    const limiter = new MemoryRateLimiter(1, 60_000, 2);
    limiter.hit('a', 0);
    limiter.hit('b', 0);
    expect(limiter.hit('a', 1)).toBe(60);
    expect(limiter.hit('c', 1)).toBeUndefined();
    expect(limiter.hit('c', 2)).toBeUndefined();
  });

  it('keys IPv4 (also IPv4-mapped IPv6) by address and IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
