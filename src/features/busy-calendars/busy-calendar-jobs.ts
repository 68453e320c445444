import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import { PollingWorker } from '../../server/polling-worker.ts';
import { refreshDueCalendars } from './busy-calendars.service.ts';

/**
 * Fetches practitioners' outside calendars when due (every BUSY_CALENDAR_REFRESH_MIN
 * minutes each). Safe on every instance at once: each claims the calendars it fetches.
 */
export class BusyCalendarJobs {
  private readonly loop: PollingWorker<Awaited<ReturnType<typeof refreshDueCalendars>>>;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
  ) {
    this.loop = new PollingWorker({
      name: 'busy calendars', database, log, intervalMs: () => config.BUSY_CALENDAR_POLL_MS, firstDelayMs: 2000,
      run: () => this.runOnce(),
      // Counts only: a calendar's address is a secret and never logged.
      onResult: (done) => { if (done.failed) this.log.info(done, 'busy calendars fetched, some failing'); },
    });
  }

  /** One pass (tests call this directly). */
  runOnce(now = Date.now()) {
    return refreshDueCalendars(this.database, this.config, now);
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
  }
}
