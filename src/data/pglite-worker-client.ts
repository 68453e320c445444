import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

/** What Drizzle's PGlite driver and src/data/db.ts call on a client or a transaction. */
export interface PgliteQueries {
  query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> }): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

type Answer = { id: number; result?: unknown; error?: Record<string, unknown> };
type Message = Answer | { ready: true } | { failed: Record<string, unknown> } | { notify: true };

/**
 * The main thread's end of an embedded database opened in a worker thread
 * (src/data/pglite-worker.mjs): exactly the part of PGlite's surface this app uses, each
 * call a message to the worker and its answer. Calls made before the database is open wait
 * for it in the worker's queue; when it cannot open (or the worker stops), every call fails
 * with a "PGlite is closed" error, which src/data/db-faults.ts counts as unavailable.
 */
export class PgliteWorkerClient implements PgliteQueries {
  /** Resolves once the database is open; rejects with the reason it could not open. */
  readonly opened: Promise<void>;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private lastId = 0;
  private stopped: Error | undefined;

  /**
   * page_versions notifications received (committed changes of a clinic, src/data/db.ts),
   * each counted before the answer of the query that committed it.
   */
  notifications = 0;

  constructor(dataDir: string) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
    this.opened = new Promise((resolve, reject) => {
      this.worker.on('message', (m: Message) => {
        if ('notify' in m) this.notifications++;
        else if ('ready' in m) resolve();
        else if ('failed' in m) reject(this.stop(rebuildError(m.failed)));
        else this.answer(m);
      });
      this.worker.on('error', (error) => reject(this.stop(error)));
      this.worker.on('exit', () => reject(this.stop(new Error('PGlite is closed (its worker thread stopped)'))));
    });
    this.opened.catch(() => {}); // also reported to every call
  }

  query<T>(sql: string, params: unknown[] = [], options?: { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> }): Promise<{ rows: T[] }> {
    return this.call({ op: 'query', sql, params, rowMode: options?.rowMode, textTypes: textTypes(options?.parsers) }) as Promise<{ rows: T[] }>;
  }

  exec(sql: string): Promise<unknown> {
    return this.call({ op: 'exec', sql });
  }

  /**
   * Runs `work` in one transaction, held in the worker: PGlite runs nothing else until it
   * commits (synced to disk before this resolves) or, when `work` throws, rolls back.
   */
  async transaction<T>(work: (tx: PgliteQueries) => Promise<T>): Promise<T> {
    const tx = (await this.call({ op: 'begin' })) as number;
    const handle: PgliteQueries = {
      query: <R>(sql: string, params: unknown[] = [], options?: { rowMode?: 'array' | 'object'; parsers?: Record<number, unknown> }) =>
        this.call({ op: 'query', tx, sql, params, rowMode: options?.rowMode, textTypes: textTypes(options?.parsers) }) as Promise<{ rows: R[] }>,
      exec: (sql: string) => this.call({ op: 'exec', tx, sql }),
    };
    let result: T;
    try {
      result = await work(handle);
    } catch (error) {
      await this.call({ op: 'rollback', tx }).catch(() => {}); // the work's error is the one to report
      throw error;
    }
    await this.call({ op: 'commit', tx });
    return result;
  }

  /** The data folder as an uncompressed tarball, between transactions, after a checkpoint. */
  async dump(): Promise<Blob> {
    return new Blob([(await this.call({ op: 'dump' })) as ArrayBuffer]);
  }

  /** Closes the database (everything committed is on disk) and ends the worker. */
  async close(): Promise<void> {
    await this.call({ op: 'close' });
    await this.worker.terminate();
  }

  private call(message: Record<string, unknown>): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  private answer(m: Answer) {
    const waiting = this.waiting.get(m.id);
    if (!waiting) return;
    this.waiting.delete(m.id);
    if (m.error) waiting.reject(rebuildError(m.error));
    else waiting.resolve(m.result);
  }

  /** Fails every call waiting and every later one with `error`. */
  private stop(error: Error): Error {
    this.stopped ??= error;
    for (const { reject } of this.waiting.values()) reject(this.stopped);
    this.waiting.clear();
    return this.stopped;
  }
}

export interface StartedPgliteWorker {
  client: PgliteWorkerClient;
  lock: DataDirLock;
  /** Resolves once the database is open; rejects (the lock released) when it cannot open. */
  opened: Promise<void>;
}

/**
 * Starts opening the embedded database of `dataDir` in a worker thread: the folder is
 * locked, and a new one filled from `templateDir` (a closed, migrated data folder), on this
 * thread first. Kept apart from src/data/db.ts, and light, so that a start can call it
 * before it loads the rest of the server (src/cli/early-start.ts).
 */
export function startPgliteWorker(dataDir: string, templateDir?: string): StartedPgliteWorker {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    if (templateDir) copyTemplate(templateDir, path.join(dataDir, 'pglite'));
    const client = new PgliteWorkerClient(path.join(dataDir, 'pglite'));
    const opened = client.opened.catch((error: unknown) => {
      lock.release();
      throw error;
    });
    return { client, lock, opened };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * A new embedded database from a template data folder (scripts/build-server.mjs): copied by
 * the file system, once the data folder is locked, into a folder beside the target and then
 * renamed, so a copy cut short is never taken for a database. Nothing is copied into a
 * folder that holds anything already (a database, or files PGlite will judge itself).
 */
export function copyTemplate(templateDir: string, target: string) {
  if (existsSync(target) && readdirSync(target).length > 0) return;
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  copyFolder(templateDir, partial);
  rmSync(target, { recursive: true, force: true }); // an empty folder
  renameSync(partial, target);
}

/**
 * A plain recursive copy (folders and files only, as a data folder holds): Node 20's cpSync
 * checks each path several times over and took about three times as long. A file system
 * that can share the blocks until either copy changes them (copy-on-write) does so.
 */
function copyFolder(from: string, to: string) {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyFolder(source, path.join(to, entry.name));
    else copyFileSync(source, path.join(to, entry.name), constants.COPYFILE_FICLONE);
  }
}

/**
 * The type ids of Drizzle's parsers, which all give back the text PostgreSQL sent (they
 * are remade in the worker). A parser that does anything else cannot be sent: refuse it
 * rather than return other values than in process.
 */
function textTypes(parsers: Record<number, unknown> | undefined): number[] | undefined {
  if (!parsers) return undefined;
  return Object.entries(parsers).map(([type, parse]) => {
    if (typeof parse !== 'function' || parse('x') !== 'x') throw new Error(`PGlite worker: only parsers that keep the text can be used (type ${type})`);
    return Number(type);
  });
}

/** The worker's error again as an Error with its fields (code, constraint, detail...), and this thread's stack. */
function rebuildError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'PGlite error'));
  Object.assign(error, fields);
  return error;
}
