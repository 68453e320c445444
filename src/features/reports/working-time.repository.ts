import { and, eq, gte, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicClosures, practitionerWeeklyHours, scheduleExceptions } from '../../data/schema/index.ts';

/**
 * What the clinic's working time is made of for a range of local dates: every
 * practitioner's weekly hours, the exceptions (time off, extra hours) touching the range,
 * and the clinic's closures in it. Three set-based reads, shared by the reports.
 */
export async function readWorkingTime(q: Queryable, clinicId: string, startDate: string, endDate: string) {
  const [hours, exceptions, closures] = await Promise.all([
    q.select({ practitionerId: practitionerWeeklyHours.practitionerId, weekday: practitionerWeeklyHours.weekday, startMinute: practitionerWeeklyHours.startMinute, endMinute: practitionerWeeklyHours.endMinute })
      .from(practitionerWeeklyHours).where(eq(practitionerWeeklyHours.clinicId, clinicId)),
    q.select({ practitionerId: scheduleExceptions.practitionerId, kind: scheduleExceptions.kind, startDate: scheduleExceptions.startDate, endDate: scheduleExceptions.endDate, startMinute: scheduleExceptions.startMinute, endMinute: scheduleExceptions.endMinute })
      .from(scheduleExceptions)
      .where(and(eq(scheduleExceptions.clinicId, clinicId), gte(scheduleExceptions.endDate, startDate), sql`${scheduleExceptions.startDate} <= ${endDate}`)),
    q.select({ date: clinicClosures.date }).from(clinicClosures)
      .where(and(eq(clinicClosures.clinicId, clinicId), gte(clinicClosures.date, startDate), sql`${clinicClosures.date} <= ${endDate}`)),
  ]);
  return { hours, exceptions, closures: closures.map((c) => c.date) };
}
