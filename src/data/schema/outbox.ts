import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Transactional outbox for e-mail: rows are written in the same transaction as the change
 * that causes them and delivered by the worker, so an e-mail is never sent for a change
 * that rolled back and never lost for one that committed.
 */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicId: uuid('clinic_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /**
     * What clinic staff may read in the in-app outbox: the text with every secret link
     * (sign-up, reset, invitation, booking confirm and manage links, calendar feeds) withheld.
     * Null shows staff the subject only.
     */
    staffText: text('staff_text'),
    html: text('html'),
    attachments: jsonb('attachments').$type<EmailAttachment[]>(),
    /** pending → sent (SMTP) or kept (local outbox, no SMTP configured); failed after retries. */
    status: text('status', { enum: ['pending', 'sent', 'kept', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_due_idx').on(t.status, t.nextAttemptAt), index('outbox_clinic_idx').on(t.clinicId, t.createdAt)],
);
