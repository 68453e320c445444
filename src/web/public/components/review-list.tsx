import { MessageSquareReply, Star } from 'lucide-react';
import type { ReviewSummary } from '../../../features/reviews/reviews.repository.ts';
import { formatDate } from '../../lib/format.ts';

/** Five stars, filled up to the rating, read out as "4 out of 5 stars". */
export function Stars({ rating, className = 'size-5' }: { rating: number; className?: string }) {
  return (
    <span className="inline-flex items-center gap-0.5" role="img" aria-label={`${rating} out of 5 stars`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Star key={n} aria-hidden="true" className={`${className} ${n <= Math.round(rating) ? 'fill-current text-clay' : 'text-line-strong'}`} />
      ))}
    </span>
  );
}

/** "4.7 out of 5 from 12 reviews · 1 hidden by the clinic". */
export function RatingSummary({ summary }: { summary: ReviewSummary }) {
  const { average, count, hiddenCount } = summary.aggregate;
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="rating-summary">
      {average !== null && <Stars rating={average} />}
      <span>
        {average !== null ? <><strong>{average.toFixed(1)}</strong> out of 5 from {count} {count === 1 ? 'review' : 'reviews'}</> : 'No reviews yet'}
        {hiddenCount > 0 && <span className="muted"> · {hiddenCount} hidden by the clinic</span>}
      </span>
    </p>
  );
}

/** The reviews themselves. Review and reply text is plain text (React escapes it), so markup in it stays inert. */
export function ReviewItems({ items, timeZone, showPractitioner = true }: { items: ReviewSummary['items']; timeZone: string; showPractitioner?: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul className="mt-4 flex list-none flex-col gap-4 p-0">
      {items.map((r) => (
        <li key={r.id} className="card" data-testid="review">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Stars rating={r.rating} className="size-4" />
            <p className="muted text-sm">
              {r.author}, <time dateTime={r.createdAt}>{formatDate(r.createdAt, timeZone)}</time>
              {showPractitioner && r.practitioner.name ? <> · with {r.practitioner.name}</> : null}
            </p>
          </div>
          <p className="mt-3 whitespace-pre-line break-words">{r.body}</p>
          {r.reply && (
            <div className="panel mt-4" data-testid="review-reply">
              <p className="flex items-center gap-2 font-semibold">
                <MessageSquareReply aria-hidden="true" className="size-4 text-jade-700" />Reply from the clinic
              </p>
              <p className="mt-2 whitespace-pre-line break-words">{r.reply.body}</p>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

export const ONLY_VERIFIED_VISITS = 'Only clients who have had a completed appointment can leave a review, one for each appointment.';

/**
 * The latest reviews from clients with a completed appointment, and the clinic's replies,
 * with a link to all of them (`allHref`) when there are more than shown.
 */
export function ReviewList({ summary, timeZone, headingId = 'reviews', showPractitioner = true, allHref }: {
  summary: ReviewSummary; timeZone: string; headingId?: string; showPractitioner?: boolean; allHref?: string;
}) {
  const { count } = summary.aggregate;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-2xl">Reviews</h2>
      <div className="mt-3"><RatingSummary summary={summary} /></div>
      <p className="hint mt-2">{ONLY_VERIFIED_VISITS}</p>
      <ReviewItems items={summary.items} timeZone={timeZone} showPractitioner={showPractitioner} />
      {allHref && count > summary.items.length && (
        <p className="mt-4"><a href={allHref}>Read all {count} reviews</a></p>
      )}
    </section>
  );
}
