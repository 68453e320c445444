import { readFileSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, type Database } from '../../data/db.ts';
import { classifyDatabaseFault, noteWriteSucceeded, type DatabaseFault } from '../../data/db-faults.ts';
import { healthProbes } from '../../data/schema/index.ts';

/** Below this much free space the server is not ready: PostgreSQL needs room for its next WAL segment. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;
/** Below this much free space the owner is warned, well before saving stops. */
export const LOW_FREE_BYTES = 1024 * 1024 * 1024;

/** What one readiness check found: ok, or the short public reason it failed. */
export type CheckResult = { ok: true } | { ok: false; reason: string; fault?: DatabaseFault };

/** Rejects with a time-out after `ms`, so a check never hangs a load balancer's probe. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('connection timeout: the check took too long'), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The database answers a read and takes a write (the probe row), within `ms`. */
export async function checkDatabase(database: Database, ms = 3000): Promise<CheckResult> {
  try {
    await within(ms, database.db.execute(sql`select 1`));
  } catch (error) {
    return { ok: false, reason: 'the database cannot be reached', fault: classifyDatabaseFault(error) ?? 'unavailable' };
  }
  try {
    const now = new Date();
    await within(ms, database.db.insert(healthProbes).values({ name: 'ready', checkedAt: now })
      .onConflictDoUpdate({ target: healthProbes.name, set: { checkedAt: now } }));
    noteWriteSucceeded(database);
  } catch (error) {
    const fault = classifyDatabaseFault(error);
    return { ok: false, reason: fault === 'disk-full' ? 'the database cannot save: disk full' : 'the database cannot save', fault: fault ?? 'unavailable' };
  }
  return { ok: true };
}

/** The migration the code expects last (its folder time in the journal, which is what the migrator records). */
function expectedMigrationMillis(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

/** The database holds every migration this code knows (Drizzle records each one it applied). */
export async function checkMigrations(database: Database, ms = 3000): Promise<CheckResult> {
  try {
    const result = (await within(ms, database.db.execute(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`))) as unknown as { rows: { last: string | null }[] };
    const last = Number(result.rows[0]?.last ?? 0);
    return last >= expectedMigrationMillis() ? { ok: true } : { ok: false, reason: 'database migrations are not current' };
  } catch (error) {
    const fault = classifyDatabaseFault(error);
    return fault ? { ok: false, reason: 'the database cannot be reached', fault } : { ok: false, reason: 'database migrations are not current' };
  }
}

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/**
 * Free space on the file system holding `dir` (or its nearest existing parent), or
 * undefined when it cannot be read.
 */
export function diskSpace(dir: string): DiskSpace | undefined {
  let at = path.resolve(dir);
  for (;;) {
    try {
      const s = statfsSync(at);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return undefined;
      at = parent;
    }
  }
}

/**
 * The embedded database's disk has room. PostgreSQL's disk is on its own server and cannot
 * be seen from here; its write check above catches a full one.
 */
export function checkDisk(database: Database, dataDir: string): CheckResult {
  if (database.kind !== 'pglite') return { ok: true };
  const space = diskSpace(dataDir);
  if (space && space.freeBytes < MIN_FREE_BYTES) return { ok: false, reason: 'the disk is nearly full', fault: 'disk-full' };
  return { ok: true };
}
