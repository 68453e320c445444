import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../data/db.ts';
import type { Config } from '../../server/config.ts';
import type { outboxEmails } from '../../data/schema/index.ts';
import { claimDueEmails, markEmail } from './outbox.repository.ts';
import type { JobPause } from '../../server/job-pause.ts';
import { PollingWorker } from '../../server/polling-worker.ts';
import { lazyPackage } from '../../server/lazy-package.ts';

/** Loaded when the first e-mail is delivered, not at every start (decision 9). */
const nodemailer = lazyPackage<typeof Nodemailer>('nodemailer');

type EmailRow = typeof outboxEmails.$inferSelect;

const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

/**
 * Delivers outbox e-mails: over SMTP when SMTP_URL is set, otherwise into the local outbox
 * (the row is kept and viewable in the app, and a real .eml file is written under
 * DATA_DIR/outbox so it opens in any mail program).
 */
export class OutboxWorker {
  private readonly loop: PollingWorker<number>;
  private smtpTransport: Transporter | undefined;
  private composerTransport: Transporter | undefined;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
    private readonly outboxDir: string | undefined,
  ) {
    // The first run waits half a second, so a start's first requests (its /health, the
    // first page) do not queue behind it on the embedded database's one connection.
    this.loop = new PollingWorker({ name: 'outbox', database, log, intervalMs: () => config.OUTBOX_POLL_MS, firstDelayMs: 500, run: () => this.drain() });
    this.pause = this.loop.pause;
  }

  private get smtp(): Transporter | undefined {
    if (!this.config.SMTP_URL) return undefined;
    return (this.smtpTransport ??= nodemailer().createTransport(this.config.SMTP_URL));
  }

  /** Builds the .eml file of the local outbox. */
  private get composer(): Transporter {
    return (this.composerTransport ??= nodemailer().createTransport({ streamTransport: true, buffer: true }));
  }

  /** Backs off while the database is away or full; logs each change of state once. */
  readonly pause: JobPause;

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
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
