import path from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail } from './support/app.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId } from './support/booking.ts';
import { confirmSignUp } from './support/sign-up.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

/**
 * Health screening acting on the answers, end to end: a waiting period after botulinum
 * toxin moves the first date the widget offers; blood thinners flag the appointment for
 * the practitioner, who reads the flag and acknowledges it; a pregnancy in the first
 * trimester turns online booking of facial acupuncture into a kind request to call.
 *
 * Dates: procedure dates are relative to the clinic's today (Europe/London), the same
 * today the server screens with, and every other date is read from what the server offers,
 * so nothing depends on the weekday or the time of day the test runs.
 */

const PASSWORD = 'quiet river lantern';
const ZONE = 'Europe/London';
const clinicToday = () => DateTime.now().setZone(ZONE).startOf('day');
const longDay = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d MMMM yyyy');
const localDateOf = (instant: string) => DateTime.fromISO(instant).setZone(ZONE).toISODate()!;

async function shoot(page: Page, name: string) {
  for (const [size, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${size}-${name}.png`), fullPage: true });
  }
}

/** A complete set of health answers with nothing of note, to override per journey. */
function answers(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    dateOfBirth: '1986-02-11', phone: '07700 900777', emergencyName: 'Alex Reed', emergencyPhone: '07700 900778',
    conditions: ['none'], diabetes: false, epilepsy: false, implants: ['none'], bloodThinners: false, pregnancy: 'no', bleeding: 'no',
    skinInfectionNow: false, skinConditions: ['none'], keloid: false, needleFear: 'fine', fainting: false, metalAllergy: false,
    cosmeticProcedures: {}, skinConcerns: ['fine-lines'],
    ...overrides,
  };
}

/**
 * A new client: signs up with the clinic, books `serviceSlug` with Tom (which makes them
 * a client, with Tom on their care team) and sends their health answers.
 */
async function newClient(page: Page, name: string, serviceSlug: string, health: Record<string, unknown>) {
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  await page.goto(`/app/sign-up?clinic=${CLINIC}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, PASSWORD);
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();
  const slots = await freeSlots(page.request, serviceSlug, 48, 'Tom Hughes');
  const slot = slots[Math.min(2, slots.length - 1)]!;
  const me = await asSignedIn(page);
  const booking = await me.post<{ id: string; start: string }>(`/clinics/${CLINIC}/bookings`, { serviceId: await serviceId(page.request, serviceSlug), practitionerId: slot.practitionerId, start: slot.start });
  await me.post(`/clinics/${CLINIC}/me/intake/submit`, { answers: answers(health) });
  return { email, booking };
}

/** Opens the booking page's widget on a treatment, with any qualified practitioner. */
async function openWidgetTimes(page: Page, treatment: string) {
  await page.goto(`/clinics/${CLINIC}/book`);
  await page.getByRole('button', { name: `Choose a time for ${treatment}` }).click();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
}

async function staffPage(browser: Browser, email: string) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: ZONE })).newPage();
  await signIn(page, email);
  await expect(page.getByText(/You are signed in as/)).toBeVisible();
  return page;
}

test('A client who had botulinum toxin three days ago is offered only dates after the waiting period', async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const botox = clinicToday().minus({ days: 3 }).toISODate()!;
  // The default rule: 28 days after botulinum toxin to the face.
  const earliest = DateTime.fromISO(botox).plus({ days: 28 }).toISODate()!;
  await newClient(page, 'Bella Jones', 'facial-consultation', { cosmeticProcedures: { botox } });

  const offered: { slots: { start: string }[]; screening?: { earliestDate: string | null } }[] = [];
  page.on('response', async (r) => {
    if (r.url().includes(`/clinics/${CLINIC}/availability?`) && r.ok()) offered.push(await r.json());
  });
  await openWidgetTimes(page, 'Facial acupuncture session');
  await expect(page.getByText(`From your health answers, the earliest date we can offer is ${longDay(earliest)}.`)).toBeVisible();
  const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
  await expect(days.first()).toBeVisible();
  // The calendar starts at the earliest date: every day offered is on or after it.
  const shown = offered.at(-1)!;
  expect(shown.screening?.earliestDate).toBe(earliest);
  expect(shown.slots.length).toBeGreaterThan(0);
  for (const s of shown.slots) expect(localDateOf(s.start) >= earliest, `${s.start} is before ${earliest}`).toBe(true);
  const firstDay = localDateOf(shown.slots[0]!.start);
  await expect(days.first()).toHaveAccessibleName(new RegExp(`^${longDay(firstDay)}, \\d+ times?$`));
  await page.getByRole('button', { name: 'Show later dates' }).click();
  await expect.poll(() => offered.length).toBeGreaterThan(1);
  for (const s of offered.at(-1)!.slots) expect(localDateOf(s.start) >= earliest).toBe(true);
  expect(await seriousViolations(page), 'widget with a waiting period').toEqual([]);
  await page.getByRole('heading', { name: 'Choose a time' }).scrollIntoViewIfNeeded();
  await shoot(page, 'screening-widget-wait');

  // A visitor (no session) is offered the earlier dates: the limit is this client's alone.
  const facial = await serviceId(request, 'facial-acupuncture');
  const anyone = await (await request.get(`/api/v1/clinics/${CLINIC}/availability?serviceId=${facial}&from=${clinicToday().plus({ days: 2 }).toISODate()}&to=${DateTime.fromISO(earliest).minus({ days: 1 }).toISODate()}`)).json() as { slots: { start: string }[]; screening?: unknown };
  expect(anyone.screening).toBeUndefined();
  expect(anyone.slots.length).toBeGreaterThan(0);
});

test('A client on anticoagulants is flagged for review; the practitioner reads the flag in the diary and acknowledges it', async ({ page, browser }) => {
  const name = 'Colin Marsh';
  const { booking } = await newClient(page, name, 'traditional-acupuncture', { bloodThinners: true });
  const date = localDateOf(booking.start);
  const entryOf = (p: Page) => p.getByRole('button', { name: new RegExp(`${name}, Traditional acupuncture, Booked, `) });

  // Reception sees the flag's level and the statuses, never what it says.
  const desk = await staffPage(browser, 'reception@jadeleaf.example');
  await desk.goto(`/app/diary?date=${date}`);
  await expect(entryOf(desk)).toHaveAccessibleName(/1 flag to review, questions done, consent missing/);
  await entryOf(desk).click();
  const deskDialog = desk.getByRole('dialog', { name });
  await expect(deskDialog.getByRole('list', { name: 'Before the visit' })).toContainText('1 flag to review');
  await expect(deskDialog.getByRole('button', { name: 'Review health flags' })).toHaveCount(0);
  await expect(deskDialog).not.toContainText(/blood|thin/i);
  await desk.close();

  const tom = await staffPage(browser, 'tom@jadeleaf.example');
  // His day list, as it will look on the day: today's list is served the appointment's day
  // (the appointment is in the future, so its own "today" cannot be waited for).
  await tom.route((u) => u.pathname === `/api/v1/clinics/${CLINIC}/diary` && u.search === '?days=1', async (route) => {
    route.fulfill({ response: await route.fetch({ url: route.request().url().replace('?days=1', `?days=1&date=${date}`) }) });
  });
  await tom.goto('/app');
  const row = tom.getByRole('listitem').filter({ hasText: name });
  await expect(row.getByRole('list', { name: 'Before the visit' })).toContainText('1 flag to review');
  await expect(row.getByRole('list', { name: 'Before the visit' })).toContainText('Consent missing');
  await expect(row.getByRole('button', { name: 'Review health flags' })).toBeVisible();
  expect(await seriousViolations(tom), 'day list').toEqual([]);
  await shoot(tom, 'screening-day-list');
  await tom.setViewportSize({ width: 1280, height: 900 });
  await tom.unrouteAll();

  // Tom, who will treat him, opens the flag from the diary.
  await tom.goto(`/app/diary?date=${date}`);
  await expect(entryOf(tom)).toHaveAccessibleName(/1 flag to review/);
  await expect(entryOf(tom).getByText('1 flag to review')).toBeVisible();
  await shoot(tom, 'screening-diary-flag');
  await tom.setViewportSize({ width: 1280, height: 900 });
  await entryOf(tom).click();
  const entry = tom.getByRole('dialog', { name });
  await expect(entry.getByRole('list', { name: 'Before the visit' })).toContainText('Questions done');
  await entry.getByRole('button', { name: 'Review health flags' }).click();

  const flags = tom.getByRole('dialog', { name: `Health flags: ${name}` });
  await expect(flags.getByText('1 flag to review before the visit.')).toBeVisible();
  const finding = flags.getByRole('listitem', { name: 'Blood-thinning medicine' });
  await expect(finding.getByText('Review', { exact: true })).toBeVisible();
  await expect(finding.getByText(/Source:.*Anticoagulants/)).toBeVisible();
  expect(await seriousViolations(tom), 'health flags dialog').toEqual([]);
  await shoot(tom, 'screening-review-dialog');
  await tom.setViewportSize({ width: 1280, height: 900 });

  const recorded = tom.waitForResponse((r) => r.url().endsWith('/screening/decisions') && r.request().method() === 'POST');
  await finding.getByRole('button', { name: 'Acknowledge: Blood-thinning medicine' }).click();
  expect((await recorded).status()).toBe(201);
  await expect(flags.getByText('Every flag that needs a review has been reviewed.')).toBeVisible();
  await expect(finding.getByText('Reviewed', { exact: true })).toBeVisible();
  await expect(finding.getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);
  await flags.getByRole('button', { name: 'Close' }).last().click();

  // The badge now says it is reviewed.
  await expect(entryOf(tom)).toHaveAccessibleName(/flags reviewed/);
  await expect(entryOf(tom).getByText('Flags reviewed')).toBeVisible();
  await shoot(tom, 'screening-diary-reviewed');
});

test('A client in the first trimester trying to book facial acupuncture online is told kindly to call the clinic', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await newClient(page, 'Maya Singh', 'facial-consultation', { pregnancy: 'pregnant', pregnancyWeeks: 9 });

  const answered = page.waitForResponse((r) => r.url().includes(`/clinics/${CLINIC}/availability?`));
  await openWidgetTimes(page, 'Facial acupuncture session');
  const body = await (await answered).json() as { slots: unknown[]; screening?: { callClinic: boolean } };
  expect(body).toMatchObject({ slots: [], screening: { callClinic: true } });
  const call = page.getByRole('status').filter({ hasText: 'Please call us to book this' });
  await expect(call).toBeVisible();
  await expect(call).toContainText('we would like to talk with you before you book “Facial acupuncture session”.');
  await expect(call).toContainText('This is not a judgement about your health');
  await expect(call.getByRole('link', { name: '01225 000111' })).toHaveAttribute('href', 'tel:+441225000111');
  // No times, and nothing names the reason.
  await expect(page.getByRole('list', { name: 'Days with free times' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show later dates' })).toHaveCount(0);
  await expect(call).not.toContainText(/pregnan|trimester/i);
  expect(await seriousViolations(page), 'widget asking to call').toEqual([]);
  await shoot(page, 'screening-widget-call');
});
