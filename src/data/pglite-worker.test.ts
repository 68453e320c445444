import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openDatabase, type Database } from './db.ts';
import { classifyDatabaseFault } from './db-faults.ts';
import { constraintName, sqlState } from '../features/booking/db-errors.ts';
import { testDatabaseKind } from '../server/test-app.ts';

/**
 * The embedded database of a data folder runs in a worker thread (src/data/pglite-worker.mjs);
 * the server sees it through src/data/pglite-worker-client.ts. What the app relies on must
 * hold across the thread: errors with their fields, exclusive transactions that roll back,
 * the clinic-change count before the writer's answer, the dump, the close.
 */
describe.runIf(testDatabaseKind === 'pglite')('embedded database in a worker thread', () => {
  let work: string;
  let dataDir: string;
  let database: Database;
  const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;
  const count = async () => Number(rowsOf(await database.db.execute(sql`select count(*)::int as n from worker_test`))[0]!.n);

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'yintang-worker-'));
    dataDir = path.join(work, 'data');
    const template = path.join(work, 'template');
    const made = await openDatabase({ kind: 'pglite', dataDir: template, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await made.close();
    database = await openDatabase({ kind: 'pglite', dataDir, templateDir: path.join(template, 'pglite') });
    await database.db.execute(sql`create table worker_test (n int primary key, at timestamptz not null default now())`);
  });
  afterAll(async () => {
    await database.close().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('gives constraint violations with their code, constraint and detail', async () => {
    await database.db.execute(sql`insert into worker_test (n) values (1)`);
    const error = await database.db.execute(sql`insert into worker_test (n) values (1)`).catch((e: unknown) => e);
    expect(sqlState(error)).toBe('23505');
    expect(constraintName(error)).toBe('worker_test_pkey');
    expect((error as { cause?: { detail?: string } }).cause?.detail).toMatch(/already exists/);
  });

  it('answers as in process: timestamps as PostgreSQL wrote them to Drizzle, numbers, rows by name', async () => {
    const [row] = rowsOf(await database.db.execute(sql`select n, at from worker_test where n = 1`));
    expect(row!.n).toBe(1);
    expect(typeof row!.at).toBe('string');
  });

  it('rolls a transaction back when its work throws, and commits it otherwise', async () => {
    const before = await count();
    const error = await database.transaction(async (tx) => {
      await tx.execute(sql`insert into worker_test (n) values (2)`);
      throw new Error('changed my mind');
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe('changed my mind');
    expect(await count()).toBe(before);
    await database.transaction(async (tx) => tx.execute(sql`insert into worker_test (n) values (2)`));
    expect(await count()).toBe(before + 1);
  });

  it('keeps a transaction exclusive: a query from elsewhere waits until it has committed', async () => {
    const before = await count();
    let insideDone = false;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = database.transaction(async (tx) => {
      await tx.execute(sql`insert into worker_test (n) values (3)`);
      await held;
      await tx.execute(sql`insert into worker_test (n) values (4)`);
      insideDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = count().then((n) => ({ n, insideDone }));
    release();
    await writing;
    expect(await outside).toEqual({ n: before + 2, insideDone: true });
  });

  it('fails fast, instead of hanging, when a transaction queries through the database handle', async () => {
    const error = await database.transaction(async () => database.db.execute(sql`select 1`)).catch((e: Error) => e);
    expect(String((error as Error & { cause?: Error }).cause?.message)).toMatch(/use the transaction/);
  });

  it('counts a committed change of a clinic before the writer is answered, and a rolled-back one not at all', async () => {
    const counted = database.clinicChanges!();
    await database.transaction(async (tx) => tx.execute(sql`update clinics set name = name where false`));
    expect(database.clinicChanges!()).toBe(counted + 1);
    await database.db.execute(sql`update clinics set name = name where false`);
    expect(database.clinicChanges!()).toBe(counted + 2);
    await database.transaction(async (tx) => {
      await tx.execute(sql`update clinics set name = name where false`);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect(database.clinicChanges!()).toBe(counted + 2);
  });

  it('dumps the committed data as a tarball another database opens', async () => {
    const expected = await count();
    const copy = await openDatabase({ kind: 'pglite', loadDataDir: await database.dump!() });
    try {
      expect(rowsOf(await copy.db.execute(sql`select count(*)::int as n from worker_test`))[0]!.n).toBe(expected);
    } finally {
      await copy.close();
    }
  });

  it('closes with everything committed on disk and the data folder unlocked; later queries fail as unavailable', async () => {
    const expected = await count();
    await database.close();
    const late = await database.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(classifyDatabaseFault(late)).toBe('unavailable');
    database = await openDatabase({ kind: 'pglite', dataDir });
    expect(await count()).toBe(expected);
  });
});
