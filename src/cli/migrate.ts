import { loadConfig } from '../server/config.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';
import { sealStoredStripeKeys } from '../features/money/billing.service.ts';

/** `npm run migrate`: applies pending migrations to the configured database. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  await database.migrate();
  // The data step of migration 0032: Stripe keys stored in clear are encrypted.
  await sealStoredStripeKeys(database, config);
  console.log(`Migrations applied (${database.kind}).`);
} finally {
  await database.close();
}
