import { z } from 'zod';
import { multilineText } from '../common/fields.schema.ts';
import { REVIEW_BODY_MAX, REVIEW_HIDE_REASON_MAX, REVIEW_REPLY_MAX } from '../../data/schema/index.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const createReviewBody = z.strictObject({
  bookingId: z.uuid({ message: 'Choose the appointment you are reviewing' }),
  rating: z.int().min(1, 'Choose from 1 to 5 stars').max(5, 'Choose from 1 to 5 stars'),
  body: multilineText(REVIEW_BODY_MAX).min(1, 'Write a few words about your visit'),
});
export const replyBody = z.strictObject({
  body: multilineText(REVIEW_REPLY_MAX).min(1, 'Write a reply'),
});
export const hideBody = z.strictObject({
  reason: multilineText(REVIEW_HIDE_REASON_MAX).min(3, 'Give the reason for hiding this review'),
});
export const reviewParams = clinicSlugParams.extend({ reviewId: z.uuid() });
export const publicReviewsQuery = z.object({ practitioner: z.uuid().optional() });

export const reviewAggregate = z.object({
  /** Average of the visible reviews, one decimal; null when there are none. */
  average: z.number().nullable(),
  count: z.int(),
  /** Reviews the clinic has hidden (each with a recorded reason), shown so ratings stay honest. */
  hiddenCount: z.int(),
});
export const publicReview = z.object({
  id: z.string(),
  rating: z.int(),
  body: z.string(),
  createdAt: z.string(),
  /** First name and initial only. */
  author: z.string(),
  practitioner: z.object({ id: z.string(), name: z.string() }),
  reply: z.object({ body: z.string(), repliedAt: z.string() }).nullable(),
});
export const publicReviewList = z.object({ aggregate: reviewAggregate, items: z.array(publicReview) });
export const staffReview = publicReview.extend({
  bookingId: z.string(),
  hidden: z.object({ at: z.string(), reason: z.string() }).nullable(),
});
export const staffReviewList = z.object({ aggregate: reviewAggregate, items: z.array(staffReview) });
export const reviewableBooking = z.object({
  bookingId: z.string(),
  start: z.string(),
  timeZone: z.string(),
  service: z.string(),
  practitioner: z.string(),
  /** The review already left for it, if any. */
  reviewed: z.boolean(),
});
