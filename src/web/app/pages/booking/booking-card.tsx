import type { ReactNode } from 'react';
import type { ClientBookingView } from '../../../../features/booking/booking.schema.ts';
import { formatLongDay, formatPlainDay, formatTime, localDate } from '../../../lib/clinic-time.ts';
import { STATUS, hoursWords } from './booking-format.ts';

/** One booking as a client sees it: what, who, when (clinic time), and its status. */
export function BookingSummary({ booking, headingLevel = 2, children }: { booking: ClientBookingView; headingLevel?: 2 | 3; children?: ReactNode }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const status = STATUS[booking.status];
  const date = localDate(booking.start, booking.timeZone);
  return (
    <article className="panel" aria-label={`${booking.service.name}, ${formatLongDay(date)} at ${formatTime(booking.start, booking.timeZone)}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <H className="text-xl leading-snug">{booking.service.name}</H>
        <span className={status.badge}>{status.label}{booking.status === 'cancelled' && booking.lateCancellation ? ' (late)' : ''}</span>
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-[8rem_1fr]">
        <dt className="muted">When</dt>
        <dd className="font-medium">
          {formatLongDay(date)}, {formatTime(booking.start, booking.timeZone)} to {formatTime(booking.end, booking.timeZone)}
          {booking.timeZone !== 'Europe/London' && <span className="muted"> ({booking.timeZone.replace(/_/g, ' ')} time)</span>}
        </dd>
        <dt className="muted">With</dt>
        <dd>{booking.practitioner.name}</dd>
        <dt className="muted">Where</dt>
        <dd>{booking.clinic.name}</dd>
      </dl>
      {children}
    </article>
  );
}

/**
 * The cancellation policy in plain words for this booking: free until the deadline,
 * recorded as late after it.
 */
export function policyWords(booking: ClientBookingView, now = Date.now()): { late: boolean; text: string } {
  const deadline = Date.parse(booking.cancellationDeadline);
  const windowHours = (Date.parse(booking.start) - deadline) / 3_600_000;
  if (windowHours <= 0) return { late: false, text: 'You can cancel or move this booking at any time before it starts.' };
  const when = `${formatTime(deadline, booking.timeZone)} on ${formatPlainDay(localDate(deadline, booking.timeZone))}`;
  if (now < deadline) {
    return {
      late: false,
      text: `You can cancel or move this booking free of charge until ${when} (${hoursWords(windowHours)} before it starts). After that, a cancellation is recorded as late.`,
    };
  }
  return {
    late: true,
    text: `It is now less than ${hoursWords(windowHours)} before your appointment, so if you cancel now it will be recorded as a late cancellation. If something urgent has come up, please let the clinic know.`,
  };
}
