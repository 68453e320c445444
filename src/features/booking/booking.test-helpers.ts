import { DateTime } from 'luxon';
import {
  bookings, clients, clinicBookingSettings, clinics, memberships, practitionerWeeklyHours, qualifications, rooms, servicePractitioners, services, users,
} from '../../data/schema/index.ts';
import type { TestContext, TestClient } from '../../server/test-app.ts';
import { hashPassword } from '../auth/password.ts';

/** Test support only: a clinic with staff, services, rooms and hours, built straight in the database. */

export const PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface ClinicFixture {
  slug: string;
  clinicId: string;
  timeZone: string;
  ownerId: string;
  /** Two practitioners; both give every service except massage, which only `second` gives. */
  practitionerId: string;
  secondId: string;
  receptionId: string;
  emails: { owner: string; practitioner: string; second: string; reception: string };
  services: { consultation: string; facial: string; massage: string; offline: string };
  roomIds: string[];
  signIn(who: 'owner' | 'practitioner' | 'second' | 'reception'): Promise<TestClient>;
}

export interface FixtureOptions {
  slug?: string;
  timeZone?: string;
  settings?: Partial<typeof clinicBookingSettings.$inferInsert>;
  /** Working days (0 = Sunday); Monday to Saturday when omitted. */
  weekdays?: number[];
}

/**
 * Hours 09:00–13:00 and 14:00–17:00 (a lunch break) on the working days, 15-minute step,
 * 2 hours' notice, 84 days' horizon, 24-hour cancellation window unless told otherwise.
 */
export async function createClinicFixture(t: TestContext, options: FixtureOptions = {}): Promise<ClinicFixture> {
  const slug = options.slug ?? `clinic-${Math.random().toString(36).slice(2, 8)}`;
  const timeZone = options.timeZone ?? 'Europe/London';
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const db = t.database.db;
  const emails = { owner: `owner@${slug}.example`, practitioner: `pat@${slug}.example`, second: `sam@${slug}.example`, reception: `desk@${slug}.example` };
  const [clinic] = await db.insert(clinics).values({
    slug, name: `Clinic ${slug}`, addressLine1: '1 High Street', town: 'Bath', postcode: 'BA1 1AA', email: `hello@${slug}.example`, timeZone,
  }).returning({ id: clinics.id });
  const clinicId = clinic!.id;
  const people = await db.insert(users).values([
    { email: emails.owner, name: 'Olga Owner', passwordHash: hash, emailVerifiedAt: new Date() },
    { email: emails.practitioner, name: 'Pat Practitioner', passwordHash: hash, emailVerifiedAt: new Date() },
    { email: emails.second, name: 'Sam Second', passwordHash: hash, emailVerifiedAt: new Date() },
    { email: emails.reception, name: 'Rita Reception', passwordHash: hash, emailVerifiedAt: new Date() },
  ]).returning({ id: users.id, email: users.email });
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  const [ownerId, practitionerId, secondId, receptionId] = [idOf(emails.owner), idOf(emails.practitioner), idOf(emails.second), idOf(emails.reception)];
  await db.insert(memberships).values([
    { clinicId, userId: ownerId, role: 'owner' },
    { clinicId, userId: practitionerId, role: 'practitioner' },
    { clinicId, userId: secondId, role: 'practitioner' },
    { clinicId, userId: receptionId, role: 'reception' },
  ]);
  await db.insert(clinicBookingSettings).values({ clinicId, ...options.settings });
  // Both give facial acupuncture, so both hold a facial qualification the owner verified.
  await db.insert(qualifications).values([practitionerId, secondId].map((userId) => ({
    clinicId, userId, kind: 'qualification' as const, awardingBody: 'Facial acupuncture course', title: 'Certificate in Facial Acupuncture',
    isFacialAcupuncture: true, verifiedAt: new Date(), verifiedBy: ownerId,
  })));
  const roomRows = await db.insert(rooms).values([
    { clinicId, name: 'Room 1', kind: 'treatment', sortOrder: 1 },
    { clinicId, name: 'Room 2', kind: 'treatment', sortOrder: 2 },
  ]).returning({ id: rooms.id });
  const svc = await db.insert(services).values([
    { clinicId, slug: 'consultation', name: 'Free consultation', kind: 'consultation', durationMin: 30, priceMinor: 0, bufferAfterMin: 10, sortOrder: 1 },
    { clinicId, slug: 'facial', name: 'Facial acupuncture', kind: 'facial', durationMin: 60, priceMinor: 9500, bufferAfterMin: 15, requiresConsultation: true, roomKind: 'treatment', sortOrder: 2 },
    { clinicId, slug: 'massage', name: 'Sports massage', kind: 'massage', durationMin: 60, priceMinor: 6500, sortOrder: 3 },
    { clinicId, slug: 'offline', name: 'Phone only', kind: 'traditional', durationMin: 60, priceMinor: 6500, bookableOnline: false, sortOrder: 4 },
  ]).returning({ id: services.id, slug: services.slug });
  const sid = (s: string) => svc.find((x) => x.slug === s)!.id;
  await db.insert(servicePractitioners).values([
    ...[practitionerId, secondId].flatMap((p) => ['consultation', 'facial', 'offline'].map((s) => ({ clinicId, serviceId: sid(s), practitionerId: p }))),
    { clinicId, serviceId: sid('massage'), practitionerId: secondId },
  ]);
  const weekdays = options.weekdays ?? [1, 2, 3, 4, 5, 6];
  await db.insert(practitionerWeeklyHours).values([practitionerId, secondId].flatMap((p) => weekdays.flatMap((weekday) => [
    { clinicId, practitionerId: p, weekday, startMinute: 9 * 60, endMinute: 13 * 60 },
    { clinicId, practitionerId: p, weekday, startMinute: 14 * 60, endMinute: 17 * 60 },
  ])));
  return {
    slug, clinicId, timeZone, ownerId, practitionerId, secondId, receptionId, emails,
    services: { consultation: sid('consultation'), facial: sid('facial'), massage: sid('massage'), offline: sid('offline') },
    roomIds: roomRows.map((r) => r.id),
    async signIn(who) {
      const c = t.client();
      await c.signIn(emails[who], PASSWORD);
      return c;
    },
  };
}

/**
 * The instant of a local wall-clock time on the first `weekday` (1 = Monday … 7 = Sunday,
 * luxon's numbering) at least `minDaysAhead` days from today in `timeZone`.
 */
export function localSlot(timeZone: string, weekday: number, time: string, minDaysAhead = 3): string {
  let d = DateTime.now().setZone(timeZone).startOf('day').plus({ days: minDaysAhead });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  const [h, m] = time.split(':').map(Number) as [number, number];
  return d.set({ hour: h, minute: m }).toUTC().toISO({ suppressMilliseconds: true })!;
}

/** The local date of an instant in `timeZone`. */
export const localDate = (iso: string, timeZone: string) => DateTime.fromISO(iso).setZone(timeZone).toISODate()!;

/** The e-mail link's token for a booking page (`/app/bookings/confirm` or `/app/bookings/manage`). */
export function bookingToken(text: string, page: 'confirm' | 'manage'): string {
  const match = text.match(new RegExp(`/app/bookings/${page}\\?token=([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no /app/bookings/${page} link in e-mail`);
  return match[1];
}

/** Test support: a client with an account (signed in by the returned function) at a fixture clinic. */
export async function addClientWithAccount(t: TestContext, f: ClinicFixture, name: string, email: string) {
  passwordHash ??= hashPassword(PASSWORD);
  const [user] = await t.database.db.insert(users).values({ email, name, passwordHash: await passwordHash, emailVerifiedAt: new Date() }).returning({ id: users.id });
  const [client] = await t.database.db.insert(clients).values({ clinicId: f.clinicId, userId: user!.id, name, email }).returning({ id: clients.id });
  return {
    userId: user!.id, clientId: client!.id,
    async signIn() {
      const c = t.client();
      await c.signIn(email, PASSWORD);
      return c;
    },
  };
}

/** Test support: a confirmed one-hour booking written straight into the database. */
export async function addBooking(t: TestContext, f: ClinicFixture, v: { clientId: string; practitionerId: string; start: string; serviceId?: string }) {
  const startsAt = new Date(v.start);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const [row] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: v.serviceId ?? f.services.consultation, practitionerId: v.practitionerId, clientId: v.clientId,
    startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'confirmed', source: 'staff',
  }).returning({ id: bookings.id });
  return row!.id;
}
