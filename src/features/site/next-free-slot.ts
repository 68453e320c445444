import { DateTime } from 'luxon';
import type { Queryable } from '../../data/db.ts';
import { computeAvailability } from '../../domain/availability/index.ts';
import { buildAvailabilityInput, loadServiceContext } from '../scheduling/availability.service.ts';
import { addDays, todayIn } from '../scheduling/clinic-time.ts';
import type { PublicService } from './site.repository.ts';

/** How far ahead a profile looks for the next free appointment. */
const LOOK_AHEAD_DAYS = 28;

export interface NextFreeSlot {
  serviceName: string;
  serviceSlug: string;
  /** e.g. "Monday 30 November at 9:30am", in the clinic's time zone. */
  when: string;
  startIso: string;
}

/**
 * The practitioner's next free time for the first thing a new client books with them:
 * the consultation if they give it, otherwise their first online service. Two queries
 * (service, then one snapshot of hours and bookings) and the pure engine.
 */
export async function nextFreeSlot(
  q: Queryable, clinic: { id: string; timeZone: string }, practitionerId: string, services: PublicService[], now = Date.now(),
): Promise<NextFreeSlot | undefined> {
  // No cache of its own: the page showing it is cached per clinic version (page-cache.ts),
  // which every booking bumps, so a booking moves the next free time at once.
  return findNextFreeSlot(q, clinic, practitionerId, services, now);
}

async function findNextFreeSlot(
  q: Queryable, clinic: { id: string; timeZone: string }, practitionerId: string, services: PublicService[], now: number,
): Promise<NextFreeSlot | undefined> {
  const online = services.filter((s) => s.bookableOnline && s.practitionerIds.includes(practitionerId));
  const service = online.find((s) => s.kind === 'consultation') ?? online[0];
  if (!service) return undefined;
  const context = await loadServiceContext(q, { clinicId: clinic.id }, service.id, 'public', 400, 'serviceId');
  const startDate = todayIn(clinic.timeZone, now);
  const input = await buildAvailabilityInput(q, context, {
    practitionerId, startDate, endDate: addDays(startDate, LOOK_AHEAD_DAYS - 1), now, audience: 'public',
  });
  const first = computeAvailability(input).find((slot) => slot.practitionerId === practitionerId);
  if (!first) return undefined;
  const local = DateTime.fromMillis(first.start, { zone: clinic.timeZone }).setLocale('en-GB');
  return {
    serviceName: service.name,
    serviceSlug: service.slug,
    when: `${local.toFormat('cccc d LLLL')} at ${local.toFormat('h:mma').toLowerCase()}`,
    startIso: new Date(first.start).toISOString(),
  };
}
