import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clients, invoices } from '../../data/schema/index.ts';
import { buildTestApp, testDatabaseKind, type TestClient, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

/**
 * Outstanding invoices beyond the 200 listed: the totals and age bands count every one, the
 * list holds the 200 oldest, and invoices issued at the same instant as the 200th are sorted
 * by number like the rest (the read returns all of them, not one the database picked).
 *
 * 210 unpaid £10 invoices for invoice k = 1 … 210, issued at 10:00 UTC on 1 January 2027
 * plus k days, except k = 200 … 203, issued at the same instant as k = 199. Numbers run
 * backwards (INV-0999 for k = 1), so among the five tied ones the lowest numbers are the
 * latest k. The report's moment is midnight after 31 August (BST): 2027-08-31T23:00Z, 242
 * days and 13 hours after 1 January 10:00, so invoice k is 242 − k days old (k = 199 … 203: 43).
 */
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'outstanding-listed' });
  owner = await f.signIn('owner');
  const db = t.database.db;
  const [client] = await db.insert(clients).values({ clinicId: f.clinicId, name: 'Ada', email: 'ada@example.com' }).returning({ id: clients.id });
  const day = (k: number) => new Date(Date.parse('2027-01-01T10:00:00Z') + k * 86_400_000);
  await db.insert(invoices).values(Array.from({ length: 210 }, (_, i) => {
    const k = i + 1;
    return {
      clinicId: f.clinicId, kind: 'invoice' as const, number: k, numberText: `INV-${String(1000 - k).padStart(4, '0')}`, clientId: client!.id,
      currency: 'GBP', totalMinor: 1000, vatMinor: 0, netMinor: 1000, vatRateBp: 0,
      seller: { name: 'Clinic', address: '1 High Street', companyNumber: null, vatNumber: null, email: 'c@example.com' }, buyer: { name: 'Ada', email: 'ada@example.com' },
      issuedAt: day(k >= 200 && k <= 203 ? 199 : k),
    };
  }));
});
afterEach(() => { t.app.ctx.now = undefined; });
afterAll(() => t.close());

describe(`outstanding invoices beyond the listed 200 (${testDatabaseKind})`, () => {
  it('counts them all, lists the 200 oldest and sorts ties at the edge by number', async () => {
    t.app.ctx.now = () => Date.parse('2027-10-01T12:00:00Z');
    const res = await owner.get(`/api/v1/clinics/${f.slug}/reports/practice?startDate=2027-08-01&endDate=2027-08-31`);
    expect(res.statusCode).toBe(200);
    const o = res.json().money.outstanding;
    expect(o.count).toBe(210);
    expect(o.totalMinor).toBe(210_000);
    // Ages 32 … 241: 31–60 days k = 182 … 210 (29), 61–90 days k = 152 … 181 (30), over 90 k = 1 … 151.
    expect(o.bands).toEqual([
      { label: '0–30 days', count: 0, totalMinor: 0 },
      { label: '31–60 days', count: 29, totalMinor: 29_000 },
      { label: '61–90 days', count: 30, totalMinor: 30_000 },
      { label: 'Over 90 days', count: 151, totalMinor: 151_000 },
    ]);
    expect(o.invoices).toHaveLength(200);
    expect(o.invoices[0]).toMatchObject({ number: 'INV-0999', ageDays: 241, outstandingMinor: 1000, clientName: 'Ada' });
    // k = 198 is 198th; then the five issued together, by number: INV-0797 (k = 203), INV-0798 (k = 202).
    expect(o.invoices.slice(197).map((i: { number: string; ageDays: number }) => [i.number, i.ageDays])).toEqual([
      ['INV-0802', 44], ['INV-0797', 43], ['INV-0798', 43],
    ]);
  });
});
