import { DateTime } from 'luxon';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { refused, type Actor } from '../../server/access.ts';
import { badRequest } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import { addDays, startOfLocalDate } from '../scheduling/clinic-time.ts';
import { actionLabel, entityLabel } from './audit-labels.ts';
import { csvLine, shortDevice, visibleDetails } from './audit-format.ts';
import { recordLabels, selectAuditPage, selectStaffForFilter, type AuditLogRow, type AuditPosition, type AuditSelection } from './audit.repository.ts';
import type { AuditFilters, AuditListQuery, AuditPage, AuditPeople, AuditRow } from './audit.schema.ts';

/** Rows read from the database at a time while writing a CSV. */
const EXPORT_BATCH = 500;

/** Only owners read the log; the routes' guard already says so, this keeps the rule with the service. */
function requireOwner(actor: Actor) {
  if (actor.role !== 'owner') throw refused(actor, 'Only the owner reads the audit log.');
}

/** The filters as a query: the clinic's local dates become instants in its time zone. */
function selection(actor: Actor, f: AuditFilters): AuditSelection {
  return {
    clinicId: actor.clinicId,
    personId: f.personId,
    entityType: f.entityType,
    entityId: f.entityId,
    action: f.action,
    fromInstant: f.from ? new Date(startOfLocalDate(f.from, actor.timeZone)) : undefined,
    toInstant: f.to ? new Date(startOfLocalDate(addDays(f.to, 1), actor.timeZone)) : undefined,
  };
}

/** Which filters were used, for the audit row of the reading itself (identifiers and dates only). */
const filtersUsed = (f: AuditFilters) =>
  Object.fromEntries(Object.entries({ personId: f.personId, entityType: f.entityType, entityId: f.entityId, action: f.action, from: f.from, to: f.to })
    .filter(([, v]) => v !== undefined));

const encodeCursor = (p: AuditPosition) => Buffer.from(`${p.at}|${p.id}`).toString('base64url');

function decodeCursor(cursor: string): AuditPosition {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]!))) {
    throw badRequest('The cursor is not one this API gave out. Start again from the newest entries.', [{ field: 'querystring.cursor', message: 'is not a valid cursor' }]);
  }
  return { at: match[1]!, id: Number(match[2]) };
}

/** Stored rows as an owner may read them: words for codes, names for records, identifier details only. */
async function present(q: Queryable, clinicId: string, rows: readonly AuditLogRow[]): Promise<AuditRow[]> {
  const labels = await recordLabels(q, clinicId, rows);
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actor: r.actorUserId ? { userId: r.actorUserId, name: r.actorName ?? '', email: r.actorEmail ?? '' } : null,
    role: r.actorRole,
    action: r.action,
    actionLabel: actionLabel(r.action),
    entityType: r.entityType,
    entityTypeLabel: entityLabel(r.entityType),
    entityId: r.entityId,
    entityLabel: r.entityId ? labels.get(`${r.entityType}:${r.entityId}`) ?? null : null,
    ip: r.ip,
    device: shortDevice(r.userAgent),
    details: visibleDetails(r.details),
  }));
}

/**
 * One page of the clinic's audit log, newest first, for its owner. The reading is itself
 * audited (`audit.view`, with the filters used), in the same transaction as the read.
 *
 * `request` only supplies where the reading came from, for its own audit row.
 */
export async function listAudit(ctx: AppContext, actor: Actor, query: AuditListQuery): Promise<AuditPage> {
  requireOwner(actor);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return ctx.database.transaction(async (tx) => {
    const rows = await selectAuditPage(tx, selection(actor, query), after, query.limit + 1);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const items = await present(tx, actor.clinicId, page);
    const last = page[page.length - 1];
    await recordAudit(tx, actor, {
      action: 'audit.view', entityType: 'audit_log', clinicId: actor.clinicId, actorUserId: actor.userId, actorRole: actor.role, details: filtersUsed(query),
    });
    return { items, next: more && last ? encodeCursor({ at: last.position, id: last.id }) : null, timeZone: actor.timeZone };
  });
}

const CSV_HEADER = [
  'When (UTC)', 'When (clinic time)', 'Who', 'E-mail', 'Role', 'Action', 'What', 'Record type', 'Record id', 'Record', 'IP address', 'Device', 'Details',
];

function csvRow(r: AuditRow, timeZone: string) {
  return csvLine([
    r.at,
    DateTime.fromISO(r.at, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm:ss'),
    r.actor?.name ?? 'Not signed in',
    r.actor?.email,
    r.role,
    r.action,
    r.actionLabel,
    r.entityTypeLabel,
    r.entityId,
    r.entityLabel,
    r.ip,
    r.device,
    Object.keys(r.details).length ? JSON.stringify(r.details) : '',
  ]);
}

/**
 * The clinic's log with the same filters as the screen, as CSV lines to stream: a header,
 * then every matching row newest first, read in batches so a long log never sits in memory.
 * The download is audited (`audit.export`) before the first line is produced.
 */
export async function exportAuditCsv(ctx: AppContext, actor: Actor, filters: AuditFilters): Promise<AsyncGenerator<string>> {
  requireOwner(actor);
  const s = selection(actor, filters);
  await recordAudit(ctx.database.db, actor, {
    action: 'audit.export', entityType: 'audit_log', clinicId: actor.clinicId, actorUserId: actor.userId, actorRole: actor.role, details: filtersUsed(filters),
  });
  const db = ctx.database.db;
  async function* lines() {
    // A byte-order mark, so that spreadsheet programs read names with accents as UTF-8.
    yield '\uFEFF' + csvLine(CSV_HEADER);
    let after: AuditPosition | undefined;
    for (;;) {
      const rows = await selectAuditPage(db, s, after, EXPORT_BATCH);
      if (rows.length === 0) return;
      const presented = await present(db, actor.clinicId, rows);
      yield presented.map((r) => csvRow(r, actor.timeZone)).join('');
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1]!;
      after = { at: last.position, id: last.id };
    }
  }
  return lines();
}

/** The people the log can be filtered by: every staff member of the clinic, including those who left. */
export async function listAuditPeople(ctx: AppContext, actor: Actor): Promise<AuditPeople> {
  requireOwner(actor);
  const rows = await selectStaffForFilter(ctx.database.db, actor.clinicId);
  return { items: rows.map((r) => ({ userId: r.userId, name: r.name, email: r.email, role: r.role, deactivated: r.deactivatedAt !== null })) };
}
