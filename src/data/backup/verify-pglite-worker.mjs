// Verifies a backup of the embedded database in a worker thread: loads the file into a
// throwaway in-memory PGlite and counts rows. Loading takes about a second of CPU, which on
// the server's own thread would hold up every request; here it holds up nothing. Plain
// JavaScript because worker threads do not inherit the TypeScript loader.
import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

/** @type {{ file: string, tables: string[] }} */
const { file, tables } = workerData;
const started = performance.now();
try {
  let bytes = await readFile(file);
  if (file.endsWith('.gz') || file.endsWith('.tgz')) bytes = await promisify(gunzip)(bytes);
  const pg = await PGlite.create({ loadDataDir: new Blob([bytes]), extensions: { btree_gist } });
  try {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const table of tables) {
      const { rows } = await pg.query(`select count(*)::int as n from "${table.replace(/"/g, '')}"`);
      counts[table] = rows[0].n;
    }
    parentPort.postMessage({ ok: true, counts, tookMs: Math.round(performance.now() - started) });
  } finally {
    await pg.close();
  }
} catch (error) {
  parentPort.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
