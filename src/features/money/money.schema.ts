import { z } from 'zod';
import { uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { CURRENCIES, MAX_AMOUNT_MINOR } from '../../domain/money/money.ts';
import { PAYMENT_METHODS } from '../../data/schema/money.ts';

/** Request and response contracts of money: billing settings, sales, invoices, payments, packages, vouchers. */

/** Whole pence, positive, at most £1,000,000: floats and negative amounts are refused with 400. */
export const amountField = z.number().int('Use a whole number of pence').min(1, 'The amount must be above zero').max(MAX_AMOUNT_MINOR);
export const currencyField = z.enum(CURRENCIES, { message: 'Use the clinic’s currency (GBP, EUR or USD)' });
const text = (max: number) => z.string().trim().max(max);

export const invoiceParams = clinicSlugParams.extend({ invoiceId: uuidParam });
export const paymentParams = clinicSlugParams.extend({ paymentId: uuidParam });
export const clientMoneyParams = clinicSlugParams.extend({ clientId: uuidParam });
export const packageTypeParams = clinicSlugParams.extend({ packageTypeId: uuidParam });
export const clientPackageParams = clinicSlugParams.extend({ clientPackageId: uuidParam });
export const voucherCodeParams = clinicSlugParams.extend({ code: z.string().trim().min(1).max(40) });

export const billingSettings = z.object({
  legalName: z.string(),
  legalAddress: z.string(),
  companyNumber: z.string().nullable(),
  vatRegistered: z.boolean(),
  vatNumber: z.string().nullable(),
  vatRateBp: z.number().int(),
  invoicePrefix: z.string(),
  creditNotePrefix: z.string(),
  lateCancelDrawsCredit: z.boolean(),
  noShowDrawsCredit: z.boolean(),
  voucherValidityMonths: z.number().int(),
  /** Gift vouchers on sale on the clinic's public page (shown there only while online payment is on). */
  sellVouchersOnline: z.boolean(),
  currency: z.string(),
  /** Card payments online through the clinic's own Stripe account; only the keys' last four characters are shown. */
  onlinePayments: z.object({ enabled: z.boolean(), secretKeyEnding: z.string().nullable(), webhookSecretEnding: z.string().nullable() }),
});
export const stripeKeysBody = z.strictObject({
  secretKey: z.string().trim().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}$/, 'Paste the secret key from Stripe: it starts with sk_live_ or sk_test_'),
  webhookSecret: z.string().trim().regex(/^whsec_[A-Za-z0-9]{8,250}$/, 'Paste the webhook signing secret from Stripe: it starts with whsec_'),
});
export const checkoutBody = z.strictObject({ packageTypeId: z.uuid() });
export const checkoutStarted = z.object({ url: z.string(), sessionId: z.string() });
export const checkoutParams = z.object({ clinicSlug: z.string(), sessionId: z.string().regex(/^cs_[A-Za-z0-9_]{1,250}$/) });
/** The package's invoice: null until the payment has arrived (it is issued only then). */
export const checkoutState = z.object({ paid: z.boolean(), invoiceId: z.string().nullable() });
const prefix = z.string().trim().regex(/^[A-Z0-9]{1,8}$/, 'Use 1 to 8 capital letters or digits');
export const billingSettingsBody = z.strictObject({
  legalName: text(200).min(1, 'Give the name that goes on invoices'),
  legalAddress: text(500).min(1, 'Give the address that goes on invoices'),
  companyNumber: text(40).nullable().default(null),
  vatRegistered: z.boolean(),
  vatNumber: z.string().trim().regex(/^(GB)?\d{9}(\d{3})?$/, 'A UK VAT number is 9 digits (or 12), e.g. GB123456789').nullable().default(null),
  vatRateBp: z.number().int().min(0).max(10000).default(2000),
  invoicePrefix: prefix.default('INV'),
  creditNotePrefix: prefix.default('CN'),
  lateCancelDrawsCredit: z.boolean(),
  noShowDrawsCredit: z.boolean(),
  voucherValidityMonths: z.number().int().min(12, 'Gift vouchers last at least 12 months').max(120),
  /** Left out: unchanged. */
  sellVouchersOnline: z.boolean().optional(),
}).refine((b) => !b.vatRegistered || b.vatNumber, { message: 'A VAT-registered clinic prints its VAT number on invoices', path: ['vatNumber'] });

export const saleItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('service'), serviceId: uuidParam, bookingId: uuidParam.optional(), quantity: z.number().int().min(1, 'The quantity must be at least 1').max(50).default(1) }),
  z.strictObject({ kind: z.literal('package'), packageTypeId: uuidParam }),
  z.strictObject({ kind: z.literal('voucher'), amountMinor: amountField.optional(), serviceId: uuidParam.optional(), recipientName: text(120).optional() })
    .refine((v) => (v.amountMinor === undefined) !== (v.serviceId === undefined), { message: 'A voucher is for a value or for one treatment' }),
]);
export const saleBody = z.strictObject({
  clientId: uuidParam,
  currency: currencyField.optional(),
  items: z.array(saleItem).min(1, 'Add at least one item').max(20),
});

const line = z.object({ kind: z.string(), description: z.string(), quantity: z.number(), unitPriceMinor: z.number(), totalMinor: z.number(), vatMinor: z.number() });
const paymentView = z.object({
  id: z.string(), kind: z.enum(['payment', 'refund']), method: z.enum(PAYMENT_METHODS), amountMinor: z.number(), refundedMinor: z.number(),
  reference: z.string().nullable(), reason: z.string().nullable(), refundOf: z.string().nullable(), recordedAt: z.string(),
});
export const invoiceView = z.object({
  id: z.string(), kind: z.enum(['invoice', 'credit_note']), number: z.string(), clientId: z.string(), clientName: z.string(), currency: z.string(),
  issuedAt: z.string(), totalMinor: z.number(), vatMinor: z.number(), netMinor: z.number(), vatRateBp: z.number(),
  creditedMinor: z.number(), paidMinor: z.number(), outstandingMinor: z.number(), state: z.enum(['paid', 'part_paid', 'unpaid', 'in_credit', 'credited']),
  correctsInvoiceId: z.string().nullable(), reason: z.string().nullable(),
  seller: z.object({ name: z.string(), address: z.string(), companyNumber: z.string().nullable(), vatNumber: z.string().nullable(), email: z.string() }),
  lines: z.array(line), payments: z.array(paymentView), creditNotes: z.array(z.object({ id: z.string(), number: z.string(), totalMinor: z.number(), issuedAt: z.string() })),
  vouchers: z.array(z.object({ id: z.string(), code: z.string(), balanceMinor: z.number(), expiresAt: z.string() })),
});
export const invoiceList = z.object({ items: z.array(invoiceView.omit({ lines: true, payments: true, creditNotes: true, vouchers: true, seller: true })) });

export const paymentPart = z.strictObject({
  method: z.enum(PAYMENT_METHODS).exclude(['online_card']),
  amountMinor: amountField,
  reference: text(80).optional(),
  voucherCode: z.string().trim().max(40).optional(),
  clientPackageId: uuidParam.optional(),
}).refine((p) => p.method !== 'voucher' || p.voucherCode, { message: 'Give the voucher’s code', path: ['voucherCode'] })
  .refine((p) => p.method !== 'package_credit' || p.clientPackageId, { message: 'Choose the package', path: ['clientPackageId'] });
export const paymentBody = z.strictObject({
  currency: currencyField,
  parts: z.array(paymentPart).min(1).max(6),
});
export const refundBody = z.strictObject({ amountMinor: amountField, currency: currencyField, reason: text(300).min(1, 'Say why') });
export const creditNoteBody = z.strictObject({ amountMinor: amountField, currency: currencyField, reason: text(300).min(1, 'Say why') });

export const packageType = z.object({
  id: z.string(), name: z.string(), sessions: z.number(), priceMinor: z.number(), validityMonths: z.number(), serviceIds: z.array(z.string()),
  services: z.array(z.object({ id: z.string(), name: z.string() })), active: z.boolean(), sellOnline: z.boolean(),
});
export const packageTypeList = z.object({ currency: z.string(), items: z.array(packageType) });
export const packageTypeBody = z.strictObject({
  name: text(120).min(1, 'Give the package a name'),
  sessions: z.number().int().min(1).max(100),
  priceMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  validityMonths: z.number().int().min(1).max(60),
  serviceIds: z.array(uuidParam).min(1, 'Choose at least one service').max(20),
  active: z.boolean().default(true),
  sellOnline: z.boolean().default(false),
});

export const clientPackage = z.object({
  id: z.string(), clientId: z.string(), name: z.string(), sessionsTotal: z.number(), sessionsUsed: z.number(), remaining: z.number(),
  priceMinor: z.number(), currency: z.string(), purchasedAt: z.string(), expiresAt: z.string(), expired: z.boolean(),
  status: z.enum(['active', 'refunded', 'transferred']), invoiceId: z.string(), services: z.array(z.object({ id: z.string(), name: z.string() })),
  history: z.array(z.object({ delta: z.number(), reason: z.string(), at: z.string(), bookingId: z.string().nullable() })),
});
export const clientPackageList = z.object({ timeZone: z.string(), items: z.array(clientPackage) });
/** The reason is kept in the audit log (the staff screen asks for it). */
export const transferBody = z.strictObject({ toClientId: uuidParam, reason: text(300).min(1, 'Say why').optional() });
export const packageRefundBody = z.strictObject({
  sessions: z.number().int().min(1).max(100),
  amountMinor: amountField,
  currency: currencyField,
  reason: text(300).min(1, 'Say why'),
});

export const voucherView = z.object({
  code: z.string(), kind: z.enum(['value', 'treatment']), serviceName: z.string().nullable(), initialMinor: z.number(), balanceMinor: z.number(),
  currency: z.string(), expiresAt: z.string(), expired: z.boolean(), recipientName: z.string().nullable(),
});

export const myMoney = z.object({
  timeZone: z.string(),
  invoices: invoiceList.shape.items,
  packages: z.array(clientPackage),
  /** Packages the client can buy and pay for online; null when the clinic takes no payment online. */
  shop: z.array(z.object({ id: z.string(), name: z.string(), sessions: z.number().int(), priceMinor: z.number().int(), currency: z.string(), validityMonths: z.number().int(), services: z.array(z.string()) })).nullable(),
  /** Where an unpaid invoice is paid: at the clinic (issued invoices are not paid online); its phone and e-mail for questions. */
  payAtClinic: z.object({ phone: z.string().nullable(), email: z.string() }),
});
