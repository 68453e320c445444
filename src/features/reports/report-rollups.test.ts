import { and, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookings, clients, clinics, invoices, payments } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { queryRows } from '../site/site.repository.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The practice reports' roll-ups (migration 0041, decision 0010) stay exact while the
 * ledger changes: after every step below, the rows the triggers kept equal the rows
 * `rebuild_report_rollups` computes from scratch, and the report gives the figures worked
 * out by hand, by the clinic's local days (London: GMT, then BST from 01:00 UTC on Sunday
 * 28 March 2027, when local 01:00–02:00 does not exist).
 */
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
const ids: Record<string, string> = {};

const at = (iso: string) => new Date(iso);
const party = { name: 'Clinic', address: '1 High Street', companyNumber: null, vatNumber: null, email: 'c@example.com' };

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'rollup-clinic' });
  owner = await f.signIn('owner');
  const rows = await t.database.db.insert(clients).values(['Ada', 'Bea', 'Cal'].map((name) => ({ clinicId: f.clinicId, name, email: `${name.toLowerCase()}@example.com` })))
    .returning({ id: clients.id, name: clients.name });
  for (const r of rows) ids[r.name] = r.id;
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

/** Every roll-up row of the clinic (additive rows that sum to nothing left out), in a stable order. */
async function rollups() {
  const db = t.database.db;
  const c = f.clinicId;
  return {
    bookingDays: await queryRows(db, sql`select date::text, practitioner_id, room_id, kept, no_shows, late_cancellations, cancelled_in_time, other, booked_micros::text
      from booking_day_totals where clinic_id = ${c} and (kept, no_shows, late_cancellations, cancelled_in_time, other, booked_micros) <> (0, 0, 0, 0, 0, 0)
      order by 1, 2, 3 nulls first`),
    takingsDays: await queryRows(db, sql`select date::text, method, practitioner_id, payments_minor::text, refunds_minor::text
      from takings_day_totals where clinic_id = ${c} and (payments_minor, refunds_minor) <> (0, 0) order by 1, 2, 3 nulls first`),
    openSpans: await queryRows(db, sql`select invoice_id, from_at::text, until_at::text, outstanding_minor::text from invoice_open_spans where clinic_id = ${c} order by 1, 2`),
    firsts: await queryRows(db, sql`select client_id, first_at::text from client_first_appointments where clinic_id = ${c} order by 1`),
    visits: await queryRows(db, sql`select booking_id, client_id, starts_at::text, prev_at::text, next_at::text, consultation, prev_consultation_at::text, course_kind, course_at::text
      from client_visits where clinic_id = ${c} order by 1`),
  };
}

/** The rows the triggers kept equal the rows recomputed from the ledger. */
async function expectExact(step: string) {
  const kept = await rollups();
  await t.database.db.execute(sql`select rebuild_report_rollups(${f.clinicId})`);
  expect(kept, step).toEqual(await rollups());
}

async function book(v: { client: string; start: string; end: string; who?: 'pat' | 'sam'; service?: keyof ClinicFixture['services']; status?: 'confirmed' | 'completed'; room?: number; seriesId?: string }) {
  const [row] = await t.database.db.insert(bookings).values({
    clinicId: f.clinicId, serviceId: f.services[v.service ?? 'facial'], practitionerId: v.who === 'sam' ? f.secondId : f.practitionerId, clientId: ids[v.client]!,
    startsAt: at(v.start), endsAt: at(v.end), blockedStart: at(v.start), blockedEnd: at(v.end), status: v.status ?? 'completed', source: 'staff',
    roomId: v.room === undefined ? null : f.roomIds[v.room]!, seriesId: v.seriesId ?? null,
  }).returning({ id: bookings.id });
  return row!.id;
}

let invoiceNumber = 0;
async function invoice(client: string, totalMinor: number, issuedAt: string, bookingId: string | null, corrects?: string) {
  invoiceNumber += 1;
  const [row] = await t.database.db.insert(invoices).values({
    clinicId: f.clinicId, kind: corrects ? 'credit_note' : 'invoice', number: invoiceNumber, numberText: `X-${invoiceNumber}`, clientId: ids[client]!, bookingId,
    correctsInvoiceId: corrects ?? null, currency: 'GBP', totalMinor, vatMinor: 0, netMinor: totalMinor, vatRateBp: 0, seller: party, buyer: { name: client, email: 'x@example.com' }, issuedAt: at(issuedAt),
  }).returning({ id: invoices.id });
  return row!.id;
}

async function pay(invoiceId: string, method: 'card_terminal' | 'cash', amountMinor: number, recordedAt: string, refundOf?: string) {
  const [row] = await t.database.db.insert(payments).values({
    clinicId: f.clinicId, invoiceId, kind: refundOf ? 'refund' : 'payment', method, amountMinor, currency: 'GBP', refundOf: refundOf ?? null, recordedAt: at(recordedAt),
  }).returning({ id: payments.id });
  return row!.id;
}

const report = async (startDate: string, endDate: string) => {
  const res = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice?startDate=${startDate}&endDate=${endDate}&retentionWeeks=4`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const bookedOf = (r: { utilisation: { practitioners: { id: string; bookedMinutes: number }[] } }, id: string) => r.utilisation.practitioners.find((p) => p.id === id)?.bookedMinutes;

describe(`Report roll-ups (${testDatabaseKind})`, () => {
  it('stay exact as bookings are moved, cancelled and marked no-show, across local midnight and the spring clock change', async () => {
    t.app.ctx.now = () => at('2027-06-01T12:00:00Z').getTime();
    // Ada: a consultation on Friday 26th, then a facial from 23:30 on Saturday 27th (GMT) to
    // 00:30 on Sunday 28th: 30 minutes on each local day.
    const consultation = await book({ client: 'Ada', start: '2027-03-26T10:00:00Z', end: '2027-03-26T10:30:00Z', service: 'consultation' });
    const late = await book({ client: 'Ada', start: '2027-03-27T23:30:00Z', end: '2027-03-28T00:30:00Z', room: 0, seriesId: crypto.randomUUID() });
    // Bea: 00:30 to 03:00 local on the 28th, which is 90 real minutes (01:00–02:00 never happens).
    const dst = await book({ client: 'Bea', start: '2027-03-28T00:30:00Z', end: '2027-03-28T02:00:00Z', room: 1 });
    // Cal: a massage with Sam on Monday 29th at 00:30 BST (23:30 UTC on the 28th).
    const cal = await book({ client: 'Cal', start: '2027-03-28T23:30:00Z', end: '2027-03-29T00:30:00Z', who: 'sam', service: 'massage' });
    await expectExact('inserted');

    let sat = await report('2027-03-27', '2027-03-27');
    expect(bookedOf(sat, f.practitionerId)).toBe(30);
    let sun = await report('2027-03-28', '2027-03-28');
    expect(bookedOf(sun, f.practitionerId)).toBe(30 + 90);
    expect(sun.utilisation.rooms.map((r: { bookedMinutes: number }) => r.bookedMinutes)).toEqual([30, 90]);
    // Ada's facial starts on Saturday, Bea's on Sunday; Cal's on Monday (local), not Sunday.
    expect([sat.attendance.total.kept, sun.attendance.total.kept]).toEqual([1, 1]);
    expect((await report('2027-03-29', '2027-03-29')).attendance.total.kept).toBe(1);
    // Conversion: Ada's consultation on the 26th, then the course starting on the 27th.
    const week = await report('2027-03-22', '2027-03-28');
    expect(week.conversion).toEqual({ consultations: 1, converted: 1, percent: 100, byKind: [{ kind: 'facial', count: 1 }] });
    expect(week.newClients.total).toBe(2);

    // Moved: Ada's facial to Sunday 10:00 BST (09:00 UTC), for an hour.
    await t.database.db.update(bookings).set({ startsAt: at('2027-03-28T09:00:00Z'), endsAt: at('2027-03-28T10:00:00Z'), blockedStart: at('2027-03-28T09:00:00Z'), blockedEnd: at('2027-03-28T10:00:00Z') })
      .where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, late)));
    await expectExact('moved');
    sat = await report('2027-03-27', '2027-03-27');
    expect(bookedOf(sat, f.practitionerId) ?? 0).toBe(0);
    sun = await report('2027-03-28', '2027-03-28');
    expect(bookedOf(sun, f.practitionerId)).toBe(60 + 90);

    // Bea's a no-show: still booked time, now a no-show.
    await t.database.db.update(bookings).set({ status: 'no_show' }).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, dst)));
    await expectExact('no-show');
    sun = await report('2027-03-28', '2027-03-28');
    expect(sun.attendance.total).toMatchObject({ kept: 1, noShows: 1, due: 2 });
    expect(bookedOf(sun, f.practitionerId)).toBe(150);

    // Ada's facial cancelled late: no booked time, a late cancellation; the course no longer counts? It does:
    // a cancelled session still belongs to the course the client booked.
    await t.database.db.update(bookings).set({ status: 'cancelled', lateCancellation: true, cancelledAt: at('2027-03-28T08:00:00Z') })
      .where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, late)));
    await expectExact('cancelled late');
    sun = await report('2027-03-28', '2027-03-28');
    expect(sun.attendance.total).toMatchObject({ kept: 0, noShows: 1, lateCancellations: 1, due: 2 });
    expect(bookedOf(sun, f.practitionerId)).toBe(90);
    expect((await report('2027-03-22', '2027-03-28')).conversion.converted).toBe(1);

    // The consultation moved to another practitioner and cancelled in time: Ada is no longer consulted, nor new.
    await t.database.db.update(bookings).set({ practitionerId: f.secondId }).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, consultation)));
    await expectExact('consultation moved to Sam');
    await t.database.db.update(bookings).set({ status: 'cancelled' }).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, consultation)));
    await expectExact('consultation cancelled');
    const after = await report('2027-03-22', '2027-03-28');
    expect(after.conversion).toEqual({ consultations: 0, converted: 0, percent: null, byKind: [] });
    expect(after.newClients.total).toBe(1);
    expect(after.attendance.total.cancelledInTime).toBe(1);

    // Deleted (a booking removed outright).
    await t.database.db.delete(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, cal)));
    await expectExact('deleted');
    expect((await report('2027-03-29', '2027-03-29')).attendance.total.due).toBe(0);
  });

  it('stay exact as payments are recorded and refunded and invoices credited, by the local day the money moved', async () => {
    t.app.ctx.now = () => at('2027-06-01T12:00:00Z').getTime();
    const visit = await book({ client: 'Cal', start: '2027-03-27T10:00:00Z', end: '2027-03-27T11:00:00Z', who: 'sam', service: 'massage' });
    const inv = await invoice('Cal', 6500, '2027-03-27T11:00:00Z', visit);
    await expectExact('invoiced');
    // Saturday 23:30 GMT is Saturday; Sunday 23:30 UTC is Monday 00:30 BST.
    const card = await pay(inv, 'card_terminal', 4000, '2027-03-27T23:30:00Z');
    await pay(inv, 'cash', 2500, '2027-03-28T23:30:00Z');
    await expectExact('paid');
    const days = (await report('2027-03-27', '2027-03-29')).money.takings.days;
    expect(days).toEqual([
      { date: '2027-03-27', card_terminal: 4000, cash: 0, bank_transfer: 0, online_card: 0, netMinor: 4000 },
      { date: '2027-03-29', card_terminal: 0, cash: 2500, bank_transfer: 0, online_card: 0, netMinor: 2500 },
    ]);
    // Outstanding at the end of Saturday: 6500 − 4000; at the end of Monday: nothing.
    expect((await report('2027-03-27', '2027-03-27')).money.outstanding).toMatchObject({ count: 1, totalMinor: 2500 });
    expect((await report('2027-03-29', '2027-03-29')).money.outstanding).toMatchObject({ count: 0, totalMinor: 0 });

    // £10 refunded on Tuesday, then £10 credited on Wednesday: owed again in between, settled after.
    await pay(inv, 'card_terminal', 1000, '2027-03-30T09:00:00Z', card);
    await expectExact('refunded');
    expect((await report('2027-03-30', '2027-03-30')).money.outstanding).toMatchObject({ count: 1, totalMinor: 1000 });
    await invoice('Cal', 1000, '2027-03-31T09:00:00Z', null, inv);
    await expectExact('credited');
    expect((await report('2027-03-31', '2027-03-31')).money.outstanding).toMatchObject({ count: 0, totalMinor: 0 });
    const tue = (await report('2027-03-30', '2027-03-30')).money.takings;
    expect(tue.total).toEqual({ paymentsMinor: 0, refundsMinor: 1000, netMinor: -1000 });

    // The visit moves to Pat: so do its takings.
    await t.database.db.update(bookings).set({ practitionerId: f.practitionerId }).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, visit)));
    await expectExact('visit moved to Pat');
    const byWho = (await report('2027-03-27', '2027-03-31')).money.takings.practitioners;
    expect(byWho.map((p: { id: string; netMinor: number }) => [p.id, p.netMinor])).toContainEqual([f.practitionerId, 4000 + 2500 - 1000]);
    expect(byWho.map((p: { id: string }) => p.id)).not.toContain(f.secondId);
  });

  it('are recomputed when the clinic changes its time zone', async () => {
    t.app.ctx.now = () => at('2027-06-01T12:00:00Z').getTime();
    await t.database.db.update(clinics).set({ timeZone: 'America/New_York' }).where(eq(clinics.id, f.clinicId));
    await expectExact('New York');
    // 23:30 UTC on Saturday 27th is 19:30 in New York (EDT), still Saturday: the card
    // payment stays on the 27th; the cash at 23:30 UTC on the 28th is now on Sunday 28th.
    const days = (await owner.get(`/api/v1/clinics/${f.slug}/reports/practice?startDate=2027-03-27&endDate=2027-03-29`)).json().money.takings.days;
    expect(days.map((d: { date: string; netMinor: number }) => [d.date, d.netMinor])).toEqual([['2027-03-27', 4000], ['2027-03-28', 2500]]);
    await t.database.db.update(clinics).set({ timeZone: 'Europe/London' }).where(eq(clinics.id, f.clinicId));
    await expectExact('London again');
  });
});
