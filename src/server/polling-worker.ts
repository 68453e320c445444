import { JobPause } from './job-pause.ts';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PollingWorkerOptions<T> {
  /** The job's name in its log lines, e.g. "outbox". */
  name: string;
  /** The database the job uses: its faults are noted on it (see JobPause). */
  database: object;
  log: Log;
  /** The wait between runs while all is well (read before each wait, so tests and config may change it). */
  intervalMs: () => number;
  /** The wait before the first run after start. */
  firstDelayMs: number;
  /** One pass of the job. */
  run: () => Promise<T>;
  /** What to do with a pass's result, e.g. log its counts (never health data). */
  onResult?: (result: T) => void;
}

/**
 * A background job that runs every few seconds in the app's process (the e-mail outbox,
 * webhooks, outside calendars). The next run is planned only when the last one has
 * finished, so two runs of one job never overlap in a process; while the database is away
 * or full the wait grows (JobPause) and one line is logged when the job pauses and one
 * when it resumes. `stop()` cancels the next run and waits for the one in progress, so a
 * shutdown never closes the database under a running job. Several instances may each run
 * the job: the jobs claim their rows in the database themselves.
 */
export class PollingWorker<T = unknown> {
  readonly pause: JobPause;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(private readonly options: PollingWorkerOptions<T>) {
    this.pause = new JobPause(options.name, options.database, options.log, options.intervalMs);
  }

  /** Starts polling; a second call, or a call after stop(), does nothing. */
  start() {
    if (this.state !== 'new') return;
    this.state = 'started';
    this.timer = setTimeout(() => this.tick(), this.options.firstDelayMs);
  }

  /** Stops polling and waits for the run in progress, if any. */
  async stop() {
    this.state = 'stopped';
    clearTimeout(this.timer);
    await this.running;
  }

  private tick() {
    if (this.state !== 'started') return;
    this.running = this.options.run()
      .then((result) => {
        this.options.onResult?.(result);
        this.pause.succeeded();
      })
      .catch((error: unknown) => this.pause.failed(error))
      .finally(() => {
        this.running = undefined;
        if (this.state === 'started') this.timer = setTimeout(() => this.tick(), this.pause.nextDelayMs());
      });
  }
}
