import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { openDatabase } from './db.ts';
import { testDatabaseKind } from '../server/test-app.ts';

/**
 * A first start copies the migrated template data folder `npm install` made
 * (scripts/build-server.mjs) into its empty data folder (src/data/db.ts, `templateDir`).
 */
describe.runIf(testDatabaseKind === 'pglite')('embedded database from a template data folder', () => {
  let work: string;
  let template: string;
  const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'yintang-template-'));
    // A closed data folder, as `buildDatabaseTemplate` leaves it.
    template = path.join(work, 'template');
    const made = await openDatabase({ kind: 'pglite', dataDir: template, loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
    await made.close();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('starts a new data folder from a copy, and what it writes stays out of the template', async () => {
    const dataDir = path.join(work, 'first');
    const database = await openDatabase({ kind: 'pglite', dataDir, templateDir: path.join(template, 'pglite') });
    // Migrated already, before any migration ran here.
    const migrations = rowsOf(await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(migrations[0]!.n).toBeGreaterThan(0);
    await database.db.execute(sql`create table only_in_copy (n int)`);
    await database.close();
    expect(readdirSync(dataDir)).not.toContain('pglite.partial');

    const again = await openDatabase({ kind: 'pglite', dataDir: path.join(work, 'template-itself'), templateDir: path.join(template, 'pglite') });
    expect(rowsOf(await again.db.execute(sql`select to_regclass('only_in_copy') as t`))[0]!.t).toBeNull();
    await again.close();
  });

  it('copies nothing into a data folder that has a database already', async () => {
    const dataDir = path.join(work, 'existing');
    const first = await openDatabase({ kind: 'pglite', dataDir, templateDir: path.join(template, 'pglite') });
    await first.db.execute(sql`create table kept (n int)`);
    await first.db.execute(sql`insert into kept values (7)`);
    await first.close();
    const reopened = await openDatabase({ kind: 'pglite', dataDir, templateDir: path.join(template, 'pglite') });
    expect(rowsOf(await reopened.db.execute(sql`select n from kept`))).toEqual([{ n: 7 }]);
    await reopened.close();
  });

  it('copies nothing into a folder that holds other files', async () => {
    const dataDir = path.join(work, 'other');
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(path.join(dataDir, 'pglite', 'note.txt'), 'not a database');
    // PGlite creates a database there itself, as it would without a template.
    const database = await openDatabase({ kind: 'pglite', dataDir, templateDir: path.join(template, 'pglite') });
    expect(rowsOf(await database.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') as t`))[0]!.t).toBeNull();
    await database.close();
    expect(readdirSync(path.join(dataDir, 'pglite'))).toContain('note.txt');
    expect(existsSync(path.join(dataDir, 'pglite.partial'))).toBe(false);
  });
});
