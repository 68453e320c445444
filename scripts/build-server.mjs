// Builds what `npm start` runs: the web app (Vite, into dist/client) and the server bundle
// (src/cli/start.ts and what it imports, into dist/server/start.cjs), so a start runs plain
// JavaScript instead of compiling TypeScript and resolving hundreds of package files.
// `node scripts/build-server.mjs` builds the bundle alone.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheFile, serverBundle } from './server-bundle.mjs';

export { serverBundle };
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The source files (not packages) the bundle was built from, relative to the checkout. */
const bundleInputs = path.join(root, 'dist/server/start.inputs.json');
/** A migrated, empty embedded database (a closed PGlite data folder): see `buildDatabaseTemplate`. */
export const databaseTemplate = path.join(root, 'dist/pglite-template');

/**
 * Packages left in node_modules and loaded at run time: native or WebAssembly code, files
 * read beside their own source (fonts, static assets, package.json), worker threads, and
 * the ones loaded only on first use (src/server/lazy-package.ts). Everything else is bundled.
 */
const EXTERNAL = [
  '@electric-sql/pglite', 'sharp', '@node-rs/argon2', 'pdfkit', 'stripe', 'thread-stream', 'pg-native', 'nodemailer',
  '@zxcvbn-ts/*', '@fastify/swagger', '@fastify/swagger-ui', 'vite', 'esbuild', 'lightningcss',
];

export function webAppBuilt() {
  return existsSync(path.join(root, 'dist/client/.vite/manifest.json'));
}

export function buildWebApp() {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * True when the bundle is missing, the lock file is newer, or one of the source files it was
 * built from (listed at build time in `bundleInputs`) changed after it was built: a new
 * source file only enters the bundle through a changed one that imports it. Asynchronous,
 * with every file asked at once, so libuv's threads answer while the start compiles the
 * bundle on the main thread (scripts/start.mjs).
 */
export async function bundleIsStale() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(bundleInputs, 'utf8'));
  } catch {
    return true;
  }
  const mtime = (file) => stat(path.resolve(root, file)).then((s) => s.mtimeMs, () => Infinity);
  const [built, ...others] = await Promise.all([serverBundle, 'package-lock.json', ...inputs].map(mtime));
  return built === Infinity || others.some((t) => t > built);
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
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, yintangBundleUrl).href`), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Start-time work in two packages, moved to first use by replacing one exact piece of
 * their source in the bundle (the build fails if a package no longer has it):
 *
 * - @fastify/compress asks `payload instanceof Response` of every reply. On Node 20 the
 *   global `Response` is a lazy property that loads Node's whole fetch implementation
 *   (undici) when first read, so the first request after a start, usually `/health`, paid
 *   for it (about 0.05–0.1 s). The check below gives the same answer for every value (a
 *   Response says so through its Symbol.toStringTag, which is how Fastify's own reply code
 *   tests it) and reads `Response` only for one.
 * - find-my-way compiles a `new Function` for each static segment of the route tree, and
 *   again each time registering a route splits a segment (about 0.1 s over 325 routes). A
 *   node now compiles its matcher the first time a request reaches it and keeps it: the
 *   same function as before, from the same prefix. Looking a route up while registering
 *   (`findRoute`, which Fastify asks for every GET route's automatic HEAD route) compares
 *   the prefix with `startsWith`, which is what the compiled matcher tests, rather than
 *   compiling the matcher of every segment on the way.
 * - drizzle-orm's PGlite driver loads PGlite (half a megabyte of JavaScript, 0.02–0.04 s)
 *   for four type ids and to make a client when given none. The server's database runs in
 *   a worker thread (src/data/pglite-worker.mjs), so the main thread has no other use for
 *   it: the type ids are written in (PostgreSQL's fixed OIDs) and PGlite is loaded only if
 *   a client is made that way.
 */
const DEPENDENCY_PATCHES = [
  {
    file: /[/\\]node_modules[/\\]@fastify[/\\]compress[/\\]lib[/\\]utils\.js$/,
    edits: [['return obj instanceof Response\n', "return typeof obj === 'object' && obj !== null && Object.prototype.toString.call(obj) === '[object Response]' && obj instanceof Response\n"]],
  },
  {
    file: /[/\\]node_modules[/\\]find-my-way[/\\]lib[/\\]node\.js$/,
    edits: [
      ['this.matchPrefix = kind === NODE_TYPES.STATIC ? compilePrefixMatch(prefix) : null', 'this.matchPrefix = kind === NODE_TYPES.STATIC ? matchPrefixOnFirstUse : null'],
      ['this.matchPrefix = compilePrefixMatch(childPrefix)', 'this.matchPrefix = matchPrefixOnFirstUse'],
      ['function matchSingleCharPrefix () {', 'function matchPrefixOnFirstUse (path, i) {\n  this.matchPrefix = compilePrefixMatch(this.prefix)\n  return this.matchPrefix(path, i)\n}\n\nfunction matchSingleCharPrefix () {'],
      [
        '    const staticChild = this.findStaticMatchingChild(path, pathIndex)\n    if (staticChild) {\n      return staticChild.getStaticChild(',
        '    const index = this.staticChildrenCharCodes.indexOf(path.charCodeAt(pathIndex))\n    const staticChild = index === -1 || !path.startsWith(this.staticChildrenNodes[index].prefix, pathIndex) ? null : this.staticChildrenNodes[index]\n    if (staticChild) {\n      return staticChild.getStaticChild(',
      ],
    ],
  },
  {
    file: /[/\\]node_modules[/\\]drizzle-orm[/\\]pglite[/\\]session\.js$/,
    edits: [['import { types } from "@electric-sql/pglite";', 'const types = { DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, INTERVAL: 1186 };']],
  },
  {
    file: /[/\\]node_modules[/\\]drizzle-orm[/\\]pglite[/\\]driver\.js$/,
    edits: [['import { PGlite } from "@electric-sql/pglite";', 'function PGlite(...args) { return new (require("@electric-sql/pglite").PGlite)(...args); }']],
  },
];

const dependencyPatches = {
  name: 'dependency-patches',
  setup(b) {
    for (const { file, edits } of DEPENDENCY_PATCHES) {
      b.onLoad({ filter: file }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (text.split(from).length !== 2) throw new Error(`${args.path}: "${from.trim()}" not found once; see DEPENDENCY_PATCHES in scripts/build-server.mjs`);
          text = text.replace(from, () => to);
        }
        return { contents: text, loader: 'js' };
      });
    }
  },
};

export async function buildServerBundle() {
  const { build } = await import('esbuild');
  // The code cache of the previous build must not outlive it (scripts/server-bundle.mjs).
  rmSync(codeCacheFile, { force: true });
  const { metafile } = await build({
    entryPoints: [path.join(root, 'src/cli/start.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    // CommonJS, run through vm.Script with V8's code cache (scripts/server-bundle.mjs).
    format: 'cjs',
    target: 'node20',
    // import() of a package becomes require(): a script compiled with a code cache loses its
    // dynamic import callback on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), and every
    // package imported that way has a CommonJS entry.
    supported: { 'dynamic-import': false },
    external: EXTERNAL,
    // React (and the like) in the bundle take their production build whatever NODE_ENV the
    // operator set: the development build renders pages several times slower. The app's own
    // NODE_ENV setting is read from the environment object (src/server/config.ts), not this.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Strict throughout, as the ES modules it is made of were; `yintangBundleUrl` stands for
    // the bundle's own address where a module asks for `import.meta.url` (keepModuleUrls).
    banner: { js: "'use strict'; const yintangBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepModuleUrls, dependencyPatches],
    metafile: true,
  });
  asciiOnly(serverBundle);
  const sources = Object.keys(metafile.inputs).filter((file) => !file.includes('node_modules/')).map((file) => path.relative(root, path.resolve(root, file)));
  writeFileSync(bundleInputs, JSON.stringify(sources));
}

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in comments and regular
 * expression literals, and one such character makes V8 hold the whole 7 MB bundle as
 * two-byte text: twice the memory for as long as the server runs, and slower to read at
 * every start. Each is written as a \u escape instead, which means the same in a string,
 * a regular expression or a template and nothing in a comment (the source map's columns
 * shift on those few lines only).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const nonAscii = /[^\x00-\x7f]/g;
  if (nonAscii.test(text)) writeFileSync(file, text.replace(nonAscii, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Creating an embedded database (PGlite's initdb) and running every migration on it took
 * about two thirds of a first start's CPU time. Both are the same for every installation,
 * so they run once here, at install: a first start copies this data folder into its empty
 * one instead (src/cli/open-configured-database.ts, src/data/db.ts) and migrates only what
 * is newer. The database is made in memory, loaded into the folder and closed, so the
 * folder is what a later start opens; a copy by the file system costs a first start less
 * than unpacking a tarball through PGlite (about 0.4 s less CPU for the 44 MB, measured alternated).
 * The extensions must be those src/data/db.ts opens the database with.
 */
export async function buildDatabaseTemplate() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create({ extensions: { btree_gist } });
  let dump;
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(root, 'src/data/migrations') });
    await client.exec('CHECKPOINT');
    dump = await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
  const partial = `${databaseTemplate}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.dirname(partial), { recursive: true });
  const folder = await PGlite.create({ dataDir: partial, loadDataDir: dump, extensions: { btree_gist } });
  await folder.close();
  rmSync(databaseTemplate, { recursive: true, force: true });
  renameSync(partial, databaseTemplate);
  // The tarball earlier versions made.
  rmSync(path.join(root, 'dist/pglite-template.tar'), { force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServerBundle();
}
