// First: it starts opening the database before the other modules load.
import { earlyStart } from './early-start.ts';
import { channel } from 'node:diagnostics_channel';
import path from 'node:path';
import { ConfigError } from '../server/config.ts';
import { buildApp } from '../server/app.ts';
import { DataDirLockedError } from '../data/data-dir-lock.ts';
import { pgliteInWorker } from '../data/db.ts';
import { demoSignIns, DEMO_PASSWORD, isEmpty, seedDemo } from '../data/demo/demo-data.ts';
import { drawDemoPortraits, seedDemoPortraits } from '../data/demo/demo-portraits.ts';
import { OutboxWorker } from '../features/notifications/outbox.worker.ts';
import { WebhookWorker } from '../features/webhooks/webhook.worker.ts';
import { BookingJobs } from '../features/booking/booking-jobs.ts';
import { BusyCalendarJobs } from '../features/busy-calendars/busy-calendar-jobs.ts';
import { DailyBackups } from '../data/backup/daily-backups.ts';
import { openConfiguredDatabase } from './open-configured-database.ts';
import { hashPassword } from '../features/auth/password.ts';
import { sealStoredStripeKeys } from '../features/money/billing.service.ts';

/**
 * Starts Yintang: validates the configuration, opens and migrates the database, loads the
 * demo on a fresh embedded database, serves, and shuts down cleanly on SIGTERM/SIGINT so
 * the embedded database is closed with nothing lost.
 */
async function main() {
  if (earlyStart instanceof Error) throw earlyStart;
  const { config, createsDatabase, embedded } = earlyStart;
  // A first start loads the demo: the demo accounts' password hash (argon2, on libuv's
  // threads) is computed while the database opens rather than after, and the demo
  // practitioners' portraits are drawn meanwhile on sharp's threads (should sharp not
  // load, seedDemoPortraits meets the same error where it always did).
  const loadsDemo = config.DEMO_ON_EMPTY && createsDatabase;
  const demoPasswordHash = loadsDemo ? hashPassword(DEMO_PASSWORD) : undefined;
  demoPasswordHash?.catch(() => {}); // awaited by seedDemo; unused when the database turns out not to be empty
  const demoPortraits = loadsDemo ? drawPortraitsEarly() : undefined;
  if (embedded && 'error' in embedded) throw embedded.error;
  // The embedded database opens in its worker thread (early-start.ts) while the routes are
  // registered here; nothing queries it before it is open and migrated.
  const database = embedded ? pgliteInWorker(embedded) : await openConfiguredDatabase(config);
  const building = buildApp({ config, database });
  building.catch(() => {}); // awaited below, once the database is ready
  await embedded?.opened;
  await database.migrate();
  // The data step of migration 0032: Stripe keys stored in clear are encrypted (idempotent).
  await sealStoredStripeKeys(database, config);
  let seeded = false;
  if (database.kind === 'pglite' && config.DEMO_ON_EMPTY && (await isEmpty(database))) {
    seeded = (await seedDemo(database, { passwordHash: demoPasswordHash })).created;
    if (seeded) await seedDemoPortraits({ database, config }, demoPortraits);
  }

  const app = await building;
  const outbox = new OutboxWorker(database, config, app.log, database.kind === 'pglite' ? path.resolve(config.DATA_DIR, 'outbox') : undefined);
  const bookingJobs = new BookingJobs(database, config, app.log);
  const webhooks = new WebhookWorker(database, config, app.log);
  const busyCalendars = new BusyCalendarJobs(database, config, app.log);
  // PostgreSQL is backed up by its operator (npm run backup from cron, or their own tools).
  const backups = database.kind === 'pglite'
    ? new DailyBackups(database, path.resolve(config.DATA_DIR, 'backups'), app.log, { keepDays: config.BACKUP_KEEP_DAYS })
    : undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking requests and let the ones in flight finish, then stop the worker,
    // then close the database so every committed write is on disk.
    const closing = app.close();
    // Keep-alive connections that finish their request after close() began would
    // otherwise stay open until their time-out; close each as soon as it goes idle.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => app.server.closeAllConnections(), 15_000);
    await closing;
    clearInterval(sweep);
    clearTimeout(deadline);
    await bookingJobs.stop();
    await busyCalendars.stop();
    await backups?.stop();
    await outbox.stop();
    await webhooks.stop();
    await database.close();
    app.log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  // scripts/start.mjs writes V8's code cache of the bundle after this (decision 9).
  channel('yintang:listening').publish({ port: config.PORT });
  outbox.start();
  webhooks.start();
  bookingJobs.start();
  busyCalendars.start();
  backups?.start();
  const where = database.kind === 'pglite' ? `embedded database in ${path.resolve(config.DATA_DIR)}` : 'PostgreSQL';
  console.log(`\nYintang is running at ${config.publicUrl} (${where}).`);
  if (seeded) {
    console.log(`\nDemo clinics loaded. Sign in at ${config.publicUrl}/app/sign-in with password "${DEMO_PASSWORD}" as:`);
    for (const s of demoSignIns()) console.log(`  ${s.role.padEnd(12)} ${s.email.padEnd(28)} ${s.clinic}`);
  }
  if (!config.SMTP_URL) console.log(`\nE-mail is not configured (SMTP_URL): messages are kept in the app's outbox and in ${path.resolve(config.DATA_DIR, 'outbox')}.`);
}

function drawPortraitsEarly() {
  try {
    return drawDemoPortraits();
  } catch {
    return undefined;
  }
}

main().catch((error: Error) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Yintang could not start:', error.message);
  }
  process.exit(1);
});
