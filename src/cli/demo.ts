import { loadConfig } from '../server/config.ts';
import { demoSignIns, DEMO_PASSWORD, seedDemo } from '../data/demo/demo-data.ts';
import { seedDemoPortraits } from '../data/demo/demo-portraits.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';

/** `npm run demo`: migrates if needed and loads the demo clinics into the configured database. */
const config = loadConfig();
const database = await openConfiguredDatabase(config);
try {
  await database.migrate();
  const { created } = await seedDemo(database);
  // The practitioners' illustrated portraits go through the real photo upload.
  if (created) await seedDemoPortraits({ database, config });
  console.log(created ? 'Demo clinics loaded.' : 'The demo clinics are already there; nothing changed.');
  console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
  for (const s of demoSignIns()) console.log(`  ${s.role.padEnd(12)} ${s.email.padEnd(28)} ${s.clinic}`);
} finally {
  await database.close();
}
