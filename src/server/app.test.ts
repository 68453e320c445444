import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../data/demo/demo-data.ts';
import { buildTestApp, type TestContext } from './test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
});
afterAll(() => t.close());

describe('GET /health', () => {
  it('answers 200 naming the database in use', async () => {
    const res = await t.client().get('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the API as OpenAPI 3.1 with request and response schemas', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const signUp = doc.paths['/api/v1/auth/sign-up'].post;
    expect(signUp.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(doc.paths['/api/v1/clinics/{clinicSlug}/clients/{clientId}'].get.responses).toHaveProperty('200');
  });

  it('has a browsable reference page', async () => {
    const res = await t.client().get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    // An address under it that does not exist answers as every other unknown address does.
    const missing = await t.client().get('/api/docs/no-such-file.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});

describe('public pages', () => {
  it('server-renders the home page with the directory of clinics', async () => {
    const res = await t.client().get('/', { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html>/);
    expect(res.body).toContain('Find a qualified facial acupuncturist');
    expect(res.body).toContain('Jade Leaf Acupuncture');
    expect(res.body).toContain('Willow Tree Clinic');
  });

  it("server-renders a clinic's page with treatments, prices and practitioners", async () => {
    const res = await t.client().get('/clinics/jade-leaf-bath');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Facial acupuncture session');
    expect(res.body).toContain('£95.00');
    expect(res.body).toContain('Mei Lin Chen');
  });

  it('answers an unknown page with a friendly HTML 404, and an unknown API path with problem+json', async () => {
    const page = await t.client().get('/clinics/no-such-clinic', { accept: 'text/html' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.client().get('/api/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
