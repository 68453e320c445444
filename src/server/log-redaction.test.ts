import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../data/db.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { redactSecrets, secretRedactingLogOptions } from './log-redaction.ts';
import { openTestDatabase } from './test-app.ts';

const token = 'Qm9va2luZ1Rva2VuRm9yVGVzdHNPbmx5MTIzNDU2Nzg';

describe('redactSecrets', () => {
  it.each([
    [`/api/v1/clinics/jade/bookings/by-token/${token}`, '/api/v1/clinics/jade/bookings/by-token/[redacted]'],
    ['/api/v1/clinics/jade/bookings/by-token/short-secret/reschedule', '/api/v1/clinics/jade/bookings/by-token/[redacted]/reschedule'],
    ['/api/v1/clinics/jade/booking-links/short-secret/cancel', '/api/v1/clinics/jade/booking-links/[redacted]/cancel'],
    ['/api/v1/clinics/jade/calendar-feeds/lowercasesecret', '/api/v1/clinics/jade/calendar-feeds/[redacted]'],
    ['/api/v1/invitations/lowercasesecret', '/api/v1/invitations/[redacted]'],
    ['/api/v1/invitations/accept', '/api/v1/invitations/accept'],
    ['/app/verify-email?token=abc', '/app/verify-email?token=[redacted]'],
    ['/app/bookings/manage?token=abc&clinic=jade&action=cancel', '/app/bookings/manage?token=[redacted]&clinic=jade&action=cancel'],
    ['/callback?state=x&code=123456', '/callback?state=x&code=[redacted]'],
    [`/anything/${token}?x=1`, '/anything/[redacted]?x=1'],
    ['/clinics/jade-leaf-bath?service=0b9f6f3e-5d1c-4f4e-9a57-2d2f3c1b7a10&date=2027-03-03', '/clinics/jade-leaf-bath?service=0b9f6f3e-5d1c-4f4e-9a57-2d2f3c1b7a10&date=2027-03-03'],
    // A visitor's own position ("Use my location" on /find) is never logged.
    ['/find?near=51.381%2C-2.359&treatment=facial-acupuncture', '/find?near=[redacted]&treatment=facial-acupuncture'],
    ['/api/v1/directory?where=LS1&near=53.8,-1.5', '/api/v1/directory?where=LS1&near=[redacted]'],
    ['Route GET:/api/v1/invitations/lowercasesecret not found', 'Route GET:/api/v1/invitations/[redacted] not found'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it("drops a failed query's parameters, however many lines they run to, and keeps the SQL", () => {
    const message = `Failed query: insert into outbox_emails (text) values ($1)\nparams: Hello,\n\nConfirm: https://x.test/app/verify-email?token=${token}\n\nI have eczema`;
    expect(redactSecrets(message)).toBe('Failed query: insert into outbox_emails (text) values ($1)\nparams: [redacted]');
    const stack = `Error: ${message}\n    at query (file.js:1:1)\n    at run (file.js:2:2)`;
    expect(redactSecrets(stack)).toBe('Error: Failed query: insert into outbox_emails (text) values ($1)\nparams: [redacted]\n    at query (file.js:1:1)\n    at run (file.js:2:2)');
  });
});

describe('an unexpected error while serving a secret address', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('is logged with the SQL but without the secret, from the URL or the query parameters', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = Fastify({ logger: { level: 'info', ...secretRedactingLogOptions, stream } });
    registerErrorHandling(app);
    // A handler whose query fails with the secret as a bound parameter, as a 500 would.
    app.get('/api/v1/clinics/:slug/calendar-feeds/:token', async (request) => {
      const { token: secret } = request.params as { token: string };
      return database.db.execute(sql`select ${secret}::int as n`);
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: `/api/v1/clinics/jade/calendar-feeds/${token}?token=${token}` });
    expect(res.statusCode).toBe(500);
    app.log.error({ err: new Error(`while opening /app/bookings/manage?token=${token}`) }, `could not open /api/v1/invitations/${token}`);
    await app.close();

    const log = lines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('Failed query: select $1::int as n');
    expect(log).toContain('/api/v1/clinics/jade/calendar-feeds/[redacted]?token=[redacted]');
    expect(log).toContain('could not open /api/v1/invitations/[redacted]');
    expect(log).not.toContain(token);
  });
});
