import { z } from 'zod';

/** The owner's System page: the state of this Yintang, in facts the page turns into plain words. */
export const systemStatus = z.object({
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    /** Whether it answered a read and took a write just now. */
    ok: z.boolean(),
    sizeBytes: z.number().int().nullable(),
  }),
  disk: z.object({
    /** Free space where the embedded database lives; null on PostgreSQL (its disk is on its own server). */
    freeBytes: z.number().int().nullable(),
    totalBytes: z.number().int().nullable(),
    /** Saving is refused for want of space (or the free space is below the minimum). */
    full: z.boolean(),
    /** Less than 1 GB free: time to make room before saving stops. */
    low: z.boolean(),
    lastFullAt: z.iso.datetime().nullable(),
  }),
  backup: z.object({
    /** The newest backup, verified or not; null when none was ever taken here. */
    last: z.object({
      at: z.iso.datetime(),
      bytes: z.number().int(),
      reason: z.enum(['daily', 'manual', 'before-restore']),
      verified: z.boolean(),
      verifiedAt: z.iso.datetime(),
      /** Why the check failed, when it did. */
      problem: z.string().nullable(),
    }).nullable(),
    lastVerifiedAt: z.iso.datetime().nullable(),
    /** The embedded database backs itself up daily; PostgreSQL is backed up by its operator. */
    automatic: z.boolean(),
  }),
  email: z.object({
    smtpConfigured: z.boolean(),
    /** Waiting to be sent (including those being retried). */
    queued: z.number().int(),
    /** Being retried after the mail server refused them. */
    retrying: z.number().int(),
    /** Given up on, of the e-mails created in the last 24 hours. */
    failedLastDay: z.number().int(),
    /** The mail server's words for the latest failure, if any. */
    lastProblem: z.string().nullable(),
    lastProblemAt: z.iso.datetime().nullable(),
  }),
  /** The last time this server met an error it could not handle, or a database fault. */
  lastErrorAt: z.iso.datetime().nullable(),
  checkedAt: z.iso.datetime(),
});

export type SystemStatus = z.infer<typeof systemStatus>;
