import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { outboxEmails } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { enqueueEmail } from './outbox.repository.ts';
import { OutboxWorker } from './outbox.worker.ts';

/**
 * A small SMTP server (RFC 5321's commands, no TLS, no authentication) that keeps every
 * message it accepts, so the test can count deliveries.
 */
class RecordingSmtpServer {
  readonly received: string[] = [];
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(readonly port: number) {}

  async listen() {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
      let buffer = '';
      let inData = false;
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 test.local ESMTP');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        for (;;) {
          if (inData) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end < 0) return;
            this.received.push(buffer.slice(0, end));
            buffer = buffer.slice(end + 5);
            inData = false;
            reply('250 2.0.0 queued');
            continue;
          }
          const eol = buffer.indexOf('\r\n');
          if (eol < 0) return;
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO') reply('250-test.local\r\n250 8BITMIME');
          else if (verb === 'DATA') {
            inData = true;
            reply('354 end with .');
          } else if (verb === 'QUIT') {
            reply('221 bye');
            socket.end();
          } else reply('250 OK');
        }
      });
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.port, '127.0.0.1', resolve));
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('e-mail while the mail server refuses connections and then comes back', () => {
  // Below the ephemeral port range, so no outgoing connection holds it; the pid keeps parallel runs apart.
  const port = 20000 + ((process.pid * 83 + 7001) % 12000);
  const smtp = new RecordingSmtpServer(port);
  afterAll(() => smtp.close());

  it('keeps every e-mail while refused, then delivers each exactly once, without a restart', async () => {
    const config = { ...t.config, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Yintang <no-reply@yintang.test>' };
    const subjects = Array.from({ length: 12 }, (_, i) => `Refused then sent ${i}`);
    for (const subject of subjects) await enqueueEmail(t.database.db, { to: 'patient@example.com', subject, text: 'Hello' });
    const workers = [new OutboxWorker(t.database, config, t.app.log, undefined), new OutboxWorker(t.database, config, t.app.log, undefined)];

    // Nothing listens at the mail server's address: every e-mail stays pending, with the reason.
    await Promise.all(workers.map((w) => w.drain()));
    let rows = await t.database.db.select().from(outboxEmails).where(sql`${outboxEmails.subject} like 'Refused then sent %'`);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === 'pending' && r.lastError?.includes('ECONNREFUSED'))).toBe(true);
    expect(rows.every((r) => r.nextAttemptAt.getTime() > Date.now())).toBe(true);

    // The mail server returns, and the retry time comes (moved forward rather than waited for).
    await smtp.listen();
    await t.database.db.update(outboxEmails).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(outboxEmails.status, 'pending'));
    await Promise.all(workers.map((w) => w.drain()));
    await Promise.all(workers.map((w) => w.drain()));

    rows = await t.database.db.select().from(outboxEmails).where(sql`${outboxEmails.subject} like 'Refused then sent %'`);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const delivered = smtp.received.map((m) => /^Subject: (.*)$/m.exec(m)?.[1]?.trim()).sort();
    expect(delivered).toEqual([...subjects].sort());
  });
});
