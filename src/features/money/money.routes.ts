import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { idempotencyHeaders } from '../booking/booking.schema.ts';
import { guard, OWNER, STAFF, type Role } from '../../server/access.ts';
import {
  billingSettings, billingSettingsBody, clientMoneyParams, clientPackageList, clientPackageParams, creditNoteBody, invoiceList, invoiceParams, invoiceView,
  checkoutBody, checkoutParams, checkoutStarted, checkoutState, myMoney, packageRefundBody, stripeKeysBody, packageTypeBody, packageTypeList, packageTypeParams, paymentBody, paymentParams, refundBody, saleBody, transferBody,
  voucherCodeParams, voucherView,
} from './money.schema.ts';
import * as billing from './billing.service.ts';
import * as invoices from './invoices.service.ts';
import * as pay from './payments.service.ts';
import * as packs from './packages.service.ts';
import { refundPackage } from './package-refund.service.ts';
import { findVoucher } from './vouchers.service.ts';
import { invoicePdf } from './invoice-pdf.ts';
import { receiveWebhook, reconcileCheckout, shopOf, startCheckout } from './stripe.service.ts';

const tags = ['Money'];
/** Reception takes payment and sells; the owner also changes prices, credits and refunds. Practitioners see packages only. */
const DESK: readonly Role[] = ['owner', 'reception'];
const created = z.object({ id: z.string() });

/**
 * Invoices, credit notes, desk payments and refunds, packages of sessions and gift
 * vouchers. Every change is audited in its own transaction; bad amounts, currencies and
 * quantities are 4xx problem+json with nothing written.
 */
export const moneyRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const base = '/clinics/:clinicSlug';
  app.get(`${base}/billing`, { schema: { tags, summary: 'Legal details, VAT status and money policies (desk staff)', params: clinicSlugParams, response: { 200: billingSettings } } },
    async (request) => billing.getSettings(ctx, await guard(ctx.database, request, request.params.clinicSlug, DESK)));
  app.put(`${base}/billing`, { schema: { tags, summary: 'Save legal details, VAT status and money policies (owner)', params: clinicSlugParams, body: billingSettingsBody, response: { 200: billingSettings } } },
    async (request) => billing.saveSettings(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body));
  app.put(`${base}/billing/stripe`, {
    schema: { tags, summary: 'Set the clinic’s Stripe keys to take card payments online (owner); only their last four characters are ever shown', params: clinicSlugParams, body: stripeKeysBody, response: { 200: billingSettings } },
  }, async (request) => billing.saveStripeKeys(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body));
  app.delete(`${base}/billing/stripe`, { schema: { tags, summary: 'Remove the Stripe keys: desk payments only (owner)', params: clinicSlugParams, response: { 200: billingSettings } } },
    async (request) => billing.saveStripeKeys(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), null));

  app.post(`${base}/sales`, {
    schema: {
      tags, summary: 'Sell services, packages and gift vouchers to a client: issues one numbered invoice (desk staff)',
      description: 'Numbers run 1, 2, 3… per clinic with no gap. A repeated `Idempotency-Key` returns the first invoice (200).',
      params: clinicSlugParams, headers: idempotencyHeaders, body: saleBody, response: { 201: invoiceView, 200: invoiceView },
    },
  }, async (request, reply) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, DESK);
    const sale = await invoices.sell(ctx, actor, request.body, request.headers['idempotency-key']);
    return reply.status(sale.created ? 201 : 200).send(await invoices.getInvoice(ctx, actor, sale.invoiceId));
  });
  app.get(`${base}/invoices`, { schema: { tags, summary: 'Invoices and credit notes, newest first, optionally of one client (desk staff)', params: clinicSlugParams, querystring: z.object({ clientId: z.uuid().optional() }), response: { 200: invoiceList } } },
    async (request) => invoices.listInvoices(ctx, await guard(ctx.database, request, request.params.clinicSlug, DESK), request.query));
  app.get(`${base}/invoices/:invoiceId`, { schema: { tags, summary: 'One invoice with lines, payments and credit notes (desk staff, or its client)', params: invoiceParams, response: { 200: invoiceView } } },
    async (request) => invoices.getInvoice(ctx, await guard(ctx.database, request, request.params.clinicSlug, [...DESK, 'client']), request.params.invoiceId));
  app.get(`${base}/invoices/:invoiceId/pdf`, { schema: { tags, summary: 'The invoice as a PDF (desk staff, or its client)', params: invoiceParams } }, async (request, reply) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, [...DESK, 'client']);
    const v = await invoices.getInvoice(ctx, actor, request.params.invoiceId);
    return reply.header('Content-Disposition', `attachment; filename="${v.number}.pdf"`).header('Cache-Control', 'no-store').type('application/pdf').send(await invoicePdf(v, actor.timeZone));
  });
  app.post(`${base}/invoices/:invoiceId/payments`, { schema: { tags, summary: 'Take a payment at the desk, split across methods (desk staff)', params: invoiceParams, body: paymentBody, response: { 201: invoiceView } } },
    async (request, reply) => {
      const actor = await guard(ctx.database, request, request.params.clinicSlug, DESK);
      await pay.takePayment(ctx, actor, request.params.invoiceId, request.body);
      return reply.status(201).send(await invoices.getInvoice(ctx, actor, request.params.invoiceId));
    });
  app.post(`${base}/invoices/:invoiceId/credit-notes`, { schema: { tags, summary: 'Correct an issued invoice with a credit note (owner)', params: invoiceParams, body: creditNoteBody, response: { 201: invoiceView } } },
    async (request, reply) => {
      const actor = await guard(ctx.database, request, request.params.clinicSlug, OWNER);
      return reply.status(201).send(await invoices.getInvoice(ctx, actor, await invoices.issueCreditNote(ctx, actor, request.params.invoiceId, request.body)));
    });
  app.post(`${base}/payments/:paymentId/refunds`, { schema: { tags, summary: 'Refund (part of) a payment (owner); 409 beyond what the payment still holds', params: paymentParams, body: refundBody, response: { 201: created } } },
    async (request, reply) => reply.status(201).send({ id: await pay.refundPayment(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.paymentId, request.body) }));

  app.get(`${base}/package-types`, { schema: { tags, summary: 'The packages the clinic sells (staff)', params: clinicSlugParams, response: { 200: packageTypeList } } },
    async (request) => packs.listPackageTypes(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));
  app.post(`${base}/package-types`, { schema: { tags, summary: 'Define a package (owner)', params: clinicSlugParams, body: packageTypeBody, response: { 201: packageTypeList } } },
    async (request, reply) => reply.status(201).send(await packs.savePackageType(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body)));
  app.put(`${base}/package-types/:packageTypeId`, { schema: { tags, summary: 'Change a package (owner); packages already sold keep their terms', params: packageTypeParams, body: packageTypeBody, response: { 200: packageTypeList } } },
    async (request) => packs.savePackageType(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body, request.params.packageTypeId));
  app.get(`${base}/clients/:clientId/packages`, { schema: { tags, summary: 'A client’s packages: balance, expiry, history (staff)', params: clientMoneyParams, response: { 200: clientPackageList } } },
    async (request) => packs.clientPackagesOf(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.clientId));
  app.post(`${base}/client-packages/:clientPackageId/transfer`, { schema: { tags, summary: 'Move a package’s remaining sessions to another client (owner)', params: clientPackageParams, body: transferBody, response: { 201: created } } },
    async (request, reply) => reply.status(201).send(await packs.transferPackage(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.clientPackageId, request.body.toClientId, request.body.reason)));
  app.post(`${base}/client-packages/:clientPackageId/refund`, {
    schema: { tags, summary: 'Refund sessions of a package: credit note and money back (owner)', params: clientPackageParams, body: packageRefundBody, response: { 201: z.object({ creditNoteId: z.string(), refundIds: z.array(z.string()) }) } },
  }, async (request, reply) => reply.status(201).send(await refundPackage(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.clientPackageId, request.body)));

  app.get(`${base}/vouchers/:code`, { schema: { tags, summary: 'A gift voucher’s balance and expiry by its code (desk staff)', params: voucherCodeParams, response: { 200: voucherView } } },
    async (request) => findVoucher(ctx, await guard(ctx.database, request, request.params.clinicSlug, DESK), request.params.code));

  app.get(`${base}/me/money`, { schema: { tags, summary: 'The signed-in client’s invoices and packages', params: clinicSlugParams, response: { 200: myMoney } } }, async (request) => {
    const actor = await guard(ctx.database, request, request.params.clinicSlug, ['client']);
    return { timeZone: actor.timeZone, invoices: await invoices.myInvoices(ctx, actor), packages: await packs.myPackages(ctx, actor), shop: await shopOf(ctx, actor.clinicId), payAtClinic: await invoices.payAtClinicOf(ctx, actor.clinicId) };
  });
  app.post(`${base}/me/checkout`, {
    schema: {
      tags, summary: 'Buy a package online: an unpaid invoice and a Stripe Checkout page to pay it (the signed-in client)',
      description: '409 `online-payments-off` when the clinic has no Stripe keys. The package is the client’s once Stripe reports the payment.',
      params: clinicSlugParams, body: checkoutBody, response: { 201: checkoutStarted },
    },
  }, async (request, reply) => reply.status(201).send(await startCheckout(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.body.packageTypeId)));
  app.get(`${base}/me/checkout/:sessionId`, { schema: { tags, summary: 'After Stripe’s page: whether the payment arrived (records it if the webhook has not yet)', params: checkoutParams, response: { 200: checkoutState } } },
    async (request) => reconcileCheckout(ctx, await guard(ctx.database, request, request.params.clinicSlug, ['client']), request.params.sessionId));

  // Stripe's webhook: signed with the clinic's signing secret over the exact bytes sent, so the body is kept raw.
  await app.register(async (hook) => {
    hook.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    hook.post(`${base}/stripe/webhook`, {
      schema: { tags, summary: 'Stripe webhook for the clinic (signed by Stripe); each event is processed once', params: clinicSlugParams, response: { 200: z.object({ received: z.boolean(), duplicate: z.boolean() }) } },
    }, async (request) => receiveWebhook(ctx, request, (request.params as { clinicSlug: string }).clinicSlug, request.body as Buffer, request.headers['stripe-signature'] as string | undefined));
  });
};
