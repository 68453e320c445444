import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase, type Database } from '../data/db.ts';
import { bookings } from '../data/schema/index.ts';
import type { TestContext } from '../server/test-app.ts';
import { createClinicFixture, localSlot, type ClinicFixture } from '../features/booking/booking.test-helpers.ts';
import { scratchPostgresDatabase, startServer, waitUntilReady, type ServerProcess } from './server-process.test-helpers.ts';

// Real processes on a busy 2-core machine: generous limits (nothing here asserts a time).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe.runIf(process.env.TEST_DATABASE_URL)('a server killed during a booking burst, with two instances on PostgreSQL', () => {
  const scratch = scratchPostgresDatabase('kill');
  const { url } = scratch;
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  let database: Database;
  let f: ClinicFixture;

  beforeAll(async () => {
    await scratch.create();
    database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
    await database.migrate();
    f = await createClinicFixture({ database } as TestContext, { slug: 'kill-burst-clinic' });
  });
  afterAll(async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    await database?.close();
    await scratch.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps every acknowledged booking, books no slot twice, and the other instance carries on', async () => {
    const env = () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'yintang-kill-'));
      dirs.push(dir);
      return { DATABASE_URL: url, DATA_DIR: dir, BOOKING_PER_IP_PER_HOUR: '100000', BOOKING_PER_EMAIL_PER_HOUR: '100000' };
    };
    const [a, b] = [startServer(env()), startServer(env())] as const;
    servers.push(a, b);
    await Promise.all([waitUntilReady(a), waitUntilReady(b)]);

    // Every worker goes through the same slots from its own starting point, so most slots are wanted twice or more at once.
    const slots = [1, 2, 3, 4, 5, 6].flatMap((weekday) => ['09:00', '10:00', '11:00', '12:00', '14:00', '15:00', '16:00'].map((time) => localSlot(f.timeZone, weekday, time, 4)));
    const acknowledged: { id: string; start: string; via: 'a' | 'b' }[] = [];
    const otherAnswers: number[] = [];
    let killed = false;
    let afterKill = 0;
    const worker = async (n: number) => {
      for (let i = 0; i < slots.length; i++) {
        const start = slots[(i + n * 5) % slots.length]!;
        const server = killed || (i + n) % 2 === 0 ? b : a;
        try {
          const res = await fetch(`${server.url}/api/v1/clinics/${f.slug}/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: `Burst ${n}`, email: `burst-${n}-${i}@example.com` } }),
          });
          if (res.status === 201) {
            acknowledged.push({ id: ((await res.json()) as { id: string }).id, start, via: server === a ? 'a' : 'b' });
            if (killed && server === b) afterKill++;
          } else {
            otherAnswers.push(res.status);
            await res.body?.cancel();
          }
        } catch {
          // The killed server's requests in flight: not acknowledged, so nothing is owed.
        }
        if (!killed && acknowledged.filter((x) => x.via === 'a').length >= 5) {
          killed = true;
          a.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, n) => worker(n)));
    expect(killed).toBe(true);
    expect(await a.exited).toBeNull(); // killed by the signal, not exited

    // Only 201 (booked) and 409 (taken just now) were answered: no 500.
    expect(otherAnswers.filter((s) => s !== 409)).toEqual([]);
    // The surviving instance went on booking after its peer died, with no restart.
    expect(afterKill).toBeGreaterThan(0);
    // Every acknowledged booking is there, and no slot is booked twice.
    const rows = await database.db.select({ id: bookings.id, startsAt: bookings.startsAt }).from(bookings)
      .where(and(eq(bookings.clinicId, f.clinicId), inArray(bookings.status, ['held', 'confirmed'])));
    const ids = new Set(rows.map((r) => r.id));
    expect(acknowledged.filter((x) => !ids.has(x.id))).toEqual([]);
    const starts = rows.map((r) => r.startsAt.toISOString());
    expect(new Set(starts).size).toBe(starts.length);
    expect(new Set(acknowledged.map((x) => x.start)).size).toBe(acknowledged.length);
  });
});
