import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicAcupoints } from '../../data/schema/index.ts';
import { ACUPOINTS, hasPregnancyCaution, type LibraryAcupoint, type Meridian, type Region } from '../../domain/acupoints/library.ts';
import { codeKey, searchPoints } from '../../domain/acupoints/search.ts';
import { SOURCES } from '../../domain/acupoints/sources.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import type { Acupoint, ClinicPointBody } from './acupoints.schema.ts';

/**
 * The acupoint library (data in src/domain/acupoints) merged with the clinic's own points.
 * Points are reference data, not health data: reads are not audited; every write is.
 */

const fromLibrary = (p: LibraryAcupoint): Acupoint => ({
  ...p,
  origin: 'library',
  pregnancyCaution: hasPregnancyCaution(p),
  clinicPoint: null,
});

const LIBRARY_POINTS: readonly Acupoint[] = ACUPOINTS.map(fromLibrary);

/** Every spelling the library answers to (codes, aliases, pinyin), as compared: a clinic code may take none of them. */
const LIBRARY_KEYS = new Map<string, LibraryAcupoint>(
  ACUPOINTS.flatMap((p) => [p.id, p.code, p.pinyin, ...p.otherNames].filter((k): k is string => !!k).map((k) => [codeKey(k), p] as const)),
);

type Row = typeof clinicAcupoints.$inferSelect;

function fromClinic(r: Row): Acupoint {
  const cautions: Acupoint['cautions'] = [];
  if (r.pregnancyCaution) cautions.push({ kind: 'pregnancy', text: 'Avoid or take care in pregnancy (the clinic’s note).', sources: [] });
  if (r.cautions) cautions.push({ kind: 'other', text: r.cautions, sources: [] });
  return {
    id: r.id, origin: 'clinic', code: r.code, codeNote: 'The clinic’s own code.', pinyin: r.pinyin, otherNames: [], english: r.english,
    meridian: r.meridian as Meridian, region: r.region as Region, location: r.location, alternativeLocation: null,
    uses: r.uses ? [{ text: r.uses, sources: [] }] : [], cautions, pregnancyCaution: r.pregnancyCaution,
    nameSources: [], locationSources: [],
    clinicPoint: { uses: r.uses, cautions: r.cautions, source: r.source, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() },
  };
}

const currentPoints = (q: Queryable, clinicId: string) =>
  q.select().from(clinicAcupoints).where(and(eq(clinicAcupoints.clinicId, clinicId), isNull(clinicAcupoints.archivedAt))).orderBy(asc(clinicAcupoints.code));

/** The library and the clinic's current points that answer the query, best first (library before clinic on a tie). */
export async function searchAcupoints(ctx: AppContext, actor: Actor, query: { q?: string; region?: Region }) {
  const own = (await currentPoints(ctx.database.db, actor.clinicId)).map(fromClinic);
  return { items: searchPoints([...LIBRARY_POINTS, ...own], query), sources: Object.values(SOURCES) };
}

const codeTaken = (code: string, detail: string, kind: 'library-code' | 'duplicate-code') =>
  new AppError(409, kind, 'Code already in use', detail, { errors: [{ field: 'code', message: detail }] });

/** Refuses a code the library answers to, or another current point of the clinic has. */
async function checkCode(q: Queryable, clinicId: string, code: string, exceptId?: string) {
  const key = codeKey(code);
  const library = LIBRARY_KEYS.get(key);
  if (library) {
    throw codeTaken(code, `${code} is ${library.code ?? library.pinyin} ${library.pinyin} in the library; choose a code of your own.`, 'library-code');
  }
  const [other] = await q.select({ id: clinicAcupoints.id }).from(clinicAcupoints)
    .where(and(eq(clinicAcupoints.clinicId, clinicId), eq(clinicAcupoints.codeKey, key), isNull(clinicAcupoints.archivedAt)));
  if (other && other.id !== exceptId) throw codeTaken(code, `The clinic already has a point ${code}.`, 'duplicate-code');
  return key;
}

/** A unique violation of the code index (two people adding the same code at once) reads as the duplicate it is. */
async function refusingDuplicates<T>(code: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION && code) throw codeTaken(code, `The clinic already has a point ${code}.`, 'duplicate-code');
    throw error;
  }
}

export async function addClinicPoint(ctx: AppContext, actor: Actor, input: ClinicPointBody): Promise<Acupoint> {
  return refusingDuplicates(input.code, () => ctx.database.transaction(async (tx) => {
    const key = await checkCode(tx, actor.clinicId, input.code);
    const [row] = await tx.insert(clinicAcupoints).values({
      clinicId: actor.clinicId, code: input.code, codeKey: key, english: input.english, pinyin: input.pinyin ?? '',
      meridian: input.meridian ?? 'Extra', region: input.region, location: input.location, uses: input.uses ?? '',
      cautions: input.cautions ?? '', pregnancyCaution: input.pregnancyCaution ?? false, source: input.source ?? '',
      createdBy: actor.userId, updatedBy: actor.userId,
    }).returning();
    await recordAudit(tx, actor, { action: 'acupoint.create', entityType: 'clinic_acupoint', entityId: row!.id, details: { code: row!.code } });
    return fromClinic(row!);
  }));
}

async function ownPoint(q: Queryable, actor: Actor, pointId: string) {
  const [row] = await q.select().from(clinicAcupoints)
    .where(and(eq(clinicAcupoints.clinicId, actor.clinicId), eq(clinicAcupoints.id, pointId), isNull(clinicAcupoints.archivedAt)))
    .for('update');
  if (!row) throw notFound('The clinic point');
  return row;
}

export async function updateClinicPoint(ctx: AppContext, actor: Actor, pointId: string, input: Partial<ClinicPointBody>): Promise<Acupoint> {
  return refusingDuplicates(input.code, () => ctx.database.transaction(async (tx) => {
    const current = await ownPoint(tx, actor, pointId);
    const codeKeyValue = input.code !== undefined && input.code !== current.code ? await checkCode(tx, actor.clinicId, input.code, pointId) : undefined;
    const changed = Object.keys(input).filter((k) => input[k as keyof ClinicPointBody] !== undefined);
    const [row] = await tx.update(clinicAcupoints).set({
      ...input, ...(codeKeyValue ? { codeKey: codeKeyValue } : {}), updatedBy: actor.userId, updatedAt: new Date(),
    }).where(and(eq(clinicAcupoints.clinicId, actor.clinicId), eq(clinicAcupoints.id, pointId))).returning();
    await recordAudit(tx, actor, { action: 'acupoint.update', entityType: 'clinic_acupoint', entityId: pointId, details: { code: row!.code, fields: changed } });
    return fromClinic(row!);
  }));
}

/** Archives a clinic point: it leaves the search; its code is free for a new point. */
export async function archiveClinicPoint(ctx: AppContext, actor: Actor, pointId: string) {
  await ctx.database.transaction(async (tx) => {
    const current = await ownPoint(tx, actor, pointId);
    await tx.update(clinicAcupoints).set({ archivedAt: new Date(), archivedBy: actor.userId })
      .where(and(eq(clinicAcupoints.clinicId, actor.clinicId), eq(clinicAcupoints.id, pointId)));
    await recordAudit(tx, actor, { action: 'acupoint.archive', entityType: 'clinic_acupoint', entityId: pointId, details: { code: current.code } });
  });
}
