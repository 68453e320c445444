import { eq } from 'drizzle-orm';
import { DateTime, IANAZone } from 'luxon';
import type { Tx } from '../db.ts';
import {
  bookings, clients, clinicClosures, practitionerWeeklyHours, reviews, rooms, services, waitlistEntries, type BookingStatus,
} from '../schema/index.ts';

/**
 * Sixteen weeks of past practice (about 44 new clients and 450 appointments) for a demo clinic, so the reports, the client record and
 * the reviews look like a real practice: new clients arriving each week, free
 * consultations of which most become a weekly facial course, regulars for acupuncture and
 * massage, a few no-shows and late cancellations, reviews with the clinic's replies, and
 * one facial course still in progress (session 4 of 10), and a few clients on the waiting
 * list for the coming fortnight (never the demo sign-ins, so a walkthrough of the client's
 * own waiting list starts empty).
 *
 * Dates are relative to the day the demo is loaded (it is a demo); tests never depend on
 * them. The choices come from a seeded generator, so every load makes the same practice.
 * Only the course in progress reaches into the future, so the diary
 * keeps plenty of free times for people trying the booking.
 */

const FIRST_NAMES = ['Emily', 'Jack', 'Grace', 'Oliver', 'Chloe', 'Harry', 'Lucy', 'George', 'Ella', 'Thomas', 'Freya', 'Daniel', 'Holly', 'Samuel', 'Megan', 'Ethan', 'Ruby', 'Joseph', 'Evie', 'Adam', 'Zara', 'Leo', 'Hannah', 'Ryan', 'Maya', 'Ben', 'Aisha', 'Luke'];
const LAST_NAMES = ['Hall', 'Wright', 'Green', 'Baker', 'Khan', 'Evans', 'Hughes', 'Morris', 'Cooper', 'Ward', 'Price', 'Bell', 'Kaur', 'Murray', 'Fisher', 'Mills'];

const REVIEWS: [number, string, string][] = [
  [5, 'Calm, unhurried and clear about what to expect. My skin feels brighter and I sleep better after each session.', 'Thank you for your kind words. It has been lovely seeing you each week.'],
  [5, 'I was nervous about needles but barely felt them. The consultation answered every question I had.', 'Thank you. We are glad the consultation helped you feel at ease.'],
  [4, 'Helpful sessions and good advice on stretches between them. Parking nearby is tricky.', 'Thank you for the feedback. We have added parking tips to our contact page.'],
  [5, 'Honest about what acupuncture can and cannot do, which I really appreciated.', 'Thank you, that matters a great deal to us.'],
];

/** A small deterministic generator (mulberry32), so the demo is the same on every load. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Staff { email: string; role: string; gives?: string[] }

/**
 * The clinic's time zone, remembering each offset it was asked for. Luxon asks Intl for the
 * offset at every date it makes or moves (several times per `plus`), and the history below
 * makes the same days and times again and again: in a first start's profile that was about
 * half of the demo's own JavaScript time. The offset at a given instant never changes, so the answers are the same.
 */
class RememberingZone extends IANAZone {
  readonly #offsets = new Map<number, number>();
  override offset(ts: number): number {
    let minutes = this.#offsets.get(ts);
    if (minutes === undefined) this.#offsets.set(ts, (minutes = super.offset(ts)));
    return minutes;
  }
}

export async function seedHistory(tx: Tx, clinicId: string, seed: { clinic: { slug: string; timeZone?: string }; staff: Staff[] }, userIds: Map<string, string>) {
  const zone = new RememberingZone(seed.clinic.timeZone ?? 'Europe/London');
  const random = generator(seed.clinic.slug.length * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = DateTime.now().setZone(zone);
  const today = now.startOf('day');

  const menu = await tx.select({ id: services.id, slug: services.slug, kind: services.kind, durationMin: services.durationMin, bufferAfterMin: services.bufferAfterMin, roomKind: services.roomKind })
    .from(services).where(eq(services.clinicId, clinicId));
  const svc = (slug: string) => menu.find((m) => m.slug === slug)!;
  const roomRows = await tx.select({ id: rooms.id, kind: rooms.kind }).from(rooms).where(eq(rooms.clinicId, clinicId)).orderBy(rooms.sortOrder);
  const hours = await tx.select().from(practitionerWeeklyHours).where(eq(practitionerWeeklyHours.clinicId, clinicId));
  const closed = new Set((await tx.select({ date: clinicClosures.date }).from(clinicClosures).where(eq(clinicClosures.clinicId, clinicId))).map((c) => c.date));
  const existing = await tx.select({ practitionerId: bookings.practitionerId, roomId: bookings.roomId, s: bookings.blockedStart, e: bookings.blockedEnd })
    .from(bookings).where(eq(bookings.clinicId, clinicId));
  const busy = existing.map((b) => ({ who: b.practitionerId, room: b.roomId, s: b.s.getTime(), e: b.e.getTime() }));

  const practitioners = seed.staff.filter((s) => s.role !== 'reception').map((s) => ({ id: userIds.get(s.email)!, gives: s.gives ?? [] }));
  const giving = (kind: string) => practitioners.filter((p) => p.gives.includes(kind));
  // Each acupuncturist keeps their own treatment room; massage has its room.
  const treatmentRooms = roomRows.filter((r) => r.kind === 'treatment');
  const roomFor = (practitionerId: string, roomKind: string | null) => {
    if (!roomKind) return null;
    if (roomKind === 'treatment') return treatmentRooms[Math.max(0, practitioners.findIndex((p) => p.id === practitionerId)) % treatmentRooms.length]!.id;
    return roomRows.find((r) => r.kind === roomKind)?.id ?? null;
  };

  /**
   * `date.set({ hour, minute }).toMillis()` for minute `m` of the day, remembered: each
   * call asks Intl for the zone's offset, and the search below asks for the same times of
   * the same days again and again.
   */
  const instants = new Map<string, number>();
  const instant = (date: DateTime, m: number) => {
    const key = `${date.toMillis()} ${m}`;
    let s = instants.get(key);
    if (s === undefined) instants.set(key, (s = date.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis()));
    return s;
  };

  /** The first free start on `date` for the practitioner and room, from `fromMinute`, or null. */
  function freeStart(date: DateTime, practitionerId: string, roomId: string | null, minutes: number, fromMinute: number): DateTime | null {
    if (closed.has(date.toISODate()!)) return null;
    const day = hours.filter((x) => x.practitionerId === practitionerId && x.weekday === date.weekday % 7).sort((a, b) => a.startMinute - b.startMinute);
    for (const iv of day) {
      for (let m = Math.max(iv.startMinute, fromMinute); m + minutes <= iv.endMinute; m += 15) {
        const s = instant(date, m);
        const e = s + minutes * 60_000;
        if (!busy.some((b) => b.s < e && b.e > s && (b.who === practitionerId || (roomId !== null && b.room === roomId)))) return DateTime.fromMillis(s, { zone });
      }
    }
    return null;
  }

  /** `date.plus({ days })`, remembered: the search below moves the same days again and again. */
  const later = new Map<string, DateTime>();
  const daysAfter = (date: DateTime, days: number) => {
    const key = `${date.toMillis()} ${days}`;
    let moved = later.get(key);
    if (!moved) later.set(key, (moved = date.plus({ days })));
    return moved;
  };

  type Row = typeof bookings.$inferInsert;
  const rows: Row[] = [];
  /** Books `slug` with the practitioner on `date` or one of the next days; null when the week is full. */
  function book(clientId: string, practitionerId: string, slug: string, date: DateTime, o: { seriesId?: string; status?: BookingStatus; fromMinute?: number; exact?: boolean } = {}) {
    const s = svc(slug);
    const roomId = roomFor(practitionerId, s.roomKind);
    for (let shift = 0; shift < (o.exact ? 1 : 6); shift++) {
      const start = freeStart(daysAfter(date, shift), practitionerId, roomId, s.durationMin + s.bufferAfterMin, o.fromMinute ?? 9 * 60 + Math.floor(random() * 16) * 30);
      if (!start) continue;
      const past = start < now;
      if (!past && !o.status) return null;
      const roll = random();
      const status: BookingStatus = o.status ?? (roll < 0.04 ? 'no_show' : roll < 0.1 ? 'cancelled' : 'completed');
      const late = status === 'cancelled' && roll < 0.07;
      // Minutes and hours are exact lengths of time (Luxon adds them as milliseconds too).
      const startMs = start.toMillis();
      const endMs = startMs + s.durationMin * 60_000;
      const blockedEndMs = endMs + s.bufferAfterMin * 60_000;
      const row: Row = {
        clinicId, serviceId: s.id, practitionerId, clientId, roomId, seriesId: o.seriesId ?? null,
        startsAt: new Date(startMs), endsAt: new Date(endMs), bufferAfterMin: s.bufferAfterMin,
        blockedStart: new Date(startMs), blockedEnd: new Date(blockedEndMs),
        status, source: random() < 0.6 ? 'online' : 'staff', lateCancellation: late,
        cancelledAt: status === 'cancelled' ? new Date(startMs - (late ? 5 : 72) * 3_600_000) : null,
        cancelledBy: status === 'cancelled' ? 'client' : null, createdAt: start.minus({ days: 9 }).toJSDate(),
      };
      rows.push(row);
      if (status !== 'cancelled' && status !== 'no_show') busy.push({ who: practitionerId, room: roomId, s: startMs, e: blockedEndMs });
      return start;
    }
    return null;
  }

  // About three new clients a week for fifteen weeks, each with a journey of its own. The
  // clinic's client list stays on one page (50), as the demo's walkthroughs expect.
  const people = Array.from({ length: 44 }, (_, i) => ({
    name: `${FIRST_NAMES[(i * 5 + seed.clinic.slug.length) % FIRST_NAMES.length]} ${LAST_NAMES[(i * 3) % LAST_NAMES.length]}`,
    weeksAgo: 16 - Math.floor(i / 3),
  }));
  const inserted = await tx.insert(clients).values(people.map((p, i) => ({
    clinicId, name: p.name, email: `${p.name.toLowerCase().replace(' ', '.')}.${i}@mail.example`, phone: `+4477009${String(10000 + i).slice(1)}`,
    createdAt: today.minus({ weeks: p.weeksAgo, days: 2 }).toJSDate(),
  }))).returning({ id: clients.id });

  const facial = giving('facial');
  let inProgress = false;
  for (const [i, p] of people.entries()) {
    const clientId = inserted[i]!.id;
    const first = today.minus({ weeks: p.weeksAgo }).plus({ days: Math.floor(random() * 5) });
    const journey = i % 3 === 2 ? (giving('massage').length ? 'massage' : 'traditional') : i % 6 === 1 ? 'traditional' : 'facial';
    if (journey === 'facial' && facial.length) {
      const who = pick(facial);
      const consulted = book(clientId, who.id, 'facial-consultation', first);
      if (!consulted || random() < 0.3) continue; // Not every consultation becomes a course.
      // A weekly course of 6–10 sessions at the same time; the last one to start keeps going (session 4 of 10).
      const ongoing = !inProgress && p.weeksAgo <= 4;
      // The course in progress is on Thursdays at 09:00 with the owner (who works Tuesday to Saturday).
      const startsIn = ongoing ? consulted.plus({ weeks: 1 }).set({ weekday: 4 }) : consulted.plus({ weeks: 1 });
      const sessions = ongoing ? 10 : 8 + Math.floor(random() * 5);
      const seriesId = crypto.randomUUID();
      const fromMinute = ongoing ? 9 * 60 : consulted.hour * 60 + consulted.minute;
      let booked = 0;
      for (let n = 0; n < sessions; n++) {
        const date = startsIn.plus({ weeks: n }).startOf('day');
        const future = date.plus({ hours: 9 }) > now;
        if (future && !ongoing) break;
        if (book(clientId, ongoing ? practitioners[0]!.id : who.id, 'facial-acupuncture', date, { seriesId, fromMinute, status: future ? 'confirmed' : undefined, exact: ongoing && future }) ) booked++;
      }
      if (ongoing && booked >= 5) inProgress = true;
    } else if (journey === 'massage') {
      const who = pick(giving('massage'));
      for (let d = first; d < now; d = d.plus({ weeks: 1 + Math.floor(random() * 2) })) book(clientId, who.id, 'sports-massage-60', d.startOf('day'));
    } else {
      const who = pick(giving('traditional'));
      for (let d = first; d < now; d = d.plus({ weeks: 1 + Math.floor(random() * 2) })) book(clientId, who.id, 'traditional-acupuncture', d.startOf('day'));
    }
  }
  const saved = rows.length ? await tx.insert(bookings).values(rows).returning({ id: bookings.id, clientId: bookings.clientId, practitionerId: bookings.practitionerId, status: bookings.status, endsAt: bookings.endsAt }) : [];

  // A waiting list that looks lived in: five regulars waiting for a day in the next
  // fortnight, one for a particular practitioner, one already e-mailed about a free time.
  // (Client i's journey above: i % 3 === 2 massage, i % 6 === 1 traditional, else facial.)
  const waitingFor = (slug: string) => menu.find((m) => m.slug === slug && giving(m.kind).length > 0);
  const waiting = [
    { client: 2, slug: 'sports-massage-60', inDays: 2, theirs: false, notified: true },
    { client: 1, slug: 'traditional-acupuncture', inDays: 3, theirs: true, notified: false },
    { client: 6, slug: 'facial-acupuncture', inDays: 6, theirs: false, notified: false },
    { client: 7, slug: 'traditional-acupuncture', inDays: 9, theirs: false, notified: false },
    { client: 5, slug: 'sports-massage-60', inDays: 12, theirs: true, notified: false },
  ].filter((w) => inserted[w.client] && waitingFor(w.slug));
  if (waiting.length) {
    await tx.insert(waitlistEntries).values(waiting.map((w, i) => {
      const service = waitingFor(w.slug)!;
      const gives = giving(service.kind);
      return {
        clinicId, clientId: inserted[w.client]!.id, serviceId: service.id, date: today.plus({ days: w.inDays }).toISODate()!,
        practitionerId: w.theirs ? gives[i % gives.length]!.id : null,
        createdAt: now.minus({ days: 3 + i, hours: 2 * i }).toJSDate(), lastNotifiedAt: w.notified ? now.minus({ hours: 20 }).toJSDate() : null,
      };
    }));
  }

  // Reviews of four completed visits, each with the clinic's reply a day later.
  const owner = practitioners[0]!.id;
  const completed = saved.filter((b) => b.status === 'completed').sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime());
  const reviewed = [...new Map(completed.map((b) => [b.clientId, b])).values()].slice(0, REVIEWS.length);
  if (reviewed.length) {
    await tx.insert(reviews).values(reviewed.map((b, i) => {
      const [rating, body, reply] = REVIEWS[i]!;
      const written = DateTime.fromJSDate(b.endsAt).plus({ days: 1 });
      return {
        clinicId, bookingId: b.id, clientId: b.clientId!, practitionerId: b.practitionerId!, rating, body, createdAt: written.toJSDate(),
        replyBody: reply, repliedAt: written.plus({ days: 1 }).toJSDate(), repliedBy: owner,
      };
    }));
  }
}
