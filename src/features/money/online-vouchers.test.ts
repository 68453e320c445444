import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, clinicBilling, invoices, payments, stripeCheckouts, vouchers } from '../../data/schema/index.ts';
import { buildTestApp, TEST_SECRETS_KEY, type TestClient, type TestContext } from '../../server/test-app.ts';
import { SecretBox } from '../../server/secret-box.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { sealStoredStripeKeys } from './billing.service.ts';
import { sweepAbandonedCheckouts } from './stripe.service.ts';
import { completedEvent, expiredEvent, FakeStripe, SECRET, WEBHOOK } from './stripe.test-helpers.ts';

/**
 * Gift vouchers bought on a clinic's public page through the real `stripe` SDK and a local
 * server answering as Stripe's API does; abandoned checkouts; the keys encrypted at rest.
 */
let fake: FakeStripe;
let t: TestContext;
let f: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
const signer = new Stripe('sk_test_signer');
const BILLING = { legalName: 'Shop Clinic Ltd', legalAddress: '1 High Street, Bath', vatRegistered: false, lateCancelDrawsCredit: true, noShowDrawsCredit: true, voucherValidityMonths: 18 };

beforeAll(async () => {
  fake = new FakeStripe();
  t = await buildTestApp({ STRIPE_API_BASE: await fake.listen() });
  f = await createClinicFixture(t, { slug: 'voucher-shop' });
  [owner, reception] = await Promise.all([f.signIn('owner'), f.signIn('reception')]);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => fake.server.close(resolve));
});

const api = (path: string) => `/api/v1/clinics/${f.slug}${path}`;
const shop = `/clinics/voucher-shop/gift-vouchers`;
let eventNo = 0;
const postWebhook = (payload: string) => t.app.inject({
  method: 'POST', url: api('/stripe/webhook'), payload,
  headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK }) },
});
const order = (fields: Record<string, string>) => t.app.inject({
  method: 'POST', url: shop, remoteAddress: '198.51.100.7',
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(fields).toString(),
});
const GIFT = { choice: 'value', amount: '60', recipientName: 'Ann Lee', recipientEmail: 'ann@example.org', message: 'Happy birthday, Ann!', buyerName: 'Sam Lee', buyerEmail: 'sam@example.org' };
const rows = async (table: typeof invoices | typeof vouchers | typeof payments) => (await t.database.db.select().from(table).where(eq(table.clinicId, f.clinicId))).length;
const checkoutOf = async (sessionId: string) => (await t.database.db.select().from(stripeCheckouts).where(eq(stripeCheckouts.sessionId, sessionId)))[0]!;
/** The Stripe session of the "Check and pay" page's link. */
const sessionOf = (page: string) => /https:\/\/checkout\.stripe\.com\/c\/pay\/(cs_test_\w+)/.exec(page)![1]!;

describe('the voucher shop', () => {
  it('exists only when the owner sells vouchers online and the clinic has Stripe keys', async () => {
    expect((await t.app.inject({ url: shop, headers: { accept: 'text/html' } })).statusCode).toBe(404);
    expect((await owner.request('PUT', api('/billing'), { ...BILLING, sellVouchersOnline: true })).json().sellVouchersOnline).toBe(true);
    expect((await t.app.inject({ url: shop })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/clinics/voucher-shop' })).body).not.toContain('gift-vouchers');
    expect((await owner.request('PUT', api('/billing/stripe'), { secretKey: SECRET, webhookSecret: WEBHOOK })).statusCode).toBe(200);
    // Saving the settings without the field leaves it as it was.
    expect((await owner.request('PUT', api('/billing'), BILLING)).json().sellVouchersOnline).toBe(true);
    expect((await reception.request('PUT', api('/billing'), { ...BILLING, sellVouchersOnline: false })).statusCode).toBe(403);
    const page = await t.app.inject({ url: shop });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Give a gift voucher');
    expect(page.body).toContain('valid for 18 months');
    expect((await t.app.inject({ url: '/clinics/voucher-shop' })).body).toContain(`href="${shop}"`);
  });

  it('keeps the keys encrypted at rest, bound to the clinic, and never shows them', async () => {
    const [row] = await t.database.db.select().from(clinicBilling).where(eq(clinicBilling.clinicId, f.clinicId));
    for (const [stored, plain] of [[row!.stripeSecretKey!, SECRET], [row!.stripeWebhookSecret!, WEBHOOK]] as const) {
      expect(stored).toMatch(/^enc:v1:/);
      expect(stored).not.toContain(plain);
    }
    const box = new SecretBox(Buffer.from(TEST_SECRETS_KEY, 'base64'));
    expect(box.open(row!.stripeSecretKey!, `clinic_billing:${f.clinicId}:stripe_secret_key`)).toBe(SECRET);
    // Copied to another clinic's row (or the other column), it does not open.
    expect(() => box.open(row!.stripeSecretKey!, 'clinic_billing:00000000-0000-4000-8000-000000000000:stripe_secret_key')).toThrow();
    expect(() => box.open(row!.stripeSecretKey!, `clinic_billing:${f.clinicId}:stripe_webhook_secret`)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 9)).open(row!.stripeSecretKey!, `clinic_billing:${f.clinicId}:stripe_secret_key`)).toThrow();
    const settings = (await owner.get(api('/billing'))).body;
    expect(settings).not.toContain(SECRET);
    expect(JSON.parse(settings).onlinePayments).toEqual({ enabled: true, secretKeyEnding: '1234', webhookSecretEnding: '5678' });
  });

  it('the start-up step encrypts keys stored in clear before this version, once', async () => {
    const other = await createClinicFixture(t, { slug: 'voucher-legacy' });
    await t.database.db.insert(clinicBilling).values({ clinicId: other.clinicId, stripeSecretKey: SECRET, stripeWebhookSecret: WEBHOOK });
    expect(await sealStoredStripeKeys(t.database, t.config)).toBe(1);
    expect(await sealStoredStripeKeys(t.database, t.config)).toBe(0);
    const [row] = await t.database.db.select().from(clinicBilling).where(eq(clinicBilling.clinicId, other.clinicId));
    expect(row!.stripeSecretKey).toMatch(/^enc:v1:/);
    const ownerOther = await other.signIn('owner');
    expect((await ownerOther.get(`/api/v1/clinics/${other.slug}/billing`)).json().onlinePayments).toEqual({ enabled: true, secretKeyEnding: '1234', webhookSecretEnding: '5678' });
  });

  it('refuses a bad order with words beside each field, writing nothing and calling no one', async () => {
    const before = { sessions: fake.sessions.size, invoices: await rows(invoices) };
    const r = await order({ ...GIFT, amount: '2', recipientEmail: 'nope', buyerEmail: '' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('Choose an amount from £5 to £1,000');
    expect(r.body).toContain('aria-invalid="true"');
    expect(r.body).toContain('value="Ann Lee"');
    expect((await order({ ...GIFT, choice: 'treatment', serviceId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(422);
    expect({ sessions: fake.sessions.size, invoices: await rows(invoices) }).toEqual(before);
    expect(await t.database.db.select().from(stripeCheckouts)).toHaveLength(0);
  });

  it('sells a voucher: Stripe’s page, then on the signed webhook the voucher, its invoice, the payment and both e-mails, once', async () => {
    const before = { invoices: await rows(invoices), vouchers: await rows(vouchers) };
    const r = await order(GIFT);
    expect(r.statusCode).toBe(200);
    const sessionId = sessionOf(r.body);
    expect(r.body).toContain(`href="https://checkout.stripe.com/c/pay/${sessionId}"`);
    expect(r.body).toContain('Pay £60.00 by card');
    expect(fake.sessions.get(sessionId)).toMatchObject({ amount_total: 6000, currency: 'gbp', customer_email: 'sam@example.org', metadata: { clinicId: f.clinicId, purpose: 'voucher' } });
    // Nothing is issued before the payment: no invoice to cancel if it never comes.
    expect({ invoices: await rows(invoices), vouchers: await rows(vouchers) }).toEqual(before);
    expect(await checkoutOf(sessionId)).toMatchObject({ status: 'open', invoiceId: null, clientId: null, purpose: 'voucher' });

    const event = completedEvent(fake.pay(sessionId), `evt_v_${++eventNo}`);
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: false });
    const checkout = await checkoutOf(sessionId);
    expect(checkout).toMatchObject({ status: 'paid', invoiceId: expect.any(String), clientId: expect.any(String), paymentId: expect.any(String) });
    const invoice = (await reception.get(api(`/invoices/${checkout.invoiceId}`))).json();
    expect(invoice).toMatchObject({ state: 'paid', totalMinor: 6000, vatMinor: 0, clientName: 'Sam Lee', lines: [{ kind: 'voucher', description: 'Gift voucher' }], payments: [{ method: 'online_card', amountMinor: 6000 }] });
    expect(invoice.vouchers).toHaveLength(1);
    const code: string = invoice.vouchers[0].code;
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const voucher = (await reception.get(api(`/vouchers/${code}`))).json();
    expect(voucher).toMatchObject({ kind: 'value', initialMinor: 6000, balanceMinor: 6000, recipientName: 'Ann Lee', expired: false });
    // 18 months, the clinic's setting (never under 12).
    const months = (Date.parse(voucher.expiresAt) - Date.now()) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(17.5);

    const [toBuyer] = await t.emailsTo('sam@example.org');
    expect(toBuyer).toMatchObject({ subject: 'Your gift voucher for Clinic voucher-shop' });
    expect(toBuyer!.text).toContain(`Voucher code: ${code}`);
    expect(toBuyer!.text).toContain('Value: £60.00');
    expect(toBuyer!.text).toMatch(/Valid until: \d{1,2} \w+ \d{4}/);
    const [toRecipient] = await t.emailsTo('ann@example.org');
    expect(toRecipient!.subject).toBe(`Sam Lee has sent you a gift voucher for Clinic voucher-shop`);
    expect(toRecipient!.text).toContain('Happy birthday, Ann!');
    expect(toRecipient!.text).toContain(code);

    // The same event again, a fresh event for the session, and the buyer's return: nothing more.
    const after = { invoices: await rows(invoices), vouchers: await rows(vouchers), payments: await rows(payments) };
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: true });
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!, `evt_v_${++eventNo}`))).json()).toEqual({ received: true, duplicate: false });
    const thanks = await t.app.inject({ url: `${shop}/thanks?session=${sessionId}` });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('your gift voucher is on its way');
    expect(thanks.body).not.toContain(code);
    expect({ invoices: await rows(invoices), vouchers: await rows(vouchers), payments: await rows(payments) }).toEqual(after);
    expect(await t.emailsTo('sam@example.org')).toHaveLength(1);
  });

  it('a treatment voucher whose webhook never came is issued on the buyer’s return, without a recipient address', async () => {
    const r = await order({ ...GIFT, choice: 'treatment', serviceId: f.services.facial, recipientEmail: '', buyerEmail: 'kim@example.org', buyerName: 'Kim Ng' });
    const sessionId = sessionOf(r.body);
    const waiting = await t.app.inject({ url: `${shop}/thanks?session=${sessionId}` });
    expect(waiting.body).toContain('Waiting for your payment');
    fake.pay(sessionId);
    expect((await t.app.inject({ url: `${shop}/thanks?session=${sessionId}` })).body).toContain('your gift voucher is on its way');
    const checkout = await checkoutOf(sessionId);
    const invoice = (await reception.get(api(`/invoices/${checkout.invoiceId}`))).json();
    expect(invoice.lines[0].description).toMatch(/^Gift voucher: /);
    expect((await reception.get(api(`/vouchers/${invoice.vouchers[0].code}`))).json()).toMatchObject({ kind: 'treatment', recipientName: 'Ann Lee' });
    expect(await t.emailsTo('kim@example.org')).toHaveLength(1);
    // An unknown session is not found; another clinic's shop does not read this one's.
    expect((await t.app.inject({ url: `${shop}/thanks?session=cs_test_nope`, headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });
});

describe('abandoned checkouts', () => {
  let client: Awaited<ReturnType<typeof addClientWithAccount>>;
  let clientApi: TestClient;
  let typeId: string;
  beforeAll(async () => {
    client = await addClientWithAccount(t, f, 'Ada Abandon', 'ada.abandon@example.com');
    clientApi = await client.signIn();
    typeId = (await owner.post(api('/package-types'), { name: 'Facial course of 6', sessions: 6, priceMinor: 51000, validityMonths: 6, serviceIds: [f.services.facial], sellOnline: true })).json().items[0].id;
  });

  it('checkout.session.expired for a voucher closes it with nothing issued', async () => {
    const before = { invoices: await rows(invoices), vouchers: await rows(vouchers) };
    const sessionId = sessionOf((await order({ ...GIFT, buyerEmail: 'gone@example.org' })).body);
    const event = expiredEvent(fake.sessions.get(sessionId)!, `evt_v_${++eventNo}`);
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: false });
    expect(await checkoutOf(sessionId)).toMatchObject({ status: 'expired', invoiceId: null, closedAt: expect.any(Date) });
    expect({ invoices: await rows(invoices), vouchers: await rows(vouchers) }).toEqual(before);
    // A late completion for it changes nothing (Stripe would not send one; a forged order of events must not issue).
    await postWebhook(completedEvent(fake.pay(sessionId), `evt_v_${++eventNo}`));
    expect({ invoices: await rows(invoices), vouchers: await rows(vouchers) }).toEqual(before);
    expect(await t.emailsTo('gone@example.org')).toHaveLength(0);
    expect((await t.app.inject({ url: `${shop}/thanks?session=${sessionId}` })).body).toContain('This payment was not completed');
  });

  it('checkout.session.expired for a package closes it with nothing issued: no invoice, no number taken, no gap', async () => {
    const before = { invoices: await rows(invoices) };
    const { sessionId } = (await clientApi.post(api('/me/checkout'), { packageTypeId: typeId })).json();
    expect(await checkoutOf(sessionId)).toMatchObject({ status: 'open', invoiceId: null });
    expect({ invoices: await rows(invoices) }).toEqual(before);
    const event = expiredEvent(fake.sessions.get(sessionId)!, `evt_v_${++eventNo}`);
    expect((await postWebhook(event)).statusCode).toBe(200);
    expect((await postWebhook(event)).json().duplicate).toBe(true);
    expect((await postWebhook(expiredEvent(fake.sessions.get(sessionId)!, `evt_v_${++eventNo}`))).statusCode).toBe(200);
    expect(await checkoutOf(sessionId)).toMatchObject({ status: 'expired', invoiceId: null });
    expect({ invoices: await rows(invoices) }).toEqual(before);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'payment.online_abandon'), eq(auditLog.clinicId, f.clinicId)));
    expect(audit.map((a) => (a.details as { why: string }).why)).toEqual(['expired', 'expired']);
    // The next sale takes the next number: the abandoned checkout left no gap.
    const numbers = (await t.database.db.select({ n: invoices.number }).from(invoices).where(and(eq(invoices.clinicId, f.clinicId), eq(invoices.kind, 'invoice')))).map((r) => r.n).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0]! + k));
  });

  it('the sweep closes sessions whose expiry never arrived: unpaid ones expired at Stripe and cancelled, a paid one recorded', async () => {
    const unpaid = (await clientApi.post(api('/me/checkout'), { packageTypeId: typeId })).json();
    const paid = (await clientApi.post(api('/me/checkout'), { packageTypeId: typeId })).json();
    const voucherSession = sessionOf((await order({ ...GIFT, buyerEmail: 'late@example.org' })).body);
    fake.pay(paid.sessionId);
    fake.pay(voucherSession);
    // Not yet: Stripe keeps a session open for 24 hours.
    expect(await sweepAbandonedCheckouts(t.database, t.config, new Date(Date.now() + 60 * 60 * 1000))).toBe(0);
    const later = new Date(Date.now() + 26 * 60 * 60 * 1000);
    expect(await sweepAbandonedCheckouts(t.database, t.config, later)).toBe(3);
    expect(fake.sessions.get(unpaid.sessionId)!.status).toBe('expired');
    expect(await checkoutOf(unpaid.sessionId)).toMatchObject({ status: 'expired', invoiceId: null });
    const paidCheckout = await checkoutOf(paid.sessionId);
    expect(paidCheckout).toMatchObject({ status: 'paid' });
    expect((await reception.get(api(`/invoices/${paidCheckout!.invoiceId}`))).json()).toMatchObject({ state: 'paid', creditedMinor: 0, totalMinor: 51000 });
    expect(await checkoutOf(voucherSession)).toMatchObject({ status: 'paid' });
    expect(await t.emailsTo('late@example.org')).toHaveLength(1);
    // Run again (or on another instance): nothing left to do.
    expect(await sweepAbandonedCheckouts(t.database, t.config, later)).toBe(0);
  });
});

