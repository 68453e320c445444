import { z } from 'zod';
import { PROTOCOL_KINDS, PROTOCOL_LIMITS as P, SIDES } from '../../domain/protocols/protocols.ts';
import { multilineText, plainText, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const protocolKindField = z.enum(PROTOCOL_KINDS, { message: 'Choose the treatment' });

/** One point of a protocol as sent: a code in any spelling (ST-36, St 36), the side, the needles. */
export const protocolPointInput = z.strictObject({
  pointCode: plainText(24).min(1, 'Choose a point'),
  side: z.enum(SIDES, { message: 'Choose left, right, both or midline' }),
  needles: z.number({ message: 'Enter the needles' }).int('Use a whole number of needles')
    .min(P.needlesMin, `Use at least ${P.needlesMin} needle`).max(P.needlesMax, `Use at most ${P.needlesMax} needles`),
  note: plainText(P.note).optional(),
});

/** A protocol: a name, the treatment, an optional description and its points in order. */
export const protocolBody = z.strictObject({
  name: plainText(P.name).min(1, 'Enter a name'),
  kind: protocolKindField,
  description: multilineText(P.description).optional(),
  points: z.array(protocolPointInput).max(P.points, `Use at most ${P.points} points`),
});
export type ProtocolBody = z.infer<typeof protocolBody>;

/** Changes to a protocol: any of its fields; `points` replaces the whole list. */
export const protocolPatch = protocolBody.partial();

export const protocolPoint = z.object({
  pointCode: z.string(),
  side: z.enum(SIDES),
  needles: z.number().int(),
  note: z.string().optional(),
  /** The point's name as the library or the clinic has it; null when the clinic's point was archived. */
  label: z.string().nullable(),
  /** Needles this entry takes (both sides count twice). */
  needleCount: z.number().int(),
});

export const protocol = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: protocolKindField,
  description: z.string(),
  points: z.array(protocolPoint),
  totalNeedles: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Protocol = z.infer<typeof protocol>;

export const protocolList = z.object({ items: z.array(protocol) });

export const protocolParams = clinicSlugParams.extend({ protocolId: uuidParam });
