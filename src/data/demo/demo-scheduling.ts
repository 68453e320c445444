import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../db.ts';
import {
  bookings, clinicBookingSettings, clinicClosures, practitionerWeeklyHours, rooms, services, type BookingStatus,
} from '../schema/index.ts';

/**
 * The diary side of the demo clinics: rooms, working hours with a lunch break, booking
 * rules, bank holidays, and a few past and upcoming appointments relative to the day the
 * demo is loaded, so the diary and the client portal have something to show.
 */

interface SeedPeople {
  clinic: { website?: string | null; timeZone?: string };
  staff: { email: string; role: string; gives?: string[] }[];
  clients: { email: string }[];
}

/** England and Wales bank holidays (gov.uk) for the demo's first year or two. */
const BANK_HOLIDAYS: [string, string][] = [
  ['2026-12-25', 'Christmas Day'], ['2026-12-28', 'Boxing Day (substitute day)'], ['2027-01-01', "New Year's Day"],
  ['2027-03-26', 'Good Friday'], ['2027-03-29', 'Easter Monday'], ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'], ['2027-08-30', 'Summer bank holiday'], ['2027-12-27', 'Christmas Day (substitute day)'],
  ['2027-12-28', 'Boxing Day (substitute day)'], ['2028-01-03', "New Year's Day (substitute day)"],
];

const h = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const day = (weekday: number, start: string, end: string) => ({ weekday, startMinute: h(start), endMinute: h(end) });

export async function seedScheduling(
  tx: Tx, clinicId: string, seed: SeedPeople, userIds: Map<string, string>, clientIds: Map<string, string>,
  _serviceRows: { id: string; kind: string }[],
) {
  const zone = seed.clinic.timeZone ?? 'Europe/London';
  const [owner, second, massage] = seed.staff.filter((s) => s.role !== 'reception').map((s) => userIds.get(s.email)!);
  const roomRows = await tx.insert(rooms).values([
    { clinicId, name: 'Treatment room 1', kind: 'treatment', sortOrder: 1 },
    { clinicId, name: 'Treatment room 2', kind: 'treatment', sortOrder: 2 },
    { clinicId, name: 'Massage room', kind: 'massage', sortOrder: 3 },
  ]).returning({ id: rooms.id, kind: rooms.kind });
  await tx.insert(clinicBookingSettings).values({ clinicId, widgetOrigins: seed.clinic.website ? [new URL(seed.clinic.website).origin] : [] });
  await tx.insert(clinicClosures).values(BANK_HOLIDAYS.map(([date, name]) => ({ clinicId, date, name })));

  // The owner works Tuesday to Saturday; the acupuncturist weekdays with a late Wednesday;
  // the massage therapist four days. Every day has a lunch break.
  const hours = [
    ...[2, 3, 4, 5, 6].flatMap((d) => [day(d, '09:00', '13:00'), day(d, '14:00', '18:00')]).map((x) => ({ ...x, practitionerId: owner! })),
    ...[1, 2, 4, 5].flatMap((d) => [day(d, '09:00', '13:00'), day(d, '14:00', '17:30')]).map((x) => ({ ...x, practitionerId: second! })),
    ...[day(3, '12:00', '15:00'), day(3, '16:00', '20:00')].map((x) => ({ ...x, practitionerId: second! })),
    ...[1, 3, 5, 6].flatMap((d) => [day(d, '10:00', '13:00'), day(d, '13:30', '18:00')]).map((x) => ({ ...x, practitionerId: massage! })),
  ];
  await tx.insert(practitionerWeeklyHours).values(hours.map((x) => ({ clinicId, ...x })));

  const menu = await tx.select({ id: services.id, slug: services.slug, durationMin: services.durationMin, bufferAfterMin: services.bufferAfterMin })
    .from(services).where(eq(services.clinicId, clinicId));
  const svc = (slug: string) => menu.find((m) => m.slug === slug)!;
  const room = (kind: string, n = 0) => roomRows.filter((r) => r.kind === kind)[n]!.id;
  /** The first `weekday` (1 = Monday) on or after today + `offset` days, at `time` in the clinic's zone. */
  const at = (offset: number, weekday: number, time: string) => {
    let d = DateTime.now().setZone(zone).startOf('day').plus({ days: offset });
    while (d.weekday !== weekday) d = d.plus({ days: 1 });
    return d.set({ hour: h(time) / 60 | 0, minute: h(time) % 60 });
  };
  const [client1, client2, client3, client4] = seed.clients.map((c) => clientIds.get(c.email)!);
  const plan: { client?: string; practitioner: string; slug: string; start: DateTime; status: BookingStatus; room?: string; source?: 'online' | 'staff' }[] = [
    { client: client1, practitioner: owner!, slug: 'facial-consultation', start: at(-20, 2, '10:00'), status: 'completed', room: room('treatment') },
    { client: client1, practitioner: owner!, slug: 'facial-acupuncture', start: at(-13, 2, '10:00'), status: 'completed', room: room('treatment') },
    { client: client1, practitioner: owner!, slug: 'facial-acupuncture', start: at(2, 2, '10:00'), status: 'confirmed', room: room('treatment'), source: 'online' },
    { client: client1, practitioner: owner!, slug: 'facial-acupuncture', start: at(9, 2, '10:00'), status: 'confirmed', room: room('treatment'), source: 'online' },
    { client: client2, practitioner: second!, slug: 'traditional-acupuncture', start: at(1, 4, '11:00'), status: 'confirmed', room: room('treatment', 1) },
    { client: client3 ?? client2, practitioner: owner!, slug: 'facial-consultation', start: at(1, 5, '14:00'), status: 'confirmed', room: room('treatment'), source: 'online' },
  ];
  if (client4 && massage) plan.push({ client: client4, practitioner: massage, slug: 'sports-massage-60', start: at(1, 3, '15:00'), status: 'confirmed', room: room('massage') });
  // One statement for the whole plan and the block: the same rows in the same order, fewer round trips.
  const rows: (typeof bookings.$inferInsert)[] = plan.map((p) => {
    const s = svc(p.slug);
    const startsAt = p.start.toJSDate();
    const endsAt = p.start.plus({ minutes: s.durationMin }).toJSDate();
    return {
      clinicId, serviceId: s.id, practitionerId: p.practitioner, clientId: p.client, roomId: p.room ?? null,
      startsAt, endsAt, bufferAfterMin: s.bufferAfterMin, blockedStart: startsAt, blockedEnd: p.start.plus({ minutes: s.durationMin + s.bufferAfterMin }).toJSDate(),
      status: p.status, source: p.source ?? 'staff', createdAt: p.start.minus({ days: 10 }).toJSDate(),
    };
  });
  // A block: the weekly team meeting before the clinic opens on Tuesdays.
  const meeting = at(1, 2, '08:00');
  rows.push({
    clinicId, kind: 'block', practitionerId: owner!, startsAt: meeting.toJSDate(), endsAt: meeting.plus({ minutes: 45 }).toJSDate(),
    blockedStart: meeting.toJSDate(), blockedEnd: meeting.plus({ minutes: 45 }).toJSDate(), status: 'confirmed', source: 'staff', note: 'Team meeting',
  });
  await tx.insert(bookings).values(rows);
}
