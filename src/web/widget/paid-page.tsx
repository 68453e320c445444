import { CircleCheck, Clock } from 'lucide-react';
import { PublicLayout } from '../public/public-layout.tsx';
import { formatPrice, formatWhen } from '../lib/clinic-time.ts';

/** After Stripe's payment page: what became of the booking and its payment. */
export interface PaidPageState {
  paid: boolean;
  status: string;
  startsAt: Date;
  serviceName: string;
  cardMinor: number;
  voucherMinor: number;
  currency: string;
  /** What has gone back to the client (a payment that came after the booking was released). */
  refundedMinor: number;
}

/**
 * The page Stripe sends the client back to after paying for a booking (server-rendered,
 * no script): booked in, still waiting for the payment, or a time released before the
 * payment came (then refunded at once, and the client told by e-mail).
 */
export function PaidPage({ clinic, state }: { clinic: { slug: string; name: string; timeZone: string }; state: PaidPageState }) {
  const when = formatWhen(state.startsAt.toISOString(), clinic.timeZone);
  const paid = [
    state.cardMinor > 0 ? `${formatPrice(state.cardMinor, state.currency)} by card` : null,
    state.voucherMinor > 0 ? `${formatPrice(state.voucherMinor, state.currency)} by gift voucher` : null,
  ].filter(Boolean).join(' and ');
  const booked = state.paid && state.status === 'confirmed';
  return (
    <PublicLayout>
      <div className="mx-auto max-w-3xl py-10 sm:py-14">
        <p className="eyebrow"><a href={`/clinics/${clinic.slug}`}>{clinic.name}</a></p>
        <h1 className="mt-2 text-3xl leading-tight sm:text-4xl">{booked ? 'You are booked in' : state.paid && state.refundedMinor > 0 ? 'Payment refunded' : state.paid ? 'Payment received' : 'Waiting for your payment'}</h1>
        <div className="panel mt-6 flex gap-3" role="status">
          {booked ? <CircleCheck aria-hidden="true" className="mt-1 size-5 shrink-0 text-jade-700" /> : <Clock aria-hidden="true" className="mt-1 size-5 shrink-0 text-jade-700" />}
          <div>
            {booked && (
              <p>Thank you: we received {paid} for <strong>{state.serviceName}</strong> on <strong>{when}</strong>. Your booking is confirmed and the details are on their way to your e-mail.</p>
            )}
            {state.paid && !booked && (
              <p>
                We received {paid} for {state.serviceName} on {when}, but the time was no longer held for you.{' '}
                {state.refundedMinor > 0
                  ? `${formatPrice(state.refundedMinor, state.currency)} has been refunded the way you paid it; an e-mail confirms it. A card refund usually reaches your account within 5 to 10 working days.`
                  : 'The clinic will refund it; please contact them to book another time.'}
              </p>
            )}
            {!state.paid && (
              <p>
                Stripe has not told us about your payment for {state.serviceName} on {when} yet. If you paid, please reload this page in a minute; if you did not, the time is
                released when the hold runs out and nothing is charged.
              </p>
            )}
          </div>
        </div>
        <p className="mt-6"><a href={`/clinics/${clinic.slug}/book`}>Make another booking</a></p>
      </div>
    </PublicLayout>
  );
}
