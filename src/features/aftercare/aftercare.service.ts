import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Queryable } from '../../data/db.ts';
import { aftercareSent, bookings, clients, services, serviceAftercare } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import type { Config } from '../../server/config.ts';
import { notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { renderMarkdown } from '../content/markdown.ts';
import { loadBookingDetails, type BookingDetails } from '../booking/booking.repository.ts';
import { enqueueEmail, type NewEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { formatWhen } from '../scheduling/clinic-time.ts';
import { DEFAULT_AFTERCARE } from '../consent/consent-defaults.ts';
import type { aftercareBody, MyAftercareItem, ServiceAftercare } from './aftercare.schema.ts';

/**
 * Aftercare advice: each service has some (the clinic's own, or Yintang's default for its
 * kind), e-mailed once after a visit and kept in the client's portal. The advice is about
 * the treatment, never about the client's health.
 */

const renderAdvice = (body: string) => renderMarkdown(body, { minHeadingLevel: 3 });

/** The advice in effect for a service: its own text, or the default for its kind (none for a consultation). */
export const effectiveAdvice = (own: string | null | undefined, kind: string) => own ?? DEFAULT_AFTERCARE[kind as keyof typeof DEFAULT_AFTERCARE] ?? '';

async function loadService(q: Queryable, clinicId: string, serviceId: string) {
  const [row] = await q.select({ s: services, a: serviceAftercare }).from(services)
    .leftJoin(serviceAftercare, and(eq(serviceAftercare.clinicId, services.clinicId), eq(serviceAftercare.serviceId, services.id)))
    .where(and(eq(services.clinicId, clinicId), eq(services.id, serviceId)));
  if (!row) throw notFound('The service');
  return row;
}

const toView = ({ s, a }: Awaited<ReturnType<typeof loadService>>): ServiceAftercare => {
  const body = effectiveAdvice(a?.body, s.kind);
  return { serviceId: s.id, serviceName: s.name, body, html: renderAdvice(body), isDefault: !a, updatedAt: a?.updatedAt.toISOString() ?? null };
};

export async function getServiceAftercare(ctx: AppContext, actor: Actor, serviceId: string) {
  return toView(await loadService(ctx.database.db, actor.clinicId, serviceId));
}

/** The owner writes a service's advice; an empty text goes back to the default. */
export async function setServiceAftercare(ctx: AppContext, actor: Actor, serviceId: string, input: z.infer<typeof aftercareBody>) {
  return ctx.database.transaction(async (tx) => {
    await loadService(tx, actor.clinicId, serviceId);
    if (input.body === '') {
      await tx.delete(serviceAftercare).where(and(eq(serviceAftercare.clinicId, actor.clinicId), eq(serviceAftercare.serviceId, serviceId)));
    } else {
      const row = { clinicId: actor.clinicId, serviceId, body: input.body, updatedBy: actor.userId, updatedAt: new Date() };
      await tx.insert(serviceAftercare).values(row).onConflictDoUpdate({ target: [serviceAftercare.clinicId, serviceAftercare.serviceId], set: { body: row.body, updatedBy: row.updatedBy, updatedAt: row.updatedAt } });
    }
    await recordAudit(tx, actor, { action: 'aftercare.update', entityType: 'service', entityId: serviceId, details: { reset: input.body === '' } });
    return toView(await loadService(tx, actor.clinicId, serviceId));
  });
}

/** The aftercare the client was sent, newest visit first, with the advice as it reads now. */
export async function myAftercare(ctx: AppContext, actor: Actor): Promise<{ items: MyAftercareItem[] }> {
  if (!actor.clientId) throw notFound('Your client record');
  const rows = await ctx.database.db.select({ sent: aftercareSent, b: bookings, s: services, a: serviceAftercare }).from(aftercareSent)
    .innerJoin(bookings, and(eq(bookings.clinicId, aftercareSent.clinicId), eq(bookings.id, aftercareSent.bookingId)))
    .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
    .leftJoin(serviceAftercare, and(eq(serviceAftercare.clinicId, services.clinicId), eq(serviceAftercare.serviceId, services.id)))
    .where(and(eq(aftercareSent.clinicId, actor.clinicId), eq(bookings.clientId, actor.clientId)))
    .orderBy(desc(bookings.startsAt)).limit(100);
  return {
    items: rows.filter((r) => effectiveAdvice(r.a?.body, r.s.kind).trim()).map((r) => ({
      bookingId: r.b.id, serviceName: r.s.name, visitAt: r.b.startsAt.toISOString(), sentAt: r.sent.sentAt.toISOString(),
      html: renderAdvice(effectiveAdvice(r.a?.body, r.s.kind)),
    })),
  };
}

/** Markdown advice as e-mail paragraphs: headings and list items on their own lines, marks removed. */
export function adviceParagraphs(markdown: string): string[] {
  return markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/).map((block) => block.split('\n')
    .map((l) => l.trim().replace(/^#{1,6}\s+/, '').replace(/^[-*+]\s+/, '• ').replace(/(\*\*|__)(.+?)\1/g, '$2'))
    .reduce((acc, l) => (l.startsWith('• ') || acc === '' ? `${acc}${acc ? '\n' : ''}${l}` : `${acc} ${l}`), ''))
    .filter(Boolean);
}

export function aftercareEmail(config: Config, d: BookingDetails, advice: string): NewEmail {
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: `Aftercare after your ${d.serviceName ?? 'visit'} at ${d.clinicName}`,
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        `Thank you for your visit on ${formatWhen(d.booking.startsAt.getTime(), d.timeZone)}. Here is the clinic’s advice for the next day or two.`,
        ...adviceParagraphs(advice),
        `If anything worries you, call ${d.clinicName}${d.clinicPhone ? ` on ${d.clinicPhone}` : ''}.`,
      ],
      action: { label: 'Keep this advice in your account', url: `${config.publicUrl}/app/aftercare` },
      footer: d.clinicName,
    }),
  };
}

const BATCH = 100;
const KINDS_WITH_DEFAULT_ADVICE = (Object.keys(DEFAULT_AFTERCARE) as (keyof typeof DEFAULT_AFTERCARE)[]);
/** Visits that ended longer ago than this get no aftercare (e.g. history from before the feature). */
const LOOK_BACK_MS = 7 * 86_400_000;

/**
 * Queues the aftercare e-mail of every attended visit that ended, once: claiming a visit
 * inserts its `aftercare_sent` row (the primary key makes a second instance's insert do
 * nothing) in the same transaction that queues the e-mail.
 *
 * @returns how many e-mails were queued.
 */
export async function queueAftercare(database: Database, config: Config, now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const { seen, queued } = await database.transaction(async (tx) => {
      const due = await tx.select({ clinicId: bookings.clinicId, id: bookings.id, kind: services.kind, own: serviceAftercare.body }).from(bookings)
        .innerJoin(services, and(eq(services.clinicId, bookings.clinicId), eq(services.id, bookings.serviceId)))
        .innerJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
        .leftJoin(serviceAftercare, and(eq(serviceAftercare.clinicId, services.clinicId), eq(serviceAftercare.serviceId, services.id)))
        .leftJoin(aftercareSent, and(eq(aftercareSent.clinicId, bookings.clinicId), eq(aftercareSent.bookingId, bookings.id)))
        .where(and(
          eq(bookings.kind, 'appointment'), inArray(bookings.status, ['arrived', 'completed']),
          lte(bookings.endsAt, now), gt(bookings.endsAt, new Date(now.getTime() - LOOK_BACK_MS)), isNull(aftercareSent.bookingId),
          or(isNotNull(serviceAftercare.body), inArray(services.kind, KINDS_WITH_DEFAULT_ADVICE)),
        ))
        .limit(BATCH);
      let count = 0;
      for (const b of due) {
        const advice = effectiveAdvice(b.own, b.kind);
        const [claimed] = await tx.insert(aftercareSent).values({ clinicId: b.clinicId, bookingId: b.id, sentAt: now }).onConflictDoNothing().returning();
        if (!claimed || !advice.trim()) continue;
        const details = await loadBookingDetails(tx, b.clinicId, b.id);
        if (!details?.clientEmail) continue;
        await enqueueEmail(tx, aftercareEmail(config, details, advice));
        count++;
      }
      return { seen: due.length, queued: count };
    });
    total += queued;
    if (seen < BATCH) return total;
  }
}
