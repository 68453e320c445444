import { createHash } from 'node:crypto';
import { fillPlaceholders, sql, type SQL } from 'drizzle-orm';
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
    const result = await client.query({ name: nameOf(text), text, values: params as unknown[] });
    return result.rows as T[];
  }
  const result = await q.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

function nameOf(text: string) {
  let name = names.get(text);
  if (name === undefined) {
    name = `yt_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    // A few shapes per statement; the bound only guards against a caller whose text varies.
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

/** Puts the value named `name` into a statement: a placeholder while its text is built once, else the value itself. */
export type Bind<V> = (name: keyof V & string) => unknown;

/** A statement whose text depends only on `key`: `build` writes it, taking each value through `bind`. */
export interface Shaped<V> {
  key: string;
  build: (bind: Bind<V>) => SQL;
  values: V;
}

/** Statement texts (with their placeholders) by shape key. */
const templates = new Map<string, { text: string; params: unknown[]; name: string }>();

/**
 * `runPrepared` for a statement of the booking hot path whose text depends only on its
 * shape: on PostgreSQL the text is built once per shape (with drizzle placeholders) and
 * each run only fills in its values, so a booking does not build and walk the whole
 * statement again. Elsewhere the statement is built with the values, as `runPrepared` runs it.
 */
export async function runShaped<T, V extends Record<string, unknown>>(q: Queryable, statement: Shaped<V>): Promise<T[]> {
  const { key, build, values } = statement;
  const client = (q as { $client?: unknown }).$client;
  if (!isNodePostgresPool(client)) {
    return runPrepared<T>(q, build((name) => {
      if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
      return values[name];
    }));
  }
  let template = templates.get(key);
  if (!template) {
    const { sql: text, params } = dialect.sqlToQuery(build((name) => sql.placeholder(name)));
    template = { text, params, name: nameOf(text) };
    templates.set(key, template);
  }
  const result = await client.query({ name: template.name, text: template.text, values: fillPlaceholders(template.params, values) });
  return result.rows as T[];
}
