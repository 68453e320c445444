import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { clients } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { sqlState } from './db-errors.ts';
import { createClinicFixture, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let clientId: string;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'constraint-clinic' });
  const [c] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, name: 'C', email: 'c@example.com' }).returning({ id: clients.id });
  clientId = c!.id;
});
afterAll(() => t.close());

interface Row { practitioner?: string | null; room?: string | null; from: string; to: string; status?: string; kind?: 'appointment' | 'block' }

/** Inserts one row with plain SQL, as any other program could, bypassing the application. */
async function insert(r: Row) {
  const kind = r.kind ?? 'appointment';
  const practitioner = r.practitioner === undefined ? f.practitionerId : r.practitioner;
  await t.database.db.execute(sql`
    insert into bookings (clinic_id, kind, service_id, practitioner_id, client_id, room_id, starts_at, ends_at, blocked_start, blocked_end, status, hold_expires_at, source)
    values (${f.clinicId}, ${kind}, ${kind === 'appointment' ? f.services.massage : null}, ${practitioner}, ${kind === 'appointment' ? clientId : null},
      ${r.room ?? null}, ${r.from}::timestamptz, ${r.to}::timestamptz, ${r.from}::timestamptz, ${r.to}::timestamptz, ${r.status ?? 'confirmed'},
      ${r.status === 'held' ? '2099-01-01T00:00:00Z' : null}::timestamptz, 'staff')`);
}

async function refused(r: Row): Promise<string | undefined> {
  try {
    await insert(r);
    return undefined;
  } catch (error) {
    return sqlState(error);
  }
}

describe(`exclusion constraints in SQL (${testDatabaseKind})`, () => {
  it('refuses an overlapping row for the same practitioner with SQLSTATE 23P01', async () => {
    await insert({ from: '2031-01-06T09:00Z', to: '2031-01-06T10:15Z' });
    expect(await refused({ from: '2031-01-06T10:00Z', to: '2031-01-06T11:00Z' })).toBe('23P01');
    expect(await refused({ from: '2031-01-06T08:00Z', to: '2031-01-06T12:00Z', status: 'held' })).toBe('23P01');
  });

  it('allows back-to-back rows (half-open ranges), another practitioner, and the same time in another clinic', async () => {
    await insert({ from: '2031-01-07T09:00Z', to: '2031-01-07T10:00Z' });
    expect(await refused({ from: '2031-01-07T10:00Z', to: '2031-01-07T11:00Z' })).toBeUndefined();
    expect(await refused({ practitioner: f.secondId, from: '2031-01-07T09:00Z', to: '2031-01-07T10:00Z' })).toBeUndefined();
  });

  it('ignores cancelled, no-show and expired rows', async () => {
    for (const status of ['cancelled', 'no_show', 'expired']) await insert({ from: '2031-01-08T09:00Z', to: '2031-01-08T10:00Z', status });
    expect(await refused({ from: '2031-01-08T09:00Z', to: '2031-01-08T10:00Z' })).toBeUndefined();
    expect(await refused({ from: '2031-01-08T09:30Z', to: '2031-01-08T10:30Z', status: 'cancelled' })).toBeUndefined();
  });

  it('refuses a block over a booking, and a second booking of a room by another practitioner', async () => {
    await insert({ room: f.roomIds[0], from: '2031-01-09T09:00Z', to: '2031-01-09T10:00Z' });
    expect(await refused({ kind: 'block', from: '2031-01-09T09:30Z', to: '2031-01-09T09:45Z' })).toBe('23P01');
    expect(await refused({ practitioner: f.secondId, room: f.roomIds[0], from: '2031-01-09T09:59Z', to: '2031-01-09T11:00Z' })).toBe('23P01');
    expect(await refused({ practitioner: f.secondId, room: f.roomIds[1], from: '2031-01-09T09:30Z', to: '2031-01-09T10:30Z' })).toBeUndefined();
    expect(await refused({ kind: 'block', practitioner: null, room: f.roomIds[1], from: '2031-01-09T10:00Z', to: '2031-01-09T12:00Z' })).toBe('23P01');
  });

  it('refuses an update that moves a row onto another', async () => {
    await insert({ from: '2031-01-10T09:00Z', to: '2031-01-10T10:00Z' });
    await insert({ from: '2031-01-10T11:00Z', to: '2031-01-10T12:00Z' });
    let state: string | undefined;
    try {
      await t.database.db.execute(sql`update bookings set blocked_start = '2031-01-10T09:30Z', starts_at = '2031-01-10T09:30Z'
        where clinic_id = ${f.clinicId} and starts_at = '2031-01-10T11:00Z'`);
    } catch (error) {
      state = sqlState(error);
    }
    expect(state).toBe('23P01');
  });

  it('checks rows for consistency: an appointment needs a client, a hold an expiry', async () => {
    expect(await refused({ kind: 'block', practitioner: null, room: null, from: '2031-01-11T09:00Z', to: '2031-01-11T10:00Z' })).toBe('23514');
    expect(await refused({ from: '2031-01-11T10:00Z', to: '2031-01-11T09:00Z' })).toBe('23514');
  });
});
