import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bookings, clientPackages, clients, invoices, packageCredits, packageTypes, payments, vouchers } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * The practice report's money figures (issue 14) over the week Monday 8 to Sunday 14 March
 * 2027 (London winter time: local times equal UTC). The ledger rows are written with fixed
 * instants, so nothing depends on when the test runs; the expected figures are worked out
 * by hand in the comments.
 *
 * - Ada: a facial with Pat on Monday, INV-000002 £95, paid £95 by card terminal on Monday;
 *   £20 refunded by card on Wednesday (so £20 is owed again).
 * - Bea: a 10-session facial package, INV-000003 £850, paid online on Tuesday; one session
 *   used on Thursday; two sessions refunded on Friday (credit note £170, £170 back online).
 * - Cal: a £100 gift voucher, INV-000004, cash on Wednesday; a massage with Sam on Saturday,
 *   INV-000005 £60, paid £50 from the voucher and £10 cash.
 * - Dee: a massage with Sam on Thursday, INV-000006 £65, unpaid until the 20th.
 * - Eve: INV-000001 £95 issued 1 January, £45 paid by transfer on 5 January.
 * - Fay: a package that expired in 2026 (no liability); another clinic's takings that week.
 */
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;

const WEEK = '?startDate=2027-03-08&endDate=2027-03-14';
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await buildTestApp();
  [f, other] = await Promise.all([createClinicFixture(t, { slug: 'money-report' }), createClinicFixture(t, { slug: 'money-other' })]);
  owner = await f.signIn('owner');
  const db = t.database.db;
  const names = ['Ada', 'Bea', 'Cal', 'Dee', 'Eve', 'Fay'];
  const rows = await db.insert(clients).values(names.map((name) => ({ clinicId: f.clinicId, name, email: `${name.toLowerCase()}@example.com` }))).returning({ id: clients.id, name: clients.name });
  const client = (name: string) => rows.find((r) => r.name === name)!.id;

  const visit = async (who: string, practitionerId: string, service: string, start: string) => {
    const startsAt = at(start);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const [b] = await db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: service, practitionerId, clientId: client(who), startsAt, endsAt, blockedStart: startsAt, blockedEnd: endsAt, status: 'completed', source: 'staff',
    }).returning({ id: bookings.id });
    return b!.id;
  };
  let number = 0;
  const invoice = async (who: string, totalMinor: number, issuedAt: string, extra: { bookingId?: string; clinicId?: string; clientId?: string } = {}) => {
    number += 1;
    const [row] = await db.insert(invoices).values({
      clinicId: extra.clinicId ?? f.clinicId, kind: 'invoice', number, numberText: `INV-${String(number).padStart(6, '0')}`, clientId: extra.clientId ?? client(who),
      bookingId: extra.bookingId ?? null, currency: 'GBP', totalMinor, vatMinor: 0, netMinor: totalMinor, vatRateBp: 0,
      seller: { name: 'Clinic', address: '1 High Street', companyNumber: null, vatNumber: null, email: 'c@example.com' }, buyer: { name: who, email: `${who.toLowerCase()}@example.com` }, issuedAt: at(issuedAt),
    }).returning({ id: invoices.id });
    return row!.id;
  };
  const pay = async (invoiceId: string, method: 'card_terminal' | 'cash' | 'bank_transfer' | 'online_card' | 'voucher', amountMinor: number, recordedAt: string, extra: { voucherId?: string; clinicId?: string } = {}) => {
    const [row] = await db.insert(payments).values({
      clinicId: extra.clinicId ?? f.clinicId, invoiceId, kind: 'payment', method, amountMinor, currency: 'GBP', voucherId: extra.voucherId ?? null, recordedAt: at(recordedAt),
    }).returning({ id: payments.id });
    return row!.id;
  };
  const refund = (invoiceId: string, refundOf: string, method: 'card_terminal' | 'online_card', amountMinor: number, recordedAt: string) =>
    db.insert(payments).values({ clinicId: f.clinicId, invoiceId, kind: 'refund', method, amountMinor, currency: 'GBP', refundOf, reason: 'Test', recordedAt: at(recordedAt) });

  // Eve, January.
  const eve = await invoice('Eve', 9500, '2027-01-01T00:00:00Z');
  await pay(eve, 'bank_transfer', 4500, '2027-01-05T10:00:00Z');
  // Ada.
  const adaInv = await invoice('Ada', 9500, '2027-03-08T10:30:00Z', { bookingId: await visit('Ada', f.practitionerId, f.services.facial, '2027-03-08T09:30:00Z') });
  const adaPay = await pay(adaInv, 'card_terminal', 9500, '2027-03-08T11:00:00Z');
  await refund(adaInv, adaPay, 'card_terminal', 2000, '2027-03-10T09:00:00Z');
  // Bea's package.
  const [type] = await db.insert(packageTypes).values({ clinicId: f.clinicId, name: 'Facial course of 10', sessions: 10, priceMinor: 85000, validityMonths: 6, serviceIds: [f.services.facial] }).returning({ id: packageTypes.id });
  const beaInv = await invoice('Bea', 85000, '2027-03-09T09:00:00Z');
  const beaPay = await pay(beaInv, 'online_card', 85000, '2027-03-09T09:05:00Z');
  const [held] = await db.insert(clientPackages).values({
    clinicId: f.clinicId, packageTypeId: type!.id, clientId: client('Bea'), name: 'Facial course of 10', sessionsTotal: 10, sessionsUsed: 3, priceMinor: 85000, currency: 'GBP',
    serviceIds: [f.services.facial], invoiceId: beaInv, purchasedAt: at('2027-03-09T09:05:00Z'), expiresAt: at('2027-09-09T22:59:59Z'),
  }).returning({ id: clientPackages.id });
  await db.insert(packageCredits).values([
    { clinicId: f.clinicId, clientPackageId: held!.id, delta: -1, reason: 'attended', at: at('2027-03-11T10:00:00Z') },
    { clinicId: f.clinicId, clientPackageId: held!.id, delta: -2, reason: 'refunded', at: at('2027-03-12T12:00:00Z') },
  ]);
  await db.insert(invoices).values({
    clinicId: f.clinicId, kind: 'credit_note', number: 1, numberText: 'CN-000001', clientId: client('Bea'), correctsInvoiceId: beaInv, currency: 'GBP', totalMinor: 17000, vatMinor: 0, netMinor: 17000, vatRateBp: 0,
    seller: { name: 'Clinic', address: '1 High Street', companyNumber: null, vatNumber: null, email: 'c@example.com' }, buyer: { name: 'Bea', email: 'bea@example.com' }, issuedAt: at('2027-03-12T12:00:00Z'),
  });
  await refund(beaInv, beaPay, 'online_card', 17000, '2027-03-12T12:00:00Z');
  // Cal's voucher, half spent on Saturday.
  const calInv = await invoice('Cal', 10000, '2027-03-10T12:00:00Z');
  await pay(calInv, 'cash', 10000, '2027-03-10T12:00:00Z');
  const [voucher] = await db.insert(vouchers).values({
    clinicId: f.clinicId, code: 'TESTCODE2345ABCD', kind: 'value', initialMinor: 10000, balanceMinor: 5000, currency: 'GBP', invoiceId: calInv, purchaserClientId: client('Cal'),
    issuedAt: at('2027-03-10T12:00:00Z'), expiresAt: at('2028-03-10T23:59:59Z'),
  }).returning({ id: vouchers.id });
  const calVisit = await invoice('Cal', 6000, '2027-03-13T10:00:00Z', { bookingId: await visit('Cal', f.secondId, f.services.massage, '2027-03-13T09:00:00Z') });
  await pay(calVisit, 'voucher', 5000, '2027-03-13T10:00:00Z', { voucherId: voucher!.id });
  await pay(calVisit, 'cash', 1000, '2027-03-13T10:00:00Z');
  // Dee, unpaid until after the week.
  const deeInv = await invoice('Dee', 6500, '2027-03-11T15:00:00Z', { bookingId: await visit('Dee', f.secondId, f.services.massage, '2027-03-11T14:00:00Z') });
  await pay(deeInv, 'card_terminal', 6500, '2027-03-20T10:00:00Z');
  // Fay's package expired long ago.
  const fayInv = await invoice('Fay', 85000, '2026-01-01T10:00:00Z');
  await pay(fayInv, 'cash', 85000, '2026-01-01T10:00:00Z');
  await db.insert(clientPackages).values({
    clinicId: f.clinicId, packageTypeId: type!.id, clientId: client('Fay'), name: 'Facial course of 10', sessionsTotal: 10, priceMinor: 85000, currency: 'GBP',
    serviceIds: [f.services.facial], invoiceId: fayInv, purchasedAt: at('2026-01-01T10:00:00Z'), expiresAt: at('2026-07-01T22:59:59Z'),
  });
  // Another clinic's takings the same week never reach this report.
  const [elsewhere] = await db.insert(clients).values({ clinicId: other.clinicId, name: 'Elsewhere', email: 'else@example.com' }).returning({ id: clients.id });
  const otherInv = await invoice('Elsewhere', 99900, '2027-03-09T10:00:00Z', { clinicId: other.clinicId, clientId: elsewhere!.id });
  await pay(otherInv, 'cash', 50000, '2027-03-09T10:00:00Z', { clinicId: other.clinicId });
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

const url = (query: string, slug = f.slug) => `/api/v1/clinics/${slug}/reports/practice${query}`;

describe(`Money in the practice report (${testDatabaseKind})`, () => {
  it('matches the hand computation for a week', async () => {
    t.app.ctx.now = () => at('2027-04-20T12:00:00Z').getTime();
    const res = await owner.get(url(WEEK));
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json().money;
    expect(m.currency).toBe('GBP');
    expect(m.asOf).toBe('2027-03-15T00:00:00.000Z');
    // Payments 9500 + 85000 + 10000 + 1000 = 105500; refunds 2000 + 17000 = 19000; net 86500.
    expect(m.takings.total).toEqual({ paymentsMinor: 105500, refundsMinor: 19000, netMinor: 86500 });
    expect(m.takings.methods).toEqual([
      { method: 'card_terminal', paymentsMinor: 9500, refundsMinor: 2000, netMinor: 7500 },
      { method: 'cash', paymentsMinor: 11000, refundsMinor: 0, netMinor: 11000 },
      { method: 'bank_transfer', paymentsMinor: 0, refundsMinor: 0, netMinor: 0 },
      { method: 'online_card', paymentsMinor: 85000, refundsMinor: 17000, netMinor: 68000 },
    ]);
    // Pat: Ada's visit 9500 − 2000; Sam: Cal's £10 cash (the voucher's £50 is not money taken);
    // the package and the voucher were for no visit: 85000 − 17000 + 10000.
    expect(m.takings.practitioners).toEqual([
      { id: f.practitionerId, name: 'Pat Practitioner', paymentsMinor: 9500, refundsMinor: 2000, netMinor: 7500 },
      { id: f.secondId, name: 'Sam Second', paymentsMinor: 1000, refundsMinor: 0, netMinor: 1000 },
      { id: null, name: 'Not for a visit (packages, vouchers)', paymentsMinor: 95000, refundsMinor: 17000, netMinor: 78000 },
    ]);
    const none = { card_terminal: 0, cash: 0, bank_transfer: 0, online_card: 0 };
    expect(m.takings.days).toEqual([
      { date: '2027-03-08', ...none, card_terminal: 9500, netMinor: 9500 },
      { date: '2027-03-09', ...none, online_card: 85000, netMinor: 85000 },
      { date: '2027-03-10', ...none, card_terminal: -2000, cash: 10000, netMinor: 8000 },
      { date: '2027-03-12', ...none, online_card: -17000, netMinor: -17000 },
      { date: '2027-03-13', ...none, cash: 1000, netMinor: 1000 },
    ]);
    // A week charts each of its 7 days, the empty ones too.
    expect(m.takings.chart.unit).toBe('day');
    expect(m.takings.chart.periods.map((p: { start: string; netMinor: number }) => [p.start, p.netMinor])).toEqual([
      ['2027-03-08', 9500], ['2027-03-09', 85000], ['2027-03-10', 8000], ['2027-03-11', 0], ['2027-03-12', -17000], ['2027-03-13', 1000], ['2027-03-14', 0],
    ]);
    expect(m.takings.redeemed).toEqual({ voucherMinor: 5000, packageCreditMinor: 0 });

    // Owed at midnight after Sunday: Eve 9500 − 4500 = 5000 (73 days old), Ada 2000 (refunded
    // without a credit note; 6 days), Dee 6500 (paid only on the 20th; 3 days). Bea's invoice:
    // 85000 − 17000 credited − (85000 − 17000) paid = 0. Cal's two: paid.
    expect(m.outstanding.count).toBe(3);
    expect(m.outstanding.totalMinor).toBe(13500);
    expect(m.outstanding.invoices.map((i: { clientName: string; number: string; ageDays: number; outstandingMinor: number }) => [i.clientName, i.number, i.ageDays, i.outstandingMinor]))
      .toEqual([['Eve', 'INV-000001', 73, 5000], ['Ada', 'INV-000002', 6, 2000], ['Dee', 'INV-000006', 3, 6500]]);
    expect(m.outstanding.bands).toEqual([
      { label: '0–30 days', count: 2, totalMinor: 8500 },
      { label: '31–60 days', count: 0, totalMinor: 0 },
      { label: '61–90 days', count: 1, totalMinor: 5000 },
      { label: 'Over 90 days', count: 0, totalMinor: 0 },
    ]);

    // Bea: 10 − 1 used − 2 refunded = 7 sessions at £850 / 10 = 8500 each; Fay's expired; Cal's voucher holds £50.
    expect(m.liability).toEqual({
      totalMinor: 64500,
      packages: { count: 1, sessionsLeft: 7, liabilityMinor: 59500, byPackage: [{ name: 'Facial course of 10', packages: 1, sessionsLeft: 7, liabilityMinor: 59500 }] },
      vouchers: { count: 1, balanceMinor: 5000 },
    });
  });

  it('takes outstanding invoices and liability at the end of a shorter range', async () => {
    t.app.ctx.now = () => at('2027-04-20T12:00:00Z').getTime();
    const m = (await owner.get(url('?startDate=2027-03-08&endDate=2027-03-10'))).json().money;
    expect(m.asOf).toBe('2027-03-11T00:00:00.000Z');
    // Before Thursday: Bea's 10 sessions untouched (85000), Cal's voucher unspent (10000).
    expect(m.liability.totalMinor).toBe(95000);
    expect(m.liability.packages.sessionsLeft).toBe(10);
    expect(m.liability.vouchers).toEqual({ count: 1, balanceMinor: 10000 });
    // Eve 5000 and Ada's 2000 (refunded on Wednesday morning); Dee's invoice is not issued yet.
    expect(m.outstanding.totalMinor).toBe(7000);
    expect(m.takings.total.netMinor).toBe(9500 + 85000 + 10000 - 2000);
  });

  it('exports takings, outstanding invoices and liability as CSV in pounds and pence', async () => {
    t.app.ctx.now = () => at('2027-04-20T12:00:00Z').getTime();
    const csv = async (section: string) => {
      const res = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice/csv${WEEK}&section=${section}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body.split('\r\n');
    };
    const takings = await csv('takings');
    expect(takings[0]).toBe('type,date_or_name,card_terminal_gbp,cash_gbp,bank_transfer_gbp,online_card_gbp,payments_gbp,refunds_gbp,net_gbp');
    expect(takings).toContain('day,2027-03-10,-20.00,100.00,0.00,0.00,,,80.00');
    expect(takings).toContain('practitioner,Pat Practitioner,,,,,95.00,20.00,75.00');
    expect(takings).toContain('total,,75.00,110.00,0.00,680.00,1055.00,190.00,865.00');
    expect(takings).toContain('paid_from_vouchers,,,,,,,,50.00');
    const owed = await csv('outstanding');
    expect(owed).toContain('INV-000001,Eve,2027-01-01T00:00:00.000Z,73,95.00,50.00');
    expect(owed).toContain('total,3 invoices,2027-03-15T00:00:00.000Z,,,135.00');
    const liability = await csv('liability');
    expect(liability).toContain('package,Facial course of 10,1,7,595.00');
    expect(liability).toContain('vouchers,all,1,,50.00');
    expect(liability).toContain('total,at 2027-03-15T00:00:00.000Z,,,645.00');
  });

  it('shows each practitioner their own takings only when the owner allows it', async () => {
    const pat = await f.signIn('practitioner');
    const mine = `/api/v1/clinics/${f.slug}/reports/my-takings${WEEK}`;
    const refused = await pat.get(mine);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/not let practitioners/);
    expect((await pat.get('/api/v1/auth/session')).json().staffOf[0].seesOwnTakings).toBe(false);
    // The whole report stays the owner's (and reception's, when shared).
    expect((await pat.get(url(WEEK))).statusCode).toBe(403);

    const allowed = await owner.patch(`/api/v1/clinics/${f.slug}/settings`, { practitionersSeeOwnTakings: true });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().practitionersSeeOwnTakings).toBe(true);
    expect((await pat.get('/api/v1/auth/session')).json().staffOf[0].seesOwnTakings).toBe(true);
    const own = await pat.get(mine);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().takings.total).toEqual({ paymentsMinor: 9500, refundsMinor: 2000, netMinor: 7500 });
    expect(own.json().takings.practitioners).toEqual([{ id: f.practitionerId, name: 'Pat Practitioner', paymentsMinor: 9500, refundsMinor: 2000, netMinor: 7500 }]);
    const sam = await (await f.signIn('second')).get(mine);
    expect(sam.json().takings.total.netMinor).toBe(1000);
    // The owner reads everyone's in the practice report; reception cannot change the setting.
    expect((await owner.get(mine)).statusCode).toBe(403);
    expect((await (await f.signIn('reception')).patch(`/api/v1/clinics/${f.slug}/settings`, { practitionersSeeOwnTakings: false })).statusCode).toBe(403);
    await owner.patch(`/api/v1/clinics/${f.slug}/settings`, { practitionersSeeOwnTakings: false });
    expect((await pat.get(mine)).statusCode).toBe(403);
  });
});
