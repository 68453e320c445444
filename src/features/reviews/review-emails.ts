import type { Config } from '../../server/config.ts';
import { renderEmail } from '../notifications/email-template.ts';
import type { NewEmail } from '../notifications/outbox.repository.ts';
import type { BookingDetails } from '../booking/booking.repository.ts';

/** Where a client leaves a review of one appointment (sign-in required; guests create an account with the same address). */
export function reviewLink(config: Config, clinicSlug: string, bookingId: string) {
  return `${config.publicUrl}/app/reviews/new?booking=${bookingId}&clinic=${encodeURIComponent(clinicSlug)}`;
}

/** Sent when a visit is marked completed: an invitation to review it, never a nudge for stars. */
export function reviewInvitationEmail(config: Config, d: BookingDetails): NewEmail {
  return {
    clinicId: d.booking.clinicId,
    to: d.clientEmail!,
    subject: `How was your visit to ${d.clinicName}?`,
    ...renderEmail({
      greeting: d.clientName ?? undefined,
      paragraphs: [
        `Thank you for visiting ${d.clinicName} for ${d.serviceName ?? 'your appointment'} with ${d.practitionerName ?? 'your practitioner'}.`,
        'If you would like to, you can leave an honest review of this appointment. It helps other people choose a practitioner.',
        `You will be asked to sign in. If you booked without an account, create an account with this e-mail address (${d.clientEmail}) and your visit will be there.`,
      ],
      action: { label: 'Review my visit', url: reviewLink(config, d.clinicSlug, d.booking.id) },
      footer: `You are receiving this because you had an appointment at ${d.clinicName}. We will not ask again for this visit.`,
    }),
  };
}
