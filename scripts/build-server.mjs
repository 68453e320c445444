// Builds what `npm start` runs: the web app (Vite, into dist/client) and the server bundle
// (src/cli/start.ts and what it imports, into dist/server/start.mjs), so a start runs plain
// JavaScript instead of compiling TypeScript and resolving hundreds of package files.
// `node scripts/build-server.mjs` builds the bundle alone.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundle = path.join(root, 'dist/server/start.mjs');
/** A migrated, empty embedded database (a PGlite data folder as a tarball): see `buildDatabaseTemplate`. */
export const databaseTemplate = path.join(root, 'dist/pglite-template.tar');

/**
 * Packages left in node_modules and loaded at run time: native or WebAssembly code, files
 * read beside their own source (fonts, static assets, package.json), worker threads, and
 * the ones loaded only on first use (src/server/lazy-package.ts). Everything else is bundled.
 */
const EXTERNAL = [
  '@electric-sql/pglite', 'sharp', '@node-rs/argon2', 'pdfkit', 'stripe', 'pino', 'thread-stream', 'pg-native', 'nodemailer',
  '@zxcvbn-ts/*', '@fastify/swagger', '@fastify/swagger-ui', 'vite', 'esbuild', 'lightningcss',
];

export function webAppBuilt() {
  return existsSync(path.join(root, 'dist/client/.vite/manifest.json'));
}

export function buildWebApp() {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** True when the bundle is missing or a server source file (not a test) changed after it was built. */
export function bundleIsStale() {
  if (!existsSync(serverBundle)) return true;
  const built = statSync(serverBundle).mtimeMs;
  if (statSync(path.join(root, 'package-lock.json')).mtimeMs > built) return true;
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.includes('.test')) continue;
    if (statSync(path.join(entry.parentPath, entry.name)).mtimeMs > built) return true;
  }
  return false;
}

/**
 * Our modules find their files (migrations, articles, the web build, a worker) next to
 * their own source: in the bundle each `import.meta.url` must still name that source file,
 * written relative to the bundle so the checkout can move.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[/\\]src[/\\].*\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = path.relative(path.dirname(serverBundle), args.path).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

export async function buildServerBundle() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src/cli/start.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // React (and the like) in the bundle take their production build whatever NODE_ENV the
    // operator set: the development build renders pages several times slower. The app's own
    // NODE_ENV setting is read from the environment object (src/server/config.ts), not this.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS packages call require(): give the ES module one.
    banner: { js: "import { createRequire as yintangCreateRequire } from 'node:module'; const require = yintangCreateRequire(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepModuleUrls],
  });
}

/**
 * Creating an embedded database (PGlite's initdb) and running every migration on it took
 * about two thirds of a first start's CPU time. Both are the same for every installation,
 * so they run once here, at install: a first start copies this tarball into its empty data
 * folder instead (src/cli/open-configured-database.ts) and migrates only what is newer.
 * The extensions must be those src/data/db.ts opens the database with.
 */
export async function buildDatabaseTemplate() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create({ extensions: { btree_gist } });
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(root, 'src/data/migrations') });
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('none');
    mkdirSync(path.dirname(databaseTemplate), { recursive: true });
    const partial = `${databaseTemplate}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, databaseTemplate);
  } finally {
    await client.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServerBundle();
}
