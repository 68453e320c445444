import type pg from 'pg';

let loaded: typeof pg | undefined;

/**
 * node-postgres, loaded when a PostgreSQL database is first opened rather than at every
 * start: on Node 20 merely loading it also loads Node's fetch (undici), TLS and HTTP/2,
 * about a tenth of an embedded start's CPU time for a driver that start never uses.
 */
export async function loadNodePostgres(): Promise<typeof pg> {
  return (loaded ??= (await import('pg')).default);
}

/** True when `client` is a node-postgres pool; none can exist before the package is loaded. */
export function isNodePostgresPool(client: unknown): client is pg.Pool {
  return loaded !== undefined && client instanceof loaded.Pool;
}
