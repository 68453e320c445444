import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../data/db.ts';
import { isNodePostgresPool } from '../../data/node-postgres.ts';

const dialect = new PgDialect();
/** Statement text → its prepared name: hashing a few KB of text on every booking cost more than a map lookup. */
const names = new Map<string, string>();
const MAX_NAMES = 500;

/**
 * Runs a hand-written statement of the booking hot path. On PostgreSQL it is sent as a
 * named prepared statement, so each connection plans it once instead of on every
 * request (planning the snapshot's dozen sub-selects costs more than running them).
 * Elsewhere (PGlite, a transaction) it runs as an ordinary query. Rows come back as the
 * driver parses them: json as objects, bigint as strings.
 */
export async function runPrepared<T>(q: Queryable, query: SQL): Promise<T[]> {
  const client = (q as { $client?: unknown }).$client;
  if (isNodePostgresPool(client)) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    let name = names.get(text);
    if (name === undefined) {
      name = `yt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      // A few shapes per statement; the bound only guards against a caller whose text varies.
      if (names.size >= MAX_NAMES) names.clear();
      names.set(text, name);
    }
    const result = await client.query({ name, text, values: params as unknown[] });
    return result.rows as T[];
  }
  const result = await q.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
