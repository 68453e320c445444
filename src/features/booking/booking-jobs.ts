import type { FastifyBaseLogger } from 'fastify';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../data/db.ts';
import { bookings, clinicBookingSettings } from '../../data/schema/index.ts';
import type { Config } from '../../server/config.ts';
import { PollingWorker } from '../../server/polling-worker.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { DEFAULT_BOOKING_SETTINGS } from '../scheduling/availability.repository.ts';
import { issueLinkToken, loadBookingDetails, sweepExpiredHolds } from './booking.repository.ts';
import { reminderEmail } from './booking-emails.ts';
import { queueAftercare } from '../aftercare/aftercare.service.ts';
import { queueQuestionnaires } from '../outcomes/outcomes.jobs.ts';
import { sweepAbandonedCheckouts } from '../money/stripe.service.ts';

const BATCH = 100;

/**
 * Queues the reminder of every confirmed booking whose reminder is due (the clinic's
 * lead time before the start; 0 turns reminders off), exactly once however many
 * instances run this at the same moment: rows are claimed by setting `reminder_sent_at`
 * in an UPDATE whose WHERE requires it to be null, in the same transaction that queues the
 * e-mail. A second worker either skips the rows (SKIP LOCKED) or, if it read them first,
 * re-checks the WHERE after the first commits and finds them taken. Bookings made inside
 * the lead time get no reminder: their confirmation has only just been sent.
 *
 * @returns how many reminders were queued.
 */
export async function queueDueReminders(database: Database, config: Config, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const queued = await database.transaction(async (tx) => {
      const lead = sql`make_interval(mins => coalesce((select ${clinicBookingSettings.reminderLeadMin} from ${clinicBookingSettings} where ${clinicBookingSettings.clinicId} = ${bookings.clinicId}), ${DEFAULT_BOOKING_SETTINGS.reminderLeadMin}))`;
      const due = tx.select({ id: bookings.id }).from(bookings)
        .where(and(
          eq(bookings.kind, 'appointment'), eq(bookings.status, 'confirmed'), isNull(bookings.reminderSentAt), gt(bookings.startsAt, now),
          sql`${bookings.startsAt} <= ${now.toISOString()}::timestamptz + ${lead}`,
          sql`${bookings.createdAt} <= ${bookings.startsAt} - ${lead}`,
          sql`${lead} > interval '0'`,
        ))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      const claimed = await tx.update(bookings).set({ reminderSentAt: now })
        .where(and(inArray(bookings.id, due), eq(bookings.status, 'confirmed'), isNull(bookings.reminderSentAt)))
        .returning({ clinicId: bookings.clinicId, id: bookings.id });
      for (const c of claimed) {
        const details = await loadBookingDetails(tx, c.clinicId, c.id);
        if (!details?.clientEmail) continue;
        const token = await issueLinkToken(tx, c.clinicId, c.id);
        await enqueueEmail(tx, reminderEmail(config, details, token));
      }
      return claimed.length;
    });
    total += queued;
    if (queued < BATCH) return total;
  }
}

/**
 * The periodic booking work of an app instance: expire unconfirmed holds, queue due
 * reminders and the aftercare advice of visits that ended. Safe to run on every instance at once (see `queueDueReminders`).
 */
export class BookingJobs {
  private readonly loop: PollingWorker<Awaited<ReturnType<BookingJobs['runOnce']>>>;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
  ) {
    this.loop = new PollingWorker({
      name: 'booking jobs', database, log, intervalMs: () => config.BOOKING_JOBS_POLL_MS, firstDelayMs: 1000,
      run: () => this.runOnce(),
      onResult: (done) => {
        if (done.expired || done.reminders || done.aftercare || done.questionnaires || done.abandonedCheckouts) this.log.info(done, 'booking jobs ran');
      },
    });
  }

  /** One pass; returns what it did (tests call this directly). */
  async runOnce(now = new Date()) {
    const expired = await sweepExpiredHolds(this.database.db, now);
    const reminders = await queueDueReminders(this.database, this.config, now);
    const aftercare = await queueAftercare(this.database, this.config, now);
    const questionnaires = await queueQuestionnaires(this.database, this.config, now);
    const abandonedCheckouts = await sweepAbandonedCheckouts(this.database, this.config, now);
    return { expired, reminders, aftercare, questionnaires, abandonedCheckouts };
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
  }
}
