import type { Tx } from '../db.ts';
import { formResponses, formVersions } from '../schema/index.ts';
import { DEFAULT_INTAKE_FORM } from '../../domain/intake/index.ts';

/**
 * Demo health answers, so the diary shows a screening flag: the second demo client of each
 * clinic (James Wilson, Harry Robinson) takes a blood-thinning medicine, which the default
 * rules flag for the practitioner's review before acupuncture.
 */
export async function seedScreeningDemo(tx: Tx, clinicId: string, clientId: string | undefined) {
  if (!clientId) return;
  await tx.insert(formVersions).values({ clinicId, formKey: 'intake', version: 1, definition: DEFAULT_INTAKE_FORM as unknown as Record<string, unknown> })
    .onConflictDoNothing();
  await tx.insert(formResponses).values({
    clinicId, clientId, formKey: 'intake', formVersion: 1, version: 1, status: 'submitted', source: 'client', submittedAt: new Date(),
    answers: {
      bloodThinners: true, pregnancy: 'no', bleeding: 'no', epilepsy: false, implants: ['none'], diabetes: false,
    },
  }).onConflictDoNothing();
}
