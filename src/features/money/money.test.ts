import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { clientPackages, vouchers } from '../../data/schema/index.ts';
import { auditLog, bookings, clinics, invoices, payments } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let pat: TestClient;
let client: Awaited<ReturnType<typeof addClientWithAccount>>;
let second: Awaited<ReturnType<typeof addClientWithAccount>>;
let clientApi: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'money-clinic' });
  other = await createClinicFixture(t, { slug: 'money-other' });
  [owner, reception, pat] = await Promise.all([f.signIn('owner'), f.signIn('reception'), f.signIn('practitioner')]);
  client = await addClientWithAccount(t, f, 'Mia Client', 'mia@example.com');
  second = await addClientWithAccount(t, f, 'Noor Second', 'noor@example.com');
  clientApi = await client.signIn();
});
afterAll(() => t.close());

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const massage = () => ({ kind: 'service', serviceId: f.services.massage });
const sell = (who: TestClient, items: unknown[], clientId = client.clientId, headers?: Record<string, string>) => who.post(url('/sales'), { clientId, items }, headers);
const count = async (table: typeof invoices | typeof payments | typeof vouchers | typeof clientPackages) => (await t.database.db.select().from(table)).length;
const expectProblem = (r: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/problem\+json/);
};

describe('invoices', () => {
  it('are described in the OpenAPI document, request and response', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    const sale = doc.paths['/api/v1/clinics/{clinicSlug}/sales'].post;
    expect(sale.requestBody.content['application/json'].schema.properties).toHaveProperty('items');
    expect(sale.responses).toHaveProperty('201');
    expect(doc.paths['/api/v1/clinics/{clinicSlug}/invoices/{invoiceId}/payments'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('parts');
  });

  it('issues numbered invoices with the clinic’s legal details and VAT, and a PDF', async () => {
    const settings = await owner.request('PUT', url('/billing'), {
      legalName: 'Calm Acupuncture Ltd', legalAddress: '1 High Street, Bath BA1 1AA', companyNumber: '01234567', vatRegistered: true, vatNumber: '123456789',
      vatRateBp: 2000, lateCancelDrawsCredit: true, noShowDrawsCredit: false, voucherValidityMonths: 12,
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ vatNumber: 'GB123456789', invoicePrefix: 'INV' });
    const first = await sell(reception, [massage(), { ...massage(), quantity: 2 }]);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      number: 'INV-000001', totalMinor: 19500, vatMinor: 1083 + 2167, netMinor: 19500 - 3250, outstandingMinor: 19500, state: 'unpaid',
      seller: { name: 'Calm Acupuncture Ltd', vatNumber: 'GB123456789', companyNumber: '01234567' },
    });
    expect((await sell(reception, [massage()])).json().number).toBe('INV-000002');
    const pdf = await reception.get(url(`/invoices/${first.json().id}/pdf`));
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'invoice.issue'), eq(auditLog.entityId, first.json().id)));
    expect(audit).toHaveLength(1);
  });

  it('returns the first invoice for a repeated Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'sale-key-12345' };
    const a = await sell(reception, [massage()], client.clientId, key);
    const b = await sell(reception, [massage()], client.clientId, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
  });

  it('refuses bad amounts, quantities, currencies and other clinics’ records with 4xx, writing nothing', async () => {
    const before = await count(invoices);
    for (const items of [[{ ...massage(), quantity: -1 }], [{ ...massage(), quantity: 1.5 }], [{ kind: 'voucher', amountMinor: -500 }], [{ kind: 'voucher', amountMinor: 10.5 }],
      [{ kind: 'service', serviceId: other.services.massage }], [], [{ kind: 'voucher', serviceId: f.services.consultation }]]) {
      const r = await sell(reception, items);
      expect([400, 422], JSON.stringify(items)).toContain(r.statusCode);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
    }
    expectProblem(await reception.post(url('/sales'), { clientId: client.clientId, currency: 'USD', items: [massage()] }), 422);
    expect(await count(invoices)).toBe(before);
    expectProblem(await sell(pat, [massage()]), 403);
  });

  it('corrects an invoice only with a credit note from its own series (owner only)', async () => {
    const inv = (await sell(reception, [massage()])).json();
    expectProblem(await reception.post(url(`/invoices/${inv.id}/credit-notes`), { amountMinor: 1000, currency: 'GBP', reason: 'Goodwill' }), 403);
    expectProblem(await owner.post(url(`/invoices/${inv.id}/credit-notes`), { amountMinor: 6501, currency: 'GBP', reason: 'Too much' }), 422);
    const cn = await owner.post(url(`/invoices/${inv.id}/credit-notes`), { amountMinor: 1500, currency: 'GBP', reason: 'Session ran short' });
    expect(cn.statusCode).toBe(201);
    expect(cn.json()).toMatchObject({ kind: 'credit_note', number: 'CN-000001', totalMinor: 1500, correctsInvoiceId: inv.id });
    const after = (await reception.get(url(`/invoices/${inv.id}`))).json();
    expect(after).toMatchObject({ totalMinor: 6500, creditedMinor: 1500, outstandingMinor: 5000, creditNotes: [{ number: 'CN-000001' }] });
  });
});

describe('desk payments and refunds', () => {
  it('takes a split payment, never more than is owed; the owner refunds part, once', async () => {
    const inv = (await sell(reception, [massage()])).json();
    expectProblem(await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 6501 }] }), 422);
    expectProblem(await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'EUR', parts: [{ method: 'cash', amountMinor: 100 }] }), 422);
    expectProblem(await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 0 }] }), 400);
    expectProblem(await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'online_card', amountMinor: 100 }] }), 400);
    expect(await count(payments)).toBe(0);
    const paid = await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'card_terminal', amountMinor: 4000, reference: 'T-889' }, { method: 'cash', amountMinor: 2500 }] });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ state: 'paid', paidMinor: 6500, outstandingMinor: 0 });
    expectProblem(await reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 1 }] }), 422);
    const card = paid.json().payments.find((p: { method: string }) => p.method === 'card_terminal');
    expectProblem(await reception.post(url(`/payments/${card.id}/refunds`), { amountMinor: 1000, currency: 'GBP', reason: 'Short session' }), 403);
    expect((await owner.post(url(`/payments/${card.id}/refunds`), { amountMinor: 3000, currency: 'GBP', reason: 'Short session' })).statusCode).toBe(201);
    expectProblem(await owner.post(url(`/payments/${card.id}/refunds`), { amountMinor: 1001, currency: 'GBP', reason: 'Again' }), 409);
    const after = (await reception.get(url(`/invoices/${inv.id}`))).json();
    expect(after).toMatchObject({ paidMinor: 3500, outstandingMinor: 3000, state: 'part_paid' });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'payment.refund'));
    expect(audit).toHaveLength(1);
    expect((await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'payment.record'))).length).toBeGreaterThanOrEqual(2);
  });

  it('shows a client their own invoices only', async () => {
    const mine = (await sell(reception, [massage()])).json();
    const theirs = (await sell(reception, [massage()], second.clientId)).json();
    expect((await clientApi.get(url(`/invoices/${mine.id}`))).statusCode).toBe(200);
    expectProblem(await clientApi.get(url(`/invoices/${theirs.id}`)), 404);
    expectProblem(await clientApi.get(url('/invoices')), 404);
    const me = (await clientApi.get(url('/me/money'))).json();
    expect(me.invoices.every((i: { clientId: string }) => i.clientId === client.clientId)).toBe(true);
    expect(me.invoices.length).toBeGreaterThan(0);
    // An unpaid invoice is paid at the clinic (issued invoices are not paid online): the clinic's phone and e-mail to ask.
    expect(me.invoices.find((i: { id: string }) => i.id === mine.id)).toMatchObject({ state: 'unpaid', outstandingMinor: 6500 });
    await t.database.db.update(clinics).set({ phone: '+442071234567' }).where(eq(clinics.id, f.clinicId));
    const [clinic] = await t.database.db.select().from(clinics).where(eq(clinics.id, f.clinicId));
    expect((await clientApi.get(url('/me/money'))).json().payAtClinic).toEqual({ phone: '+442071234567', email: clinic!.email });
  });
});

describe('packages', () => {
  let typeId: string;
  it('the owner defines a package covering facial sessions and a complementary massage; reception cannot', async () => {
    const body = { name: 'Facial course of 10', sessions: 10, priceMinor: 85000, validityMonths: 6, serviceIds: [f.services.facial, f.services.massage] };
    expectProblem(await reception.post(url('/package-types'), body), 403);
    expectProblem(await owner.post(url('/package-types'), { ...body, sessions: -2 }), 400);
    expectProblem(await owner.post(url('/package-types'), { ...body, serviceIds: [other.services.facial] }), 422);
    const res = await owner.post(url('/package-types'), body);
    expect(res.statusCode).toBe(201);
    typeId = res.json().items[0].id;
  });

  it('sold at the desk; an attended session draws one credit, undo gives it back; paying with a session; refund part; transfer', async () => {
    const sale = await sell(reception, [{ kind: 'package', packageTypeId: typeId }]);
    expect(sale.json()).toMatchObject({ totalMinor: 85000, lines: [{ kind: 'package' }] });
    await reception.post(url(`/invoices/${sale.json().id}/payments`), { currency: 'GBP', parts: [{ method: 'card_terminal', amountMinor: 85000 }] });
    const [held] = (await reception.get(url(`/clients/${client.clientId}/packages`))).json().items;
    expect(held).toMatchObject({ sessionsTotal: 10, remaining: 10, status: 'active', expired: false });

    // A facial that started a minute ago (so the undo below is on the same clinic day), marked completed at the desk.
    const startsAt = new Date(Date.now() - 60_000);
    const [b] = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.practitionerId, clientId: client.clientId, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000),
      blockedStart: startsAt, blockedEnd: new Date(startsAt.getTime() + 3_600_000), status: 'arrived', source: 'staff',
    }).returning({ id: bookings.id });
    expect((await reception.post(url(`/bookings/${b!.id}/status`), { status: 'completed' })).statusCode).toBe(200);
    const afterVisit = (await clientApi.get(url('/me/money'))).json().packages[0];
    expect(afterVisit).toMatchObject({ remaining: 9, history: [{ delta: -1, reason: 'attended', bookingId: b!.id }] });
    expect((await reception.post(url(`/bookings/${b!.id}/status/undo`))).statusCode).toBeLessThan(300);
    expect((await reception.get(url(`/clients/${client.clientId}/packages`))).json().items[0].remaining).toBe(10);

    // A massage paid with a package session at the desk.
    const visit = (await sell(reception, [massage()])).json();
    const paid = await reception.post(url(`/invoices/${visit.id}/payments`), { currency: 'GBP', parts: [{ method: 'package_credit', amountMinor: 6500, clientPackageId: held.id }] });
    expect(paid.json().state).toBe('paid');
    expect((await reception.get(url(`/clients/${client.clientId}/packages`))).json().items[0].remaining).toBe(9);

    // The owner refunds two sessions: a credit note, money back on the card, sessions gone.
    expectProblem(await reception.post(url(`/client-packages/${held.id}/refund`), { sessions: 2, amountMinor: 17000, currency: 'GBP', reason: 'Moving away' }), 403);
    expectProblem(await owner.post(url(`/client-packages/${held.id}/refund`), { sessions: 20, amountMinor: 17000, currency: 'GBP', reason: 'Moving away' }), 422);
    const refund = await owner.post(url(`/client-packages/${held.id}/refund`), { sessions: 2, amountMinor: 17000, currency: 'GBP', reason: 'Moving away' });
    expect(refund.statusCode).toBe(201);
    const pkgInvoice = (await reception.get(url(`/invoices/${sale.json().id}`))).json();
    expect(pkgInvoice).toMatchObject({ creditedMinor: 17000, paidMinor: 68000, outstandingMinor: 0 });
    expect((await reception.get(url(`/clients/${client.clientId}/packages`))).json().items[0].remaining).toBe(7);

    // Transferred to another client of the clinic.
    const moved = await owner.post(url(`/client-packages/${held.id}/transfer`), { toClientId: second.clientId });
    expect(moved.statusCode).toBe(201);
    const theirs = (await reception.get(url(`/clients/${second.clientId}/packages`))).json().items;
    expect(theirs).toMatchObject([{ remaining: 7, status: 'active', priceMinor: 7 * 8500 }]);
    expect((await reception.get(url(`/clients/${client.clientId}/packages`))).json().items[0]).toMatchObject({ status: 'transferred', remaining: 0 });
  });
});

describe('packages and the cancellation policy', () => {
  /** A one-hour facial for the second client (who now holds the transferred package), `offsetMin` from now. */
  async function facialFor(offsetMin: number, status: 'confirmed' | 'arrived') {
    const startsAt = new Date(Date.now() + offsetMin * 60_000);
    const endsAt = new Date(startsAt.getTime() + 3_600_000);
    const [b] = await t.database.db.insert(bookings).values({
      clinicId: f.clinicId, serviceId: f.services.facial, practitionerId: f.secondId, clientId: second.clientId, startsAt, endsAt,
      blockedStart: startsAt, blockedEnd: endsAt, status, source: 'staff', cancellationWindowHours: 24,
    }).returning({ id: bookings.id });
    return b!.id;
  }
  const remaining = async () => (await reception.get(url(`/clients/${second.clientId}/packages`))).json().items[0].remaining as number;

  it('a late cancellation uses a session when the policy says so; a no-show does not when it says not', async () => {
    const before = await remaining();
    const late = await facialFor(180, 'confirmed');
    const cancelled = await reception.post(url(`/bookings/${late}/cancel`), {});
    expect(cancelled.statusCode).toBe(200);
    expect(await remaining()).toBe(before - 1);
    // This clinic's policy (set above): a no-show does not use a session.
    const missed = await facialFor(-2, 'confirmed');
    expect((await reception.post(url(`/bookings/${missed}/status`), { status: 'no_show' })).statusCode).toBe(200);
    expect(await remaining()).toBe(before - 1);
    const history = (await reception.get(url(`/clients/${second.clientId}/packages`))).json().items[0].history;
    expect(history.at(-1)).toMatchObject({ delta: -1, reason: 'late_cancel', bookingId: late });
  });
});

describe('gift vouchers', () => {
  it('sells a voucher with an unguessable code valid 12 months; half redeemed keeps the rest; another clinic cannot use it', async () => {
    const sale = await sell(reception, [{ kind: 'voucher', amountMinor: 10000, recipientName: 'Ana' }]);
    expect(sale.statusCode).toBe(201);
    expect(sale.json().vatMinor).toBe(0);
    const code: string = sale.json().vouchers[0].code;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    const expires = new Date(sale.json().vouchers[0].expiresAt).getTime();
    expect(expires - Date.now()).toBeGreaterThan(364 * 86_400_000);
    await reception.post(url(`/invoices/${sale.json().id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 10000 }] });

    const visit = (await sell(reception, [massage()])).json();
    const half = await reception.post(url(`/invoices/${visit.id}/payments`), { currency: 'GBP', parts: [{ method: 'voucher', amountMinor: 5000, voucherCode: code.toLowerCase() }, { method: 'card_terminal', amountMinor: 1500 }] });
    expect(half.statusCode).toBe(201);
    expect((await reception.get(url(`/vouchers/${code}`))).json()).toMatchObject({ balanceMinor: 5000, initialMinor: 10000 });
    expectProblem(await reception.get(url(`/vouchers/${code}`, other.slug)), 404);
    const otherDesk = await other.signIn('reception');
    const otherClient = await addClientWithAccount(t, other, 'Other Client', 'other.client@example.com');
    const theirVisit = (await otherDesk.post(url('/sales', other.slug), { clientId: otherClient.clientId, items: [{ kind: 'service', serviceId: other.services.massage }] })).json();
    expectProblem(await otherDesk.post(url(`/invoices/${theirVisit.id}/payments`, other.slug), { currency: 'GBP', parts: [{ method: 'voucher', amountMinor: 100, voucherCode: code }] }), 422);
    expect((await reception.get(url(`/vouchers/${code}`))).json().balanceMinor).toBe(5000);
  });

  it('lets exactly one of two simultaneous redemptions of the same voucher win', async () => {
    const sale = (await sell(reception, [{ kind: 'voucher', amountMinor: 6500 }])).json();
    const code = sale.vouchers[0].code;
    const a = (await sell(reception, [massage()])).json();
    const b = (await sell(reception, [massage()])).json();
    const [ra, rb] = await Promise.all([a, b].map((inv) => reception.post(url(`/invoices/${inv.id}/payments`), { currency: 'GBP', parts: [{ method: 'voucher', amountMinor: 6500, voucherCode: code }] })));
    expect([ra!.statusCode, rb!.statusCode].sort()).toEqual([201, 409]);
    expect((await reception.get(url(`/vouchers/${code}`))).json().balanceMinor).toBe(0);
    const spent = await t.database.db.select().from(payments).where(eq(payments.method, 'voucher'));
    expect(spent.filter((p) => p.invoiceId === a.id || p.invoiceId === b.id)).toHaveLength(1);
  });
});
