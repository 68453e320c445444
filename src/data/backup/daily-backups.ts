import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db.ts';
import { latestVerifiedBackup, pruneBackups, type BackupReason, type BackupRecord } from './backup-files.ts';
import { answerBackupRequest, pendingBackupRequests } from './backup-requests.ts';
import { backupPglite } from './pglite-backup.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** True when the newest verified backup is a day old or more (or there is none). */
export function dailyBackupDue(latest: Pick<BackupRecord, 'createdAt'> | undefined, now: Date): boolean {
  return !latest || now.getTime() - new Date(latest.createdAt).getTime() >= DAY_MS;
}

export interface DailyBackupsOptions {
  /** Days backups are kept (BACKUP_KEEP_DAYS). */
  keepDays: number;
  /** How often requests from `npm run backup` are looked for. */
  pollMs?: number;
  /** The first daily check waits this long after start, so starting up stays quick. */
  firstCheckMs?: number;
  /** Time between daily checks (each is one look at the folder). */
  checkEveryMs?: number;
}

/**
 * The embedded database's backups, in the server process that holds it: a verified backup
 * into DATA_DIR/backups whenever the newest is a day old, old ones pruned, and the
 * backups `npm run backup` asks for while the server runs. One at a time, never two.
 */
export class DailyBackups {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private nextCheckAt = 0;
  private readonly pollMs: number;
  private readonly firstCheckMs: number;
  private readonly checkEveryMs: number;

  constructor(
    private readonly database: Database,
    private readonly dir: string,
    private readonly log: FastifyBaseLogger,
    private readonly options: DailyBackupsOptions,
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.firstCheckMs = options.firstCheckMs ?? 60_000;
    this.checkEveryMs = options.checkEveryMs ?? 15 * 60_000;
  }

  /** Takes a backup now (and prunes); logs what it did and how long the database was held. */
  async backUp(reason: BackupReason, now = new Date()): Promise<BackupRecord> {
    const record = await backupPglite(this.database, this.dir, { reason, now });
    const { file, bytes, heldMs, verified } = record;
    if (verified.ok) {
      this.log.info({ file, bytes, heldMs, verifyMs: verified.tookMs, counts: verified.counts }, 'backup taken and verified');
      const pruned = pruneBackups(this.dir, now, this.options.keepDays);
      if (pruned.length) this.log.info({ pruned }, 'old backups deleted');
    } else {
      this.log.error({ file, bytes, heldMs, error: verified.error }, 'backup taken but it does not load');
    }
    return record;
  }

  /** The daily check: a backup if the newest verified one is a day old. */
  async runDaily(now = new Date()): Promise<BackupRecord | undefined> {
    if (!dailyBackupDue(latestVerifiedBackup(this.dir), now)) return undefined;
    return this.backUp('daily', now);
  }

  /** Answers the requests of `npm run backup`; returns how many. */
  async answerRequests(): Promise<number> {
    const ids = pendingBackupRequests(this.dir);
    for (const id of ids) {
      try {
        const record = await this.backUp('manual');
        answerBackupRequest(this.dir, id, record.verified.ok ? { ok: true, record } : { ok: false, error: `the backup does not load (${record.verified.error})` });
      } catch (error) {
        this.log.error({ err: { message: (error as Error).message } }, 'requested backup failed');
        answerBackupRequest(this.dir, id, { ok: false, error: (error as Error).message });
      }
    }
    return ids.length;
  }

  private async tick() {
    await this.answerRequests();
    if (Date.now() < this.nextCheckAt) return;
    try {
      await this.runDaily();
      this.nextCheckAt = Date.now() + this.checkEveryMs;
    } catch (error) {
      this.log.error({ err: { message: (error as Error).message } }, 'daily backup failed; trying again in an hour');
      this.nextCheckAt = Date.now() + 60 * 60_000;
    }
  }

  start() {
    this.nextCheckAt = Date.now() + this.firstCheckMs;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: Error) => this.log.error({ err: { message: error.message } }, 'backup job failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  /** Stops; a backup under way is finished first, so the database is never closed under it. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
