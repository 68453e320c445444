import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { GiftVoucherPage, GiftVoucherPayPage, GiftVoucherThanksPage } from '../../web/public/pages/gift-voucher-page.tsx';
import { parseVoucherOrder, type VoucherOrderFields } from '../../domain/money/voucher-order.ts';
import { AppError } from '../../server/errors.ts';
import { startVoucherCheckout, voucherReturn, voucherShopOf, type VoucherShop } from './online-vouchers.service.ts';

const params = z.object({ clinicSlug: z.string() });
const field = z.string().max(2000).optional();
const formBody = z.object({
  choice: field, amount: field, serviceId: field, recipientName: field, recipientEmail: field, message: field, buyerName: field, buyerEmail: field,
});

/**
 * The public gift voucher pages of a clinic (server-rendered, no JavaScript): the order
 * form, which sends the buyer on to Stripe's page, and the page Stripe sends them back to.
 * Personal answers: never cached.
 */
export const onlineVoucherRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });
  const meta = (shop: VoucherShop, title: string) => ({
    title: `${title}: ${shop.clinic.name}`,
    description: `Buy a gift voucher for ${shop.clinic.name}: an amount or a treatment, valid ${shop.validityMonths} months, paid securely by card.`,
  });
  const page = (shop: VoucherShop, values?: VoucherOrderFields, errors?: Record<string, string>, notice?: string) =>
    GiftVoucherPage({ clinic: shop.clinic, validityMonths: shop.validityMonths, treatments: shop.treatments, values, errors, notice });

  app.get('/clinics/:clinicSlug/gift-vouchers', { schema: { hide: true, params, querystring: z.object({ cancelled: z.string().optional() }) } }, async (request, reply) => {
    const shop = await voucherShopOf(ctx.database.db, request.params.clinicSlug);
    if (!shop) return app.renderNotFound(request, reply);
    const notice = request.query.cancelled ? 'The payment was cancelled: nothing was charged. Your answers were not kept; you can start again below.' : undefined;
    return app.renderPage(reply, page(shop, undefined, undefined, notice), meta(shop, 'Gift vouchers'));
  });

  // A cross-site post can only start an unpaid checkout for the person posting: nothing of a signed-in user is read or changed.
  app.post('/clinics/:clinicSlug/gift-vouchers', { schema: { hide: true, params, body: formBody }, config: { csrfExempt: true } }, async (request, reply) => {
    const shop = await voucherShopOf(ctx.database.db, request.params.clinicSlug);
    if (!shop) return app.renderNotFound(request, reply);
    const values = request.body;
    const parsed = parseVoucherOrder(values, shop.treatments);
    if (!parsed.ok) return app.renderPage(reply, page(shop, values, parsed.errors), meta(shop, 'Check your gift voucher'), 422);
    try {
      const payUrl = await startVoucherCheckout(ctx, shop, parsed.order, request.ip);
      const treatment = shop.treatments.find((x) => x.id === parsed.order.serviceId)?.name ?? null;
      return app.renderPage(reply, GiftVoucherPayPage({ clinic: shop.clinic, validityMonths: shop.validityMonths, payUrl, order: { ...parsed.order, treatment } }), meta(shop, 'Check and pay'));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      return app.renderPage(reply, page(shop, values, undefined, e.detail ?? e.message), meta(shop, 'Gift vouchers'), e.status);
    }
  });

  app.get('/clinics/:clinicSlug/gift-vouchers/thanks', { schema: { hide: true, params, querystring: z.object({ session: z.string().optional() }) } }, async (request, reply) => {
    const shop = await voucherShopOf(ctx.database.db, request.params.clinicSlug);
    const sessionId = request.query.session ?? '';
    if (!shop || !/^cs_[A-Za-z0-9_]{1,250}$/.test(sessionId)) return app.renderNotFound(request, reply);
    const back = await voucherReturn(ctx, shop, sessionId);
    if (!back) return app.renderNotFound(request, reply);
    const expires = back.expiresAt ? DateTime.fromJSDate(back.expiresAt).setZone(shop.clinic.timeZone).toFormat('d LLLL yyyy') : null;
    return app.renderPage(reply, GiftVoucherThanksPage({
      clinic: shop.clinic, state: back.status, recipientName: back.order.recipientName, buyerEmail: back.order.buyerEmail, recipientEmail: back.order.recipientEmail, totalMinor: back.order.totalMinor, expires,
    }), meta(shop, back.status === 'paid' ? 'Thank you' : 'Gift voucher payment'));
  });
};
