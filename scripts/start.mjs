// `npm start`: runs the server bundle (dist/server/start.mjs, plain JavaScript) in this
// process so signals reach it directly. `npm install` builds the web app and the bundle
// once (the `prepare` script); if either is missing, or a source file changed after the
// bundle was built, it is built here first.
import { pathToFileURL } from 'node:url';
import { buildServerBundle, buildWebApp, bundleIsStale, serverBundle, webAppBuilt } from './build-server.mjs';

if (!webAppBuilt()) {
  console.log('Building the web app (first start only)...');
  buildWebApp();
}
if (bundleIsStale()) await buildServerBundle();
await import(pathToFileURL(serverBundle).href);
