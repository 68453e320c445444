import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { signIn, uniqueEmail, ukDate } from './support/app.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId } from './support/booking.ts';
import { waitForEmail } from './support/outbox.ts';
import { confirmSignUp } from './support/sign-up.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

test.use({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });

/**
 * The procedure date is "3 days ago" in the clinic's calendar: the questionnaire refuses
 * dates after the clinic's today, and the app has no clock of its own to fix, so the date
 * is taken relative to the same today the server uses (Europe/London).
 */
const clinicToday = DateTime.now().setZone('Europe/London').startOf('day');
const botoxDate = clinicToday.minus({ days: 3 });
const botoxWords = botoxDate.setLocale('en-GB').toFormat('d MMMM yyyy');

async function shoot(page: Page, name: string) {
  for (const [size, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${size}-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/** The answer saved as the client goes: the draft save whose request carries `fragment`. */
const draftSaved = (page: Page, fragment: string) => page.waitForResponse((r) =>
  r.url().endsWith('/me/intake/draft') && r.request().method() === 'PUT' && r.ok() && (r.request().postData() ?? '').includes(fragment));
const group = (page: Page, name: string | RegExp) => page.getByRole('group', { name });
const cont = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();
/** The portal's "Health questions" tile, with its status badge. */
const healthQuestionsTile = (page: Page) => page.getByRole('region', { name: 'Before and after your visits' })
  .getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Health questions' }) });
const step = (page: Page, title: string) => expect(page.getByRole('heading', { level: 2, name: title })).toBeFocused();

test('A new client answers the health questions on a phone, and their practitioner reads them', async ({ page, browser }) => {
  // A new client signs up and books a facial acupuncture consultation with Tom.
  const email = uniqueEmail('intake.client');
  await page.goto(`/app/sign-up?clinic=${CLINIC}`);
  await page.getByLabel('Your name').fill('Iris Kaur');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('quiet river lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, 'quiet river lantern');
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();

  const slots = await freeSlots(page.request, 'facial-consultation', 48, 'Tom Hughes');
  const slot = slots[Math.min(3, slots.length - 1)]!;
  await (await asSignedIn(page)).post(`/clinics/${CLINIC}/bookings`, { serviceId: await serviceId(page.request, 'facial-consultation'), practitionerId: slot.practitionerId, start: slot.start });

  // The confirmation asks for the questions, with a link, and says nothing else about health.
  const mail = await waitForEmail(email, 'Your booking at');
  expect(mail.text).toContain('Please complete your health questions before your first visit');
  expect(mail.text).toContain(`/app/health-questions?clinic=${CLINIC}`);

  // The portal asks too.
  await page.goto('/app');
  await expect(healthQuestionsTile(page)).toContainText('To complete');
  await healthQuestionsTile(page).getByRole('link', { name: 'Health questions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your health questions' })).toBeVisible();
  await expect(page.getByText('Step 1 of 11')).toBeVisible();

  // Nothing answered: each required question says so, in the shared schema's words.
  await cont(page);
  await expect(page.getByLabel('Your date of birth')).toHaveAccessibleDescription(/Please answer this question/);
  await expect(page.getByLabel('Who should we call in an emergency?')).toHaveAccessibleDescription(/Please answer this question/);
  await shoot(page, 'health-questions-errors');

  await page.getByLabel('Your date of birth').fill('12/04/1985');
  await page.getByLabel('Your mobile number').fill('07700 900555');
  await page.getByLabel('Who should we call in an emergency?').fill('Arjun Kaur');
  const saved = draftSaved(page, '"emergencyPhone":"07700 900556"');
  await page.getByLabel('Their phone number').fill('07700 900556');
  await saved;
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await cont(page);

  await step(page, 'Your health');
  await group(page, 'Do you have, or have you had, any of these?').getByLabel('None of these').check();
  // A follow-up appears only when relevant.
  await group(page, 'Do you have diabetes?').getByLabel('Yes').check();
  await expect(group(page, 'Is it well controlled at the moment?')).toBeVisible();
  await group(page, 'Do you have diabetes?').getByLabel('No').check();
  await expect(group(page, 'Is it well controlled at the moment?')).toHaveCount(0);
  await group(page, 'Do you have epilepsy or seizures?').getByLabel('No').check();
  await group(page, 'Do you have any of these?').getByLabel('None of these').check();
  expect(await seriousViolations(page), 'questionnaire step').toEqual([]);
  await shoot(page, 'health-questions-step');
  await cont(page);

  await step(page, 'Medicines');
  const medicinesSaved = draftSaved(page, '"bloodThinners":false');
  await group(page, 'Do you take a medicine that thins your blood?').getByLabel('No').check();
  await medicinesSaved;
  await cont(page);

  // Leaving and coming back resumes at the first unanswered section.
  await step(page, 'Pregnancy');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Pregnancy' })).toBeVisible();
  await expect(page.getByText('Step 4 of 11')).toBeVisible();
  await group(page, 'Are you pregnant, or trying to get pregnant?').getByLabel('I am pregnant').check();
  await expect(page.getByLabel('How many weeks pregnant are you?')).toBeVisible();
  await group(page, 'Are you pregnant, or trying to get pregnant?').getByLabel('No', { exact: true }).check();
  await expect(page.getByLabel('How many weeks pregnant are you?')).toHaveCount(0);
  await cont(page);

  await step(page, 'Bleeding and bruising');
  await group(page, 'Do you bleed or bruise easily?').getByLabel('No', { exact: true }).check();
  await cont(page);

  await step(page, 'Your skin');
  await group(page, /infection, cold sore/).getByLabel('No').check();
  await group(page, 'Do you have any of these skin conditions?').getByLabel('None of these').check();
  await group(page, 'Do your scars tend to grow raised and thick?').getByLabel('No').check();
  await cont(page);

  await step(page, 'Needles and fainting');
  await group(page, 'How do you feel about needles?').getByLabel(/fine with them/).check();
  await group(page, /fainted or felt faint/).getByLabel('No').check();
  await cont(page);

  await step(page, 'Allergies');
  await group(page, /allergic to any metal/).getByLabel('No').check();
  await cont(page);

  // A procedure date in the future is refused by the same schema the server uses.
  await step(page, 'Recent treatments to your face');
  const botox = page.getByLabel('Botulinum toxin injections (such as Botox)');
  await botox.fill(ukDate(clinicToday.plus({ days: 2 }).toISODate()!));
  await cont(page);
  await expect(botox).toHaveAccessibleDescription(/This date is in the future/);
  await botox.fill(ukDate(botoxDate.toISODate()!));
  await cont(page);

  await step(page, 'Your skin and your goals');
  await group(page, 'What would you most like help with?').getByLabel('Fine lines').check();
  await cont(page);

  await step(page, 'Anything else');
  await page.getByRole('button', { name: 'Review my answers' }).click();

  await step(page, 'Check your answers');
  await expect(page.getByText(`Botulinum toxin injections (such as Botox): ${botoxWords}`)).toBeVisible();
  expect(await seriousViolations(page), 'review').toEqual([]);
  await shoot(page, 'health-questions-review');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByText('Thank you, your answers are with the clinic')).toBeVisible();
  await shoot(page, 'health-questions-sent');

  await page.goto('/app');
  await expect(healthQuestionsTile(page).getByText('Complete', { exact: true })).toBeVisible();

  // Tom, who will see her, reads the answers on her page.
  const staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  await signIn(staff, 'tom@jadeleaf.example');
  await expect(staff.getByText('You are signed in as a practitioner.')).toBeVisible();
  const found = await (await asSignedIn(staff)).get<{ items: { id: string }[] }>(`/clinics/${CLINIC}/clients?q=${encodeURIComponent(email)}`);
  await staff.goto(`/app/clients/${found.items[0]!.id}`);
  const panel = staff.getByRole('region', { name: 'Health questions' });
  await expect(panel.getByText('Complete', { exact: true })).toBeVisible();
  await expect(panel.getByText(`Botulinum toxin injections (such as Botox): ${botoxWords}`)).toBeVisible();
  await expect(panel.getByText('Arjun Kaur')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Lock for this visit' })).toBeVisible();
  expect(await seriousViolations(staff), 'practitioner panel').toEqual([]);
  await shoot(staff, 'health-questions-practitioner');

  // Reception sees that they are complete, never the answers.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
  await signIn(desk, 'reception@jadeleaf.example');
  await expect(desk.getByText('You are signed in as reception.')).toBeVisible();
  await desk.goto(`/app/clients/${found.items[0]!.id}`);
  const deskPanel = desk.getByRole('region', { name: 'Health questions' });
  await expect(deskPanel.getByText('Complete', { exact: true })).toBeVisible();
  await expect(deskPanel.getByText('Only the client’s practitioner and the owner can read the answers.')).toBeVisible();
  await expect(deskPanel.getByText('Arjun Kaur')).toHaveCount(0);
  await shoot(desk, 'health-questions-reception');
});
