// Run by `npm install` / `npm ci` (the `prepare` script): builds the web app, the server
// bundle and a migrated empty embedded database once, so `npm start` does not pay for
// them. An install without dev dependencies has no Vite: then the first `npm start` builds
// what it can and says what is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildDatabaseTemplate, buildServerBundle, buildWebApp, root } from './build-server.mjs';

if (existsSync(path.join(root, 'node_modules/vite/bin/vite.js'))) {
  buildWebApp();
  await buildServerBundle();
}
await buildDatabaseTemplate();
