import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLog, bookingPayments, bookings, clients, invoices, payments } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { bookingToken, createClinicFixture, localSlot, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { completedEvent, FakeStripe, SECRET, WEBHOOK } from './stripe.test-helpers.ts';

/**
 * A deposit or the full price paid at online booking, through the real `stripe` SDK pointed
 * at a local Stripe-like server; webhooks signed with the SDK's own helper.
 */
let fake: FakeStripe;
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
const signer = new Stripe('sk_test_signer');

beforeAll(async () => {
  fake = new FakeStripe();
  t = await buildTestApp({ STRIPE_API_BASE: await fake.listen(), BOOKING_PER_IP_PER_HOUR: '1000', BOOKING_PER_EMAIL_PER_HOUR: '100' });
  f = await createClinicFixture(t, { slug: 'deposit-clinic' });
  [owner, reception] = await Promise.all([f.signIn('owner'), f.signIn('reception')]);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => fake.server.close(resolve));
});

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const expectProblem = (r: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/problem\+json/);
};
// Each booking its own hour on Mondays and Tuesdays, weeks apart: never two tests on one slot.
let n = 0;
const nextStart = () => localSlot(f.timeZone, 1 + (n % 2), `${String(9 + (Math.floor(n++ / 2) % 4)).padStart(2, '0')}:00`, 3 + 7 * Math.floor(n / 8));
const book = (body: Record<string, unknown>, email = `visitor${n}@example.com`) => t.client().post(url('/bookings'), {
  serviceId: f.services.massage, practitionerId: f.secondId, start: nextStart(), client: { name: 'Vera Visitor', email }, ...body,
});
const statusOf = async (id: string) => (await t.database.db.select().from(bookings).where(and(eq(bookings.clinicId, f.clinicId), eq(bookings.id, id))))[0]!.status;
const postWebhook = (payload: string) => t.app.inject({
  method: 'POST', url: url('/stripe/webhook'), payload,
  headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK }) },
});
const count = async (table: typeof payments | typeof invoices) => (await t.database.db.select().from(table)).length;

describe('without Stripe keys', () => {
  it('a service set to take a deposit books as before and nothing mentions paying online', async () => {
    const set = await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'deposit', depositMinor: 2000 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ onlinePayment: 'deposit', depositMinor: 2000, payOnline: null });
    const listed = (await t.client().get(url('/services'))).json().items;
    expect(listed.every((s: { payOnline: unknown }) => s.payOnline === null)).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book` });
    expect(page.body).not.toMatch(/a deposit of|by card/i);
    const r = await book({});
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'held' });
    expect(r.json().payment).toBeUndefined();
    expect(fake.keysSeen).toHaveLength(0);
    expectProblem(await book({ voucherCode: 'ABCD-EFGH-JKMN-PQRS' }), 422);
  });
});

describe('with Stripe keys', () => {
  beforeAll(async () => {
    expect((await owner.request('PUT', url('/billing/stripe'), { secretKey: SECRET, webhookSecret: WEBHOOK })).statusCode).toBe(200);
  });

  it('only the owner sets a service’s payment, and a deposit above the price is refused', async () => {
    expectProblem(await reception.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'full' }), 403);
    expectProblem(await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'deposit', depositMinor: 7000 }), 422);
    expectProblem(await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'deposit', depositMinor: null }), 422);
    const listed = (await t.client().get(url('/services'))).json().items;
    expect(listed.find((s: { id: string }) => s.id === f.services.massage).payOnline).toEqual({ kind: 'deposit', amountMinor: 2000 });
    expect(listed.find((s: { id: string }) => s.id === f.services.consultation).payOnline).toBeNull();
  });

  it('a visitor’s booking is held, sent to Stripe for the deposit, and confirmed once by the signed webhook', async () => {
    const r = await book({}, 'dana@example.com');
    expect(r.statusCode).toBe(201);
    const { id, payment } = r.json();
    expect(r.json().status).toBe('held');
    expect(payment).toMatchObject({ kind: 'deposit', dueMinor: 2000, voucherMinor: 0, cardMinor: 2000, currency: 'GBP', checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//) });
    const sessionId = payment.checkoutUrl.split('/').pop();
    expect(fake.sessions.get(sessionId)).toMatchObject({ amount_total: 2000, metadata: { clinicId: f.clinicId, bookingId: id }, customer_email: 'dana@example.com' });
    // The e-mail link does not confirm it: the payment does.
    const [hold] = await t.emailsTo('dana@example.com');
    expect(hold!.text).toContain('until the deposit of £20.00 is paid');
    expectProblem(await t.client().post(url(`/booking-links/${bookingToken(hold!.text, 'manage')}/confirm`), {}), 409);
    expect(await statusOf(id)).toBe('held');

    const event = completedEvent(fake.pay(sessionId), 'evt_deposit_1');
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: false });
    expect(await statusOf(id)).toBe('confirmed');
    const [bp] = await t.database.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, id));
    const invoice = (await reception.get(url(`/invoices/${bp!.invoiceId}`))).json();
    expect(invoice).toMatchObject({ state: 'part_paid', totalMinor: 6500, payments: [{ method: 'online_card', amountMinor: 2000 }] });
    expect(invoice.outstandingMinor ?? invoice.totalMinor - 2000).toBe(4500);
    const subjects = (await t.emailsTo('dana@example.com')).map((m) => m.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects).toEqual(expect.arrayContaining([expect.stringMatching(/^Your booking at .*: Monday/), expect.stringContaining('is held until it is paid')]));

    // The same event again, a new event for it, and the return page: nothing changes.
    const before = { payments: await count(payments), invoices: await count(invoices) };
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: true });
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!, 'evt_deposit_2'))).json()).toEqual({ received: true, duplicate: false });
    const back = await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=${sessionId}` });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('You are booked in');
    expect({ payments: await count(payments), invoices: await count(invoices) }).toEqual(before);
  });

  it('the return page records a payment whose webhook never came', async () => {
    const { id, payment } = (await book({}, 'rory@example.com')).json();
    const sessionId = payment.checkoutUrl.split('/').pop();
    const waiting = await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=${sessionId}` });
    expect(waiting.body).toContain('Waiting for your payment');
    fake.pay(sessionId);
    const back = await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=${sessionId}` });
    expect(back.body).toContain('You are booked in');
    expect(await statusOf(id)).toBe('confirmed');
    const before = await count(payments);
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!, 'evt_late_1'))).statusCode).toBe(200);
    expect(await count(payments)).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=cs_test_unknown` })).statusCode).toBe(404);
  });

  it('an unpaid hold is released like an unconfirmed one, and its slot can be booked again', async () => {
    const start = nextStart();
    const first = (await t.client().post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Slow Payer', email: 'slow@example.com' } })).json();
    expect(first.status).toBe('held');
    // Held for the Checkout page's 30 minutes at least; then the hold runs out.
    expect(new Date(first.holdExpiresAt).getTime() - Date.now()).toBeGreaterThan(30 * 60_000);
    expectProblem(await t.client().post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Next', email: 'next@example.com' } }), 409);
    await t.database.db.update(bookings).set({ holdExpiresAt: new Date(Date.now() - 1000) }).where(eq(bookings.id, first.id));
    const again = await t.client().post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Next', email: 'next@example.com' } });
    expect(again.statusCode).toBe(201);
    expect(await statusOf(first.id)).toBe('expired');
    // Paid after all, too late: the booking stays released, the money goes straight back through
    // Stripe, once, the invoice is credited, and the client is told by e-mail.
    const sessionId = first.payment.checkoutUrl.split('/').pop();
    const refunds = fake.refunds.length;
    const event = completedEvent(fake.pay(sessionId), 'evt_after_release');
    expect((await postWebhook(event)).statusCode).toBe(200);
    expect(await statusOf(first.id)).toBe('expired');
    expect(fake.refunds.slice(refunds)).toEqual([{ payment_intent: `pi_${sessionId.slice(3)}`, amount: 2000 }]);
    const [bp] = await t.database.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, first.id));
    expect((await reception.get(url(`/invoices/${bp!.invoiceId}`))).json()).toMatchObject({ paidMinor: 0, outstandingMinor: 0, creditedMinor: 6500, payments: [{ refundedMinor: 2000 }, { kind: 'refund', amountMinor: 2000 }] });
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, first.id), inArray(auditLog.action, ['booking.paid_after_release', 'booking.refund_on_cancel'])));
    expect(audit.map((a) => a.action).sort()).toEqual(['booking.paid_after_release', 'booking.refund_on_cancel']);
    const mails = (await t.emailsTo('slow@example.com')).filter((m) => m.subject.startsWith('Payment refunded'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Payment refunded: your booking at ' + mails[0]!.subject.split(' at ')[1]);
    expect(mails[0]!.text).toContain('We received your payment of £20.00');
    expect(mails[0]!.text).toContain('the time to pay had run out');
    expect(mails[0]!.text).toContain('the £20.00 has been refunded the way you paid it');
    expect(mails[0]!.text).toContain(`/clinics/${f.slug}/book`);
    const back = await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=${sessionId}` });
    expect(back.body).toContain('no longer held for you');
    expect(back.body).toContain('£20.00 has been refunded the way you paid it');
    // Delivered again: nothing more goes back and no second e-mail.
    expect((await postWebhook(event)).json().duplicate).toBe(true);
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!, 'evt_after_release_2'))).statusCode).toBe(200);
    expect(fake.refunds.length).toBe(refunds + 1);
    expect((await t.emailsTo('slow@example.com')).filter((m) => m.subject.startsWith('Payment refunded'))).toHaveLength(1);
  });

  it('when Stripe does not answer, the hold is released at once and nothing is charged (502)', async () => {
    const start = nextStart();
    fake.failing = true;
    try {
      const r = await t.client().post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Down', email: 'down@example.com' } });
      expectProblem(r, 502);
    } finally {
      fake.failing = false;
    }
    const r = await t.client().post(url('/bookings'), { serviceId: f.services.massage, practitionerId: f.secondId, start, client: { name: 'Down', email: 'down@example.com' } });
    expect(r.statusCode).toBe(201);
  });

  it('a gift voucher pays part of the price and the card the rest; one that covers it all confirms at once; a spent one is refused', async () => {
    await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'full' });
    const client = (await reception.post(url('/clients'), { name: 'Gift Giver', email: 'giver@example.com' })).json();
    const sale = (await reception.post(url('/sales'), { clientId: client.id, items: [{ kind: 'voucher', amountMinor: 10000 }] })).json();
    await reception.post(url(`/invoices/${sale.id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 10000 }] });
    const code: string = sale.vouchers[0].code;

    const covered = await book({ voucherCode: code.toLowerCase() }, 'gift1@example.com');
    expect(covered.statusCode).toBe(201);
    expect(covered.json()).toMatchObject({ status: 'confirmed', payment: { kind: 'full', dueMinor: 6500, voucherMinor: 6500, cardMinor: 0, checkoutUrl: null } });
    expect((await reception.get(url(`/vouchers/${code}`))).json().balanceMinor).toBe(3500);

    const part = await book({ voucherCode: code }, 'gift2@example.com');
    expect(part.json()).toMatchObject({ status: 'held', payment: { voucherMinor: 3500, cardMinor: 3000 } });
    const sessionId = part.json().payment.checkoutUrl.split('/').pop();
    expect(fake.sessions.get(sessionId)!.amount_total).toBe(3000);
    await postWebhook(completedEvent(fake.pay(sessionId), 'evt_gift_2'));
    expect(await statusOf(part.json().id)).toBe('confirmed');
    expect((await reception.get(url(`/vouchers/${code}`))).json().balanceMinor).toBe(0);
    const [bp] = await t.database.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, part.json().id));
    expect((await reception.get(url(`/invoices/${bp!.invoiceId}`))).json()).toMatchObject({ state: 'paid', payments: [{ method: 'voucher', amountMinor: 3500 }, { method: 'online_card', amountMinor: 3000 }] });

    const before = await count(invoices);
    expectProblem(await book({ voucherCode: code }, 'gift3@example.com'), 422);
    expectProblem(await book({ voucherCode: 'NOPE-NOPE-NOPE-NOPE' }, 'gift3@example.com'), 422);
    expect(await count(invoices)).toBe(before);
  });

  it('two bookings spending the same voucher at once: one wins, the other is refused and its hold released', async () => {
    const client = (await reception.post(url('/clients'), { name: 'Race Giver', email: 'race.giver@example.com' })).json();
    const sale = (await reception.post(url('/sales'), { clientId: client.id, items: [{ kind: 'voucher', amountMinor: 6500 }] })).json();
    await reception.post(url(`/invoices/${sale.id}/payments`), { currency: 'GBP', parts: [{ method: 'cash', amountMinor: 6500 }] });
    const code: string = sale.vouchers[0].code;
    const [a, b] = await Promise.all([book({ voucherCode: code }, 'race1@example.com'), book({ voucherCode: code }, 'race2@example.com')]);
    // The loser is refused before its hold (the voucher is empty: 422) or after it (spent meanwhile: 409, hold released).
    expect([a.statusCode, b.statusCode].filter((s) => s === 201)).toHaveLength(1);
    expect([409, 422]).toContain(a.statusCode === 201 ? b.statusCode : a.statusCode);
    expect((await reception.get(url(`/vouchers/${code}`))).json().balanceMinor).toBe(0);
    const lost = a.statusCode === 201 ? 'race2@example.com' : 'race1@example.com';
    const live = await t.database.db.select({ id: bookings.id }).from(bookings).innerJoin(clients, and(eq(clients.clinicId, bookings.clinicId), eq(clients.id, bookings.clientId)))
      .where(and(eq(clients.email, lost), inArray(bookings.status, ['held', 'confirmed'])));
    expect(live).toHaveLength(0);
  });

  it('the free consultation asks nothing, and the owner refunds a deposit through Stripe', async () => {
    const free = await t.client().post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: nextStart(), client: { name: 'Free', email: 'free@example.com' } });
    expect(free.json().payment).toBeUndefined();
    const [paid] = await t.database.db.select().from(payments).where(and(eq(payments.clinicId, f.clinicId), eq(payments.method, 'online_card')));
    expectProblem(await reception.post(url(`/payments/${paid!.id}/refunds`), { amountMinor: 2000, currency: 'GBP', reason: 'Cancelled in time' }), 403);
    expect((await owner.post(url(`/payments/${paid!.id}/refunds`), { amountMinor: 2000, currency: 'GBP', reason: 'Cancelled in time' })).statusCode).toBe(201);
    expect(fake.refunds.at(-1)).toEqual({ payment_intent: expect.stringMatching(/^pi_/), amount: 2000 });
  });
});

describe('cancelling a booking paid online', () => {
  beforeAll(async () => {
    expect((await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'deposit', depositMinor: 2000 })).statusCode).toBe(200);
  });

  /** A visitor's booking with its deposit paid by the signed webhook; the manage link from the confirmation. */
  const paidBooking = async (email: string) => {
    const { id, payment } = (await book({}, email)).json();
    const sessionId: string = payment.checkoutUrl.split('/').pop();
    const event = completedEvent(fake.pay(sessionId), `evt_paid_${sessionId}`);
    expect((await postWebhook(event)).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('confirmed');
    const confirmation = (await t.emailsTo(email)).find((m) => m.subject.startsWith('Your booking at'))!;
    const [bp] = await t.database.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, id));
    return { id, sessionId, event, invoiceId: bp!.invoiceId!, token: bookingToken(confirmation.text, 'manage') };
  };
  const invoiceOf = async (id: string) => (await reception.get(url(`/invoices/${id}`))).json();
  const cancellationMail = async (email: string) => (await t.emailsTo(email)).find((m) => m.subject.startsWith('Cancelled:'))!;

  it('cancelled by the client in time: the deposit goes back through Stripe once, the invoice is credited, and the client is told', async () => {
    const b = await paidBooking('refund.me@example.com');
    // Before cancelling, the booking says what was paid online (the page tells the client it goes back).
    expect((await t.client().get(url(`/booking-links/${b.token}`))).json()).toMatchObject({ paidOnline: { amountMinor: 2000, currency: 'GBP' } });
    const r = await t.client().post(url(`/booking-links/${b.token}/cancel`), {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'cancelled', lateCancellation: false, payment: { paidMinor: 2000, refundedMinor: 2000, keptMinor: 0, currency: 'GBP' } });
    expect(fake.refunds.at(-1)).toEqual({ payment_intent: `pi_${b.sessionId.slice(3)}`, amount: 2000 });
    const invoice = await invoiceOf(b.invoiceId);
    expect(invoice).toMatchObject({ state: 'credited', totalMinor: 6500, creditedMinor: 6500, paidMinor: 0, outstandingMinor: 0, creditNotes: [{ totalMinor: 6500 }] });
    expect(invoice.payments).toMatchObject([{ kind: 'payment', method: 'online_card', amountMinor: 2000, refundedMinor: 2000 }, { kind: 'refund', amountMinor: 2000, reason: 'Booking cancelled in time' }]);
    expect((await cancellationMail('refund.me@example.com')).text).toContain('The £20.00 you paid online has been refunded');
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, b.id), eq(auditLog.action, 'booking.refund_on_cancel')));
    expect(audit).toHaveLength(1);

    // Cancelling again, the same webhook again and a new event for the session: nothing more goes back.
    const refunds = fake.refunds.length;
    const before = { payments: await count(payments), invoices: await count(invoices) };
    expectProblem(await t.client().post(url(`/booking-links/${b.token}/cancel`), {}), 409);
    expect((await postWebhook(b.event)).json()).toEqual({ received: true, duplicate: true });
    expect((await postWebhook(completedEvent(fake.sessions.get(b.sessionId)!, `evt_again_${b.sessionId}`))).json()).toEqual({ received: true, duplicate: false });
    expect(fake.refunds.length).toBe(refunds);
    expect({ payments: await count(payments), invoices: await count(invoices) }).toEqual(before);
  });

  it('cancelled by the client late: the deposit is kept as the policy says, and only the rest of the invoice is credited', async () => {
    const b = await paidBooking('late.one@example.com');
    // Inside the notice the booking was made under.
    await t.database.db.update(bookings).set({ cancellationWindowHours: 100_000 }).where(eq(bookings.id, b.id));
    const refunds = fake.refunds.length;
    const r = await t.client().post(url(`/booking-links/${b.token}/cancel`), {});
    expect(r.json()).toMatchObject({ status: 'cancelled', lateCancellation: true, payment: { paidMinor: 2000, refundedMinor: 0, keptMinor: 2000 } });
    expect(fake.refunds.length).toBe(refunds);
    const invoice = await invoiceOf(b.invoiceId);
    expect(invoice).toMatchObject({ state: 'paid', paidMinor: 2000, creditedMinor: 4500, outstandingMinor: 0, payments: [{ amountMinor: 2000, refundedMinor: 0 }] });
    expect((await cancellationMail('late.one@example.com')).text).toContain('the clinic keeps the £20.00 you paid online');
  });

  it('cancelled by the clinic, even marked late: the client gets the deposit back', async () => {
    const b = await paidBooking('clinic.cancels@example.com');
    const r = await reception.post(url(`/bookings/${b.id}/cancel`), { lateCancellation: true });
    expect(r.statusCode).toBe(200);
    expect(r.json().payment).toMatchObject({ refundedMinor: 2000, keptMinor: 0 });
    expect(fake.refunds.at(-1)).toEqual({ payment_intent: `pi_${b.sessionId.slice(3)}`, amount: 2000 });
  });

  it('when Stripe does not answer, the cancellation is not made (502) and can be made again; the refund goes once', async () => {
    const b = await paidBooking('stripe.down@example.com');
    const refunds = fake.refunds.length;
    fake.failing = true;
    try {
      expectProblem(await t.client().post(url(`/booking-links/${b.token}/cancel`), {}), 502);
    } finally {
      fake.failing = false;
    }
    expect(await statusOf(b.id)).toBe('confirmed');
    expect((await invoiceOf(b.invoiceId)).payments[0].refundedMinor).toBe(0);
    expect((await t.client().post(url(`/booking-links/${b.token}/cancel`), {})).statusCode).toBe(200);
    expect(fake.refunds.length).toBe(refunds + 1);
  });

  it('a held booking cancelled while its payment page is open: the page is closed at Stripe, and a Stripe outage does not stop the cancellation', async () => {
    const { id, payment } = (await book({}, 'closes.page@example.com')).json();
    const sessionId: string = payment.checkoutUrl.split('/').pop();
    expect(fake.sessions.get(sessionId)!.status).toBe('open');
    const [hold] = await t.emailsTo('closes.page@example.com');
    expect((await t.client().post(url(`/booking-links/${bookingToken(hold!.text, 'manage')}/cancel`), {})).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('cancelled');
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');

    const other = (await book({}, 'stripe.away@example.com')).json();
    const otherSession: string = other.payment.checkoutUrl.split('/').pop();
    const [otherHold] = await t.emailsTo('stripe.away@example.com');
    fake.failing = true;
    try {
      expect((await t.client().post(url(`/booking-links/${bookingToken(otherHold!.text, 'manage')}/cancel`), {})).statusCode).toBe(200);
    } finally {
      fake.failing = false;
    }
    expect(await statusOf(other.id)).toBe('cancelled');
    expect(fake.sessions.get(otherSession)!.status).toBe('open');
  });

  it('a held booking cancelled while its payment page was open, then paid (at the same moment): refunded at once, once', async () => {
    const { id, payment } = (await book({}, 'changed.mind@example.com')).json();
    const sessionId: string = payment.checkoutUrl.split('/').pop();
    const [hold] = await t.emailsTo('changed.mind@example.com');
    expect((await t.client().post(url(`/booking-links/${bookingToken(hold!.text, 'manage')}/cancel`), {})).statusCode).toBe(200);
    const refunds = fake.refunds.length;
    const event = completedEvent(fake.pay(sessionId), `evt_after_cancel_${sessionId}`);
    expect((await postWebhook(event)).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('cancelled');
    expect(fake.refunds.slice(refunds)).toEqual([{ payment_intent: `pi_${sessionId.slice(3)}`, amount: 2000 }]);
    const [bp] = await t.database.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, id));
    expect(await invoiceOf(bp!.invoiceId!)).toMatchObject({ paidMinor: 0, outstandingMinor: 0, creditedMinor: 6500 });
    // Delivered again, or a new event for it, or the return page: nothing more goes back.
    expect((await postWebhook(event)).json().duplicate).toBe(true);
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!, `evt_after_cancel_2_${sessionId}`))).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/clinics/${f.slug}/book/paid?session=${sessionId}` });
    expect(fake.refunds.length).toBe(refunds + 1);
    // No cancellation e-mail for a hold, but one e-mail says the late payment went back.
    const mails = (await t.emailsTo('changed.mind@example.com')).filter((m) => m.subject.startsWith('Payment refunded'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('the booking had already been cancelled');
    expect(mails[0]!.text).toContain('the £20.00 has been refunded');
  });

  it('a booking not paid online cancels as before, with nothing said about money', async () => {
    const r = await t.client().post(url('/bookings'), { serviceId: f.services.consultation, practitionerId: f.practitionerId, start: nextStart(), client: { name: 'Free Again', email: 'free.again@example.com' } });
    expect(r.statusCode).toBe(201);
    const cancelled = await reception.post(url(`/bookings/${r.json().id}/cancel`), {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().payment).toBeUndefined();
  });
});

describe('a course booked online of a treatment paid online', () => {
  it('is refused with a clear 409 (the deposit is not skipped), nothing held; staff still book the course', async () => {
    expect((await owner.request('PUT', url('/billing/stripe'), { secretKey: SECRET, webhookSecret: WEBHOOK })).statusCode).toBe(200);
    expect((await owner.request('PATCH', url(`/settings/services/${f.services.massage}`), { onlinePayment: 'deposit', depositMinor: 2000 })).statusCode).toBe(200);
    const starts = [nextStart(), nextStart()];
    const before = await t.database.db.select().from(bookings).where(eq(bookings.clinicId, f.clinicId));
    const r = await t.client().post(url('/series'), { serviceId: f.services.massage, practitionerId: f.secondId, starts, client: { name: 'Course Visitor', email: 'course.visitor@example.com' } });
    expectProblem(r, 409);
    expect(r.json().type).toMatch(/course-needs-payment$/);
    expect(r.json().detail).toContain('a deposit');
    expect(await t.database.db.select().from(bookings).where(eq(bookings.clinicId, f.clinicId))).toHaveLength(before.length);
    expect(await t.emailsTo('course.visitor@example.com')).toHaveLength(0);

    const client = (await reception.post(url('/clients'), { name: 'Course By Phone', email: 'course.phone@example.com' })).json();
    const staff = await reception.post(url('/series'), { clientId: client.id, serviceId: f.services.massage, practitionerId: f.secondId, starts });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().bookings.map((b: { status: string }) => b.status)).toEqual(['confirmed', 'confirmed']);
  });
});

