import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { waitForEmail } from './support/outbox.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, bookingLink, CLINIC, clinicWebsite, serviceId, spreadPick } from './support/booking.ts';
import { E2E_BASE_URL, SCREENSHOT_DIR } from './support/env.ts';

/** A local date `days` ahead in the clinic's zone (the course's first date). */
const londonDate = (days: number) => DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!;

async function practitionerId(page: Page, name: string) {
  const people = await (await page.request.get(`/api/v1/clinics/${CLINIC}/practitioners`)).json() as { items: { id: string; name: string }[] };
  return people.items.find((p) => p.name === name)!.id;
}

/** Open the booking page on a treatment, choose who, and switch to "A course of sessions". */
async function startCourse(page: Page, treatment: string, practitioner: RegExp) {
  await page.getByRole('button', { name: `Choose a time for ${treatment}` }).click();
  await page.getByRole('button', { name: practitioner }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
  await page.getByRole('button', { name: /^A course of sessions/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose your dates' })).toBeVisible();
}

test('Visitor books a course of four sessions in one step, choosing another time where one clashes, and confirms it from the e-mail', async ({ page }) => {
  const email = uniqueEmail('visitor.course');
  const firstDate = londonDate(9 + spreadPick(5, 0));
  const course = { serviceId: await serviceId(page.request, 'traditional-acupuncture'), practitionerId: await practitionerId(page, 'Mei Lin Chen'), count: 4, every: { n: 2, unit: 'weeks' }, firstDate, time: '15:30' };

  // Another client already has session 2's usual time (booked by phone).
  const before = await (await page.request.post(`/api/v1/clinics/${CLINIC}/series/proposals`, { data: course })).json() as { sessions: { start: string | null; status: string }[] };
  const clash = before.sessions[1]!.start!;
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const owner = await asSignedIn(page);
  await owner.post(`/clinics/${CLINIC}/diary/bookings`, { serviceId: course.serviceId, practitionerId: course.practitionerId, start: clash, client: { name: 'Earlier Caller', email: uniqueEmail('course.clash') } });
  await page.context().clearCookies();

  await page.goto(`/clinics/${CLINIC}/book`);
  await startCourse(page, 'Traditional acupuncture', /^Mei Lin Chen/);
  await page.getByLabel('Sessions').selectOption('4');
  await page.getByLabel('How often').selectOption({ label: 'Every 2 weeks' });
  await page.getByLabel('First session').fill(firstDate);
  await page.getByLabel('Usual time').selectOption('15:30');
  await page.getByRole('button', { name: 'Show the dates' }).click();

  const dates = page.getByRole('list', { name: 'Your 4 dates' });
  await expect(dates.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByText(/sessions? clash with the usual time/)).toBeVisible();
  const second = dates.getByRole('listitem').nth(1);
  await expect(second).toContainText('Usual time taken');
  // The nearest free time is chosen for it already; the visitor prefers another one offered.
  await expect(second.getByRole('radio', { checked: true })).toHaveCount(1);
  const alternatives = second.getByRole('radio');
  expect(await alternatives.count()).toBeGreaterThan(1);
  await alternatives.last().check();
  const go = page.getByRole('button', { name: 'Continue with these 4 dates' });
  expect(await seriousViolations(page), 'widget, course dates').toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-widget-course-dates.png`), fullPage: true });
  }
  await go.click();

  await expect(page.getByRole('heading', { name: 'Your details' })).toBeFocused();
  await expect(page.getByText('4 sessions, every 2 weeks')).toBeVisible();
  await expect(page.getByText('£260.00 in all')).toBeVisible();
  await page.getByLabel('Full name').fill('Nora Course');
  await page.getByLabel('E-mail address').fill(email);
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/clinics/${CLINIC}/series`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Book all 4 sessions' }).click();
  const booked = await (await answer).json() as { bookings: { start: string; status: string }[] };
  expect(booked.bookings.map((b) => b.status)).toEqual(['held', 'held', 'held', 'held']);
  expect(booked.bookings.map((b) => b.start)).not.toContain(clash);
  await expect(page.getByRole('heading', { name: 'Check your e-mail to confirm your course' })).toBeVisible();
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-widget-course-held.png`), fullPage: true });
  }

  // One link confirms every session, and one e-mail lists them with a link each.
  const hold = await waitForEmail(email, 'Please confirm your course');
  await page.goto(bookingLink(hold, 'confirm'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your course is confirmed' })).toBeVisible();
  const confirmation = await waitForEmail(email, 'Your course at Jade Leaf Acupuncture: 4 sessions');
  expect(confirmation.text.match(/Change or cancel/g)).toHaveLength(4);
});

test('A signed-in client books a course in the widget with their account, confirmed at once', async ({ page }) => {
  await signIn(page, 'client@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
  await page.goto(`/clinics/${CLINIC}/book`);
  await startCourse(page, 'Sports massage (60 minutes)', /^Priya Shah/);
  await page.getByLabel('Sessions').selectOption('3');
  await page.getByLabel('First session').fill(londonDate(16 + spreadPick(5, 2)));
  await page.getByLabel('Usual time').selectOption('16:30');
  await page.getByRole('button', { name: 'Show the dates' }).click();
  const dates = page.getByRole('list', { name: 'Your 3 dates' });
  await expect(dates.getByRole('listitem')).toHaveCount(3);
  // Wherever the usual time is taken, the nearest free time.
  for (let i = 0; i < 3; i++) {
    const item = dates.getByRole('listitem').nth(i);
    if (await item.getByRole('radio').count()) await item.getByRole('radio').first().check();
  }
  await page.getByRole('button', { name: 'Continue with these 3 dates' }).click();
  await expect(page.getByText('You are signed in as Olivia Brown (client@jadeleaf.example)')).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveCount(0);
  await page.getByRole('button', { name: 'Book all 3 sessions' }).click();
  await expect(page.getByRole('heading', { name: 'Your course is booked' })).toBeVisible();
  expect(await seriousViolations(page), 'widget, course booked').toEqual([]);
  await page.getByRole('link', { name: 'See them in My appointments' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
});

test('On a clinic’s own website the widget proposes a course with whoever gives the treatment', async ({ page }) => {
  const website = await clinicWebsite(page, `<!doctype html><html lang="en"><title>Jade Leaf</title>
    <h1>Welcome to Jade Leaf</h1><script src="${E2E_BASE_URL}/widget.js" data-clinic="jade-leaf-bath" async></script>`);
  try {
    await page.goto(`${website.site}/our-clinic`);
    await page.getByRole('button', { name: /^Knee pain assessment and treatment/ }).click();
    await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
    await page.getByRole('button', { name: /^A course of sessions/ }).click();
    // "Any practitioner" is not a course: the visitor is asked whom, and told why.
    await page.getByRole('button', { name: 'Show the dates' }).click();
    await expect(page.getByLabel('Practitioner')).toHaveAccessibleDescription(/one practitioner.*Choose a practitioner/);
    await page.getByLabel('Practitioner').selectOption({ label: 'Tom Hughes' });
    await page.getByLabel('First session').fill(londonDate(30 + spreadPick(5, 4)));
    await page.getByRole('button', { name: 'Show the dates' }).click();
    await expect(page.getByRole('list', { name: 'Your 6 dates' }).getByRole('listitem')).toHaveCount(6);
  } finally {
    website.close();
  }
});
