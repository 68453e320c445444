import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

/** `npm run migrate`: applies pending migrations to the configured database. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  await database.migrate();
  console.log(`Migrations applied (${database.kind}).`);
} finally {
  await database.close();
}
