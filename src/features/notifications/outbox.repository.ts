import { and, eq, inArray, lte, or, isNull, sql, desc } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { outboxEmails, type EmailAttachment } from '../../data/schema/index.ts';
import { withholdSecrets } from './secret-links.ts';

export interface NewEmail {
  clinicId?: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: EmailAttachment[];
}

/**
 * The outbox row for an e-mail. What staff may read (`staffText`) is always derived here
 * from the text, with every secret link withheld, so no caller can forget it.
 */
export function outboxRow(email: NewEmail) {
  return {
    clinicId: email.clinicId ?? null,
    toAddress: email.to,
    subject: email.subject,
    text: email.text,
    staffText: withholdSecrets(email.text),
    html: email.html ?? null,
    attachments: email.attachments ?? null,
  } satisfies typeof outboxEmails.$inferInsert;
}

/** Adds an e-mail to the outbox; call inside the transaction that causes it. */
export async function enqueueEmail(q: Queryable, email: NewEmail) {
  await q.insert(outboxEmails).values(outboxRow(email));
}

/**
 * Claims up to `limit` due e-mails for this worker. FOR UPDATE SKIP LOCKED plus a lease
 * (locked_until) means two instances never claim the same row, and a worker that dies
 * mid-send releases its rows when the lease runs out.
 */
export async function claimDueEmails(q: Queryable, limit: number, leaseMs: number) {
  const now = new Date();
  // The database stamps a new e-mail in microseconds, this clock counts milliseconds: one
  // queued earlier in this same millisecond is due too (it was missed, seen in a test).
  const dueBy = new Date(now.getTime() + 1);
  return q
    .update(outboxEmails)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sql`${outboxEmails.attempts} + 1` })
    .where(
      inArray(
        outboxEmails.id,
        q
          .select({ id: outboxEmails.id })
          .from(outboxEmails)
          .where(
            and(
              eq(outboxEmails.status, 'pending'),
              lte(outboxEmails.nextAttemptAt, dueBy),
              or(isNull(outboxEmails.lockedUntil), lte(outboxEmails.lockedUntil, now)),
            ),
          )
          .orderBy(outboxEmails.nextAttemptAt)
          .limit(limit)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();
}

export async function markEmail(
  q: Queryable,
  id: string,
  result: { status: 'sent' | 'kept' } | { status: 'pending' | 'failed'; error: string; retryAt?: Date },
) {
  const values =
    'error' in result
      ? { status: result.status, lastError: result.error.slice(0, 500), nextAttemptAt: result.retryAt ?? new Date(), lockedUntil: null }
      : { status: result.status, sentAt: new Date(), lockedUntil: null };
  await q.update(outboxEmails).set(values).where(eq(outboxEmails.id, id));
}

/**
 * A clinic's e-mails, newest first, for the in-app outbox: only what staff may see (the
 * staff-safe text, never the text or HTML the recipient gets, and no attachment contents).
 */
export async function listClinicEmails(q: Queryable, clinicId: string, limit: number) {
  const rows = await q
    .select({
      id: outboxEmails.id, toAddress: outboxEmails.toAddress, subject: outboxEmails.subject, staffText: outboxEmails.staffText,
      status: outboxEmails.status, createdAt: outboxEmails.createdAt,
      attachmentNames: sql<string[] | null>`(select array_agg(a.value->>'filename' order by a.n) from jsonb_array_elements(${outboxEmails.attachments}) with ordinality as a(value, n))`,
    })
    .from(outboxEmails).where(eq(outboxEmails.clinicId, clinicId)).orderBy(desc(outboxEmails.createdAt)).limit(limit);
  return rows.map(({ attachmentNames, ...r }) => ({ ...r, attachments: attachmentNames ?? [] }));
}

/** E-mails to one address, newest first (tests and the local outbox). */
export async function listEmailsTo(q: Queryable, to: string) {
  return q.select().from(outboxEmails).where(eq(outboxEmails.toAddress, to)).orderBy(desc(outboxEmails.createdAt));
}
