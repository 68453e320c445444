// The server's embedded database (a PGlite data folder) in a worker thread: its opening
// (compiling the WebAssembly, starting PostgreSQL, about half a second) runs while the main
// thread loads and registers the server, and its queries run beside the main thread's
// HTTP work rather than on it. src/data/pglite-worker-client.ts is the other end.
// Plain JavaScript because worker threads do not inherit the TypeScript loader (tests).
//
// Messages in: { id, op, ... } with op query | exec | begin | commit | rollback | dump |
// close, and `tx` naming an open transaction. Out: { ready } once open (or { failed }),
// { notify } for each page_versions notification, { id, result } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

/** @type {{ dataDir: string }} */
const { dataDir } = workerData;

/**
 * An error as plain fields, so the main thread gets the driver's code, constraint, detail
 * and the rest intact (the app maps them to 409s and the like).
 * @param {unknown} error
 */
function plainError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  /** @type {Record<string, unknown>} */
  const fields = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return fields;
}

/**
 * Drizzle asks for some types (timestamps, dates, intervals and their arrays) as the text
 * PostgreSQL sent; its parsers are functions, which cannot cross threads, so the main
 * thread sends their type ids and they are made again here. Only such identity parsers are
 * sent (src/data/pglite-worker-client.ts).
 * @type {Map<string, Record<number, (value: string) => string>>}
 */
const parserSets = new Map();
/** @param {number[] | undefined} types */
function textParsers(types) {
  if (!types) return undefined;
  const key = types.join(',');
  let parsers = parserSets.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((type) => [type, (/** @type {string} */ value) => value]));
    parserSets.set(key, parsers);
  }
  return parsers;
}

/** @type {PGlite} */
let client;
try {
  client = await PGlite.create({ dataDir, extensions: { btree_gist } });
  // Every statement on `clinics` notifies as it commits (migration 0042), in this session
  // only. PGlite hands the notification over while it reads the commit's answer, so it is
  // posted before the answer to the query that committed: the main thread counts the change
  // before its writer is answered (the port keeps messages in order).
  await client.exec("SET yintang.notify_page_versions = 'on'");
  await client.listen('page_versions', () => parentPort.postMessage({ notify: true }));
} catch (error) {
  parentPort.postMessage({ failed: plainError(error) });
  process.exit(1);
}

/**
 * Open transactions by id: PGlite's transaction handle and how to end it. PGlite keeps a
 * transaction exclusive itself: a query outside it waits until it ends.
 * @type {Map<number, { tx: import('@electric-sql/pglite').Transaction, end: (commit: boolean) => void, done: Promise<unknown> }>}
 */
const transactions = new Map();
let lastTransaction = 0;
const ROLLED_BACK = Symbol('rolled back');

function begin() {
  return new Promise((opened, failed) => {
    const id = ++lastTransaction;
    /** @type {(commit: boolean) => void} */
    let end = () => {};
    const done = client.transaction((tx) => {
      const ended = new Promise((resolve, reject) => {
        end = (commit) => (commit ? resolve(undefined) : reject(ROLLED_BACK));
      });
      transactions.set(id, { tx, end, done });
      opened(id);
      return ended;
    });
    done.catch(failed); // BEGIN itself failed; after that the rejection is awaited by commit or rollback
  });
}

/** @param {number} id @param {boolean} commit */
async function finish(id, commit) {
  const open = transactions.get(id);
  if (!open) throw new Error('PGlite: no such transaction');
  transactions.delete(id);
  open.end(commit);
  try {
    await open.done;
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
  // PGlite's transaction() can resolve before the commit is synced to the file system
  // (electric-sql/pglite#1065); sync so an answered write survives a kill.
  if (commit) await client.syncToFs();
}

/** @param {{ id: number, op: string, tx?: number, sql?: string, params?: unknown[], rowMode?: 'array' | 'object', textTypes?: number[] }} m */
async function run(m) {
  const target = m.tx === undefined ? client : transactions.get(m.tx)?.tx;
  if (!target) throw new Error('PGlite: the transaction has ended');
  switch (m.op) {
    case 'query':
      return target.query(m.sql, m.params, { rowMode: m.rowMode, parsers: textParsers(m.textTypes) });
    case 'exec':
      return target.exec(m.sql);
    case 'begin':
      return begin();
    case 'commit':
    case 'rollback':
      return finish(m.tx, m.op === 'commit');
    case 'dump': {
      // A checkpoint first, so the copy needs no crash recovery when it is opened; then the
      // copy is taken while no transaction is open, so it holds committed work only.
      await client.exec('CHECKPOINT');
      const tarball = await client._runExclusiveTransaction(() => client.dumpDataDir('none'));
      return tarball.arrayBuffer();
    }
    case 'close':
      return client.close();
    default:
      throw new Error(`PGlite worker: unknown operation ${m.op}`);
  }
}

parentPort.on('message', async (m) => {
  try {
    const result = await run(m);
    parentPort.postMessage({ id: m.id, result }, result instanceof ArrayBuffer ? [result] : []);
    if (m.op === 'close') parentPort.close();
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: plainError(error) });
  }
});
parentPort.postMessage({ ready: true });
