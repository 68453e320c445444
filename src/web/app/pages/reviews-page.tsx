import { useState } from 'react';
import { EyeOff, MessageSquareReply, MessageSquareText, Star } from 'lucide-react';
import type { z } from 'zod';
import type { staffReview, staffReviewList } from '../../../features/reviews/reviews.schema.ts';
import { REVIEW_HIDE_REASON_MAX, REVIEW_REPLY_MAX } from '../../../domain/reviews/review-limits.ts';
import { api, errorMessage } from '../../lib/api-client.ts';
import { useApi } from '../../lib/use-api.ts';
import { formatWhen } from '../../lib/clinic-time.ts';
import { RoleGate } from '../role-gate.tsx';
import { usePageTitle } from '../use-page-title.ts';
import type { ClinicContext } from '../session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Loading } from '../../components/loading.tsx';
import { TextAreaField } from '../../components/field.tsx';

type StaffReview = z.infer<typeof staffReview>;
type StaffReviewList = z.infer<typeof staffReviewList>;

/** The owner's reviews: reply publicly, or hide a review with a recorded reason. */
export function ReviewsPage() {
  usePageTitle('Reviews');
  return <RoleGate roles={['owner']}>{(clinic) => <Reviews clinic={clinic} />}</RoleGate>;
}

function Reviews({ clinic }: { clinic: ClinicContext }) {
  const list = useApi<StaffReviewList>(`/clinics/${clinic.slug}/reviews/manage`);
  const [message, setMessage] = useState<string>();
  const a = list.data?.aggregate;
  return (
    <>
      <PageHeader
        eyebrow={clinic.name}
        title="Reviews"
        description={<p>Clients can review each completed appointment once. Reply publicly, or hide a review that breaks the rules; a hidden review still counts as “hidden by the clinic” on your page, so your rating stays honest.</p>}
      />
      {a && (
        <p className="mb-6 text-lg">
          {a.average !== null ? <><strong>{a.average.toFixed(1)}</strong> out of 5 from {a.count} visible {a.count === 1 ? 'review' : 'reviews'}</> : 'No visible reviews yet'}
          {a.hiddenCount > 0 && <span className="muted"> · {a.hiddenCount} hidden</span>}
        </p>
      )}
      {message && <Alert tone="success" className="mb-6">{message}</Alert>}
      {list.error !== undefined && <Alert tone="error">{errorMessage(list.error)}</Alert>}
      {!list.data && list.loading && <Loading label="Loading reviews…" />}
      {list.data && list.data.items.length === 0 && (
        <EmptyState icon={MessageSquareText} title="No reviews yet">
          <p>After an appointment is marked completed, the client is invited by e-mail to review it.</p>
        </EmptyState>
      )}
      <ul className="flex flex-col gap-4" aria-label="Reviews">
        {(list.data?.items ?? []).map((r) => (
          <li key={r.id}><ReviewCard clinic={clinic} review={r} onChanged={(text) => { setMessage(text); list.reload(); }} /></li>
        ))}
      </ul>
    </>
  );
}

function ReviewCard({ clinic, review, onChanged }: { clinic: ClinicContext; review: StaffReview; onChanged: (text: string) => void }) {
  const [mode, setMode] = useState<'view' | 'reply' | 'hide'>('view');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setMode('view');
      onChanged(done);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function open(next: 'reply' | 'hide') {
    setText(next === 'reply' ? review.reply?.body ?? '' : '');
    setError(undefined);
    setMode(next);
  }

  return (
    <article className={`panel ${review.hidden ? 'opacity-80' : ''}`} aria-label={`Review by ${review.author}, ${review.rating} out of 5`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="flex items-center gap-2">
          <span className="inline-flex" role="img" aria-label={`${review.rating} out of 5 stars`}>
            {[1, 2, 3, 4, 5].map((n) => <Star key={n} aria-hidden="true" className={`size-4 ${n <= review.rating ? 'fill-current text-clay' : 'text-line-strong'}`} />)}
          </span>
          <span className="font-semibold">{review.author}</span>
        </p>
        <p className="muted">{formatWhen(review.createdAt, 'Europe/London')} · with {review.practitioner.name}</p>
      </div>
      {review.hidden && (
        <p className="mt-3"><span className="badge badge-neutral">Hidden</span> <span className="muted">Reason: {review.hidden.reason}</span></p>
      )}
      <p className="mt-3 whitespace-pre-line break-words">{review.body}</p>
      {review.reply && mode !== 'reply' && (
        <div className="mt-4 rounded-lg bg-sand p-4">
          <p className="font-semibold">Your reply</p>
          <p className="mt-1 whitespace-pre-line break-words">{review.reply.body}</p>
        </div>
      )}
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
      {mode === 'view' && (
        <div className="mt-4 flex flex-wrap gap-3">
          <Button variant="secondary" onClick={() => open('reply')}>
            <MessageSquareReply aria-hidden="true" className="size-5" />{review.reply ? 'Edit reply' : 'Reply'}
          </Button>
          {review.hidden
            ? <Button variant="ghost" pending={busy} onClick={() => void act(() => api.post(`/clinics/${clinic.slug}/reviews/${review.id}/unhide`), 'The review is shown again.')}>Show again</Button>
            : <Button variant="ghost" onClick={() => open('hide')}><EyeOff aria-hidden="true" className="size-5" />Hide…</Button>}
        </div>
      )}
      {mode === 'reply' && (
        <form className="mt-4 flex flex-col gap-3" noValidate onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return setError('Write a reply, or cancel.');
          void act(() => api.put(`/clinics/${clinic.slug}/reviews/${review.id}/reply`, { body: text.trim() }), 'Your reply is published.');
        }}>
          <TextAreaField label="Public reply" rows={4} maxLength={REVIEW_REPLY_MAX} value={text} onChange={(e) => setText(e.target.value)}
            hint="Shown under the review on your clinic page. Never mention health details." />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" pending={busy}>Publish reply</Button>
            <Button variant="secondary" disabled={busy} onClick={() => setMode('view')}>Cancel</Button>
          </div>
        </form>
      )}
      {mode === 'hide' && (
        <form className="mt-4 flex flex-col gap-3 rounded-lg border border-line p-4" noValidate onSubmit={(e) => {
          e.preventDefault();
          if (text.trim().length < 3) return setError('Give the reason for hiding this review. It is recorded.');
          void act(() => api.post(`/clinics/${clinic.slug}/reviews/${review.id}/hide`, { reason: text.trim() }), 'The review is hidden. It still counts as “hidden by the clinic” on your page.');
        }}>
          <TextAreaField label="Reason for hiding" rows={3} maxLength={REVIEW_HIDE_REASON_MAX} value={text} onChange={(e) => setText(e.target.value)}
            hint="For example: names another client, or is not about a visit. The reason is recorded; the public sees only that a review was hidden." />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" pending={busy}>Hide review</Button>
            <Button variant="secondary" disabled={busy} onClick={() => setMode('view')}>Cancel</Button>
          </div>
        </form>
      )}
    </article>
  );
}
