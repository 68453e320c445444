// Runs the server bundle (dist/server/start.cjs) with V8's code cache, so a later start
// neither parses the 7 MB bundle again nor compiles anew the functions it ran last time
// (docs/decisions/0009). Node 20 keeps no code cache of its own (NODE_COMPILE_CACHE is
// Node 22), and its ES module loader takes none: the bundle is CommonJS for this reason.
// Kept small and free of other imports: it is on the path of every start.
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundle = path.join(root, 'dist/server/start.cjs');
/** V8's code cache of the bundle: written by the server once it has started (`saveCodeCache`). */
export const codeCacheFile = `${serverBundle}.cache`;

/**
 * V8 accepts a code cache for any source of the same length: the cache file therefore
 * starts with the size and modification time of the bundle it was made from, and one made
 * from another build is never offered. V8 itself rejects one made by another Node or V8
 * version or with other V8 flags (`cachedDataRejected`).
 */
function bundleKey() {
  const s = statSync(serverBundle);
  return Buffer.from(`${s.size}:${Math.trunc(s.mtimeMs)}\n`);
}

function readCodeCache(key) {
  try {
    const file = readFileSync(codeCacheFile);
    return file.subarray(0, key.length).equals(key) ? file.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles the bundle (taking the code cache when there is a matching one) without running
 * it: `run()` runs it, `cacheUsed` says whether V8 took the cache, `saveCodeCache()` writes
 * a new one with every function compiled so far.
 */
export function compileServerBundle() {
  const key = bundleKey();
  const cachedData = readCodeCache(key);
  // The build writes the bundle in ASCII only (scripts/build-server.mjs): read as Latin-1,
  // the same text is a copy of the bytes rather than a UTF-8 decoding of 7 MB (about 20 ms
  // less). A bundle with any other byte is decoded as UTF-8, as before.
  const bytes = readFileSync(serverBundle);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // The same wrapper as Node's CommonJS loader; dynamic import() goes to Node's own loader.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: serverBundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return {
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    run() {
      const module = { exports: {} };
      script.runInThisContext().call(module.exports, module.exports, createRequire(serverBundle), module, serverBundle, path.dirname(serverBundle));
      return module.exports;
    },
    /** Written whole under another name, then renamed: a concurrent start reads the old or the new one. */
    saveCodeCache() {
      const partial = `${codeCacheFile}.${process.pid}.partial`;
      try {
        writeFileSync(partial, Buffer.concat([key, script.createCachedData()]));
        renameSync(partial, codeCacheFile);
      } catch {
        rmSync(partial, { force: true });
      }
    },
  };
}
