import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startServer, waitUntilReady, type ServerProcess } from './server-process.test-helpers.ts';

// A real process on a busy 2-core machine: generous limits (nothing here asserts a time).
vi.setConfig({ testTimeout: 300_000 });

let server: ServerProcess | undefined;
let dataDir: string | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Fixed, real-looking secrets: base64url as newToken() makes them, and plain lower-case
// ones, so the redaction is proven by where a secret sits, not only by how it looks.
const tokenShaped = (n: number) => `Zk9yVGVzdGluZ09ubHlOb3RBUmVhbFRva2VuX${n}xYz`;
const plain = (n: number) => `opensesame${n}opensesame${n}`;

const SECRET_ADDRESSES = [
  { path: `/api/v1/clinics/jade-leaf-bath/bookings/by-token/${tokenShaped(1)}`, shown: '/api/v1/clinics/jade-leaf-bath/bookings/by-token/[redacted]' },
  { path: `/api/v1/clinics/jade-leaf-bath/bookings/by-token/${plain(2)}/cancel`, method: 'POST', shown: '/bookings/by-token/[redacted]/cancel' },
  { path: `/api/v1/clinics/jade-leaf-bath/calendar-feeds/${tokenShaped(3)}`, shown: '/api/v1/clinics/jade-leaf-bath/calendar-feeds/[redacted]' },
  { path: `/api/v1/clinics/jade-leaf-bath/calendar-feeds/${plain(4)}`, shown: '/calendar-feeds/[redacted]' },
  { path: `/api/v1/invitations/${plain(5)}`, shown: '/api/v1/invitations/[redacted]' },
  { path: `/app/verify-email?token=${plain(6)}`, shown: '/app/verify-email?token=[redacted]' },
  { path: `/app/reset-password?token=${tokenShaped(7)}`, shown: '/app/reset-password?token=[redacted]' },
  { path: `/app/accept-invite?token=${plain(8)}`, shown: '/app/accept-invite?token=[redacted]' },
  { path: `/app/bookings/manage?token=${plain(9)}&clinic=jade-leaf-bath&action=cancel`, shown: '/app/bookings/manage?token=[redacted]&clinic=jade-leaf-bath&action=cancel' },
  { path: `/no/such/page/${tokenShaped(10)}`, shown: '/no/such/page/[redacted]' },
];
const SECRETS = [tokenShaped(1), plain(2), tokenShaped(3), plain(4), plain(5), plain(6), tokenShaped(7), plain(8), plain(9), tokenShaped(10)];

describe('the request log of a real server', () => {
  it('never holds a secret address in full, and shows where it was redacted', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'yintang-logs-'));
    server = startServer({ DATA_DIR: dataDir, DEMO_ON_EMPTY: 'false', LOG_LEVEL: 'info' });
    await waitUntilReady(server, 240_000);
    for (const a of SECRET_ADDRESSES) {
      await fetch(`${server.url}${a.path}`, {
        method: a.method ?? 'GET',
        headers: { accept: 'text/html,application/json' },
        ...(a.method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      });
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const log = server.output();
    expect(log).toContain('"incoming request"'); // the run really logged its requests
    for (const secret of SECRETS) expect(log).not.toContain(secret);
    for (const a of SECRET_ADDRESSES) expect(log).toContain(a.shown);
  });
});
