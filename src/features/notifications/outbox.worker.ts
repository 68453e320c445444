import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import type { outboxEmails } from '../../data/schema/index.ts';
import { claimDueEmails, markEmail } from './outbox.repository.ts';
import { JobPause } from '../../server/job-pause.ts';

type EmailRow = typeof outboxEmails.$inferSelect;

const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

/**
 * Delivers outbox e-mails: over SMTP when SMTP_URL is set, otherwise into the local outbox
 * (the row is kept and viewable in the app, and a real .eml file is written under
 * DATA_DIR/outbox so it opens in any mail program).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly smtp: Transporter | undefined;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
    private readonly outboxDir: string | undefined,
  ) {
    this.smtp = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
    this.pause = new JobPause('outbox', database, log, () => config.OUTBOX_POLL_MS);
  }

  /** Backs off while the database is away or full; logs each change of state once. */
  readonly pause: JobPause;

  start() {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => this.pause.succeeded())
        .catch((error: unknown) => this.pause.failed(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pause.nextDelayMs());
        });
    };
    this.timer = setTimeout(tick, 10);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Sends everything that is due; returns how many e-mails were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await claimDueEmails(this.database.db, 20, LEASE_MS);
      if (batch.length === 0) return handled;
      for (const email of batch) {
        await this.deliver(email);
        handled++;
      }
    }
  }

  private async deliver(email: EmailRow) {
    const message = {
      from: this.config.MAIL_FROM,
      to: email.toAddress,
      subject: email.subject,
      text: email.text,
      html: email.html ?? undefined,
      attachments: (email.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    };
    try {
      if (this.smtp) {
        await this.smtp.sendMail(message);
        await markEmail(this.database.db, email.id, { status: 'sent' });
        this.log.info({ emailId: email.id }, 'e-mail sent');
      } else {
        if (this.outboxDir) {
          const built = await this.composer.sendMail(message);
          mkdirSync(this.outboxDir, { recursive: true });
          const stamp = email.createdAt.toISOString().replace(/[:.]/g, '-');
          writeFileSync(path.join(this.outboxDir, `${stamp}-${email.id}.eml`), built.message as Buffer);
        }
        await markEmail(this.database.db, email.id, { status: 'kept' });
        this.log.info({ emailId: email.id }, 'e-mail kept in the local outbox');
      }
    } catch (error) {
      const attempts = email.attempts;
      const failed = attempts >= MAX_ATTEMPTS;
      // Exponential back-off: 30 s, 1 min, 2 min, ... so a mail server outage is ridden out.
      const retryAt = new Date(Date.now() + 30_000 * 2 ** (attempts - 1));
      await markEmail(this.database.db, email.id, { status: failed ? 'failed' : 'pending', error: (error as Error).message, retryAt });
      this.log.warn({ emailId: email.id, attempts, err: { message: (error as Error).message } }, 'e-mail delivery failed');
    }
  }
}
