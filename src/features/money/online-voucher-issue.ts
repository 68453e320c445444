import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { clients, clinics, services, type VoucherOrder } from '../../data/schema/index.ts';
import type { Tx } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { documentNumber, formatMoney, priceLine } from '../../domain/money/money.ts';
import { printedCode } from '../../domain/money/voucher-code.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { enqueueEmail, type NewEmail } from '../notifications/outbox.repository.ts';
import { findOrCreateClientByEmail } from '../booking/booking.repository.ts';
import { takeNumber, type Billing } from './billing.service.ts';
import { insertDocument, issueVoucher } from './invoices.service.ts';
import type { Actor } from '../../server/access.ts';

/**
 * A gift voucher bought on the clinic's public page, once its card payment has arrived
 * (inside the transaction that records it): the buyer becomes (or is found as) a client by
 * their e-mail address, the invoice is issued only now (so an abandoned checkout leaves
 * nothing behind), the voucher is issued with an unguessable code, and the buyer (and the
 * recipient, when an address was given) are e-mailed the code, value and expiry.
 */
export async function issueOnlineVoucher(tx: Tx, ctx: AppContext, clinicId: string, billing: Billing, order: VoucherOrder, now: Date) {
  const clientId = await findOrCreateClientByEmail(tx, clinicId, { name: order.buyerName, email: order.buyerEmail, phone: null });
  const [client] = await tx.select().from(clients).where(and(eq(clients.clinicId, clinicId), eq(clients.id, clientId)));
  const [clinic] = await tx.select({ name: clinics.name, slug: clinics.slug }).from(clinics).where(eq(clinics.id, clinicId));
  const [svc] = order.serviceId ? await tx.select({ id: services.id, name: services.name }).from(services).where(and(eq(services.clinicId, clinicId), eq(services.id, order.serviceId))) : [];
  // No person issues it: the invoice and audit rows carry no user.
  const system = { userId: null, clinicId, role: null, ip: null, userAgent: null } as unknown as Actor;
  const number = await takeNumber(tx, clinicId, 'invoice');
  // A multi-purpose voucher carries no VAT when sold (HMRC VAT Notice 700/7), as at the desk.
  const line = { ...priceLine({ description: svc ? `Gift voucher: ${svc.name}` : 'Gift voucher', quantity: 1, unitPriceMinor: order.totalMinor }, 0), kind: 'voucher' as const, refId: svc?.id ?? null };
  const invoiceId = await insertDocument(tx, system, billing, {
    kind: 'invoice', number, numberText: documentNumber(billing.invoicePrefix, number), client: client!, lines: [line], issuedAt: now,
  });
  const voucher = await issueVoucher(tx, null, clinicId, billing, { serviceId: svc?.id ?? null, value: order.totalMinor, recipientName: order.recipientName, invoiceId, clientId, now });
  const facts = {
    clinicName: clinic!.name, code: printedCode(voucher.code), value: formatMoney(order.totalMinor, billing.currency), treatment: svc?.name ?? null,
    expires: DateTime.fromJSDate(voucher.expiresAt).setZone(billing.timeZone).toFormat('d LLLL yyyy'), bookUrl: `${ctx.config.publicUrl}/clinics/${clinic!.slug}`,
  };
  for (const email of voucherEmails(clinicId, order, facts)) await enqueueEmail(tx, email);
  return { invoiceId, clientId };
}

export interface VoucherFacts { clinicName: string; code: string; value: string; treatment: string | null; expires: string; bookUrl: string }

/** The buyer's receipt with the code, and the recipient's gift (with the buyer's message) when an address was given. */
export function voucherEmails(clinicId: string, order: VoucherOrder, f: VoucherFacts): NewEmail[] {
  const worth = f.treatment ? `one ${f.treatment} (worth ${f.value})` : f.value;
  const details = [`Voucher code: ${f.code}`, `Value: ${worth}`, `Valid until: ${f.expires}`];
  const use = `To use it, give the code when booking online or at the desk of ${f.clinicName}. A value voucher can be spent over several visits.`;
  const out: NewEmail[] = [{
    clinicId,
    to: order.buyerEmail,
    subject: `Your gift voucher for ${f.clinicName}`,
    ...renderEmail({
      greeting: order.buyerName,
      paragraphs: [
        `Thank you for buying a gift voucher for ${order.recipientName} at ${f.clinicName}. Your payment has been received and your invoice is on its way from the clinic.`,
        ...details,
        order.recipientEmail ? `We have also sent the voucher to ${order.recipientName} at ${order.recipientEmail}.` : `You can pass the code on to ${order.recipientName} yourself.`,
        use,
      ],
      action: { label: `Visit ${f.clinicName}`, url: f.bookUrl },
      footer: `You are receiving this because you bought a gift voucher from ${f.clinicName}. Keep the code safe: anyone who has it can spend the voucher.`,
    }),
  }];
  if (order.recipientEmail) {
    out.push({
      clinicId,
      to: order.recipientEmail,
      subject: `${order.buyerName} has sent you a gift voucher for ${f.clinicName}`,
      ...renderEmail({
        greeting: order.recipientName,
        paragraphs: [
          `${order.buyerName} has given you a gift voucher for ${f.clinicName}.`,
          ...(order.message ? [`Their message: “${order.message}”`] : []),
          ...details,
          use,
        ],
        action: { label: `Book at ${f.clinicName}`, url: f.bookUrl },
        footer: `You are receiving this because ${order.buyerName} gave ${f.clinicName} your address to send you this gift. Keep the code safe: anyone who has it can spend the voucher.`,
      }),
    });
  }
  return out;
}
