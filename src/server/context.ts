import type { Database } from '../data/db.ts';
import type { Config } from './config.ts';

/** What services need from the outside world, passed explicitly so tests can build their own. */
export interface AppContext {
  database: Database;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
