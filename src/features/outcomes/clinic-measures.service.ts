/**
 * The measures a clinic can ask: Yintang's own (free to use) and the licensed instruments
 * the clinic entered itself (`clinic_measures`). Entering one is the owner's; it is a
 * setting, not health data, but audited like the other outcome settings.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicMeasures } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { conflict } from '../../server/errors.ts';
import {
  BUILT_IN_MEASURES, instrumentKey, instrumentToMeasure, measureDefinitionSchema, type LicensedInstrument, type MeasureDefinition,
} from '../../domain/outcomes/index.ts';

/** Built-in measures first, then the clinic's licensed instruments by name. */
export async function measuresOfClinic(q: Queryable, clinicId: string): Promise<Record<string, MeasureDefinition>> {
  const rows = await q.select({ definition: clinicMeasures.definition }).from(clinicMeasures).where(eq(clinicMeasures.clinicId, clinicId)).orderBy(asc(clinicMeasures.key));
  const own = rows.map((r) => measureDefinitionSchema.parse(r.definition)).sort((a, b) => a.name.localeCompare(b.name));
  return { ...BUILT_IN_MEASURES, ...Object.fromEntries(own.map((m) => [m.key, m])) };
}

/** The clinic's licensed instruments as entered. */
export async function listInstruments(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db.select().from(clinicMeasures).where(eq(clinicMeasures.clinicId, actor.clinicId)).orderBy(asc(clinicMeasures.key));
  return { instruments: rows.map((r) => ({ key: r.key, version: r.version, createdAt: r.createdAt.toISOString(), entry: r.entry as unknown as LicensedInstrument })) };
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
    return { key: row.key, version: row.version, createdAt: row.createdAt.toISOString(), entry };
  });
}

/** Whether the clinic can ask this measure. */
export async function clinicMeasure(q: Queryable, clinicId: string, key: string): Promise<MeasureDefinition | undefined> {
  if (BUILT_IN_MEASURES[key]) return BUILT_IN_MEASURES[key];
  const [row] = await q.select({ definition: clinicMeasures.definition }).from(clinicMeasures).where(and(eq(clinicMeasures.clinicId, clinicId), eq(clinicMeasures.key, key)));
  return row ? measureDefinitionSchema.parse(row.definition) : undefined;
}
