/**
 * The clinic outcome report (owner): per service and practitioner, for courses that started
 * in a period, the courses started and completed, the mean change from baseline with its 95%
 * confidence interval, the share of clients with a meaningful improvement and the response
 * rate. One aggregate query reduces the questionnaires to one row per client's course and
 * measure (never a query per client); the arithmetic and the suppression of groups under
 * five clients are the pure `outcomeReport` (src/domain/outcomes/report.ts).
 *
 * Aggregated health data: nothing that names or identifies a client leaves this module, and
 * each reading is audited (`outcome.report_view`, `outcome.report_export`) with the filters only.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { services, users } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { MIN_GROUP, outcomeReport, type CourseMeasure } from '../../domain/outcomes/index.ts';
import { periodOf } from '../clinical-record/adverse-events.service.ts';
import { csvCell } from '../audit/audit-format.ts';
import { measuresOfClinic } from './clinic-measures.service.ts';
import type { OutcomeReportQuery, OutcomeReportView } from './outcome-report.schema.ts';

interface CourseRow {
  client_id: string;
  service_id: string;
  practitioner_id: string | null;
  measure_key: string;
  asked: number;
  answered: number;
  completed: boolean;
  baseline: Record<string, number | null> | null;
  latest: Record<string, number | null> | null;
}

/**
 * One row per client's course of a service and measure. A course starts with the client's
 * first questionnaire for the service (asked, answered or not); its session gives the
 * course's practitioner and date. The baseline is the first answered questionnaire, the
 * latest the last one when two or more were answered (as the client's progress chart).
 */
export async function courseMeasures(q: Queryable, clinicId: string, range: { from: Date; to: Date; serviceId?: string }): Promise<CourseMeasure[]> {
  const service = range.serviceId ? sql`and r.service_id = ${range.serviceId}` : sql``;
  const result = await q.execute(sql`
    with r as (
      select r.client_id, r.service_id, r.measure_key, r.status, r.timing, r.scores, r.answered_at, b.starts_at, b.practitioner_id
      from outcome_requests r
      join bookings b on b.clinic_id = r.clinic_id and b.id = r.booking_id
      where r.clinic_id = ${clinicId} and r.status in ('pending', 'answered') ${service}
    ),
    c as (
      select distinct on (client_id, service_id) client_id, service_id, starts_at as started_at, practitioner_id
      from r order by client_id, service_id, starts_at
    )
    select c.client_id, c.service_id, c.practitioner_id, r.measure_key,
      count(*)::int as asked,
      (count(*) filter (where r.status = 'answered'))::int as answered,
      (coalesce(bool_or(r.timing = 'end' and r.status = 'answered'), false) or exists (
        select 1 from treatment_plans p
        where p.clinic_id = ${clinicId} and p.client_id = c.client_id and p.service_id = c.service_id and p.status = 'completed'
      )) as completed,
      (array_agg(r.scores order by r.starts_at, r.answered_at) filter (where r.status = 'answered'))[1] as baseline,
      case when count(*) filter (where r.status = 'answered') > 1
        then (array_agg(r.scores order by r.starts_at desc, r.answered_at desc) filter (where r.status = 'answered'))[1] end as latest
    from c join r on r.client_id = c.client_id and r.service_id = c.service_id
    where c.started_at >= ${range.from.toISOString()} and c.started_at < ${range.to.toISOString()}
    group by c.client_id, c.service_id, c.practitioner_id, r.measure_key`);
  return (result as unknown as { rows: CourseRow[] }).rows.map((r) => ({
    clientId: r.client_id, serviceId: r.service_id, practitionerId: r.practitioner_id, measureKey: r.measure_key,
    asked: Number(r.asked), answered: Number(r.answered), completed: Boolean(r.completed), baseline: r.baseline, latest: r.latest,
  }));
}

async function buildReport(ctx: AppContext, q: Queryable, actor: Actor, query: OutcomeReportQuery): Promise<OutcomeReportView> {
  const period = periodOf(ctx, actor, query);
  const [rows, measures, serviceList] = await Promise.all([
    courseMeasures(q, actor.clinicId, { from: period.fromInstant, to: period.toInstant, serviceId: query.serviceId }),
    measuresOfClinic(q, actor.clinicId),
    q.select({ id: services.id, name: services.name }).from(services).where(eq(services.clinicId, actor.clinicId)).orderBy(asc(services.sortOrder), asc(services.name)),
  ]);
  const groups = outcomeReport(rows, measures);
  const practitionerIds = [...new Set(groups.map((g) => g.practitionerId).filter((p): p is string => p !== null))];
  const people = practitionerIds.length ? await q.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, practitionerIds)) : [];
  const serviceName = new Map(serviceList.map((s) => [s.id, s.name]));
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const order = new Map(serviceList.map((s, i) => [s.id, i]));
  return {
    timeZone: actor.timeZone, from: period.from, to: period.to, minGroup: MIN_GROUP,
    groups: groups
      .map((g) => ({ ...g, serviceName: serviceName.get(g.serviceId) ?? 'A removed service', practitionerName: g.practitionerId ? personName.get(g.practitionerId) ?? 'A former practitioner' : null }))
      .sort((a, b) => (order.get(a.serviceId) ?? 0) - (order.get(b.serviceId) ?? 0) || (a.practitionerId === null ? -1 : b.practitionerId === null ? 1 : (a.practitionerName ?? '').localeCompare(b.practitionerName ?? ''))),
    services: serviceList.map((s) => ({ id: s.id, name: s.name })),
  };
}

/** The owner's outcome report; audited as a read of aggregated health data. */
export async function getOutcomeReport(ctx: AppContext, actor: Actor, query: OutcomeReportQuery): Promise<OutcomeReportView> {
  return ctx.database.transaction(async (tx) => {
    const report = await buildReport(ctx, tx, actor, query);
    await recordAudit(tx, actor, {
      action: 'outcome.report_view', entityType: 'clinic', entityId: actor.clinicId,
      details: { from: report.from, to: report.to, serviceId: query.serviceId ?? null, aggregated: true },
    });
    return report;
  });
}

const NOT_SHOWN = `Fewer than ${MIN_GROUP} clients: not shown`;
const NO_FOLLOW_UP = `Fewer than ${MIN_GROUP} clients with a follow-up: change not shown`;

/**
 * One CSV line. Figures go out as plain numbers (a negative change is a number, not a
 * formula); every text cell goes through `csvCell`, which defuses spreadsheet formulas.
 */
const csvLine = (cells: readonly (string | number | null)[]) => cells.map((c) => (typeof c === 'number' ? String(c) : csvCell(c))).join(',') + '\r\n';
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The report as CSV lines (one per group, measure and score), audited as an export. */
export async function outcomeReportCsv(ctx: AppContext, actor: Actor, query: OutcomeReportQuery) {
  return ctx.database.transaction(async (tx) => {
    const report = await buildReport(ctx, tx, actor, query);
    await recordAudit(tx, actor, {
      action: 'outcome.report_export', entityType: 'clinic', entityId: actor.clinicId,
      details: { from: report.from, to: report.to, serviceId: query.serviceId ?? null, aggregated: true },
    });
    const lines = [csvLine([
      'Service', 'Practitioner', 'Courses started from', 'Courses started to', 'Courses started', 'Courses completed', 'Measure', 'Score', 'Better when',
      'Meaningful change (points)', 'Clients with a follow-up', 'Mean change from baseline', '95% CI low', '95% CI high', 'Clients meaningfully improved',
      'Share meaningfully improved (%)', 'Questionnaires asked', 'Questionnaires answered', 'Response rate (%)', 'Note',
    ])];
    for (const g of report.groups) {
      const who = g.practitionerName ?? 'All practitioners';
      const head = [g.serviceName, who, report.from, report.to, g.coursesStarted, g.coursesCompleted];
      if (!g.shown || g.measures.length === 0) {
        lines.push(csvLine([...head, '', '', '', '', '', '', '', '', '', '', '', '', '', g.shown ? 'No measures asked' : NOT_SHOWN]));
        continue;
      }
      for (const m of g.measures) {
        for (const s of m.scores) {
          lines.push(csvLine([
            ...head, m.name, s.label, s.higherIsBetter ? 'higher' : 'lower', s.mic, s.clients, s.meanChange, s.ciLow, s.ciHigh,
            s.improved, percent(s.improvedShare), m.asked, m.answered, percent(m.responseRate), s.shown ? '' : NO_FOLLOW_UP,
          ]));
        }
      }
    }
    return { lines, period: { from: report.from, to: report.to } };
  });
}
