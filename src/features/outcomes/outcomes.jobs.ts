import { and, eq, exists, gt, isNull, lte } from 'drizzle-orm';
import type { Database } from '../../data/db.ts';
import { bookings, outcomeBookingChecks, serviceMeasures } from '../../data/schema/index.ts';
import type { Config } from '../../server/config.ts';
import { questionnaireTiming } from '../../domain/outcomes/index.ts';
import { askForSession, sessionPosition } from './outcomes.service.ts';

/** How long before a session its questionnaires are e-mailed. */
export const QUESTIONNAIRE_LEAD_MS = 48 * 3_600_000;
const BATCH = 100;

/**
 * E-mails the questionnaires due before each confirmed session in the next 48 hours: for
 * every measure the service asks, the schedule (baseline, every N sessions, end of course)
 * decides whether it is due before this session. Each booking is considered once, however
 * many instances run this at once: claiming it inserts its `outcome_booking_checks` row
 * (a second insert does nothing) in the transaction that creates the questionnaires and
 * queues the e-mail. A booking made inside the 48 hours is asked at once.
 *
 * @returns how many questionnaires were created.
 */
export async function queueQuestionnaires(database: Database, config: Config, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const { seen, created } = await database.transaction(async (tx) => {
      const due = await tx.select().from(bookings)
        .leftJoin(outcomeBookingChecks, and(eq(outcomeBookingChecks.clinicId, bookings.clinicId), eq(outcomeBookingChecks.bookingId, bookings.id)))
        .where(and(
          eq(bookings.kind, 'appointment'), eq(bookings.status, 'confirmed'), gt(bookings.startsAt, now),
          lte(bookings.startsAt, new Date(now.getTime() + QUESTIONNAIRE_LEAD_MS)), isNull(outcomeBookingChecks.bookingId),
          exists(tx.select({ k: serviceMeasures.measureKey }).from(serviceMeasures)
            .where(and(eq(serviceMeasures.clinicId, bookings.clinicId), eq(serviceMeasures.serviceId, bookings.serviceId)))),
        ))
        .orderBy(bookings.startsAt)
        .limit(BATCH);
      let count = 0;
      for (const { bookings: b } of due) {
        const [claimed] = await tx.insert(outcomeBookingChecks).values({ clinicId: b.clinicId, bookingId: b.id, checkedAt: now }).onConflictDoNothing().returning();
        if (!claimed) continue;
        const position = await sessionPosition(tx, b);
        const schedules = await tx.select().from(serviceMeasures)
          .where(and(eq(serviceMeasures.clinicId, b.clinicId), eq(serviceMeasures.serviceId, b.serviceId!))).orderBy(serviceMeasures.sortOrder);
        const measures = schedules.flatMap((s) => {
          const timing = questionnaireTiming(s, position);
          return timing ? [{ measureKey: s.measureKey, timing }] : [];
        });
        if (!measures.length) continue;
        count += (await askForSession(tx, config, { booking: b, measures, sessionNumber: position.sessionNumber, createdBy: null, now })).length;
      }
      return { seen: due.length, created: count };
    });
    total += created;
    if (seen < BATCH) return total;
  }
}
