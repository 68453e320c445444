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
  const key = `${clinic.id}:${practitionerId}`;
  const cached = recent.get(key);
  if (cached && cached.until > now) return cached.value;
  const value = await findNextFreeSlot(q, clinic, practitionerId, services, now);
  if (recent.size >= CACHE_LIMIT) recent.clear();
  recent.set(key, { value, until: now + CACHE_MS });
  return value;
}

/**
 * The answer shown on a public page, which browsers and proxies may keep for five minutes
 * anyway: keeping it for a minute here spares the profile page two queries per view.
 */
const CACHE_MS = 60_000;
const CACHE_LIMIT = 5_000;
const recent = new Map<string, { value: NextFreeSlot | undefined; until: number }>();

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
