import { and, asc, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { aliasedTable } from 'drizzle-orm';
import { adverseEvents, bookings, clients, memberships, services, sessionNotes, users } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { nowOf } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { DateTime } from 'luxon';
import { addDays, startOfLocalDate, todayIn } from '../scheduling/clinic-time.ts';
import { csvLine } from '../audit/audit-format.ts';
import {
  ADVERSE_EVENT_KIND_LABELS, ADVERSE_EVENT_SEVERITY_LABELS, registerTotals, SERIOUS_EVENT_STEPS,
} from '../../domain/notes/adverse-event-register.ts';
import { ADVERSE_EVENT_KINDS, ADVERSE_EVENT_SEVERITIES, type AdverseEventKind, type AdverseEventSeverity } from '../../domain/notes/note-kinds.ts';
import { requireOwner } from './clinical-access.ts';
import type { RegisterFilters, RegisterPage } from './clinical-record.schema.ts';

/** Events listed on one page of the register (the totals count every match). */
const LIST_LIMIT = 500;
const practitioner = aliasedTable(users, 'ae_practitioner');

/** The period asked for, or the year up to today in the clinic's zone. */
export function periodOf(ctx: AppContext, actor: Actor, f: { from?: string; to?: string }) {
  const to = f.to ?? (f.from && f.from > todayIn(actor.timeZone, nowOf(ctx)) ? f.from : todayIn(actor.timeZone, nowOf(ctx)));
  const from = f.from ?? addDays(to, -364);
  return { from, to, fromInstant: new Date(startOfLocalDate(from, actor.timeZone)), toInstant: new Date(startOfLocalDate(addDays(to, 1), actor.timeZone)) };
}

/** Events of signed notes in the period, with the filters. */
function eventWhere(actor: Actor, f: RegisterFilters, period: { fromInstant: Date; toInstant: Date }): SQL {
  return and(
    eq(adverseEvents.clinicId, actor.clinicId),
    gte(adverseEvents.occurredAt, period.fromInstant), lt(adverseEvents.occurredAt, period.toInstant),
    eq(sessionNotes.status, 'signed'),
    f.type ? eq(adverseEvents.kind, f.type) : undefined,
    f.severity ? eq(adverseEvents.severity, f.severity) : undefined,
    f.practitionerId ? eq(adverseEvents.practitionerId, f.practitionerId) : undefined,
  )!;
}

function selectEvents(q: Queryable, where: SQL) {
  return q.select({
    id: adverseEvents.id, occurredAt: adverseEvents.occurredAt, kind: adverseEvents.kind, severity: adverseEvents.severity,
    description: adverseEvents.description, actionTaken: adverseEvents.actionTaken, amendmentId: adverseEvents.amendmentId,
    clientId: adverseEvents.clientId, clientName: clients.name, practitionerId: adverseEvents.practitionerId, practitionerName: practitioner.name,
    serviceName: services.name, noteId: adverseEvents.noteId, needleBrand: sessionNotes.needleBrand, needleLot: sessionNotes.needleLot,
  }).from(adverseEvents)
    .innerJoin(sessionNotes, and(eq(sessionNotes.clinicId, adverseEvents.clinicId), eq(sessionNotes.id, adverseEvents.noteId)))
    .innerJoin(clients, and(eq(clients.clinicId, adverseEvents.clinicId), eq(clients.id, adverseEvents.clientId)))
    .innerJoin(practitioner, eq(practitioner.id, adverseEvents.practitionerId))
    .leftJoin(bookings, and(eq(bookings.clinicId, adverseEvents.clinicId), eq(bookings.id, adverseEvents.bookingId)))
    .leftJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .where(where);
}
type EventRow = Awaited<ReturnType<typeof selectEvents>>[number];

/** One audit row per client whose events were shown, so "who looked" finds the reading on their record. */
async function auditReading(q: Queryable, actor: Actor, action: string, rows: readonly EventRow[], period: { from: string; to: string }) {
  const clientIds = [...new Set(rows.map((r) => r.clientId))];
  if (clientIds.length === 0) {
    await recordAudit(q, actor, { action, entityType: 'adverse_event', entityId: null, details: { from: period.from, to: period.to } });
  }
  for (const clientId of clientIds) {
    await recordAudit(q, actor, { action, entityType: 'adverse_event', entityId: null, details: { clientId, from: period.from, to: period.to } });
  }
}

/** The owner's register: events by type, severity, practitioner and period, with the rate per 100 sessions. */
export async function adverseEventRegister(ctx: AppContext, actor: Actor, f: RegisterFilters): Promise<RegisterPage> {
  await requireOwner(ctx, actor, 'The adverse event register');
  const period = periodOf(ctx, actor, f);
  return ctx.database.transaction(async (tx) => {
    const where = eventWhere(actor, f, period);
    const rows = await selectEvents(tx, where).orderBy(desc(adverseEvents.occurredAt), desc(adverseEvents.id)).limit(LIST_LIMIT + 1);
    const counted = await tx.select({ kind: adverseEvents.kind, severity: adverseEvents.severity, n: sql<number>`count(*)`.mapWith(Number) })
      .from(adverseEvents)
      .innerJoin(sessionNotes, and(eq(sessionNotes.clinicId, adverseEvents.clinicId), eq(sessionNotes.id, adverseEvents.noteId)))
      .where(where).groupBy(adverseEvents.kind, adverseEvents.severity);
    // The denominator: signed notes of sessions in the period (of the practitioner, when filtered).
    const [sessions] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sessionNotes)
      .innerJoin(bookings, and(eq(bookings.clinicId, sessionNotes.clinicId), eq(bookings.id, sessionNotes.bookingId)))
      .where(and(eq(sessionNotes.clinicId, actor.clinicId), eq(sessionNotes.status, 'signed'),
        gte(bookings.startsAt, period.fromInstant), lt(bookings.startsAt, period.toInstant),
        f.practitionerId ? eq(sessionNotes.practitionerId, f.practitionerId) : undefined));
    const people = await tx.select({ id: users.id, name: users.name }).from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, actor.clinicId), ne(memberships.role, 'reception'))).orderBy(asc(users.name));
    const listed = rows.slice(0, LIST_LIMIT);
    await auditReading(tx, actor, 'adverse_event.register_view', listed, period);

    const totals = registerTotals(counted.flatMap((c) => Array.from({ length: c.n }, () => ({ kind: c.kind as AdverseEventKind, severity: c.severity as AdverseEventSeverity }))), sessions?.n ?? 0);
    return {
      timeZone: actor.timeZone,
      period: { from: period.from, to: period.to },
      totals: {
        events: totals.events, sessions: totals.sessions, ratePer100: totals.ratePer100, serious: totals.serious,
        byKind: ADVERSE_EVENT_KINDS.map((kind) => ({ kind, label: ADVERSE_EVENT_KIND_LABELS[kind], count: totals.byKind[kind] })),
        bySeverity: ADVERSE_EVENT_SEVERITIES.map((severity) => ({ severity, label: ADVERSE_EVENT_SEVERITY_LABELS[severity], count: totals.bySeverity[severity] })),
      },
      events: listed.map(toEvent),
      truncated: rows.length > LIST_LIMIT,
      practitioners: people,
      reportingSteps: SERIOUS_EVENT_STEPS.map((s) => ({ ...s })),
    };
  });
}

function toEvent(r: EventRow): RegisterPage['events'][number] {
  const kind = r.kind as AdverseEventKind;
  const severity = r.severity as AdverseEventSeverity;
  return {
    id: r.id, occurredAt: r.occurredAt.toISOString(), kind, kindLabel: ADVERSE_EVENT_KIND_LABELS[kind], severity, severityLabel: ADVERSE_EVENT_SEVERITY_LABELS[severity],
    description: r.description, actionTaken: r.actionTaken, client: { id: r.clientId, name: r.clientName }, practitioner: { id: r.practitionerId, name: r.practitionerName },
    serviceName: r.serviceName, noteId: r.noteId, needleBrand: r.needleBrand, needleLot: r.needleLot, addedByAmendment: r.amendmentId !== null,
  };
}

export const CSV_HEADER = ['Date and time', 'Client', 'Practitioner', 'Service', 'Type', 'Severity', 'What happened', 'Action taken', 'Needle brand', 'Needle lot', 'Added by amendment'];

/** The register as CSV lines (header first), every matching event, oldest first; cells safe from formula injection. */
export async function adverseEventCsv(ctx: AppContext, actor: Actor, f: RegisterFilters): Promise<{ lines: string[]; period: { from: string; to: string } }> {
  await requireOwner(ctx, actor, 'The adverse event register');
  const period = periodOf(ctx, actor, f);
  return ctx.database.transaction(async (tx) => {
    const rows = await selectEvents(tx, eventWhere(actor, f, period)).orderBy(asc(adverseEvents.occurredAt), asc(adverseEvents.id));
    await auditReading(tx, actor, 'adverse_event.register_export', rows, period);
    const lines = [csvLine(CSV_HEADER), ...rows.map((r) => csvLine([
      DateTime.fromJSDate(r.occurredAt, { zone: actor.timeZone }).toFormat('yyyy-MM-dd HH:mm'), r.clientName, r.practitionerName, r.serviceName ?? '',
      ADVERSE_EVENT_KIND_LABELS[r.kind as AdverseEventKind], ADVERSE_EVENT_SEVERITY_LABELS[r.severity as AdverseEventSeverity],
      r.description, r.actionTaken, r.needleBrand ?? '', r.needleLot ?? '', r.amendmentId ? 'Yes' : 'No',
    ]))];
    return { lines, period: { from: period.from, to: period.to } };
  });
}
