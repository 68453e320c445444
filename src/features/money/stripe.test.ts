import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { stripeEvents } from '../../data/schema/index.ts';
import { auditLog, clientPackages, invoices, payments } from '../../data/schema/index.ts';
import { buildTestApp, type TestClient, type TestContext } from '../../server/test-app.ts';
import { addClientWithAccount, createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';
import { completedEvent as eventOf, FakeStripe, SECRET, WEBHOOK, type FakeSession } from './stripe.test-helpers.ts';

/**
 * Online payment through the real `stripe` SDK, pointed at a local server that answers the
 * few endpoints Yintang uses as Stripe's documented API does (form-encoded requests, JSON
 * objects back, a Bearer secret key). Webhooks are signed with the SDK's own helper.
 */
let fake: FakeStripe;
let t: TestContext;
let f: ClinicFixture;
let other: ClinicFixture;
let owner: TestClient;
let reception: TestClient;
let client: Awaited<ReturnType<typeof addClientWithAccount>>;
let clientApi: TestClient;
let typeId: string;
const signer = new Stripe('sk_test_signer');

beforeAll(async () => {
  fake = new FakeStripe();
  t = await buildTestApp({ STRIPE_API_BASE: await fake.listen() });
  f = await createClinicFixture(t, { slug: 'stripe-clinic' });
  other = await createClinicFixture(t, { slug: 'stripe-other' });
  [owner, reception] = await Promise.all([f.signIn('owner'), f.signIn('reception')]);
  client = await addClientWithAccount(t, f, 'Ada Online', 'ada@example.com');
  clientApi = await client.signIn();
  const types = await owner.post(url('/package-types'), { name: 'Facial course of 10', sessions: 10, priceMinor: 85000, validityMonths: 6, serviceIds: [f.services.facial], sellOnline: true });
  typeId = types.json().items[0].id;
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => fake.server.close(resolve));
});

const url = (path: string, slug = f.slug) => `/api/v1/clinics/${slug}${path}`;
const expectProblem = (r: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/problem\+json/);
};
let eventNo = 0;
const completedEvent = (session: FakeSession, id = `evt_test_${++eventNo}`) => eventOf(session, id);
const postWebhook = (payload: string, secret = WEBHOOK, slug = f.slug) => t.app.inject({
  method: 'POST', url: url('/stripe/webhook', slug), payload,
  headers: { 'content-type': 'application/json', 'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }) },
});
const count = async (table: typeof payments | typeof clientPackages | typeof stripeEvents | typeof invoices) => (await t.database.db.select().from(table)).length;
const heldPackages = async () => (await clientApi.get(url('/me/money'))).json().packages as { name: string; remaining: number; status: string }[];

describe('without Stripe keys', () => {
  it('nothing about paying online shows, and the online purchase endpoints refuse clearly', async () => {
    expect((await owner.get(url('/billing'))).json().onlinePayments).toEqual({ enabled: false, secretKeyEnding: null, webhookSecretEnding: null });
    expect((await clientApi.get(url('/me/money'))).json().shop).toBeNull();
    const r = await clientApi.post(url('/me/checkout'), { packageTypeId: typeId });
    expectProblem(r, 409);
    expect(r.json().type).toMatch(/online-payments-off/);
    expectProblem(await postWebhook(completedEvent(fake.sessions.values().next().value ?? ({ id: 'cs_test_none' } as FakeSession))), 404);
    expect(await count(invoices)).toBe(0);
    expect(fake.keysSeen).toHaveLength(0);
  });
});

describe('with Stripe keys', () => {
  it('only the owner sets them, they are checked, and only their last four characters come back', async () => {
    const keys = { secretKey: SECRET, webhookSecret: WEBHOOK };
    expectProblem(await reception.request('PUT', url('/billing/stripe'), keys), 403);
    expectProblem(await owner.request('PUT', url('/billing/stripe'), { ...keys, secretKey: 'pk_test_publishable123' }), 400);
    const r = await owner.request('PUT', url('/billing/stripe'), keys);
    expect(r.statusCode).toBe(200);
    expect(r.json().onlinePayments).toEqual({ enabled: true, secretKeyEnding: '1234', webhookSecretEnding: '5678' });
    const shown = (await owner.get(url('/billing'))).body;
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(WEBHOOK);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'billing.stripe_keys_set'));
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect((await clientApi.get(url('/me/money'))).json().shop).toEqual([expect.objectContaining({ id: typeId, priceMinor: 85000, sessions: 10 })]);
  });

  it('when Stripe does not answer, buying online is a 502 and nothing is written', async () => {
    const before = { invoices: await count(invoices), sessions: fake.sessions.size };
    fake.failing = true;
    try {
      const r = await clientApi.post(url('/me/checkout'), { packageTypeId: typeId });
      expectProblem(r, 502);
      expect(r.json().type).toMatch(/stripe-unavailable/);
    } finally {
      fake.failing = false;
    }
    expect({ invoices: await count(invoices), sessions: fake.sessions.size }).toEqual(before);
    expectProblem(await clientApi.post(url('/me/checkout'), { packageTypeId: '00000000-0000-4000-8000-000000000000' }), 404);
  });

  it('a client buys a package: a Checkout page and no invoice yet; the signed webhook pays it once and only then issues the invoice', async () => {
    const invoicesBefore = await count(invoices);
    const started = await clientApi.post(url('/me/checkout'), { packageTypeId: typeId });
    expect(started.statusCode).toBe(201);
    const { url: pageUrl, sessionId } = started.json();
    expect(pageUrl).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
    expect(fake.sessions.get(sessionId)).toMatchObject({ amount_total: 85000, currency: 'gbp', metadata: { clinicId: f.clinicId, packageTypeId: typeId }, customer_email: 'ada@example.com' });
    expect(await count(invoices)).toBe(invoicesBefore);
    expect((await clientApi.get(url(`/me/checkout/${sessionId}`))).json()).toEqual({ paid: false, invoiceId: null });
    expect(await heldPackages()).toHaveLength(0);

    // A forged or wrongly signed delivery: 400, nothing changes.
    const paid = fake.pay(sessionId);
    expectProblem(await postWebhook(completedEvent(paid), 'whsec_somebodyElseEntirely'), 400);
    const unsigned = await t.app.inject({ method: 'POST', url: url('/stripe/webhook'), payload: completedEvent(paid), headers: { 'content-type': 'application/json' } });
    expectProblem(unsigned, 400);
    expect(await count(payments)).toBe(0);

    const event = completedEvent(paid);
    const first = await postWebhook(event);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    expect(await count(invoices)).toBe(invoicesBefore + 1);
    const { invoiceId } = (await clientApi.get(url(`/me/checkout/${sessionId}`))).json();
    expect((await reception.get(url(`/invoices/${invoiceId}`))).json()).toMatchObject({ state: 'paid', totalMinor: 85000, payments: [{ method: 'online_card', amountMinor: 85000 }] });
    expect(await heldPackages()).toEqual([expect.objectContaining({ name: 'Facial course of 10', remaining: 10, status: 'active' })]);

    // The same event again, and a new event for the same session: nothing changes.
    const before = { payments: await count(payments), packages: await count(clientPackages) };
    expect((await postWebhook(event)).json()).toEqual({ received: true, duplicate: true });
    expect((await postWebhook(completedEvent(paid))).json()).toEqual({ received: true, duplicate: false });
    expect({ payments: await count(payments), packages: await count(clientPackages) }).toEqual(before);
    // The return page afterwards just reads it as paid.
    expect((await clientApi.get(url(`/me/checkout/${sessionId}`))).json()).toEqual({ paid: true, invoiceId });
  });

  it('the return page records a payment whose webhook has not come, and the late webhook changes nothing', async () => {
    const { sessionId } = (await clientApi.post(url('/me/checkout'), { packageTypeId: typeId })).json();
    expect((await clientApi.get(url(`/me/checkout/${sessionId}`))).json()).toEqual({ paid: false, invoiceId: null });
    fake.pay(sessionId);
    expect((await clientApi.get(url(`/me/checkout/${sessionId}`))).json()).toEqual({ paid: true, invoiceId: expect.any(String) });
    const before = { payments: await count(payments), packages: await count(clientPackages) };
    expect((await postWebhook(completedEvent(fake.sessions.get(sessionId)!))).statusCode).toBe(200);
    expect({ payments: await count(payments), packages: await count(clientPackages) }).toEqual(before);
    expect(await heldPackages()).toHaveLength(2);
    // Another person's session is not theirs to look at.
    expectProblem(await reception.get(url(`/me/checkout/${sessionId}`)), 403);
  });

  it('ignores a session of another clinic, even when signed with this clinic’s secret', async () => {
    const foreign: FakeSession = { ...fake.sessions.values().next().value!, id: 'cs_test_foreign', metadata: { clinicId: other.clinicId, invoiceId: '00000000-0000-4000-8000-000000000000' } };
    const unknown: FakeSession = { ...foreign, id: 'cs_test_unknown', metadata: { clinicId: f.clinicId, invoiceId: '00000000-0000-4000-8000-000000000000' } };
    const before = { payments: await count(payments), packages: await count(clientPackages) };
    for (const s of [foreign, unknown]) expect((await postWebhook(completedEvent(s))).statusCode).toBe(200);
    expect({ payments: await count(payments), packages: await count(clientPackages) }).toEqual(before);
    // The other clinic has no keys: its webhook address answers 404.
    expectProblem(await postWebhook(completedEvent(foreign), WEBHOOK, other.slug), 404);
  });

  it('the owner refunds part of an online payment through Stripe’s refunds API; a second refund beyond it is refused', async () => {
    const inv = (await clientApi.get(url('/me/money'))).json().invoices.find((i: { state: string }) => i.state === 'paid');
    const payment = (await reception.get(url(`/invoices/${inv.id}`))).json().payments[0];
    expectProblem(await reception.post(url(`/payments/${payment.id}/refunds`), { amountMinor: 8500, currency: 'GBP', reason: 'Moved away' }), 403);
    const r = await owner.post(url(`/payments/${payment.id}/refunds`), { amountMinor: 8500, currency: 'GBP', reason: 'Moved away' });
    expect(r.statusCode).toBe(201);
    expect(fake.refunds).toEqual([{ payment_intent: expect.stringMatching(/^pi_/), amount: 8500 }]);
    const [row] = await t.database.db.select().from(payments).where(and(eq(payments.clinicId, f.clinicId), eq(payments.id, r.json().id)));
    expect(row).toMatchObject({ kind: 'refund', method: 'online_card', amountMinor: 8500, reference: expect.stringMatching(/^re_/) });
    expectProblem(await owner.post(url(`/payments/${payment.id}/refunds`), { amountMinor: 85000, currency: 'GBP', reason: 'All of it' }), 409);
    expect(fake.refunds).toHaveLength(1);
  });

  it('once the keys are removed, the shop disappears and buying online is refused', async () => {
    expect((await owner.delete(url('/billing/stripe'))).json().onlinePayments.enabled).toBe(false);
    expect((await clientApi.get(url('/me/money'))).json().shop).toBeNull();
    expectProblem(await clientApi.post(url('/me/checkout'), { packageTypeId: typeId }), 409);
  });
});
