import { test, expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { waitForEmail } from './support/outbox.ts';
import { asSignedIn, attachments, bookingLink, CLINIC, freeSlots, serviceId, spreadPick } from './support/booking.ts';

test('Client cancels from the e-mail link', async ({ page, browser }) => {
  const email = uniqueEmail('cancelling.client');
  // Reception books the client by phone, well outside the 24-hour cancellation window.
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const slots = await freeSlots(page.request, 'knee-pain', 24 * 4);
  const slot = slots[spreadPick(Math.min(slots.length, 40), 17)]!;
  const staff = await asSignedIn(page);
  await staff.post(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'knee-pain'), practitionerId: slot.practitionerId, start: slot.start,
    client: { name: 'Gideon Fairweather', email },
  });
  const confirmation = await waitForEmail(email, 'Your booking at Jade Leaf Acupuncture');
  const when = DateTime.fromISO(slot.start, { zone: 'Europe/London' }).setLocale('en-GB');

  // The client opens the cancel link on their phone, not signed in.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await phone.goto(bookingLink(confirmation, 'manage', 'cancel'));
  await expect(phone.getByRole('heading', { level: 1, name: 'Your booking' })).toBeVisible();
  await expect(phone.getByRole('article')).toContainText(`${when.toFormat('cccc d LLLL yyyy')}, ${when.toFormat('HH:mm')} to`);
  const deadline = when.minus({ hours: 24 });
  await expect(phone.getByText(`free of charge until ${deadline.toFormat('HH:mm')} on ${deadline.toFormat('d LLLL yyyy')} (24 hours before it starts)`)).toBeVisible();
  await expect(phone.getByRole('heading', { name: 'Cancel this booking?' })).toBeFocused();
  await phone.getByRole('button', { name: 'Yes, cancel my booking' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Your booking is cancelled' })).toBeVisible();
  await expect(phone.getByRole('status')).toContainText('Thank you for letting us know');

  const cancelled = await waitForEmail(email, 'Cancelled: your booking');
  expect(attachments(cancelled).get('cancelled.ics')?.content).toContain('METHOD:CANCEL');
  // Opening the link again shows it cancelled, with nothing left to do.
  await phone.reload();
  await expect(phone.getByRole('article')).toContainText('Cancelled');
  await expect(phone.getByRole('button', { name: 'Yes, cancel my booking' })).toHaveCount(0);
  await context.close();
});

test('A client sees their appointments and moves one within the policy', async ({ page }) => {
  // Reception books Olivia in by phone; she then moves it herself in the portal.
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const staff = await asSignedIn(page);
  const clients = await staff.get<{ items: { id: string; email: string }[] }>(`/clinics/${CLINIC}/clients?q=client%40jadeleaf.example`);
  const slots = await freeSlots(page.request, 'traditional-acupuncture', 24 * 5, 'Mei Lin Chen');
  const slot = slots[spreadPick(Math.min(slots.length, 40), 29)]!;
  await staff.post(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'traditional-acupuncture'), practitionerId: slot.practitionerId, start: slot.start, clientId: clients.items[0]!.id,
  });
  await page.context().clearCookies();

  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  const when = DateTime.fromISO(slot.start, { zone: 'Europe/London' }).setLocale('en-GB');
  const card = page.getByRole('article', { name: `Traditional acupuncture, ${when.toFormat('cccc d LLLL yyyy')} at ${when.toFormat('HH:mm')}` });
  await card.getByRole('button', { name: 'Change time' }).click();
  const days = card.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  // A day and time away from the ones other journeys take.
  await expect(days.first()).toBeVisible();
  const pick = days.nth(1 + spreadPick((await days.count()) - 1, 1));
  await pick.click();
  const newDay = (await pick.getAttribute('aria-label'))!.split(',')[0]!;
  const times = card.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${newDay}$`) });
  await expect(times.first()).toBeVisible();
  const time = times.nth(spreadPick(await times.count(), 6));
  const newTime = (await time.textContent())!.slice(0, 5);
  await time.click();
  await card.getByRole('button', { name: 'Move appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your appointment has moved' })).toContainText(`${newDay} at ${newTime}`);
  // The move panel closes: nothing is left to click that would move it (and e-mail) again.
  await expect(page.getByRole('button', { name: 'Move appointment' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Choose a new time' })).toHaveCount(0);
});
