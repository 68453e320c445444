import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MessageSquareText, Star } from 'lucide-react';
import type { z } from 'zod';
import type { reviewableBooking } from '../../../features/reviews/reviews.schema.ts';
import { REVIEW_BODY_MAX } from '../../../domain/reviews/review-limits.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatWhen } from '../../lib/clinic-time.ts';
import { useSession, type ClinicContext } from '../session.tsx';
import { usePageTitle } from '../use-page-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { TextAreaField } from '../../components/field.tsx';

type Reviewable = z.infer<typeof reviewableBooking>;

const RATING_WORDS = ['', 'Poor', 'Fair', 'Good', 'Very good', 'Excellent'];

/**
 * "Leave a review" for one completed appointment, opened from My appointments or the
 * e-mail sent after the visit (`?booking=…&clinic=…`). The clinic comes from the link,
 * so it works whichever clinic the app is showing.
 */
export function ReviewNewPage() {
  usePageTitle('Leave a review');
  const [params] = useSearchParams();
  const { contexts } = useSession();
  const bookingId = params.get('booking') ?? '';
  const slug = params.get('clinic');
  const clinic = contexts.find((c) => c.role === 'client' && (slug ? c.slug === slug : true));
  if (!clinic || !/^[0-9a-f-]{36}$/i.test(bookingId)) {
    return (
      <>
        <PageHeader title="Leave a review" />
        <EmptyState icon={MessageSquareText} title="We could not find that appointment" action={<Link className="btn btn-secondary" to="/app">Go to my appointments</Link>}>
          <p>Reviews are for your own completed appointments. Please open the link from your e-mail again while signed in with the address the clinic has for you, or choose the appointment from My appointments.</p>
        </EmptyState>
      </>
    );
  }
  return <ReviewForm clinic={clinic} bookingId={bookingId} />;
}

function ReviewForm({ clinic, bookingId }: { clinic: ClinicContext; bookingId: string }) {
  const booking = useApi<Reviewable>(`/clinics/${clinic.slug}/me/reviewable-bookings/${bookingId}`);
  const [rating, setRating] = useState(0);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ rating?: string; body?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (rating < 1) next.rating = 'Choose from 1 to 5 stars.';
    if (!body.trim()) next.body = 'Write a few words about your visit.';
    setErrors(next);
    if (next.rating || next.body) return;
    setBusy(true);
    try {
      await api.post(`/clinics/${clinic.slug}/reviews`, { bookingId, rating, body: body.trim() });
      setDone(true);
    } catch (e) {
      setErrors({ form: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const b = booking.data;
  return (
    <>
      <PageHeader eyebrow={clinic.name} title="Leave a review" description={<p>Your review appears on the clinic’s page with your first name and initial. Please describe your own experience; do not include health details you would not want to share.</p>} />
      {booking.error !== undefined && <Alert tone="error">{errorMessage(booking.error)}</Alert>}
      {!b && booking.loading && <Loading label="Loading your appointment…" />}
      {b && (
        <div className="panel max-w-2xl">
          <p className="muted">Your appointment</p>
          <p className="mt-1 text-lg font-semibold">{b.service} with {b.practitioner}</p>
          <p>{formatWhen(b.start, b.timeZone)}</p>
          {done || b.reviewed ? (
            <Alert tone="success" className="mt-5">
              {done ? 'Thank you. Your review is now on the clinic’s page.' : 'You have already reviewed this appointment. Thank you.'}
              {' '}<a href={`/clinics/${clinic.slug}#reviews`}>See the clinic’s reviews</a>
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate className="mt-6 flex flex-col gap-5">
              <fieldset aria-describedby={errors.rating ? 'rating-error' : undefined}>
                <legend className="label">Your rating</legend>
                <div className="mt-2 flex flex-wrap gap-2">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} className={`flex min-h-11 cursor-pointer items-center gap-1.5 rounded-lg border px-3 py-2 ${rating === n ? 'border-jade-700 bg-jade-50' : 'border-line'}`}>
                      <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} className="accent-jade-700" />
                      <Star aria-hidden="true" className={`size-4 ${n <= rating ? 'fill-current text-clay' : 'text-line-strong'}`} />
                      <span>{n} {n === 1 ? 'star' : 'stars'}<span className="muted"> · {RATING_WORDS[n]}</span></span>
                    </label>
                  ))}
                </div>
                {errors.rating && <p id="rating-error" className="mt-1.5 text-danger">{errors.rating}</p>}
              </fieldset>
              <TextAreaField label="Your review" rows={6} maxLength={REVIEW_BODY_MAX} value={body} onChange={(e) => setBody(e.target.value)}
                error={errors.body} hint="What was the visit like? Plain text; links and formatting are shown as typed." />
              {errors.form && <Alert tone="error">{errors.form}</Alert>}
              <p><Button type="submit" pending={busy}>Publish my review</Button></p>
            </form>
          )}
        </div>
      )}
    </>
  );
}
