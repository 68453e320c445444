import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicAcupoints, clinicProtocols } from '../../data/schema/index.ts';
import {
  checkProtocolPoints, DEFAULT_PROTOCOLS, needlesAt, pointFinder, totalNeedles, type ProtocolKind, type ProtocolPoint,
} from '../../domain/protocols/protocols.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, notFound } from '../../server/errors.ts';
import { sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import type { Protocol, ProtocolBody } from './protocols.schema.ts';

/**
 * The clinic's protocols. Reference data like the points, not health data: reads are not
 * audited; every write is, with identifiers only (no names or notes in the log).
 */

type Row = typeof clinicProtocols.$inferSelect;

const clinicCodes = async (q: Queryable, clinicId: string) =>
  (await q.select({ code: clinicAcupoints.code }).from(clinicAcupoints)
    .where(and(eq(clinicAcupoints.clinicId, clinicId), isNull(clinicAcupoints.archivedAt)))).map((r) => r.code);

function toProtocol(r: Row, find: ReturnType<typeof pointFinder>): Protocol {
  return {
    id: r.id, name: r.name, kind: r.kind as ProtocolKind, description: r.description,
    points: r.points.map((p) => ({ ...p, label: find(p.pointCode)?.label ?? null, needleCount: needlesAt(p) })),
    totalNeedles: totalNeedles(r.points),
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

const currentProtocols = (q: Queryable, clinicId: string) =>
  q.select().from(clinicProtocols).where(and(eq(clinicProtocols.clinicId, clinicId), isNull(clinicProtocols.archivedAt)))
    .orderBy(asc(sql`lower(${clinicProtocols.name})`));

/**
 * The clinic's current protocols, by name. A clinic that has never had a protocol (none,
 * not even archived ones) first gets the three defaults: an owner opening Protocols
 * expects a starting point to adapt, not an empty page; a clinic that archived them does
 * not see them come back. Seeding here rather than in the demo data serves every clinic.
 */
export async function listProtocols(ctx: AppContext, actor: Actor) {
  const [any] = await ctx.database.db.select({ id: clinicProtocols.id }).from(clinicProtocols).where(eq(clinicProtocols.clinicId, actor.clinicId)).limit(1);
  if (!any) await seedDefaults(ctx, actor);
  const find = pointFinder(await clinicCodes(ctx.database.db, actor.clinicId));
  return { items: (await currentProtocols(ctx.database.db, actor.clinicId)).map((r) => toProtocol(r, find)) };
}

async function seedDefaults(ctx: AppContext, actor: Actor) {
  await ctx.database.transaction(async (tx) => {
    // Two first visits at once: the name index lets only one set in.
    const rows = await tx.insert(clinicProtocols).values(DEFAULT_PROTOCOLS.map((d) => ({
      clinicId: actor.clinicId, name: d.name, kind: d.kind, description: d.description, points: d.points, createdBy: actor.userId, updatedBy: actor.userId,
    }))).onConflictDoNothing().returning({ id: clinicProtocols.id });
    for (const row of rows) {
      await recordAudit(tx, actor, { action: 'protocol.create', entityType: 'clinic_protocol', entityId: row.id, details: { default: true } });
    }
  });
}

async function ownProtocol(q: Queryable, actor: Actor, protocolId: string) {
  const [row] = await q.select().from(clinicProtocols)
    .where(and(eq(clinicProtocols.clinicId, actor.clinicId), eq(clinicProtocols.id, protocolId), isNull(clinicProtocols.archivedAt)));
  if (!row) throw notFound('The protocol');
  return row;
}

export async function getProtocol(ctx: AppContext, actor: Actor, protocolId: string): Promise<Protocol> {
  const row = await ownProtocol(ctx.database.db, actor, protocolId);
  return toProtocol(row, pointFinder(await clinicCodes(ctx.database.db, actor.clinicId)));
}

/** Checks the points against the library and the clinic's current points: 400 with field errors. */
async function checkedPoints(q: Queryable, clinicId: string, points: ProtocolBody['points']) {
  const find = pointFinder(await clinicCodes(q, clinicId));
  const result = checkProtocolPoints(points, find);
  if (!result.ok) throw badRequest('Some points need attention.', result.problems);
  return { points: result.points.map(({ note, ...p }): ProtocolPoint => (note ? { ...p, note } : p)), find };
}

const nameTaken = (name: string) => {
  const detail = `The clinic already has a protocol called ${name}.`;
  return new AppError(409, 'duplicate-name', 'Name already in use', detail, { errors: [{ field: 'name', message: detail }] });
};

async function refusingDuplicates<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION && name) throw nameTaken(name);
    throw error;
  }
}

async function checkName(q: Queryable, clinicId: string, name: string, exceptId?: string) {
  const [other] = await q.select({ id: clinicProtocols.id }).from(clinicProtocols)
    .where(and(eq(clinicProtocols.clinicId, clinicId), sql`lower(${clinicProtocols.name}) = lower(${name})`, isNull(clinicProtocols.archivedAt)));
  if (other && other.id !== exceptId) throw nameTaken(name);
}

export async function addProtocol(ctx: AppContext, actor: Actor, input: ProtocolBody): Promise<Protocol> {
  return refusingDuplicates(input.name, () => ctx.database.transaction(async (tx) => {
    const { points, find } = await checkedPoints(tx, actor.clinicId, input.points);
    await checkName(tx, actor.clinicId, input.name);
    const [row] = await tx.insert(clinicProtocols).values({
      clinicId: actor.clinicId, name: input.name, kind: input.kind, description: input.description ?? '', points,
      createdBy: actor.userId, updatedBy: actor.userId,
    }).returning();
    await recordAudit(tx, actor, { action: 'protocol.create', entityType: 'clinic_protocol', entityId: row!.id, details: { points: points.length } });
    return toProtocol(row!, find);
  }));
}

export async function updateProtocol(ctx: AppContext, actor: Actor, protocolId: string, input: Partial<ProtocolBody>): Promise<Protocol> {
  return refusingDuplicates(input.name, () => ctx.database.transaction(async (tx) => {
    await ownProtocol(tx, actor, protocolId);
    const { points, find } = await checkedPoints(tx, actor.clinicId, input.points ?? []);
    if (input.name !== undefined) await checkName(tx, actor.clinicId, input.name, protocolId);
    const changed = Object.keys(input).filter((k) => input[k as keyof ProtocolBody] !== undefined);
    const [row] = await tx.update(clinicProtocols).set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.points !== undefined ? { points } : {}),
      updatedBy: actor.userId, updatedAt: new Date(),
    }).where(and(eq(clinicProtocols.clinicId, actor.clinicId), eq(clinicProtocols.id, protocolId))).returning();
    await recordAudit(tx, actor, { action: 'protocol.update', entityType: 'clinic_protocol', entityId: protocolId, details: { fields: changed } });
    return toProtocol(row!, find);
  }));
}

/** Archives a protocol: it leaves the list; sessions that started from it keep their points. */
export async function archiveProtocol(ctx: AppContext, actor: Actor, protocolId: string) {
  await ctx.database.transaction(async (tx) => {
    await ownProtocol(tx, actor, protocolId);
    await tx.update(clinicProtocols).set({ archivedAt: new Date(), archivedBy: actor.userId })
      .where(and(eq(clinicProtocols.clinicId, actor.clinicId), eq(clinicProtocols.id, protocolId)));
    await recordAudit(tx, actor, { action: 'protocol.archive', entityType: 'clinic_protocol', entityId: protocolId });
  });
}
