import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import { JobPause } from '../../server/job-pause.ts';
import { refreshDueCalendars } from './busy-calendars.service.ts';

/**
 * Fetches practitioners' outside calendars when due (every BUSY_CALENDAR_REFRESH_MIN
 * minutes each). Safe on every instance at once: each claims the calendars it fetches.
 */
export class BusyCalendarJobs {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly pause: JobPause;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
  ) {
    this.pause = new JobPause('busy calendars', database, log, () => config.BUSY_CALENDAR_POLL_MS);
  }

  /** One pass (tests call this directly). */
  runOnce(now = Date.now()) {
    return refreshDueCalendars(this.database, this.config, now);
  }

  start() {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .then((done) => {
          // Counts only: a calendar's address is a secret and never logged.
          if (done.failed) this.log.info(done, 'busy calendars fetched, some failing');
          this.pause.succeeded();
        })
        .catch((error: unknown) => this.pause.failed(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pause.nextDelayMs());
        });
    };
    this.timer = setTimeout(tick, 2000);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
