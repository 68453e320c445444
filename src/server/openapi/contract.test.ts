import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildTestApp, type TestContext } from '../test-app.ts';
import { operationIdOf } from './contract.ts';

let t: TestContext;
let source: string;
let doc: { paths: Record<string, Record<string, { operationId: string; security: Record<string, string[]>[]; responses: Record<string, unknown>; parameters?: { in: string; name: string; required?: boolean }[] }>>; servers: { url: string }[] };
beforeAll(async () => {
  t = await buildTestApp();
  source = (await t.client().get('/api/openapi.json')).body;
  doc = JSON.parse(source);
});
afterAll(() => t.close());

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

/** A value for a path parameter that passes no check: the request reaches access rules or validation. */
const placeholder = (name: string) => (/Id$/.test(name) ? '00000000-0000-4000-8000-000000000000' : name === 'token' ? 'x'.repeat(43) : name === 'clinicSlug' ? 'no-such-clinic' : name === 'date' ? '2027-03-01' : name === 'version' ? '1' : 'facial');

describe('GET /api/openapi.json', () => {
  it('passes @redocly/openapi-core with its recommended rules without an error or a warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: '/openapi.json', config });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(found).toEqual([]);
  });

  it('names a server and gives every operation an operationId, its security and its problem+json errors', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'http://yintang.test' })]);
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
    for (const { op } of ops) {
      expect(op.security.length).toBeGreaterThan(0);
      expect(Object.keys(op.responses).some((s) => s.startsWith('4'))).toBe(true);
      expect(JSON.stringify(op.responses)).not.toContain('Default Response');
    }
  });

  it('declares the calendar feed as text/calendar and has no ambiguous booking-link path', () => {
    const feed = doc.paths['/api/v1/clinics/{clinicSlug}/calendar-feeds/{token}']!.get!;
    expect(Object.keys((feed.responses['200'] as { content: object }).content)).toEqual(['text/calendar']);
    expect(doc.paths['/api/v1/clinics/{clinicSlug}/booking-links/{token}']).toBeDefined();
    expect(Object.keys(doc.paths).filter((p) => p.includes('by-token') && p.includes('/bookings/'))).toEqual([]);
  });

  it('tells the truth: called without credentials, every operation answers a status its contract lists', async () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => placeholder(name));
      const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, remoteAddress: '203.0.113.77', ...(['post', 'put', 'patch'].includes(method) ? { payload: {} } : {}) });
      const listed = Object.keys(op.responses);
      if (!listed.includes(String(res.statusCode)) && !(res.statusCode >= 500)) wrong.push(`${method.toUpperCase()} ${path} answered ${res.statusCode}, lists ${listed.join(',')}`);
      if (res.statusCode >= 500) wrong.push(`${method.toUpperCase()} ${path} answered ${res.statusCode}`);
      if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(wrong).toEqual([]);
  });
});

describe('operationIdOf', () => {
  it('reads as the method and the path, naming a trailing parameter', () => {
    expect(operationIdOf('get', '/api/v1/clinics/{clinicSlug}/bookings/{bookingId}')).toBe('getClinicsBookingsByBookingId');
    expect(operationIdOf('get', '/api/v1/clinics/{clinicSlug}/audit.csv')).toBe('getClinicsAuditCsv');
    expect(operationIdOf('post', '/api/v1/auth/sign-in/two-factor')).toBe('postAuthSignInTwoFactor');
  });
});
