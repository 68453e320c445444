/**
 * The measures a clinic can ask: Yintang's own (free to use) and the licensed instruments
 * the clinic entered itself (`clinic_measures`). Entering, editing and retiring one is the
 * owner's; it is a setting, not health data, but audited like the other outcome settings.
 * An edit is a new version: every questionnaire already sent keeps its own copy of the
 * version it was asked on (`outcome_requests.questionnaire`), so answers and scores never
 * change under a client. A retired instrument is no longer offered or asked; what was
 * answered stays in the record, its charts and the outcome report.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicMeasures, clinics, serviceMeasures } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { conflict, notFound } from '../../server/errors.ts';
import {
  BUILT_IN_MEASURES, instrumentKey, instrumentToMeasure, measureDefinitionSchema, type LicensedInstrument, type MeasureDefinition,
} from '../../domain/outcomes/index.ts';

/**
 * Built-in measures first, then the clinic's licensed instruments by name. `offered` leaves
 * out retired ones (for choosing and asking); history (charts, reports) needs them all.
 */
export async function measuresOfClinic(q: Queryable, clinicId: string, { offered = false } = {}): Promise<Record<string, MeasureDefinition>> {
  const rows = await q.select({ definition: clinicMeasures.definition }).from(clinicMeasures)
    .where(and(eq(clinicMeasures.clinicId, clinicId), offered ? isNull(clinicMeasures.retiredAt) : undefined)).orderBy(asc(clinicMeasures.key));
  const own = rows.map((r) => measureDefinitionSchema.parse(r.definition)).sort((a, b) => a.name.localeCompare(b.name));
  return { ...BUILT_IN_MEASURES, ...Object.fromEntries(own.map((m) => [m.key, m])) };
}

/** The clinic's licensed instruments as entered. */
export async function listInstruments(ctx: AppContext, actor: Actor) {
  const [rows, [clinic]] = await Promise.all([
    ctx.database.db.select().from(clinicMeasures).where(eq(clinicMeasures.clinicId, actor.clinicId)).orderBy(asc(clinicMeasures.key)),
    ctx.database.db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, actor.clinicId)),
  ]);
  return { timeZone: clinic!.timeZone, instruments: rows.map(instrumentOut) };
}

const instrumentOut = (r: typeof clinicMeasures.$inferSelect) => ({
  key: r.key, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt?.toISOString() ?? null,
  retiredAt: r.retiredAt?.toISOString() ?? null, entry: r.entry as unknown as LicensedInstrument,
});

async function lockedInstrument(q: Queryable, clinicId: string, key: string) {
  const [row] = await q.select().from(clinicMeasures).where(and(eq(clinicMeasures.clinicId, clinicId), eq(clinicMeasures.key, key))).for('update');
  if (!row) throw notFound('The instrument');
  if (row.retiredAt) throw conflict('instrument-retired', 'This instrument has been retired, so it can no longer be changed. Its answers stay in the record.');
  return row;
}

/**
 * The owner corrects or updates an instrument (e.g. the licence's newer wording): a new
 * version under the same key, so services keep asking it. Questionnaires already sent keep
 * the version they were asked on.
 */
export async function updateInstrument(ctx: AppContext, actor: Actor, key: string, entry: LicensedInstrument) {
  return ctx.database.transaction(async (tx) => {
    const before = await lockedInstrument(tx, actor.clinicId, key);
    const version = before.version + 1;
    const definition = instrumentToMeasure(entry, key, version);
    const [row] = await tx.update(clinicMeasures).set({
      version, entry: entry as unknown as Record<string, unknown>, definition: definition as unknown as Record<string, unknown>, updatedBy: actor.userId, updatedAt: new Date(),
    }).where(and(eq(clinicMeasures.clinicId, actor.clinicId), eq(clinicMeasures.key, key))).returning();
    await recordAudit(tx, actor, { action: 'outcome.instrument_update', entityType: 'clinic_measure', entityId: null, details: { key, fromVersion: before.version, version } });
    return instrumentOut(row!);
  });
}

/** The owner retires an instrument: services stop asking it; what was answered is kept. */
export async function retireInstrument(ctx: AppContext, actor: Actor, key: string) {
  return ctx.database.transaction(async (tx) => {
    await lockedInstrument(tx, actor.clinicId, key);
    const [row] = await tx.update(clinicMeasures).set({ retiredBy: actor.userId, retiredAt: new Date() })
      .where(and(eq(clinicMeasures.clinicId, actor.clinicId), eq(clinicMeasures.key, key))).returning();
    const dropped = await tx.delete(serviceMeasures).where(and(eq(serviceMeasures.clinicId, actor.clinicId), eq(serviceMeasures.measureKey, key)))
      .returning({ serviceId: serviceMeasures.serviceId });
    await recordAudit(tx, actor, { action: 'outcome.instrument_retire', entityType: 'clinic_measure', entityId: null, details: { key, version: row!.version, services: dropped.map((d) => d.serviceId) } });
    return instrumentOut(row!);
  });
}

/** The owner enters a licensed instrument; it can then be chosen per service like the built-in measures. */
export async function createInstrument(ctx: AppContext, actor: Actor, entry: LicensedInstrument) {
  const key = instrumentKey(entry.shortName);
  const definition = instrumentToMeasure(entry, key);
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(clinicMeasures).values({
      clinicId: actor.clinicId, key, entry: entry as unknown as Record<string, unknown>, definition: definition as unknown as Record<string, unknown>, createdBy: actor.userId,
    }).onConflictDoNothing().returning();
    if (!row) throw conflict('instrument-exists', `Your clinic already has an instrument called "${entry.shortName}". Please give this one another short name.`);
    await recordAudit(tx, actor, { action: 'outcome.instrument_create', entityType: 'clinic_measure', entityId: null, details: { key } });
    return instrumentOut(row);
  });
}

/** Whether the clinic can ask this measure (a retired instrument cannot be). */
export async function clinicMeasure(q: Queryable, clinicId: string, key: string): Promise<MeasureDefinition | undefined> {
  if (BUILT_IN_MEASURES[key]) return BUILT_IN_MEASURES[key];
  const [row] = await q.select({ definition: clinicMeasures.definition }).from(clinicMeasures)
    .where(and(eq(clinicMeasures.clinicId, clinicId), eq(clinicMeasures.key, key), isNull(clinicMeasures.retiredAt)));
  return row ? measureDefinitionSchema.parse(row.definition) : undefined;
}
