import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { clinics, memberships, rooms, users } from '../../data/schema/index.ts';
import { nowOf, type AppContext } from '../../server/context.ts';
import { refused, type Actor } from '../../server/access.ts';
import { attendance } from '../../domain/reports/attendance.ts';
import { conversionOfCounts, newClients, retention } from '../../domain/reports/client-figures.ts';
import { granularityOf, rangeInstants } from '../../domain/reports/report-period.ts';
import { utilisation } from '../../domain/reports/utilisation.ts';
import {
  attendanceCounts, bookedMinutes, conversionCounts, firstVisits, retentionVisits, type Span,
} from './practice-report.repository.ts';
import type { PracticeReport, practiceReportQuery } from './practice-report.schema.ts';
import { readWorkingTime } from './working-time.repository.ts';
import { moneyFigures, readMoney } from './money-report.service.ts';
import { checkRange } from './report-range.ts';

/**
 * The owner always may read the practice reports; reception only when the owner turned on
 * "reception sees reports" in the clinic settings; practitioners never (they hold
 * colleagues' figures). A refusal is audited like every other.
 */
export async function assertSeesReports(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.role === 'owner') return;
  if (actor.role === 'reception') {
    const [row] = await ctx.database.db.select({ allowed: clinics.receptionSeesReports }).from(clinics).where(eq(clinics.id, actor.clinicId));
    if (row?.allowed) return;
    throw refused(actor, 'The clinic’s owner has not shared the practice reports with reception.');
  }
  throw refused(actor, 'Only the clinic’s owner (and reception, when the owner allows it) can see the practice reports.');
}

/**
 * The practice report for a range of local dates: diary utilisation, no-shows and late
 * cancellations, new clients, consultation-to-course conversion and retention, and the
 * money: takings, outstanding invoices and liability. A handful of aggregate reads run side
 * by side; the arithmetic is in src/domain/reports. Counts, minutes, money, staff names and
 * (for invoices still owed) invoice numbers with the client's name: nothing clinical, so
 * no audit of a read.
 */
export async function getPracticeReport(ctx: AppContext, actor: Actor, query: z.infer<typeof practiceReportQuery>): Promise<PracticeReport> {
  await assertSeesReports(ctx, actor);
  const range = { startDate: query.startDate, endDate: query.endDate };
  checkRange(range);

  const tz = actor.timeZone;
  const now = nowOf(ctx);
  const { from, to } = rangeInstants(range, tz);
  const span: Span = { clinicId: actor.clinicId, ...range, from, to };
  const q = ctx.database.db;
  const clinicId = actor.clinicId;
  const granularity = granularityOf(range);

  const [people, { hours, exceptions, closures }, roomRows, booked, counts, firsts, conv, visits, moneyRead] = await Promise.all([
    q.select({ id: memberships.userId, name: users.name, role: memberships.role, deactivatedAt: memberships.deactivatedAt }).from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, ['owner', 'practitioner'])))
      .orderBy(users.name),
    readWorkingTime(q, clinicId, range.startDate, range.endDate),
    q.select({ id: rooms.id, name: rooms.name, active: rooms.active }).from(rooms).where(eq(rooms.clinicId, clinicId)).orderBy(rooms.sortOrder, rooms.name),
    bookedMinutes(q, span),
    attendanceCounts(q, span, granularity),
    firstVisits(q, span),
    conversionCounts(q, span, now),
    retentionVisits(q, span, now, query.retentionWeeks),
    readMoney(q, actor, span, now),
  ]);

  const byPractitioner: Record<string, number> = {};
  const byRoom: Record<string, number> = {};
  for (const b of booked) {
    byPractitioner[b.practitionerId] = (byPractitioner[b.practitionerId] ?? 0) + b.minutes;
    if (b.roomId) byRoom[b.roomId] = (byRoom[b.roomId] ?? 0) + b.minutes;
  }
  const withAppointments = new Set(counts.map((c) => c.practitionerId));
  const hasHours = new Set(hours.map((h) => h.practitionerId));
  // Practitioners in post; an owner who keeps working hours; and anyone (someone who has
  // left, an owner without set hours) for the appointments they had in the range.
  const staff = people
    .filter((p) => (p.deactivatedAt === null && (p.role === 'practitioner' || hasHours.has(p.id))) || withAppointments.has(p.id) || byPractitioner[p.id])
    .map(({ id, name, deactivatedAt }) => ({ id, name, deactivatedAt }));
  const usedRooms = roomRows.filter((r) => r.active || byRoom[r.id]);

  return {
    timeZone: tz,
    startDate: range.startDate,
    endDate: range.endDate,
    granularity,
    utilisation: utilisation({
      timeZone: tz, range, closures, rooms: usedRooms,
      practitioners: staff.map((p) => ({
        id: p.id, name: p.name,
        // A former colleague's hours no longer apply: only their booked time shows.
        weekly: p.deactivatedAt === null ? hours.filter((h) => h.practitionerId === p.id) : [],
        exceptions: exceptions.filter((x) => x.practitionerId === p.id),
      })),
      bookedByPractitioner: byPractitioner,
      bookedByRoom: byRoom,
    }),
    attendance: attendance({ range, granularity, practitioners: staff, counts }),
    newClients: newClients({ range, granularity, timeZone: tz, firstVisits: firsts }),
    conversion: conversionOfCounts(conv),
    retention: retention({ timeZone: tz, weeks: query.retentionWeeks, now, ...visits }),
    money: moneyFigures(moneyRead, range, people),
  };
}
