import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { loadNodePostgres } from '../node-postgres.ts';
import {
  BackupError, backupFileName, backupKindOfFile, COUNTED_TABLES, writeBackupRecord,
  type BackupReason, type BackupRecord, type BackupVerification,
} from './backup-files.ts';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL client tool; a missing tool is a clear BackupError, not ENOENT. */
function run(tool: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT'
        ? new BackupError(`${tool} was not found. Install the PostgreSQL client tools (on Debian or Ubuntu: apt-get install postgresql-client), ` +
          'of the same major version as the server or newer, and make sure they are on the PATH.')
        : error);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * The connection for a client tool: the URL without its password, which goes in PGPASSWORD
 * instead, so it never shows in the list of running processes.
 */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** The major version of a client tool, e.g. 16 for "pg_dump (PostgreSQL) 16.4". */
export async function toolMajorVersion(tool: 'pg_dump' | 'pg_restore'): Promise<number> {
  const { stdout } = await run(tool, ['--version']);
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
  if (!m) throw new BackupError(`Could not read the version of ${tool} ("${stdout.trim()}").`);
  return Number(m[1]);
}

async function serverMajorVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
  return Math.floor(Number(rows[0]!.v) / 10000);
}

/** Refuses tools older than the server: pg_dump cannot dump a newer server, pg_restore may not read its archives. */
async function checkTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number) {
  const major = await toolMajorVersion(tool);
  if (major < serverMajor) {
    throw new BackupError(`${tool} is version ${major} but the PostgreSQL server is version ${serverMajor}. ` +
      `Install the client tools of version ${serverMajor} or newer (e.g. apt-get install postgresql-client-${serverMajor}) and put them first on the PATH.`);
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new (await loadNodePostgres()).Client({ connectionString: url });
  await client.connect();
  return client;
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    // A database not yet migrated (or emptied to restore into) has no tables: 0 rows.
    const { rows: [exists] } = await client.query<{ yes: boolean }>('select to_regclass($1) is not null as yes', [`public.${table}`]);
    if (!exists?.yes) {
      counts[table] = 0;
      continue;
    }
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('data', (d) => hash.update(d)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

const VERIFY_METHOD = 'archive read back (pg_restore --list); rows counted in the snapshot pg_dump saved';

/**
 * Backs up a PostgreSQL database into `dir` with `pg_dump -Fc`. The rows are counted in the
 * very snapshot pg_dump saves (an exported snapshot), and the archive is read back with
 * `pg_restore --list` before it counts as verified.
 */
export async function backupPostgres(url: string, dir: string, options: { reason: BackupReason; now?: Date }): Promise<BackupRecord> {
  const createdAt = options.now ?? new Date();
  const client = await connect(url);
  try {
    await checkTool('pg_dump', await serverMajorVersion(client));
    await checkTool('pg_restore', await serverMajorVersion(client));
    mkdirSync(dir, { recursive: true });
    const file = backupFileName('postgres', createdAt, options.reason);
    const target = path.join(dir, file);
    const partial = `${target}.partial`;

    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const counts = await countRows(client);
    const { dbname, env } = toolConnection(url);
    const started = performance.now();
    const dump = await run('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.id}`, `--file=${partial}`, `--dbname=${dbname}`], env);
    const heldMs = Math.round(performance.now() - started);
    await client.query('commit');
    if (dump.code !== 0) {
      rmSync(partial, { force: true });
      throw new BackupError(`pg_dump failed: ${dump.stderr.trim()}`);
    }
    renameSync(partial, target);

    const at = new Date().toISOString();
    const verifyStarted = performance.now();
    const list = await run('pg_restore', ['--list', target]);
    const verified: BackupVerification = list.code === 0
      ? { ok: true, at, method: VERIFY_METHOD, tookMs: Math.round(performance.now() - verifyStarted), counts }
      : { ok: false, at, method: VERIFY_METHOD, error: list.stderr.trim() };
    const record: BackupRecord = {
      file, database: 'postgres', reason: options.reason, createdAt: createdAt.toISOString(),
      bytes: statSync(target).size, sha256: await sha256OfFile(target), heldMs, verified,
    };
    writeBackupRecord(dir, record);
    return record;
  } finally {
    await client.end();
  }
}

/** What a PostgreSQL restore did. */
export interface PostgresRestoreResult {
  /** The backup of the database as it was just before the restore. */
  keptAside: BackupRecord;
  counts: Record<string, number>;
}

/**
 * Restores a `pg_dump -Fc` backup into the database of `url` with `pg_restore --clean
 * --if-exists`, in one transaction (all or nothing). Refuses while other sessions are
 * connected (stop every app instance first) unless `force`, and backs up the current
 * database into `backupsDir` first, so nothing is lost even if the wrong file was chosen.
 */
export async function restorePostgres(url: string, file: string, backupsDir: string, options: { force?: boolean; now?: Date } = {}): Promise<PostgresRestoreResult> {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  if (backupKindOfFile(file) !== 'postgres') {
    throw new BackupError(`${path.basename(file)} is not a PostgreSQL backup (those end in .dump). ` +
      'A .tar.gz file is a backup of the embedded database: restore it without DATABASE_URL.');
  }
  const client = await connect(url);
  try {
    await checkTool('pg_restore', await serverMajorVersion(client));
    const list = await run('pg_restore', ['--list', file]);
    if (list.code !== 0) throw new BackupError(`${path.basename(file)} cannot be read: ${list.stderr.trim()} Nothing was changed.`);
    // An app stopped a moment ago may still be closing its connections: give them two seconds.
    let others = 0;
    for (let attempt = 0; attempt < 10; attempt++) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      others = rows[0]!.n;
      if (others === 0 || options.force) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (others > 0 && !options.force) {
      throw new BackupError(`${others} other connection(s) are open on this database: stop Yintang (every instance) first, ` +
        'then run the restore again (or add --force if you are sure they are not the app). Nothing was changed.');
    }
  } finally {
    await client.end();
  }
  const keptAside = await backupPostgres(url, backupsDir, { reason: 'before-restore', now: options.now });
  if (!keptAside.verified.ok) throw new BackupError('The copy of the current database taken before the restore does not check out, so the restore was not started.');
  const { dbname, env } = toolConnection(url);
  const restore = await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file], env);
  if (restore.code !== 0) {
    throw new BackupError(`pg_restore failed, and as it runs in one transaction the database is as it was: ${restore.stderr.trim()}`);
  }
  const after = await connect(url);
  try {
    return { keptAside, counts: await countRows(after) };
  } finally {
    await after.end();
  }
}
