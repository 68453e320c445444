import { mkdirSync, readFileSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { loadNodePostgres } from './node-postgres.ts';
import { copyTemplate, startPgliteWorker, type PgliteWorkerClient, type StartedPgliteWorker } from './pglite-worker-client.ts';

export type Schema = typeof schema;
/** The Drizzle handle, the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs `work` in one transaction; resolves only after the commit is durable. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /**
   * PGlite only: a copy of the whole data folder as an uncompressed tarball, taken between
   * transactions (backups; tests start from a migrated one). Holds the database meanwhile.
   */
  dump?: () => Promise<Blob>;
  /**
   * PGlite only: how many committed transactions have changed a `clinics` row (every bump of
   * `page_version` is one) since the database opened, counted from the NOTIFY of migration
   * 0042 as each commits, before its writer is answered. PGlite has one process and one
   * connection, so while this count stands still no clinic's version has changed.
   */
  clinicChanges?: () => number;
  close(): Promise<void>;
}

/**
 * How long a request waits on PostgreSQL before it is told the database is unavailable
 * (a 503) rather than hanging: for a connection (a new one, or a free one from a pool in
 * full use) and for any one query's answer (a server or network that stopped answering).
 */
export interface PoolTimeouts {
  connectMs: number;
  queryMs: number;
}

export const DEFAULT_POOL_TIMEOUTS: PoolTimeouts = { connectMs: 5_000, queryMs: 10_000 };

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; timeouts?: PoolTimeouts }
  /**
   * `dataDir` undefined means an in-memory database (tests); `loadDataDir` starts from a dump;
   * `templateDir`, a closed PGlite data folder, is copied in when `dataDir` holds none yet.
   */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob; templateDir?: string };

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * True when the database already has the newest migration of the journal. Drizzle's
 * migrator reads and hashes every migration file and runs its bookkeeping statements on
 * each start before it finds nothing to do; this one query lets a start skip all that.
 * Drizzle runs the migrations newer than the newest one recorded, so "the newest recorded
 * is at least the journal's newest" means exactly "nothing to run". Any doubt (no
 * bookkeeping table yet, an unreadable journal) answers false and the migrator decides.
 */
async function migrationsCurrent(newestRecorded: () => Promise<unknown>): Promise<boolean> {
  try {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
    const newest = Math.max(...journal.entries.map((e) => e.when));
    const recorded = Number(await newestRecorded());
    return Number.isFinite(newest) && Number.isFinite(recorded) && recorded >= newest;
  } catch {
    return false;
  }
}

const NEWEST_RECORDED_MIGRATION = 'select max(created_at)::text as newest from drizzle.__drizzle_migrations';

/** Opens the configured database. PGlite takes an exclusive lock on its data directory. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options.url, options.poolSize, options.timeouts) : openPglite(options.dataDir, options.loadDataDir, options.templateDir);
}

async function openPostgres(url: string, poolSize = 20, timeouts = DEFAULT_POOL_TIMEOUTS): Promise<Database> {
  // Loaded here, not with this module: an embedded start never needs them (node-postgres.ts).
  const pg = await loadNodePostgres();
  const { drizzle: drizzlePg } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    // Client-side, so it also ends a wait on a server that vanished without closing the line.
    query_timeout: timeouts.queryMs,
    // No JIT compilation: it pays only for long analytic scans, and on this app's largest
    // reads (the practice reports over years) compiling took 100-150 ms of a 200 ms query.
    options: '-c jit=off',
  });
  // An idle connection can fail (server restart, network); the pool drops it and opens a
  // new one when needed. Without a listener, node-postgres would crash the process.
  pool.on('error', () => {});
  // Fail at start, with the driver's message, rather than on the first request.
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    transaction: (work) => db.transaction(work),
    // Migrations get a connection of their own without the query time-out: a migration of a
    // large table may rightly take longer than any request should.
    async migrate() {
      if (await migrationsCurrent(async () => (await pool.query<{ newest: string | null }>(NEWEST_RECORDED_MIGRATION)).rows[0]?.newest)) return;
      const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
      const own = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: timeouts.connectMs });
      own.on('error', () => {});
      try {
        await migratePg(drizzlePg(own, { schema, casing: 'snake_case' }) as never, { migrationsFolder });
      } finally {
        await own.end();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, loadDataDir?: Blob, templateDir?: string): Promise<Database> {
  if (dataDir && !loadDataDir) {
    const started = startPgliteWorker(dataDir, templateDir);
    await started.opened;
    return pgliteInWorker(started);
  }
  let lock: DataDirLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    if (dataDir && templateDir) copyTemplate(templateDir, path.join(dataDir, 'pglite'));
    // Loaded here, not with this module: a server's database runs in its worker thread.
    const { PGlite } = await import('@electric-sql/pglite');
    const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
    client = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
      extensions: { btree_gist },
      loadDataDir,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  guardAgainstSelfDeadlock(client);
  // Every statement on `clinics` notifies as it commits (migration 0042), in this session
  // only; PGlite hands the notification over while it reads the commit's answer.
  let clinicChanges = 0;
  await client.exec("SET yintang.notify_page_versions = 'on'");
  await client.listen('page_versions', () => { clinicChanges++; });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    clinicChanges: () => clinicChanges,
    async transaction(work) {
      const result = await insideTransaction.run(true, () => db.transaction(work));
      // PGlite's transaction() can resolve before the commit is synced to the file system
      // (electric-sql/pglite#1065); sync explicitly so an answered write survives a kill.
      await client.syncToFs();
      return result;
    },
    async migrate() {
      if (await migrationsCurrent(async () => (await client.query<{ newest: string | null }>(NEWEST_RECORDED_MIGRATION)).rows[0]?.newest)) return;
      await migratePglite(db as never, { migrationsFolder });
    },
    async dump() {
      // A checkpoint first, so the copy needs no crash recovery when it is opened; then the
      // copy is taken while no transaction is open (PGlite's transaction lock), so it holds
      // committed work only.
      await client.exec('CHECKPOINT');
      return client._runExclusiveTransaction(() => client.dumpDataDir('none'));
    },
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

/**
 * The embedded database of a data folder, run in a worker thread (startPgliteWorker): usable
 * at once, queries sent before it is open wait for it (and fail if it cannot open). In-memory
 * databases (tests) stay in process: they start faster there.
 */
export function pgliteInWorker({ client, lock }: StartedPgliteWorker): Database {
  guardAgainstSelfDeadlock(client);
  const db = drizzlePglite(client as never, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    clinicChanges: () => client.notifications,
    // Committed and synced to disk in the worker before it answers.
    transaction: (work) => insideTransaction.run(true, () => db.transaction(work)),
    async migrate() {
      if (await migrationsCurrent(async () => (await client.query<{ newest: string | null }>(NEWEST_RECORDED_MIGRATION)).rows[0]?.newest)) return;
      await migratePglite(db as never, { migrationsFolder });
    },
    dump: () => client.dump(),
    async close() {
      await client.close();
      lock.release();
    },
  };
}

/** Set while a transaction callback runs, in that callback's async context only. */
const insideTransaction = new AsyncLocalStorage<boolean>();

/**
 * PGlite has one connection: a query sent on the database handle from inside a
 * transaction callback would wait for that same transaction forever. Fail fast with a
 * clear message instead of hanging (the fix is always to use `tx` in the callback).
 */
function guardAgainstSelfDeadlock(client: PGlite | PgliteWorkerClient) {
  for (const method of ['query', 'exec'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (insideTransaction.getStore()) {
        return Promise.reject(new Error('A query used the database handle inside a transaction; use the transaction (tx) instead.'));
      }
      return original(...args);
    };
  }
}
