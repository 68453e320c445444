import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { bookings, outboxEmails } from '../../data/schema/index.ts';
import { openDatabase, type Database } from '../../data/db.ts';
import { buildTestApp, testDatabaseKind, type TestContext } from '../../server/test-app.ts';
import { BookingJobs, queueDueReminders } from './booking-jobs.ts';
import { createClinicFixture, type ClinicFixture } from './booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp({ BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '1000' });
  f = await createClinicFixture(t, { slug: 'time-clinic', settings: { horizonDays: 730, minimumNoticeMin: 0 } });
});
afterAll(() => t.close());

/** The Monday after the next change of the clocks in March (spring) or October (autumn), in London. */
function mondayAfterClockChange(month: 3 | 10): string {
  for (let year = DateTime.now().year; ; year++) {
    let sunday = DateTime.fromObject({ year, month, day: 31 }, { zone: 'Europe/London' });
    while (sunday.weekday !== 7) sunday = sunday.minus({ days: 1 });
    const monday = sunday.plus({ days: 1 });
    if (monday > DateTime.now().plus({ days: 1 })) return monday.toISODate()!;
  }
}

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

describe('daylight saving time', () => {
  it.each([
    ['spring', 3 as const, '08:00'],
    ['autumn', 10 as const, '09:00'],
  ])('the Monday after the %s change still opens at 09:00 local (%s UTC) and books there', async (_name, month, utc) => {
    const date = mondayAfterClockChange(month);
    const res = await t.client().get(url(`/availability?serviceId=${f.services.massage}&from=${date}&to=${date}`));
    const first = res.json().slots[0].start as string;
    expect(first).toBe(`${date}T${utc}:00.000Z`);
    const visitor = t.client();
    visitor.ip = `192.0.2.${month}`;
    const booked = await visitor.post(url('/bookings'), { serviceId: f.services.massage, start: `${date}T09:00:00+${month === 3 ? '01' : '00'}:00`, client: { name: 'Dee Ess', email: `dst${month}@example.com` } });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().start).toBe(`${date}T${utc}:00.000Z`);
  });
});

describe('reminders', () => {
  async function confirmedBookingIn(hoursAhead: number, email: string, practitionerId = f.secondId) {
    const start = new Date(Math.ceil((Date.now() + hoursAhead * 3_600_000) / 900_000) * 900_000);
    const [c] = (await t.database.db.execute(sql`insert into clients (clinic_id, name, email) values (${f.clinicId}, 'Rem Inder', ${email}) returning id`) as unknown as { rows: { id: string }[] }).rows;
    await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.consultation, practitionerId, clientId: c!.id,
      startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), blockedStart: start, blockedEnd: new Date(start.getTime() + 3_600_000),
      status: 'confirmed', source: 'staff', createdAt: new Date(Date.now() - 7 * 86_400_000),
    });
  }
  const remindersTo = (pattern: string) => t.database.db.select().from(outboxEmails)
    .where(and(like(outboxEmails.toAddress, pattern), like(outboxEmails.subject, 'Reminder:%')));

  it('are queued exactly once per booking when two workers run at the same moment', async () => {
    for (let i = 0; i < 12; i++) await confirmedBookingIn(2 + i * 1.5, `remind${i}@example.com`);
    await confirmedBookingIn(60, 'too-early@example.com');
    let second: Database = t.database;
    if (testDatabaseKind === 'postgres') {
      // A second instance with its own pool, as two app processes would have.
      const result = (await t.database.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
      const u = new URL(process.env.TEST_DATABASE_URL!);
      u.pathname = `/${result.rows[0]!.db}`;
      second = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 });
    }
    try {
      const counts = await Promise.all([queueDueReminders(t.database, t.config), queueDueReminders(second, t.config), queueDueReminders(t.database, t.config)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
      expect(await remindersTo('remind%')).toHaveLength(12);
      expect(await remindersTo('too-early%')).toHaveLength(0);
      expect(await queueDueReminders(t.database, t.config)).toBe(0);
      const [mail] = await remindersTo('remind0@%');
      expect(mail!.text).toMatch(/\/app\/bookings\/manage\?token=/);
    } finally {
      if (second !== t.database) await second.close();
    }
  });

  it("follow the clinic's lead time, and a lead time of 0 turns them off", async () => {
    await t.database.db.execute(sql`update clinic_booking_settings set reminder_lead_min = 0 where clinic_id = ${f.clinicId}`);
    await confirmedBookingIn(2, 'off@example.com', f.practitionerId);
    expect(await queueDueReminders(t.database, t.config)).toBe(0);
    await t.database.db.execute(sql`update clinic_booking_settings set reminder_lead_min = 180 where clinic_id = ${f.clinicId}`);
    expect(await queueDueReminders(t.database, t.config)).toBe(1);
  });
});

describe('booking jobs', () => {
  it('expire holds that ran out', async () => {
    const visitor = t.client();
    const start = DateTime.now().plus({ days: 9 }).setZone('Europe/London').set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
    const monday = start.weekday === 7 ? start.plus({ days: 1 }) : start;
    const res = await visitor.post(url('/bookings'), { serviceId: f.services.massage, start: monday.toUTC().toISO(), client: { name: 'Hold Me', email: 'hold@example.com' } });
    expect(res.statusCode).toBe(201);
    await t.database.db.update(bookings).set({ holdExpiresAt: new Date(Date.now() - 60_000) }).where(eq(bookings.id, res.json().id));
    const jobs = new BookingJobs(t.database, t.config, t.app.log);
    expect((await jobs.runOnce()).expired).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db.select().from(bookings).where(eq(bookings.id, res.json().id));
    expect(row!.status).toBe('expired');
  });
});
