import { and, eq, gt, lt } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { busyTimes } from '../../data/schema/index.ts';
import { AppError } from '../../server/errors.ts';

/**
 * The practitioner is busy in their outside calendar then (busy_times). The availability
 * engine already leaves such starts out; the writes check again in their own transaction
 * or statement, so a calendar fetched between the check and the write still counts.
 */
export const practitionerBusy = (field = 'start') =>
  new AppError(422, 'practitioner-busy', 'Not a bookable time', 'The practitioner is busy elsewhere at that time. Please choose another time from the list of free slots.', {
    errors: [{ field, message: 'The practitioner is busy then' }],
  });

/** Whether one of the practitioner's busy times overlaps `[start, end)`. */
export async function overlapsBusyTime(q: Queryable, clinicId: string, practitionerId: string, start: Date, end: Date): Promise<boolean> {
  const [hit] = await q.select({ hash: busyTimes.hash }).from(busyTimes)
    .where(and(eq(busyTimes.clinicId, clinicId), eq(busyTimes.practitionerId, practitionerId), lt(busyTimes.startsAt, end), gt(busyTimes.endsAt, start))).limit(1);
  return hit !== undefined;
}
