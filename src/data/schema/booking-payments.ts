import { sql } from 'drizzle-orm';
import { check, foreignKey, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';
import { bookings } from './scheduling.ts';

/**
 * What a client pays online when booking a service that asks for a deposit or the full
 * price: part by gift voucher, the rest by card on Stripe's hosted Checkout page. One row
 * per booking, written when the slot is held; `invoiceId` set means it is paid (by the
 * signed webhook, the client's return page, or at once when a voucher covers it all) and
 * recorded against the visit's invoice. Paid once: the row is locked while it is settled.
 */
export const bookingPayments = pgTable(
  'booking_payments',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    bookingId: uuid().notNull(),
    /** The deposit or price asked, in all. */
    dueMinor: integer().notNull(),
    /** The part a gift voucher pays, spent when the booking is paid. */
    voucherId: uuid(),
    voucherMinor: integer().notNull().default(0),
    /** The part paid by card: the Checkout Session's amount. */
    cardMinor: integer().notNull(),
    currency: text().notNull(),
    sessionId: text(),
    checkoutUrl: text(),
    invoiceId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.bookingId] }),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
    unique('booking_payments_session_uq').on(t.clinicId, t.sessionId),
    check('booking_payments_amounts_ck', sql`${t.dueMinor} > 0 and ${t.voucherMinor} >= 0 and ${t.cardMinor} >= 0 and ${t.voucherMinor} + ${t.cardMinor} = ${t.dueMinor}`),
  ],
);
