import { createEvent, createEvents, type EventAttributes } from 'ics';
import type { EmailAttachment } from '../../data/schema/index.ts';
import type { Config } from '../../server/config.ts';
import { renderEmail } from '../notifications/email-template.ts';
import type { NewEmail } from '../notifications/outbox.repository.ts';
import { formatWhen } from '../scheduling/clinic-time.ts';
import { finishCalendar, mailboxAddress, prodId } from '../../domain/calendar/icalendar.ts';
import type { BookingDetails } from './booking.repository.ts';
import type { CancelMoney } from '../money/cancel-refund.service.ts';
import { refundSentence } from '../../domain/money/booking-payment.ts';
import { formatMoney } from '../../domain/money/money.ts';

/**
 * The e-mails of the booking journey. Names and other input are rendered as text by
 * `renderEmail`; nothing here carries health information beyond the service booked.
 */

/** Links a client uses without signing in; the token is a secret only the e-mail holds. */
export function bookingLinks(config: Config, clinicSlug: string, token: string) {
  const base = `${config.publicUrl}/app/bookings`;
  const tail = `token=${token}&clinic=${encodeURIComponent(clinicSlug)}`;
  return {
    confirm: `${base}/confirm?${tail}`,
    manage: `${base}/manage?${tail}`,
    reschedule: `${base}/manage?${tail}&action=reschedule`,
    cancel: `${base}/manage?${tail}&action=cancel`,
  };
}

/**
 * An iCalendar invite (RFC 5545) for the booking. The UID stays the same for the life of
 * the booking and SEQUENCE grows with each change, so calendar apps update or remove the
 * event they already hold instead of adding a second one. The clinic is the ORGANIZER and
 * the address the e-mail comes from is its SENT-BY (RFC 5545 §3.2.18), so a calendar
 * checking the sender against the organizer (iMIP, RFC 6047) sees who sent it for whom.
 */
export function bookingInvite(config: Pick<Config, 'MAIL_FROM'>, d: BookingDetails, method: 'REQUEST' | 'CANCEL'): EmailAttachment {
  const b = d.booking;
  const event: EventAttributes = {
    uid: `${b.id}@yintang`,
    productId: prodId('Booking'),
    method,
    sequence: b.version,
    start: b.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: b.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${d.serviceName ?? 'Appointment'} at ${d.clinicName}`,
    description: `With ${d.practitionerName ?? 'your practitioner'}. To change or cancel, use the links in your e-mail or call ${d.clinicPhone ?? d.clinicName}.`,
    location: `${d.clinicName}, ${d.clinicAddress}`,
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { name: d.clinicName, email: d.clinicEmail, sentBy: mailboxAddress(config.MAIL_FROM) },
    attendees: d.clientEmail ? [{ name: d.clientName ?? undefined, email: d.clientEmail, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }] : [],
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('could not build the invite');
  return { filename: method === 'CANCEL' ? 'cancelled.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: finishCalendar(value) };
}

/**
 * The ask to answer the health questions, for a client who has not yet: a link to the
 * portal and nothing about health beyond that.
 */
export function healthQuestionsParagraph(config: Config, d: BookingDetails): string[] {
  if (d.intakeComplete || !d.booking.clientId || d.booking.kind !== 'appointment') return [];
  return [`Please complete your health questions before your first visit: ${config.publicUrl}/app/health-questions?clinic=${encodeURIComponent(d.clinicSlug)}`];
}

const what = (d: BookingDetails) => `${d.serviceName ?? 'Your appointment'} with ${d.practitionerName ?? 'your practitioner'}`;
const when = (d: BookingDetails) => formatWhen(d.booking.startsAt.getTime(), d.timeZone);

/** What the hold e-mail says; known before the booking is written, so it can be queued in the same statement. */
export interface HoldFacts {
  clinicId: string;
  clinicSlug: string;
  clinicName: string;
  timeZone: string;
  startsAt: Date;
  serviceName: string;
  practitionerName: string;
  clientName: string;
  clientEmail: string;
}

/** Sent to someone not signed in: the slot is held until they follow the link. */
export function holdEmail(config: Config, f: HoldFacts, token: string, holdMinutes: number, payment?: string): NewEmail {
  const links = bookingLinks(config, f.clinicSlug, token);
  // Paid online: the payment confirms the booking, not this e-mail.
  if (payment) {
    return {
      clinicId: f.clinicId,
      to: f.clientEmail,
      subject: `Your booking at ${f.clinicName} is held until it is paid`,
      ...renderEmail({
        greeting: f.clientName,
        paragraphs: [
          `We are holding ${f.serviceName} with ${f.practitionerName} on ${formatWhen(f.startsAt.getTime(), f.timeZone)} for you until ${payment} is paid.`,
          `You will receive a confirmation as soon as the payment arrives. If it has not arrived within ${holdMinutes} minutes, the time is offered to others again and nothing is charged.`,
        ],
        action: { label: 'See my booking', url: links.manage },
        footer: `If you did not ask for this, ignore this e-mail and nothing will be booked. ${f.clinicName}`,
      }),
    };
  }
  return {
    clinicId: f.clinicId,
    to: f.clientEmail,
    subject: `Please confirm your booking at ${f.clinicName}`,
    ...renderEmail({
      greeting: f.clientName,
      paragraphs: [
        `We are holding ${f.serviceName} with ${f.practitionerName} on ${formatWhen(f.startsAt.getTime(), f.timeZone)} for you.`,
        `Please confirm your e-mail address within ${holdMinutes} minutes to keep it; after that the time is offered to others again.`,
      ],
      action: { label: 'Confirm my booking', url: links.confirm },
      footer: `If you did not ask for this, ignore this e-mail and nothing will be booked. ${f.clinicName}`,
    }),
  };
}

/**
 * Sent to someone not signed in who booked a course: every session is held until they
 * follow the one link, which confirms them all. It goes to the address typed (the client
 * record found for it is not theirs until the address is proven).
 */
export function courseHoldEmail(config: Config, sessions: BookingDetails[], name: string, token: string, holdMinutes: number): NewEmail {
  const first = sessions[0]!;
  const links = bookingLinks(config, first.clinicSlug, token);
  return {
    clinicId: first.booking.clinicId,
    to: first.clientEmail!,
    subject: `Please confirm your course at ${first.clinicName}`,
    ...renderEmail({
      greeting: name,
      paragraphs: [
        `We are holding ${sessions.length} sessions of ${first.serviceName ?? 'treatment'} with ${first.practitionerName ?? 'your practitioner'} for you:`,
        ...sessions.map((d, i) => `${i + 1}. ${when(d)}.`),
        `Please confirm your e-mail address within ${holdMinutes} minutes to keep them all; after that the times are offered to others again.`,
      ],
      action: { label: 'Confirm my course', url: links.confirm },
      footer: `If you did not ask for this, ignore this e-mail and nothing will be booked. ${first.clinicName}`,
    }),
  };
}

/** The confirmation, with the invite and the links to reschedule and cancel. */
export function confirmationEmail(config: Config, d: BookingDetails, token: string, cancellationWindowHours: number, kind: 'confirmed' | 'rescheduled' = 'confirmed'): NewEmail {
  const links = bookingLinks(config, d.clinicSlug, token);
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: kind === 'rescheduled' ? `Your booking at ${d.clinicName} has moved to ${when(d)}` : `Your booking at ${d.clinicName}: ${when(d)}`,
    attachments: [bookingInvite(config, d, 'REQUEST')],
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        kind === 'rescheduled' ? `Your booking has moved. ${what(d)} is now on ${when(d)}.` : `You are booked in: ${what(d)} on ${when(d)}.`,
        `Where: ${d.clinicName}, ${d.clinicAddress}.`,
        ...healthQuestionsParagraph(config, d),
        'The attached invite adds it to your calendar.',
        { text: 'Need another time?', link: { label: 'Choose a new time', url: links.reschedule } },
        { text: 'Cannot come?', link: { label: 'Cancel the booking', url: links.cancel } },
        cancellationWindowHours > 0
          ? `Please give at least ${cancellationWindowHours} hours' notice if you need to cancel or move it; later cancellations are recorded as late.`
          : 'You can cancel or move it at any time before it starts.',
      ],
      action: { label: 'Manage my booking', url: links.manage },
      footer: d.clinicName,
    }),
  };
}

export function cancellationEmail(config: Pick<Config, 'MAIL_FROM'>, d: BookingDetails, payment?: CancelMoney | null): NewEmail {
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: `Cancelled: your booking at ${d.clinicName} on ${when(d)}`,
    attachments: [bookingInvite(config, d, 'CANCEL')],
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        `${what(d)} on ${when(d)} has been cancelled.`,
        d.booking.lateCancellation ? 'As it was cancelled within the notice period, it is recorded as a late cancellation.' : 'Thank you for letting us know.',
        ...(payment ? [refundSentence(payment)] : []),
        'The attached file removes it from your calendar.',
      ],
      footer: d.clinicName,
    }),
  };
}

/**
 * A booking's payment that arrived after the booking was no longer held (cancelled while
 * Stripe's page was open, or its hold ran out): the money went straight back, and this says
 * so, with the amount, and where to book again.
 */
export function paidAfterReleaseEmail(config: Pick<Config, 'publicUrl'>, d: BookingDetails, payment: CancelMoney): NewEmail {
  const why = d.booking.status === 'expired' ? 'the time to pay had run out and the time was offered to others again' : 'the booking had already been cancelled';
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: `Payment refunded: your booking at ${d.clinicName} was no longer held`,
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        `We received your payment of ${formatMoney(payment.paidMinor, payment.currency)} for ${what(d)} on ${when(d)}, but the booking was no longer held for you: ${why}.`,
        `So you are not booked in, and the ${formatMoney(payment.refundedMinor, payment.currency)} has been refunded the way you paid it (a card refund usually reaches your account within 5 to 10 working days; a gift voucher has its value back at once).`,
        { text: 'Would you like another time?', link: { label: 'Book again', url: `${config.publicUrl}/clinics/${d.clinicSlug}/book` } },
      ],
      footer: d.clinicName,
    }),
  };
}

export function reminderEmail(config: Config, d: BookingDetails, token: string): NewEmail {
  const links = bookingLinks(config, d.clinicSlug, token);
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: `Reminder: ${d.serviceName ?? 'your appointment'} at ${d.clinicName}, ${when(d)}`,
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        `This is a reminder of ${what(d)} on ${when(d)}.`, `Where: ${d.clinicName}, ${d.clinicAddress}.`,
        ...healthQuestionsParagraph(config, d),
        { text: 'If you cannot come, please cancel.', link: { label: 'Cancel the booking', url: links.cancel } },
      ],
      action: { label: 'Manage my booking', url: links.manage },
      footer: d.clinicName,
    }),
  };
}

/** One e-mail for a whole course: every session with its own manage link, and one calendar file holding them all. */
export function seriesConfirmationEmail(config: Config, sessions: { details: BookingDetails; token: string }[], cancellationWindowHours: number): NewEmail {
  const first = sessions[0]!.details;
  const events: EventAttributes[] = sessions.map(({ details: d }) => ({
    uid: `${d.booking.id}@yintang`,
    sequence: d.booking.version,
    start: d.booking.startsAt.getTime(), startInputType: 'utc', startOutputType: 'utc',
    end: d.booking.endsAt.getTime(), endInputType: 'utc', endOutputType: 'utc',
    title: `${d.serviceName ?? 'Appointment'} at ${d.clinicName}`,
    location: `${d.clinicName}, ${d.clinicAddress}`,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  }));
  const { error, value } = createEvents(events, { productId: prodId('Booking'), method: 'PUBLISH' });
  if (error || !value) throw error ?? new Error('could not build the invites');
  return {
    clinicId: first.booking.clinicId,
    to: first.clientEmail!,
    subject: `Your course at ${first.clinicName}: ${sessions.length} sessions from ${when(first)}`,
    attachments: [{ filename: 'course.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: finishCalendar(value) }],
    ...renderEmail({
      greeting: first.clientName ?? undefined,
      paragraphs: [
        `You are booked in for ${sessions.length} sessions of ${first.serviceName ?? 'treatment'} with ${first.practitionerName ?? 'your practitioner'}:`,
        ...sessions.map(({ details: d, token }, i) => ({ text: `${i + 1}. ${when(d)}.`, link: { label: 'Change or cancel', url: bookingLinks(config, d.clinicSlug, token).manage } })),
        `Where: ${first.clinicName}, ${first.clinicAddress}. The attached file adds every session to your calendar.`,
        `Please give at least ${cancellationWindowHours} hours' notice to cancel or move a session.`,
      ],
      footer: first.clinicName,
    }),
  };
}
