import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clinics } from './clinics.ts';

/**
 * Roll-ups for the practice reports (decision 0010). Derived rows only: each is a sum of
 * contributions of ledger rows (bookings, payments, invoices) and is kept by triggers in
 * the same transaction as the write that changes it (migration 0041), so a report sums a
 * few thousand of these instead of scanning every booking, payment and invoice. Nothing in
 * the application writes them; `rebuild_report_rollups(clinic)` recomputes a clinic's rows
 * from the ledger (the migration's backfill, a time zone change, the benchmark's seed).
 * Dates are the clinic's local days.
 */

/**
 * Appointments by the local day they start on, practitioner and room: how many of each
 * outcome, and the booked time (confirmed, arrived, completed, no-show) falling inside
 * that local day, in microseconds (an appointment across midnight counts on both days).
 */
export const bookingDayTotals = pgTable(
  'booking_day_totals',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    practitionerId: uuid().notNull(),
    /** Null: appointments in no room. */
    roomId: uuid(),
    /** Confirmed, arrived or completed. */
    kept: integer().notNull().default(0),
    noShows: integer().notNull().default(0),
    lateCancellations: integer().notNull().default(0),
    cancelledInTime: integer().notNull().default(0),
    /** Held or expired: not appointments for the figures, but they show who had any. */
    other: integer().notNull().default(0),
    bookedMicros: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [unique('booking_day_totals_key').on(t.clinicId, t.date, t.practitionerId, t.roomId).nullsNotDistinct()],
);

/**
 * Payments and refunds by the local day they were recorded, method and the practitioner of
 * the visit invoiced (null: an invoice for no visit).
 */
export const takingsDayTotals = pgTable(
  'takings_day_totals',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    method: text().notNull(),
    practitionerId: uuid(),
    paymentsMinor: bigint({ mode: 'number' }).notNull().default(0),
    refundsMinor: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [unique('takings_day_totals_key').on(t.clinicId, t.date, t.method, t.practitionerId).nullsNotDistinct()],
);

/**
 * The periods in which an invoice had something left to pay, and how much: from just
 * after one ledger instant (issue, payment, refund, credit note) up to and including the
 * next. "Outstanding at T" is then one index probe for the periods containing T.
 */
export const invoiceOpenSpans = pgTable(
  'invoice_open_spans',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    invoiceId: uuid().notNull(),
    /** Exclusive. */
    fromAt: timestamp({ withTimezone: true }).notNull(),
    /** Inclusive; null: still open. */
    untilAt: timestamp({ withTimezone: true }),
    outstandingMinor: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.invoiceId, t.fromAt] }),
    index('invoice_open_spans_at_idx').using('gist', t.clinicId, sql`tstzrange(${t.fromAt}, ${t.untilAt}, '(]')`),
  ],
);

/** Each client's first appointment ever that was booked and not cancelled (a no-show included). */
export const clientFirstAppointments = pgTable(
  'client_first_appointments',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    clientId: uuid().notNull(),
    firstAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.clientId] }),
    index('client_first_appointments_at_idx').on(t.clinicId, t.firstAt),
  ],
);

/**
 * Each visit (an appointment confirmed, arrived or completed) with its neighbours among the
 * client's visits, kept per client by a trigger: the one before it (in start order, ties by
 * id) and the next that starts later; for a consultation, the consultation before it and
 * the first course the client began after it (a series of a treatment none of whose
 * sessions came before the consultation). A client's first visit in a range starting at T
 * is then the one visit with `prev_at < T <= starts_at`: one index probe per client.
 */
export const clientVisits = pgTable(
  'client_visits',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    bookingId: uuid().notNull(),
    clientId: uuid().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    prevAt: timestamp({ withTimezone: true }),
    nextAt: timestamp({ withTimezone: true }),
    consultation: boolean().notNull(),
    prevConsultationAt: timestamp({ withTimezone: true }),
    courseKind: text(),
    courseAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.bookingId] }),
    index('client_visits_client_idx').on(t.clinicId, t.clientId),
    index('client_visits_first_idx').using('gist', t.clinicId, sql`tstzrange(${t.prevAt}, ${t.startsAt}, '(]')`),
    index('client_visits_first_consultation_idx').using('gist', t.clinicId, sql`tstzrange(${t.prevConsultationAt}, ${t.startsAt}, '(]')`).where(sql`${t.consultation}`),
  ],
);
