import { readFileSync } from 'node:fs';
import type { Database } from '../data/db.ts';
import type { Config } from './config.ts';

/** What services need from the outside world, passed explicitly so tests can build their own. */
export interface AppContext {
  database: Database;
  config: Config;
  /** The current instant; tests set it to look at a fixed moment. Read it through `nowOf`. */
  now?: () => number;
}

/** The current instant for services: the context's clock when a test set one, else the system's. */
export function nowOf(ctx: AppContext): number {
  return ctx.now ? ctx.now() : Date.now();
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}

/**
 * A clock moved by the offset in `file` (`{"offsetMs": n}`), read on every call; no file
 * or a bad one means no offset. For end-to-end tests only (see TEST_CLOCK_FILE).
 */
export function fileClock(file: string): () => number {
  return () => {
    try {
      const offset = (JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
      return Date.now() + (typeof offset === 'number' && Number.isFinite(offset) ? offset : 0);
    } catch {
      return Date.now();
    }
  };
}
