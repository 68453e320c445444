import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import { bookings, clients, clinics, reviews, waitlistEntries } from '../schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { seedDemo } from './demo-data.ts';
import { todayIn } from '../../features/scheduling/clinic-time.ts';

/**
 * The demo's months of history (issue 13). The demo is placed around the day it is
 * loaded, so these checks ask only for what a practice has on any day: past visits with
 * no-shows and late cancellations, converted consultations, reviews with replies and a
 * course in progress; never particular dates or counts.
 */
let t: TestContext;
let jade: string;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  jade = (await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'jade-leaf-bath')))[0]!.id;
});
afterAll(() => t.close());

describe('the demo practice history', () => {
  it('fills the owner’s reports for the last sixteen weeks', async () => {
    const owner = t.client();
    await owner.signIn('owner@jadeleaf.example', 'yintang-demo');
    const today = todayIn('Europe/London', Date.now());
    const start = new Date(Date.now() - 112 * 86_400_000).toISOString().slice(0, 10);
    const res = await owner.get(`/api/v1/clinics/jade-leaf-bath/reports/practice?startDate=${start}&endDate=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.utilisation.total.percent).toBeGreaterThan(10);
    expect(r.attendance.total.noShows).toBeGreaterThan(0);
    expect(r.attendance.total.kept).toBeGreaterThan(50);
    expect(r.newClients.total).toBeGreaterThan(30);
    expect(r.conversion.consultations).toBeGreaterThan(5);
    expect(r.conversion.converted).toBeGreaterThan(0);
    expect(r.conversion.converted).toBeLessThan(r.conversion.consultations);
    expect(r.retention.returned).toBeGreaterThan(0);
  });

  it('has reviews with replies and a course of ten still in progress', async () => {
    const db = t.database.db;
    const [replied] = await db.select({ n: count() }).from(reviews).where(and(eq(reviews.clinicId, jade), isNotNull(reviews.replyBody)));
    expect(replied!.n).toBeGreaterThanOrEqual(3);
    const courses = await db.select({
      sessions: count(), past: sql<number>`count(*) filter (where ${bookings.startsAt} < now())::int`,
    }).from(bookings).where(and(eq(bookings.clinicId, jade), isNotNull(bookings.seriesId))).groupBy(bookings.seriesId);
    expect(courses.some((c) => c.past >= 1 && c.past < c.sessions && c.sessions >= 8)).toBe(true);
  });

  it('has a few regulars on the waiting list for coming days, none of them a demo sign-in', async () => {
    const reception = t.client();
    await reception.signIn('reception@jadeleaf.example', 'yintang-demo');
    const res = await reception.get('/api/v1/clinics/jade-leaf-bath/waitlist');
    expect(res.statusCode, res.body).toBe(200);
    const today = todayIn('Europe/London', Date.now());
    const entries = await t.database.db.select({ date: waitlistEntries.date, email: clients.email, practitionerId: waitlistEntries.practitionerId })
      .from(waitlistEntries).innerJoin(clients, and(eq(clients.clinicId, waitlistEntries.clinicId), eq(clients.id, waitlistEntries.clientId)))
      .where(and(eq(waitlistEntries.clinicId, jade), eq(waitlistEntries.status, 'waiting')));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.every((e) => e.date > today)).toBe(true);
    expect(entries.some((e) => e.practitionerId !== null)).toBe(true);
    expect(entries.map((e) => e.email)).not.toContain('client@jadeleaf.example');
    expect(JSON.stringify(res.json())).toContain(entries[0]!.date);
  });
});
