import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clients, clinicBookingSettings, qualifications, servicePractitioners, services, waitlistEntries } from '../../data/schema/index.ts';
import type { Config } from '../../server/config.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { localDateOf } from '../scheduling/clinic-time.ts';
import { DateTime } from 'luxon';
import { mayBeBookedFor } from '../../domain/scheduling/qualified-practitioners.ts';

/** A waiting client is e-mailed at most once an hour, however many slots free up. */
const RENOTIFY_AFTER_MS = 3_600_000;

export interface FreedSlot {
  clinicId: string;
  clinicSlug: string;
  clinicName: string;
  timeZone: string;
  practitionerId: string;
  /** Start of the time that was freed. */
  start: Date;
}

/**
 * E-mails the clients waiting for the freed slot's date whose service the freed
 * practitioner gives; call in the transaction that frees the slot, so the e-mails go only
 * if it commits. Nothing is reserved: the first to book wins (the exclusion constraints
 * settle any race). Rows being notified by another transaction are skipped.
 */
export async function notifyWaitlist(q: Queryable, config: Config, slot: FreedSlot): Promise<number> {
  if (slot.start.getTime() <= Date.now()) return 0;
  const date = localDateOf(slot.start.getTime(), slot.timeZone);
  const now = new Date();
  const waiting = await q
    .select({ id: waitlistEntries.id, serviceId: waitlistEntries.serviceId, serviceName: services.name, serviceKind: services.kind, name: clients.name, email: clients.email })
    .from(waitlistEntries)
    .innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
    .innerJoin(services, and(eq(services.clinicId, waitlistEntries.clinicId), eq(services.id, waitlistEntries.serviceId)))
    .innerJoin(servicePractitioners, and(
      eq(servicePractitioners.clinicId, waitlistEntries.clinicId), eq(servicePractitioners.serviceId, waitlistEntries.serviceId),
      eq(servicePractitioners.practitionerId, slot.practitionerId),
    ))
    .where(and(
      eq(waitlistEntries.clinicId, slot.clinicId), eq(waitlistEntries.date, date), eq(waitlistEntries.status, 'waiting'),
      or(isNull(waitlistEntries.practitionerId), eq(waitlistEntries.practitionerId, slot.practitionerId)),
      or(isNull(waitlistEntries.lastNotifiedAt), lt(waitlistEntries.lastNotifiedAt, new Date(now.getTime() - RENOTIFY_AFTER_MS))),
    ))
    .for('update', { of: waitlistEntries, skipLocked: true })
    .then(async (rows) => rows.length === 0 ? rows : withoutUnqualified(q, slot, rows));
  const day = DateTime.fromISO(date).setLocale('en-GB').toFormat('cccc d LLLL');
  const time = DateTime.fromJSDate(slot.start, { zone: slot.timeZone }).toFormat('HH:mm');
  for (const w of waiting) {
    await q.update(waitlistEntries).set({ lastNotifiedAt: now }).where(and(eq(waitlistEntries.clinicId, slot.clinicId), eq(waitlistEntries.id, w.id)));
    await enqueueEmail(q, {
      clinicId: slot.clinicId,
      to: w.email,
      subject: `A time has opened up at ${slot.clinicName} on ${day}`,
      ...renderEmail({
        greeting: w.name,
        paragraphs: [
          `You asked us to tell you if a time for ${w.serviceName} came free on ${day}. One just has, at ${time}.`,
          'It goes to whoever books first, so if you would like it, book now.',
        ],
        // The booking page opens on the service and the day, with the freed time first.
        action: { label: 'See free times', url: `${config.publicUrl}/clinics/${slot.clinicSlug}/book?service=${w.serviceId}&date=${date}&time=${time}` },
        footer: `You are on the waiting list of ${slot.clinicName}. ${'Book or leave the list from the clinic page.'}`,
      }),
    });
  }
  return waiting.length;
}

/**
 * Leaves out the entries the freed practitioner may not be booked for: a facial service while
 * their facial qualification is not verified and the clinic's rule is on. The freed time
 * would only be refused when the client tries to book it.
 */
async function withoutUnqualified<R extends { serviceKind: string }>(q: Queryable, slot: FreedSlot, rows: R[]): Promise<R[]> {
  const [settings] = await q.select({ requireVerifiedFacialQualification: clinicBookingSettings.requireVerifiedFacialQualification })
    .from(clinicBookingSettings).where(eq(clinicBookingSettings.clinicId, slot.clinicId));
  const rule = { requireVerifiedFacialQualification: settings?.requireVerifiedFacialQualification ?? true };
  const [verified] = await q.select({ id: qualifications.id }).from(qualifications)
    .where(and(
      eq(qualifications.clinicId, slot.clinicId), eq(qualifications.userId, slot.practitionerId),
      eq(qualifications.isFacialAcupuncture, true), isNotNull(qualifications.verifiedAt),
    ))
    .limit(1);
  return rows.filter((r) => mayBeBookedFor(r.serviceKind, { verifiedFacial: verified !== undefined }, rule));
}

/** A client who books the service on the day they waited for leaves the waiting list. */
export async function markWaitlistBooked(q: Queryable, clinicId: string, clientId: string, serviceId: string, date: string) {
  await q.update(waitlistEntries).set({ status: 'booked' }).where(and(
    eq(waitlistEntries.clinicId, clinicId), eq(waitlistEntries.clientId, clientId), eq(waitlistEntries.serviceId, serviceId),
    eq(waitlistEntries.date, date), eq(waitlistEntries.status, 'waiting'),
  ));
}

