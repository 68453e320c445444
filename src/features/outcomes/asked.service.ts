/**
 * What was asked before one session: the questionnaires sent (which measure, when it was
 * e-mailed, whether it was answered), for the practitioner's "Ask now" in the session note.
 * No answers or scores; still a client's health context (which measures they are asked
 * says what they are treated for), so it is read by their care team only and audited.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { bookings, outcomeRequests } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { notFound } from '../../server/errors.ts';
import type { Questionnaire } from '../../domain/outcomes/index.ts';
import { measuresOfClinic } from './clinic-measures.service.ts';
import { staffAccess } from './outcomes.service.ts';
import type { AskedView } from './outcomes.schema.ts';

export async function askedForBooking(ctx: AppContext, actor: Actor, bookingId: string): Promise<AskedView> {
  return ctx.database.transaction(async (tx) => {
    const [b] = await tx.select({ clientId: bookings.clientId }).from(bookings)
      .where(and(eq(bookings.clinicId, actor.clinicId), eq(bookings.id, bookingId), eq(bookings.kind, 'appointment')));
    if (!b?.clientId) throw notFound('The booking');
    await staffAccess(tx, actor, b.clientId);
    const [rows, measures] = await Promise.all([
      tx.select({
        id: outcomeRequests.id, measureKey: outcomeRequests.measureKey, questionnaire: outcomeRequests.questionnaire, timing: outcomeRequests.timing,
        status: outcomeRequests.status, createdAt: outcomeRequests.createdAt, emailedAt: outcomeRequests.emailedAt, answeredAt: outcomeRequests.answeredAt,
      }).from(outcomeRequests)
        .where(and(eq(outcomeRequests.clinicId, actor.clinicId), eq(outcomeRequests.bookingId, bookingId), inArray(outcomeRequests.status, ['pending', 'answered'])))
        .orderBy(asc(outcomeRequests.createdAt), asc(outcomeRequests.measureKey)),
      measuresOfClinic(tx, actor.clinicId),
    ]);
    await recordAudit(tx, actor, { action: 'outcome.requests_view', entityType: 'booking', entityId: bookingId, details: { clientId: b.clientId, requests: rows.length } });
    return {
      timeZone: actor.timeZone,
      asked: rows.map((r) => ({
        requestId: r.id, measureKey: r.measureKey, name: (r.questionnaire as unknown as Partial<Questionnaire>).name ?? measures[r.measureKey]?.name ?? r.measureKey,
        timing: r.timing, status: r.status, askedAt: r.createdAt.toISOString(), emailedAt: r.emailedAt?.toISOString() ?? null, answeredAt: r.answeredAt?.toISOString() ?? null,
      })),
      measures: Object.values(measures).map((m) => ({ key: m.key, name: m.name })),
    };
  });
}
