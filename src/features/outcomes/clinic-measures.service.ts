import type { Queryable } from '../../data/db.ts';
import { BUILT_IN_MEASURES, type MeasureDefinition } from '../../domain/outcomes/index.ts';

/** The measures a clinic can ask: Yintang's own and the licensed instruments the clinic entered. */
export async function measuresOfClinic(_q: Queryable, _clinicId: string): Promise<Record<string, MeasureDefinition>> {
  return { ...BUILT_IN_MEASURES };
}
