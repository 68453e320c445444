import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients, clinics } from './clinics.ts';

/**
 * Money: invoices and credit notes, payments and refunds, packages of sessions and gift
 * vouchers. Amounts are integers of the currency's minor unit (pence) with an ISO 4217
 * currency. Nothing here is ever updated in place except the counters (the numbering row,
 * a voucher's balance, a package's used sessions) and those move only inside the
 * transaction that writes the matching ledger row, so every figure can be rebuilt from
 * the ledger rows:
 *
 * - takings = Σ payments.amount_minor where kind = 'payment' and method is money
 *   (not package_credit or voucher) − Σ of the refunds of those, by recorded_at;
 * - outstanding of an invoice = total − Σ credit notes (corrects_invoice_id) − Σ payments + Σ refunds;
 * - package liability = Σ over active, unexpired client_packages of
 *   (sessions_total − sessions_used) × floor(price_minor / sessions_total).
 */

/** A clinic's legal details, VAT status, numbering counters and money policies. One row per clinic. */
export const clinicBilling = pgTable(
  'clinic_billing',
  {
    clinicId: uuid().primaryKey().references(() => clinics.id, { onDelete: 'cascade' }),
    /** The name on invoices (a company's or sole trader's registered name). */
    legalName: text().notNull().default(''),
    legalAddress: text().notNull().default(''),
    companyNumber: text(),
    vatRegistered: boolean().notNull().default(false),
    vatNumber: text(),
    /** Basis points (2000 = 20 %); applied only when VAT registered. */
    vatRateBp: integer().notNull().default(2000),
    invoicePrefix: text().notNull().default('INV'),
    creditNotePrefix: text().notNull().default('CN'),
    /**
     * The next numbers to issue. A sale increments its counter with an upsert inside its
     * own transaction, which locks this row until the commit: a rolled-back sale gives its
     * number back, and two app instances can never issue one number twice (a sequence
     * would skip on rollback, and UK invoices must be numbered without gaps).
     */
    nextInvoiceNumber: integer().notNull().default(1),
    nextCreditNoteNumber: integer().notNull().default(1),
    lateCancelDrawsCredit: boolean().notNull().default(true),
    noShowDrawsCredit: boolean().notNull().default(true),
    /** How long a gift voucher lasts; at least 12 months (UK practice). */
    voucherValidityMonths: integer().notNull().default(12),
    /** Gift vouchers on sale on the clinic's public page (paid by card through Stripe; needs the keys). */
    sellVouchersOnline: boolean().notNull().default(false),
    /**
     * The clinic's own Stripe keys for paying online (packages bought in the portal). Kept
     * server-side only, encrypted at rest (AES-256-GCM, see server/secret-box.ts): the
     * browser is shown their last four characters, never more. Both null: no online
     * payment anywhere, desk payments only.
     */
    stripeSecretKey: text(),
    stripeWebhookSecret: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('clinic_billing_ranges_ck', sql`${t.vatRateBp} between 0 and 10000 and ${t.voucherValidityMonths} between 12 and 120
      and ${t.nextInvoiceNumber} >= 1 and ${t.nextCreditNoteNumber} >= 1`),
  ],
);

export const DOCUMENT_KINDS = ['invoice', 'credit_note'] as const;

/** An issued invoice or credit note. Never changed after issue: a credit note corrects an invoice. */
export const invoices = pgTable(
  'invoices',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    /** Per clinic and kind: 1, 2, 3… with no gap. */
    number: integer().notNull(),
    /** As printed, e.g. INV-000042. */
    numberText: text().notNull(),
    clientId: uuid().notNull(),
    /** A credit note's invoice. */
    correctsInvoiceId: uuid(),
    /** The visit invoiced, when the invoice is for one. */
    bookingId: uuid(),
    currency: text().notNull(),
    totalMinor: integer().notNull(),
    vatMinor: integer().notNull(),
    netMinor: integer().notNull(),
    vatRateBp: integer().notNull(),
    /** The clinic's and the client's details as printed, frozen at issue. */
    seller: jsonb().$type<{ name: string; address: string; companyNumber: string | null; vatNumber: string | null; email: string }>().notNull(),
    buyer: jsonb().$type<{ name: string; email: string }>().notNull(),
    reason: text(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid(),
    /** The client's `Idempotency-Key`: a retried sale returns this invoice instead of selling twice. */
    idempotencyKey: text(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('invoices_number_uq').on(t.clinicId, t.kind, t.number),
    unique('invoices_idempotency_uq').on(t.clinicId, t.idempotencyKey),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }),
    foreignKey({ columns: [t.clinicId, t.correctsInvoiceId], foreignColumns: [t.clinicId, t.id] }),
    index('invoices_client_idx').on(t.clinicId, t.clientId, t.issuedAt),
    index('invoices_issued_idx').on(t.clinicId, t.issuedAt),
    // The report roll-ups' triggers (migration 0041) find an invoice's credit notes, and a visit's invoices.
    index('invoices_corrects_idx').on(t.clinicId, t.correctsInvoiceId).where(sql`${t.correctsInvoiceId} is not null`),
    index('invoices_booking_idx').on(t.clinicId, t.bookingId).where(sql`${t.bookingId} is not null`),
    check('invoices_amounts_ck', sql`${t.totalMinor} >= 0 and ${t.vatMinor} >= 0 and ${t.netMinor} = ${t.totalMinor} - ${t.vatMinor}`),
    check('invoices_credit_ck', sql`(${t.kind} = 'credit_note') = (${t.correctsInvoiceId} is not null)`),
  ],
);

export const LINE_KINDS = ['service', 'package', 'voucher', 'credit'] as const;

/** The lines of an invoice or credit note; VAT-inclusive unit prices. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    clinicId: uuid().notNull(),
    invoiceId: uuid().notNull(),
    position: integer().notNull(),
    kind: text({ enum: LINE_KINDS }).notNull(),
    description: text().notNull(),
    /** The service, package type or voucher the line sold. */
    refId: uuid(),
    quantity: integer().notNull(),
    unitPriceMinor: integer().notNull(),
    totalMinor: integer().notNull(),
    vatMinor: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.invoiceId, t.position] }),
    foreignKey({ columns: [t.clinicId, t.invoiceId], foreignColumns: [invoices.clinicId, invoices.id] }).onDelete('cascade'),
    check('invoice_lines_ck', sql`${t.quantity} > 0 and ${t.unitPriceMinor} >= 0 and ${t.totalMinor} = ${t.quantity} * ${t.unitPriceMinor} and ${t.vatMinor} between 0 and ${t.totalMinor}`),
  ],
);

export const PAYMENT_METHODS = ['card_terminal', 'cash', 'bank_transfer', 'package_credit', 'voucher', 'online_card'] as const;

/** Money received against an invoice, and money given back (a refund names its payment). */
export const payments = pgTable(
  'payments',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    invoiceId: uuid().notNull(),
    kind: text({ enum: ['payment', 'refund'] }).notNull(),
    method: text({ enum: PAYMENT_METHODS }).notNull(),
    /** Always positive; a refund's direction is its kind. */
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    refundOf: uuid(),
    voucherId: uuid(),
    clientPackageId: uuid(),
    /** A card terminal's receipt number, a bank reference; never card data. */
    reference: text(),
    reason: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.invoiceId], foreignColumns: [invoices.clinicId, invoices.id] }),
    foreignKey({ columns: [t.clinicId, t.refundOf], foreignColumns: [t.clinicId, t.id] }),
    index('payments_invoice_idx').on(t.clinicId, t.invoiceId),
    index('payments_recorded_idx').on(t.clinicId, t.recordedAt),
    check('payments_amount_ck', sql`${t.amountMinor} > 0`),
    check('payments_refund_ck', sql`(${t.kind} = 'refund') = (${t.refundOf} is not null)`),
  ],
);

/** A kind of package the owner sells: e.g. 10 facial sessions for £850, valid 6 months. */
export const packageTypes = pgTable(
  'package_types',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    sessions: integer().notNull(),
    priceMinor: integer().notNull(),
    validityMonths: integer().notNull(),
    /** The services a credit may pay for, complementary ones (e.g. sports massage) included. */
    serviceIds: uuid().array().notNull(),
    active: boolean().notNull().default(true),
    sellOnline: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check('package_types_ck', sql`${t.sessions} between 1 and 100 and ${t.priceMinor} >= 0 and ${t.validityMonths} between 1 and 60`),
  ],
);

/** A package a client holds. `sessions_used` moves only with a `package_credits` row. */
export const clientPackages = pgTable(
  'client_packages',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    packageTypeId: uuid().notNull(),
    clientId: uuid().notNull(),
    name: text().notNull(),
    sessionsTotal: integer().notNull(),
    sessionsUsed: integer().notNull().default(0),
    priceMinor: integer().notNull(),
    currency: text().notNull(),
    serviceIds: uuid().array().notNull(),
    invoiceId: uuid().notNull(),
    purchasedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    status: text({ enum: ['active', 'refunded', 'transferred'] }).notNull().default('active'),
    /** The package a transfer created for another client. */
    transferredTo: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }),
    foreignKey({ columns: [t.clinicId, t.packageTypeId], foreignColumns: [packageTypes.clinicId, packageTypes.id] }),
    index('client_packages_client_idx').on(t.clinicId, t.clientId),
    check('client_packages_sessions_ck', sql`${t.sessionsUsed} between 0 and ${t.sessionsTotal}`),
  ],
);

export const CREDIT_REASONS = ['attended', 'late_cancel', 'no_show', 'desk', 'restored', 'refunded', 'transferred_out', 'transferred_in'] as const;

/** Every change of a package's sessions: −1 for a session drawn, +1 for one given back, −n for a refund or transfer. */
export const packageCredits = pgTable(
  'package_credits',
  {
    clinicId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    clientPackageId: uuid().notNull(),
    /** The visit that drew the session; a visit draws at most one. */
    bookingId: uuid(),
    delta: integer().notNull(),
    reason: text({ enum: CREDIT_REASONS }).notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    by: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.clientPackageId], foreignColumns: [clientPackages.clinicId, clientPackages.id] }),
    index('package_credits_package_idx').on(t.clinicId, t.clientPackageId),
    index('package_credits_booking_idx').on(t.clinicId, t.bookingId),
    check('package_credits_delta_ck', sql`${t.delta} <> 0`),
  ],
);

/** A gift voucher: a value, or one treatment (its value is the price when sold). */
export const vouchers = pgTable(
  'vouchers',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    /** 16 characters without look-alikes, stored without dashes. */
    code: text().notNull(),
    kind: text({ enum: ['value', 'treatment'] }).notNull(),
    serviceId: uuid(),
    initialMinor: integer().notNull(),
    balanceMinor: integer().notNull(),
    currency: text().notNull(),
    recipientName: text(),
    invoiceId: uuid().notNull(),
    purchaserClientId: uuid().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('vouchers_code_uq').on(t.code),
    check('vouchers_balance_ck', sql`${t.balanceMinor} between 0 and ${t.initialMinor} and ${t.initialMinor} > 0`),
    check('vouchers_kind_ck', sql`(${t.kind} = 'treatment') = (${t.serviceId} is not null)`),
  ],
);

/**
 * A Stripe Checkout Session the portal opened for an unpaid invoice. Paid once, by
 * whichever comes first: the signed `checkout.session.completed` webhook or the client's
 * return page (which retrieves the session); `paymentId` set means it is done.
 */
export const stripeCheckouts = pgTable(
  'stripe_checkouts',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    sessionId: text().notNull(),
    /** What is being bought: a package or a gift voucher; either's invoice is issued when the payment arrives. */
    purpose: text({ enum: ['package', 'voucher'] }).notNull().default('package'),
    /** Null until paid: the invoice is issued only then (checkouts from before 0038 had their package invoice at the start). */
    invoiceId: uuid(),
    /** The package being bought (its invoice is issued on payment, at the price the session charged). */
    packageTypeId: uuid(),
    /** Null for a gift voucher bought on the public page until it is paid (the buyer becomes a client then). */
    clientId: uuid(),
    /** A gift voucher's order as typed on the public page: buyer, recipient, value or treatment. */
    voucherOrder: jsonb().$type<VoucherOrder>(),
    /** open → paid, or → expired (abandoned: Stripe's session expired or the sweep closed it). */
    status: text({ enum: ['open', 'paid', 'expired'] }).notNull().default('open'),
    paymentId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.sessionId] }),
    foreignKey({ columns: [t.clinicId, t.invoiceId], foreignColumns: [invoices.clinicId, invoices.id] }),
    index('stripe_checkouts_open_idx').on(t.status, t.createdAt),
    check('stripe_checkouts_purpose_ck', sql`${t.purpose} = 'voucher' or (${t.clientId} is not null and (${t.invoiceId} is not null or ${t.packageTypeId} is not null))`),
  ],
);

export interface VoucherOrder {
  buyerName: string;
  buyerEmail: string;
  recipientName: string;
  recipientEmail: string | null;
  message: string | null;
  /** A value voucher's amount, or null for a treatment voucher (valued at the service's price when bought). */
  amountMinor: number | null;
  serviceId: string | null;
  /** What Stripe is asked to charge, fixed when the order is made. */
  totalMinor: number;
}

/** Stripe events already processed: a repeated delivery of one changes nothing. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    eventId: text().notNull(),
    type: text().notNull(),
    processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.eventId] })],
);
