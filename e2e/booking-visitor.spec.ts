import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { DateTime } from 'luxon';
import { uniqueEmail } from './support/app.ts';
import { waitForEmail } from './support/outbox.ts';
import { seriousViolations } from './support/axe.ts';
import { attachments, bookingLink, clinicWebsite, icsUtc, icsValue } from './support/booking.ts';
import { E2E_BASE_URL } from './support/env.ts';

test('Visitor books a free consultation and receives the e-mail with the .ics', async ({ page }) => {
  const email = uniqueEmail('visitor.booking');
  await page.goto('/clinics/jade-leaf-bath/book');
  await expect(page.getByRole('heading', { level: 1, name: 'Book an appointment' })).toBeVisible();
  // The page itself is server-rendered; the widget's code arrives only when someone starts booking.
  const widgetRequests: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/widget/assets/')) widgetRequests.push(r.url()); });
  expect(await seriousViolations(page), 'booking page').toEqual([]);
  expect(widgetRequests).toEqual([]);

  await page.getByRole('button', { name: 'Choose a time for Free facial acupuncture consultation' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a practitioner' })).toBeFocused();
  expect(widgetRequests.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
  await expect(page.getByText('Times are UK times.')).toBeVisible();

  // A day after today, so there are plenty of times whatever the hour the test runs.
  const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  await days.nth(1).click();
  const dayLabel = (await days.nth(1).getAttribute('aria-label'))!.split(',')[0]!; // "Friday 27 November 2026"
  await expect(page.getByRole('heading', { name: dayLabel })).toBeVisible();
  expect(await seriousViolations(page), 'widget, choosing a time').toEqual([]);
  const time = page.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d on ${dayLabel}$`) }).first();
  const shown = (await time.textContent())!.slice(0, 5); // "09:30"
  await time.click();

  await expect(page.getByRole('heading', { name: 'Your details' })).toBeFocused();
  await expect(page.getByText(`${dayLabel} at ${shown}`)).toBeVisible();
  // Forgetting the e-mail address is explained beside the field.
  await page.getByLabel('Full name').fill('Eleanor Rigby');
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByLabel('E-mail address')).toHaveAccessibleDescription(/Enter an e-mail address/);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Phone (optional)').fill('07700 900456');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/clinics/jade-leaf-bath/bookings') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Book this time' }).click();
  const booking = await (await answer).json() as { start: string; status: string };
  expect(booking.status).toBe('held');
  await expect(page.getByRole('heading', { name: 'Check your e-mail to confirm' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  // What the visitor saw is the booking's start in the clinic's time zone.
  const local = DateTime.fromISO(booking.start, { zone: 'Europe/London' });
  expect(local.toFormat('HH:mm')).toBe(shown);
  expect(local.setLocale('en-GB').toFormat('cccc d LLLL yyyy')).toBe(dayLabel);

  // The e-mail's link confirms the booking (it proves the address)...
  const hold = await waitForEmail(email, 'Please confirm your booking');
  await page.goto(bookingLink(hold, 'confirm'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your booking is confirmed' })).toBeVisible();
  await expect(page.getByText(`${dayLabel}, ${shown} to`)).toBeVisible();

  // ...and the confirmation carries the calendar invite, in UTC.
  const confirmation = await waitForEmail(email, 'Your booking at Jade Leaf Acupuncture');
  expect(confirmation.text).toContain('/app/bookings/manage?token=');
  const invite = attachments(confirmation).get('invite.ics');
  expect(invite, 'invite.ics attached').toBeDefined();
  expect(invite!.type).toMatch(/text\/calendar/);
  expect(invite!.content).toContain('BEGIN:VCALENDAR');
  expect(icsValue(invite!.content, 'DTSTART')).toBe(icsUtc(booking.start));
  expect(icsValue(invite!.content, 'DTSTART')).toMatch(/Z$/);
});

test('A first facial session offers the consultation instead, with the reason', async ({ page }) => {
  await page.goto('/clinics/jade-leaf-bath/book');
  await page.getByRole('button', { name: 'Choose a time for Facial acupuncture session' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a practitioner' })).toBeFocused();
  await expect(page.getByRole('status')).toContainText('needs a consultation with us before the first session');
  await page.getByRole('button', { name: 'Book “Free facial acupuncture consultation” instead' }).click();
  await expect(page.getByText('For free facial acupuncture consultation, 30 minutes.')).toBeVisible();
});

test('Without JavaScript the booking page says how to book by phone', async ({ browser, request }) => {
  // The page's HTML carries the message for browsers without JavaScript.
  const html = await (await request.get('/clinics/jade-leaf-bath/book')).text();
  expect(html).toMatch(/<noscript>.*Online booking needs JavaScript.*tel:\+441225000111.*<\/noscript>/s);
  // With scripts off, the buttons that need them stay hidden; the treatments and contacts are readable.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/clinics/jade-leaf-bath/book');
  await expect(page.getByRole('heading', { level: 3, name: 'Free facial acupuncture consultation' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Choose a time/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '01225 000111' }).first()).toBeVisible();
  await context.close();
});

test('A clinic’s own website embeds the widget with one script tag', async ({ page }) => {
  // The owner lists the clinic's website among the sites allowed to book through the widget.
  const website = await clinicWebsite(page, `<!doctype html><html lang="en"><title>Jade Leaf</title><style>button{background:red!important;font-size:40px}</style>
      <h1>Welcome to Jade Leaf</h1><script src="${E2E_BASE_URL}/widget.js" data-clinic="jade-leaf-bath" async></script>`);
  // A page of that site (another origin than Yintang's), with styles that would clash if they leaked.
  await page.goto(`${website.site}/our-clinic`);
  await expect(page.getByRole('heading', { name: 'Choose a treatment' })).toBeVisible();
  const option = page.getByRole('button', { name: /^Free facial acupuncture consultation/ });
  await expect(option).not.toHaveCSS('background-color', 'rgb(255, 0, 0)');
  await option.click();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  await expect(page.getByRole('list', { name: 'Days with free times' })).toBeVisible();
  website.close();
});

test('On a website the clinic has not listed, the widget says so plainly and links to the booking page', async ({ page }) => {
  const host = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><title>Someone else</title>
      <h1>Not the clinic's site</h1><script src="${E2E_BASE_URL}/widget.js" data-clinic="jade-leaf-bath" async></script>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  // "localhost", not 127.0.0.1: never an origin an earlier test listed, whatever port it had.
  const site = `http://localhost:${(host.address() as AddressInfo).port}`;
  await page.goto(`${site}/book-here`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This website is not set up to take bookings for Jade Leaf Acupuncture');
  await expect(alert).not.toContainText('internet connection');
  await expect(alert.getByRole('link', { name: 'Book at Jade Leaf Acupuncture' })).toHaveAttribute('href', `${E2E_BASE_URL}/clinics/jade-leaf-bath/book`);
  host.close();
});
