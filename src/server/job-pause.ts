import { classifyDatabaseFault, noteFault, safeErrorSummary } from '../data/db-faults.ts';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The state of a background job that runs every few seconds (the e-mail outbox, booking
 * jobs): it backs off while the database is away or its disk is full, and logs one line
 * when it pauses and one when it resumes, never one per run, and never the SQL or its
 * parameters (which may hold health data).
 */
export class JobPause {
  /** Why the job is holding back, or undefined while it runs normally. */
  pausedFor: string | undefined;
  private failuresInARow = 0;

  constructor(
    private readonly job: string,
    private readonly database: object,
    private readonly log: Log,
    private readonly pollMs: () => number,
  ) {}

  /** The wait before the next run: the poll interval while all is well, doubling after each failed run up to a minute. */
  nextDelayMs(): number {
    if (this.failuresInARow === 0) return this.pollMs();
    return Math.min(60_000, this.pollMs() * 2 ** Math.min(this.failuresInARow, 16));
  }

  failed(error: unknown) {
    this.failuresInARow++;
    const fault = classifyDatabaseFault(error);
    noteFault(this.database, fault);
    const reason = fault === 'disk-full' ? 'disk full' : fault === 'unavailable' ? 'database unavailable' : 'unexpected error';
    if (this.pausedFor === reason) return;
    this.pausedFor = reason;
    this.log.error({ reason, err: safeErrorSummary(error) }, `${this.job} paused: ${reason}; retrying with back-off`);
  }

  succeeded() {
    this.failuresInARow = 0;
    if (!this.pausedFor) return;
    this.log.info({ after: this.pausedFor }, `${this.job} resumed`);
    this.pausedFor = undefined;
  }
}
