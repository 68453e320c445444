import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from './test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../features/booking/booking.test-helpers.ts';
import { withCspNonces } from './web.ts';

let t: TestContext;
let framed: ClinicFixture;
let plain: ClinicFixture;

beforeAll(async () => {
  t = await buildTestApp();
  framed = await createClinicFixture(t, { slug: 'framed-clinic', settings: { widgetOrigins: ['https://www.framed-clinic.example', 'http://localhost:8080'] } });
  plain = await createClinicFixture(t, { slug: 'plain-clinic' });
});
afterAll(() => t.close());

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: unknown): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries((header as string).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

const html = { accept: 'text/html' };

describe('security headers', () => {
  it('public pages: a policy with no inline code at all (no nonce), not framed, strict referrer, nosniff, no HSTS over http', async () => {
    for (const url of ['/', '/find', `/clinics/${plain.slug}`, '/robots.txt', '/nothing-here']) {
      const res = await t.client().get(url, html);
      expect(res.statusCode, url).toBe(url === '/nothing-here' ? 404 : 200);
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['default-src'], url).toEqual(["'self'"]);
      expect(policy['script-src'], url).toEqual(["'self'"]);
      expect(policy['style-src'], url).toEqual(["'self'"]);
      expect(policy['script-src-attr'], url).toEqual(["'none'"]);
      expect(policy['object-src'], url).toEqual(["'none'"]);
      expect(policy['base-uri'], url).toEqual(["'self'"]);
      expect(policy['form-action'], url).toEqual(["'self'"]);
      expect(policy['frame-ancestors'], url).toEqual(["'none'"]);
      expect(policy, url).not.toHaveProperty('upgrade-insecure-requests');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['origin-agent-cluster'], url).toBe('?1');
      expect(res.headers['x-permitted-cross-domain-policies'], url).toBe('none');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    // The same on a HEAD request (an automatic route) and on a page served from the cache.
    const head = await t.app.inject({ method: 'HEAD', url: `/clinics/${plain.slug}` });
    expect(csp(head.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
    expect(head.headers['x-frame-options']).toBe('DENY');
  });

  it('pages with inline tags (the app shell, the booking page) get a fresh nonce in every answer', async () => {
    for (const url of ['/app', `/clinics/${plain.slug}/book`]) {
      const policy = csp((await t.client().get(url, html)).headers['content-security-policy']);
      expect(policy['script-src']!.some((v) => /^'nonce-[0-9a-f]{32}'$/.test(v)), url).toBe(true);
      expect(policy['style-src']!.some((v) => /^'nonce-[0-9a-f]{32}'$/.test(v)), url).toBe(true);
      expect(policy['script-src'], url).not.toContain("'unsafe-inline'");
      expect(policy['style-src'], url).not.toContain("'unsafe-inline'");
      const again = csp((await t.client().get(url, html)).headers['content-security-policy']);
      expect(again['script-src'], url).not.toEqual(policy['script-src']);
    }
  });

  it('/app: the policy, no-referrer (its pages receive secret links) and no-store', async () => {
    for (const url of ['/app', '/app/reset-password?token=abc', '/app/bookings/manage?token=abc']) {
      const res = await t.client().get(url, html);
      expect(csp(res.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it("the app shell's script tags carry this answer's nonce", () => {
    const built = '<meta property="csp-nonce" nonce="YT_CSP_NONCE"><script type="module" crossorigin src="/assets/app.js" nonce="YT_CSP_NONCE"></script>' +
      '<link rel="stylesheet" crossorigin href="/assets/app.css" nonce="YT_CSP_NONCE">';
    const out = withCspNonces(built, { script: 'aaa', style: 'bbb' });
    expect(out).toContain('src="/assets/app.js" nonce="aaa"');
    expect(out).toContain('href="/assets/app.css" nonce="bbb"');
    expect(out).toContain('<meta property="csp-nonce" nonce="bbb">');
    expect(out).not.toContain('YT_CSP_NONCE');
  });

  it("the booking page may be framed only by the clinic's own widget sites", async () => {
    const res = await t.client().get(`/clinics/${framed.slug}/book`, html);
    expect(res.statusCode).toBe(200);
    expect(csp(res.headers['content-security-policy'])['frame-ancestors']).toEqual(['https://www.framed-clinic.example', 'http://localhost:8080']);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const other = await t.client().get(`/clinics/${plain.slug}/book`, html);
    expect(csp(other.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    // Other pages of the framed clinic still may not be framed.
    const api = await t.client().get(`/api/v1/clinics/${framed.slug}/services`);
    expect(csp(api.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
  });

  it('addresses holding a secret answer with no-referrer', async () => {
    for (const url of [
      `/api/v1/clinics/${plain.slug}/bookings/by-token/${'x'.repeat(43)}`,
      `/api/v1/clinics/${plain.slug}/calendar-feeds/${'y'.repeat(43)}`,
      `/api/v1/invitations/${'z'.repeat(43)}`,
    ]) {
      const res = await t.client().get(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('API answers carrying personal data are no-store; the widget files load on other sites', async () => {
    const owner = await framed.signIn('owner');
    for (const url of ['/api/v1/auth/session', `/api/v1/clinics/${framed.slug}/clients`, '/api/v1/nothing-here']) {
      const res = await owner.get(url);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    const widget = await t.client().get('/widget.js');
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect((await t.client().get('/', html)).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('sign-out clears the session cookie and the site data except cookies', async () => {
    const owner = await framed.signIn('owner');
    const res = await owner.post('/api/v1/auth/sign-out');
    expect(res.statusCode).toBe(200);
    expect(res.headers['clear-site-data']).toBe('"cache", "storage"');
    const cleared = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'yt_session');
    expect(cleared?.value).toBe('');
    expect(owner.hasSessionCookie()).toBe(false);
  });

  it('over http (localhost) the session cookie is plain yt_session', async () => {
    const res = await t.client().post('/api/v1/auth/sign-in', { email: framed.emails.owner, password: 'correct horse battery' });
    const cookie = (res.cookies as { name: string; secure?: boolean }[]).find((c) => c.name.endsWith('yt_session'));
    expect(cookie).toMatchObject({ name: 'yt_session' });
    expect(cookie?.secure).toBeFalsy();
  });
});

describe('served over https', () => {
  let s: TestContext;
  let clinic: ClinicFixture;
  beforeAll(async () => {
    s = await buildTestApp({ PUBLIC_URL: 'https://yintang.test' });
    clinic = await createClinicFixture(s, { slug: 'secure-clinic' });
  });
  afterAll(() => s.close());

  it('sends HSTS and upgrades insecure requests', async () => {
    const res = await s.client().get('/', html);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(csp(res.headers['content-security-policy'])).toHaveProperty('upgrade-insecure-requests');
  });

  it('names the Secure session cookie __Host-yt_session, reads it, and clears it at sign-out', async () => {
    const c = s.client();
    const res = await c.post('/api/v1/auth/sign-in', { email: clinic.emails.owner, password: 'correct horse battery' });
    expect(res.statusCode).toBe(200);
    const cookies = res.cookies as { name: string; secure?: boolean; path?: string; domain?: string; httpOnly?: boolean }[];
    expect(cookies.map((k) => k.name)).not.toContain('yt_session');
    expect(cookies.find((k) => k.name === '__Host-yt_session')).toMatchObject({ secure: true, path: '/', httpOnly: true });
    expect(cookies.find((k) => k.name === '__Host-yt_session')).not.toHaveProperty('domain');
    expect(c.hasSessionCookie()).toBe(true);
    const session = await c.refreshSession();
    expect(session.user?.email ?? session.email).toBe(clinic.emails.owner);
    // A plain-named cookie with the same token is not a session here.
    const token = cookies.find((k) => k.name === '__Host-yt_session') as unknown as { value: string };
    const plainNamed = await s.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `yt_session=${token.value}` } });
    expect(JSON.stringify(plainNamed.json())).not.toContain(clinic.emails.owner);
    const out = await c.post('/api/v1/auth/sign-out');
    expect(out.headers['clear-site-data']).toBe('"cache", "storage"');
    expect((out.cookies as { name: string; value: string }[]).find((k) => k.name === '__Host-yt_session')?.value).toBe('');
    expect(c.hasSessionCookie()).toBe(false);
  });
});
