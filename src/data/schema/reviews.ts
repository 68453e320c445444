import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clients, clinics, memberships } from './clinics.ts';
import { bookings } from './scheduling.ts';

import { REVIEW_BODY_MAX, REVIEW_HIDE_REASON_MAX, REVIEW_REPLY_MAX } from '../../domain/reviews/review-limits.ts';

export { REVIEW_BODY_MAX, REVIEW_HIDE_REASON_MAX, REVIEW_REPLY_MAX };

/**
 * A client's review of one completed appointment (one per appointment). The clinic may
 * reply publicly, and the owner may hide a review only with a recorded reason; hidden
 * reviews are counted publicly ("hidden by the clinic") so ratings stay honest.
 */
export const reviews = pgTable(
  'reviews',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    bookingId: uuid().notNull(),
    clientId: uuid().notNull(),
    practitionerId: uuid().notNull(),
    rating: smallint().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp({ withTimezone: true }),
    hiddenBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    hiddenReason: text(),
    replyBody: text(),
    repliedAt: timestamp({ withTimezone: true }),
    repliedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('reviews_booking_uq').on(t.clinicId, t.bookingId),
    foreignKey({ columns: [t.clinicId, t.bookingId], foreignColumns: [bookings.clinicId, bookings.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.clientId], foreignColumns: [clients.clinicId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.clinicId, t.practitionerId], foreignColumns: [memberships.clinicId, memberships.userId] }).onDelete('cascade'),
    index('reviews_clinic_created_idx').on(t.clinicId, t.createdAt),
    index('reviews_practitioner_idx').on(t.clinicId, t.practitionerId, t.createdAt),
    check('reviews_rating_ck', sql`${t.rating} between 1 and 5`),
    check('reviews_body_ck', sql`char_length(${t.body}) between 1 and ${sql.raw(String(REVIEW_BODY_MAX))}`),
    check('reviews_hidden_ck', sql`(${t.hiddenAt} is null and ${t.hiddenReason} is null)
      or (${t.hiddenAt} is not null and ${t.hiddenReason} is not null and char_length(${t.hiddenReason}) between 1 and ${sql.raw(String(REVIEW_HIDE_REASON_MAX))})`),
    check('reviews_reply_ck', sql`(${t.replyBody} is null and ${t.repliedAt} is null)
      or (${t.replyBody} is not null and ${t.repliedAt} is not null and char_length(${t.replyBody}) between 1 and ${sql.raw(String(REVIEW_REPLY_MAX))})`),
  ],
);
