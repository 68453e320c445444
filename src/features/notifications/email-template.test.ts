import { describe, expect, it } from 'vitest';
import { renderEmail } from './email-template.ts';

describe('renderEmail', () => {
  const url = 'https://yintang.example/app/bookings/manage?token=aVeryLongTokenThatNobodyWantsToRead0123456789';
  const email = renderEmail({
    greeting: 'Zoë',
    paragraphs: ['You are booked in.', { text: 'Cannot come?', link: { label: 'Cancel the booking', url } }],
    action: { label: 'Manage my booking', url },
  });

  it('shows links in the HTML part as buttons and short words, never the long address as text', () => {
    expect(email.html).toContain(`<a href="${url.replace(/&/g, '&amp;')}" style="color:#2f6f5e">Cancel the booking</a>`);
    expect(email.html).toContain('>Manage my booking</a>');
    // The address appears only inside href attributes.
    const visible = email.html.replace(/<[^>]*>/g, '');
    expect(visible).not.toContain('https://');
  });

  it('gives the plain-text part the addresses themselves', () => {
    expect(email.text).toContain(`Cannot come? Cancel the booking: ${url}`);
    expect(email.text).toContain(`Manage my booking: ${url}`);
    expect(email.text.startsWith('Hello Zoë,')).toBe(true);
  });
});
