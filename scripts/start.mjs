// `npm start`: runs the server bundle (dist/server/start.cjs, plain JavaScript) in this
// process so signals reach it directly. `npm install` builds the web app and the bundle
// once (the `prepare` script); if either is missing, or a source file changed after the
// bundle was built, it is built here first. The bundle runs with V8's code cache, which the
// server writes once it is listening when there was none for this build
// (scripts/server-bundle.mjs, docs/decisions/0009).
import { existsSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import v8 from 'node:v8';
import { buildServerBundle, buildWebApp, bundleIsStale, webAppBuilt } from './build-server.mjs';
import { compileServerBundle, serverBundle } from './server-bundle.mjs';

// The embedded PostgreSQL is WebAssembly: V8 runs each function with its baseline compiler
// first and recompiles the busy ones with its optimising compiler on other threads. Opening
// the database runs a great deal of code once; with ten times V8's default budget (1.8
// million), far fewer of those functions are recompiled at start (about 0.15 s of CPU),
// while the queries a server runs again and again still are. Read when PGlite instantiates
// its module, and set before the bundle is compiled so its code cache is made and read
// under the same flags.
v8.setFlagsFromString('--wasm-tiering-budget=18000000');

if (!webAppBuilt()) {
  console.log('Building the web app (first start only)...');
  buildWebApp();
}
// The source files are checked on other threads while this one compiles the bundle.
const stale = bundleIsStale();
let bundle = existsSync(serverBundle) ? compileServerBundle() : undefined;
if (await stale) {
  await buildServerBundle();
  bundle = compileServerBundle();
}
if (!bundle.cacheUsed) {
  // Published by src/cli/start.ts once the server listens: the functions a start runs are
  // compiled by then. Written a moment later, off the path of the first requests, or when
  // the process ends before that.
  let saved = false;
  const save = () => {
    if (!saved) bundle.saveCodeCache();
    saved = true;
  };
  subscribe('yintang:listening', () => {
    setTimeout(save, 1000).unref();
    process.once('exit', save);
  });
}
bundle.run();
