import type { FastifyRequest } from 'fastify';
import { and, count, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import { outboxEmails } from '../../data/schema/index.ts';
import { diskFullNow, faultStateOf } from '../../data/db-faults.ts';
import { listBackups } from '../../data/backup/backup-files.ts';
import { backupsFolder } from '../../data/backup/backup-commands.ts';
import { guard } from '../../server/access.ts';
import { nowOf, type AppContext } from '../../server/context.ts';
import { checkDatabase, diskSpace, LOW_FREE_BYTES, MIN_FREE_BYTES } from '../health/system-checks.ts';
import type { SystemStatus } from './system.schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The size of the database in bytes, or null when the database cannot tell. */
async function databaseSize(ctx: AppContext): Promise<number | null> {
  try {
    const result = (await ctx.database.db.execute(sql`select pg_database_size(current_database())::bigint as size`)) as unknown as { rows: { size: string | number }[] };
    return Number(result.rows[0]?.size ?? 0) || null;
  } catch {
    return null;
  }
}

/** E-mail delivery of the owner's clinic: what waits, what is retried, what failed in the last day. */
async function emailDelivery(ctx: AppContext, clinicId: string, now: number): Promise<SystemStatus['email']> {
  const db = ctx.database.db;
  const byStatus = await db.select({ status: outboxEmails.status, retrying: sql<number>`count(${outboxEmails.lastError})::int`, n: count() })
    .from(outboxEmails)
    .where(and(eq(outboxEmails.clinicId, clinicId), sql`(${outboxEmails.status} = 'pending' or (${outboxEmails.status} = 'failed' and ${outboxEmails.createdAt} >= ${new Date(now - DAY_MS)}))`))
    .groupBy(outboxEmails.status);
  const [problem] = await db.select({ error: outboxEmails.lastError, at: outboxEmails.createdAt }).from(outboxEmails)
    .where(and(eq(outboxEmails.clinicId, clinicId), isNotNull(outboxEmails.lastError), gte(outboxEmails.createdAt, new Date(now - DAY_MS))))
    .orderBy(desc(outboxEmails.createdAt)).limit(1);
  const pending = byStatus.find((r) => r.status === 'pending');
  return {
    smtpConfigured: !!ctx.config.SMTP_URL,
    queued: pending?.n ?? 0,
    retrying: pending?.retrying ?? 0,
    failedLastDay: byStatus.find((r) => r.status === 'failed')?.n ?? 0,
    lastProblem: problem?.error ?? null,
    lastProblemAt: problem?.at.toISOString() ?? null,
  };
}

/**
 * The state of this Yintang for the clinic's owner: database, disk, backups, e-mail and
 * the last error. Owners only; it holds no health data, so nothing here is audited.
 */
export async function getSystemStatus(ctx: AppContext, request: FastifyRequest, slug: string): Promise<SystemStatus> {
  const actor = await guard(ctx.database, request, slug, ['owner']);
  const now = nowOf(ctx);
  const { database, config } = ctx;
  const check = await checkDatabase(database);
  const space = database.kind === 'pglite' ? diskSpace(config.DATA_DIR) : undefined;
  const faults = faultStateOf(database);
  const full = diskFullNow(database) || (space !== undefined && space.freeBytes < MIN_FREE_BYTES) || (!check.ok && check.fault === 'disk-full');
  const backups = listBackups(backupsFolder(config));
  const last = backups[0];
  const lastVerified = backups.find((b) => b.verified.ok);
  return {
    database: { kind: database.kind, ok: check.ok, sizeBytes: await databaseSize(ctx) },
    disk: {
      freeBytes: space?.freeBytes ?? null,
      totalBytes: space?.totalBytes ?? null,
      full,
      low: full || (space !== undefined && space.freeBytes < LOW_FREE_BYTES),
      lastFullAt: faults.lastDiskFullAt?.toISOString() ?? null,
    },
    backup: {
      last: last ? {
        at: last.createdAt,
        bytes: last.bytes,
        reason: last.reason,
        verified: last.verified.ok,
        verifiedAt: last.verified.at,
        problem: last.verified.ok ? null : last.verified.error,
      } : null,
      lastVerifiedAt: lastVerified?.createdAt ?? null,
      automatic: database.kind === 'pglite',
    },
    email: await emailDelivery(ctx, actor.clinicId, now),
    lastErrorAt: faults.lastErrorAt?.toISOString() ?? null,
    checkedAt: new Date(now).toISOString(),
  };
}
