import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { openTestDatabase, testDatabaseKind } from '../server/test-app.ts';

let database: Database;
/** `execute` returns the driver's own result type; both drivers put rows in `rows`. */
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('database', () => {
  it.runIf(testDatabaseKind === 'pglite')('fails fast, instead of hanging, when a transaction queries through the database handle', async () => {
    const error = await database.transaction(async () => database.db.execute(sql`select 1`)).catch((e: Error) => e);
    expect(String((error as Error & { cause?: Error }).cause?.message)).toMatch(/use the transaction/);
  });

  it('still serves queries from other requests while a transaction is open', async () => {
    const [inTx, outside] = await Promise.all([
      database.transaction(async (tx) => tx.execute(sql`select 1 as one`)),
      database.db.execute(sql`select 2 as two`),
    ]);
    expect(rowsOf(inTx)[0]).toEqual({ one: 1 });
    expect(rowsOf(outside)[0]).toEqual({ two: 2 });
  });

  it('has btree_gist for the booking exclusion constraints', async () => {
    const result = await database.db.execute(sql`select extname from pg_extension where extname = 'btree_gist'`);
    expect(rowsOf(result)).toHaveLength(1);
  });
});
