import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database } from '../data/db.ts';
import { loadConfig, type Config } from './config.ts';
import { buildApp, type App } from './app.ts';
import { sessionCookieName } from './plugins/session.ts';
import { listEmailsTo } from '../features/notifications/outbox.repository.ts';

/** Which database the HTTP tests run on: the `postgres` vitest project sets TEST_DB. */
export const testDatabaseKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite copied from the
 * migrated template, or a new database on the PostgreSQL server of TEST_DATABASE_URL.
 */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind === 'pglite') {
    const template = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([template]) });
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `yintang_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await database.migrate();
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: baseUrl });
    await a.connect();
    // pool.end() resolves before its connections have finished closing; wait for them, so
    // the drop does not kill a connection mid-close (57P01 as an unhandled error).
    for (let i = 0; i < 100; i++) {
      const { rows } = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return database;
}

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  /** A new browser-like client with its own cookie jar. */
  client(): TestClient;
  /** E-mails queued for an address, newest first. */
  emailsTo(address: string): ReturnType<typeof listEmailsTo>;
  close(): Promise<void>;
}

/** The secrets key of the HTTP tests (32 bytes, base64). */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');

/** Builds the whole app in-process on a fresh database, as `buildApp` does in production. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  // A fixed secrets key, so no test writes a key file into ./data.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://yintang.test', SECRETS_KEY: TEST_SECRETS_KEY, ...env });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    client: () => new TestClient(app),
    emailsTo: (address) => listEmailsTo(database.db, address),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends requests like a browser would: keeps cookies and sends the CSRF token on writes. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | undefined;
  ip = '203.0.113.10';

  constructor(private readonly app: App) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      // Strings and Buffers (e.g. a multipart body, with its own content-type header) go as they are.
      payload: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);

  /** Signs in and picks up the CSRF token; throws if sign-in fails. */
  async signIn(email: string, password: string) {
    const response = await this.post('/api/v1/auth/sign-in', { email, password });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    await this.refreshSession();
    return response.json() as { twoFactorRequired: boolean };
  }

  async refreshSession() {
    const session = (await this.get('/api/v1/auth/session')).json();
    this.csrfToken = session.csrfToken ?? undefined;
    return session;
  }

  hasSessionCookie() {
    return this.cookies.has(sessionCookieName(this.app.ctx.config));
  }
}

/** Pulls the token out of the first link in an e-mail that points at `path`. */
export function tokenFromEmail(text: string, path: string): string {
  const match = text.match(new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in e-mail`);
  return match[1];
}

/**
 * A second app instance on the same PostgreSQL database as `t` (its own connection pool,
 * as in production), for tests of what several instances do at once. Close it after use.
 */
export async function openSecondInstance(t: TestContext): Promise<{ app: App; close(): Promise<void> }> {
  const result = (await t.database.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${result.rows[0]!.db}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  const app = await buildApp({ config: t.config, database, logger: false });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
