// `npm start`: runs the server bundle (dist/server/start.cjs, plain JavaScript) in this
// process so signals reach it directly. `npm install` builds the web app and the bundle
// once (the `prepare` script); if either is missing, or a source file changed after the
// bundle was built, it is built here first. The bundle runs with V8's code cache, which the
// server writes once it is listening when there was none for this build
// (scripts/server-bundle.mjs, docs/decisions/0009).
import { existsSync } from 'node:fs';
import { subscribe } from 'node:diagnostics_channel';
import { buildServerBundle, buildWebApp, bundleIsStale, webAppBuilt } from './build-server.mjs';
import { compileServerBundle, serverBundle } from './server-bundle.mjs';

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
