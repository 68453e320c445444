import { test, expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { waitForEmail } from './support/outbox.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId, spreadPick } from './support/booking.ts';

const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).setLocale('en-GB');

test('Reception moves a booking', async ({ page }) => {
  const email = uniqueEmail('moved.client');
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();

  // A client rang earlier and was booked in with Tom, a few days from now.
  const slots = await freeSlots(page.request, 'traditional-acupuncture', 72, 'Tom Hughes');
  const slot = slots[spreadPick(Math.min(slots.length, 40), 23)]!;
  const staff = await asSignedIn(page);
  await staff.post(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'traditional-acupuncture'), practitionerId: slot.practitionerId, start: slot.start,
    client: { name: 'Harriet Moss', email, phone: '07700 900777' },
  });
  const day = local(slot.start).toISODate()!;

  await page.goto(`/app/diary?date=${day}&practitioner=${slot.practitionerId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible();
  const entry = page.getByRole('button', { name: new RegExp(`^${local(slot.start).toFormat('HH:mm')} to .*Harriet Moss, Traditional acupuncture, Booked`) });
  await entry.click();
  const details = page.getByRole('dialog', { name: 'Harriet Moss' });
  await expect(details).toContainText('Traditional acupuncture');
  await details.getByRole('button', { name: 'Move' }).click();

  const move = page.getByRole('dialog', { name: 'Move Harriet Moss' });
  await expect(move.getByRole('heading', { name: 'Days with free times' })).toBeVisible();
  const days = move.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  // A day and time away from the ones other journeys take.
  await expect(days.first()).toBeVisible();
  const pick = days.nth(1 + spreadPick((await days.count()) - 1, 3));
  await pick.click();
  const newDay = (await pick.getAttribute('aria-label'))!.split(',')[0]!;
  const times = move.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${newDay}$`) });
  await expect(times.first()).toBeVisible();
  const time = times.nth(spreadPick(await times.count(), 5));
  const newTime = (await time.textContent())!.slice(0, 5);
  await time.click();
  await expect(move).toContainText(`Move to ${newDay} at ${newTime} with Tom Hughes?`);
  await move.getByRole('button', { name: 'Move appointment' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Harriet Moss moved to' })).toContainText(`${newDay} at ${newTime}`);
  // The diary of the new day shows it, and the client is told with an updated invite.
  const newDate = DateTime.fromFormat(newDay, 'cccc d LLLL yyyy', { locale: 'en-GB' }).toISODate()!;
  await page.goto(`/app/diary?date=${newDate}`);
  await expect(page.getByRole('button', { name: new RegExp(`^${newTime} to .*Harriet Moss`) })).toBeVisible();
  const moved = await waitForEmail(email, 'has moved to');
  expect(moved.text).toContain(`${newDay} at ${newTime}`);
});

test('Reception books a client by phone from a free time in the diary', async ({ page }) => {
  const email = uniqueEmail('phone.client');
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  // The diary offers a free time every half hour.
  const slots = (await freeSlots(page.request, 'facial-consultation', 24 * 8, 'Mei Lin Chen')).filter((s) => local(s.start).minute % 30 === 0);
  // A fixed pick a little way into the list, clear of the earliest times other journeys take.
  const slot = slots[Math.min(slots.length - 1, 12)]!;
  const at = local(slot.start);
  await page.goto(`/app/diary?date=${at.toISODate()}`);
  await page.getByRole('button', { name: `${at.toFormat('HH:mm')} free: book with Mei Lin Chen` }).click();
  const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
  await dialog.getByLabel('Treatment').selectOption({ label: 'Free facial acupuncture consultation (30 minutes)' });
  await dialog.getByRole('button', { name: 'New client' }).click();
  await dialog.getByLabel('Full name').fill('Rosa Lindqvist');
  await dialog.getByLabel('E-mail address').fill(email);
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rosa Lindqvist is booked' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`^${at.toFormat('HH:mm')} to .*Rosa Lindqvist`) })).toBeVisible();
  await waitForEmail(email, 'Your booking at Jade Leaf Acupuncture');
});

test('Reception finds a client already on file and books them from the diary', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const slots = (await freeSlots(page.request, 'facial-consultation', 24 * 9, 'Tom Hughes')).filter((s) => local(s.start).minute % 30 === 0);
  // A fixed pick a little way into the list, clear of the earliest times other journeys take.
  const slot = slots[Math.min(slots.length - 1, 12)]!;
  const at = local(slot.start);
  await page.goto(`/app/diary?date=${at.toISODate()}`);
  await page.getByRole('button', { name: `${at.toFormat('HH:mm')} free: book with Tom Hughes` }).click();
  const dialog = page.getByRole('dialog', { name: 'Book an appointment' });
  await dialog.getByLabel('Treatment').selectOption({ label: 'Free facial acupuncture consultation (30 minutes)' });
  // Booking without choosing anyone says what is missing.
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(dialog.getByText('Search for the client and choose them, or add a new client')).toBeVisible();
  await dialog.getByLabel('Search by name, e-mail or phone').fill('olivia');
  await dialog.getByRole('group', { name: 'Matching clients' }).getByRole('radio', { name: /Olivia Brown/ }).check();
  await dialog.getByRole('button', { name: 'Book appointment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Olivia Brown is booked with Tom Hughes' })).toBeVisible();
  // Only Tom's column: Olivia may have another appointment at the same time with someone else.
  await expect(page.getByRole('group', { name: 'Tom Hughes’s day' })
    .getByRole('button', { name: new RegExp(`^${at.toFormat('HH:mm')} to .*Olivia Brown`) })).toBeVisible();
});

test('The diary has no serious accessibility problems, in day and week view', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await page.goto('/app/diary');
  await expect(page.getByRole('group', { name: 'Mei Lin Chen’s day' })).toBeVisible();
  expect(await seriousViolations(page), 'day view').toEqual([]);
  await page.getByRole('button', { name: 'Week' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Week of / })).toBeVisible();
  expect(await seriousViolations(page), 'week view').toEqual([]);
});

test('A practitioner sees only their own diary', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await page.goto('/app/diary');
  await expect(page.getByRole('group', { name: 'Tom Hughes’s day' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Mei Lin Chen’s day' })).toHaveCount(0);
  await expect(page.getByLabel('Practitioner')).toHaveCount(0);
});
