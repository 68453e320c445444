import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn, uniqueEmail, findClient } from './support/app.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId } from './support/booking.ts';
import { waitForEmail } from './support/outbox.ts';
import { confirmSignUp } from './support/sign-up.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

test.use({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });

async function shoot(page: Page, name: string) {
  for (const [size, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${size}-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

const PAIN = 'On average over the last 24 hours, how bad has your pain been?';
/** Taps a number of a 0–10 scale (the whole box is the tap target; the radio inside is visually hidden). */
async function rate(page: Page, question: string | RegExp, n: number) {
  const group = page.getByRole('group', { name: question });
  await group.locator('label', { has: page.getByRole('radio', { name: String(n), exact: true }) }).click();
  await expect(group.getByRole('radio', { name: String(n), exact: true })).toBeChecked();
}

test('A knee-pain client answers the baseline and a later questionnaire, and both they and their practitioner see the chart', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const context = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  // The owner asks the pain rating and the PSFS for knee-pain care.
  const owner = await (await context()).newPage();
  await signIn(owner, 'owner@jadeleaf.example');
  await owner.goto('/app/outcome-measures');
  const knee = owner.getByRole('region', { name: 'Knee pain assessment and treatment' });
  await knee.getByLabel('Pain rating (0 to 10)').check();
  await knee.getByLabel('Patient-Specific Functional Scale').check();
  await knee.getByLabel('Then every').first().selectOption('4');
  await knee.getByLabel('Then every').last().selectOption('4');
  await knee.getByRole('button', { name: /^Save for/ }).click();
  await expect(knee.getByRole('status')).toHaveText('Saved');
  await shoot(owner, 'outcome-measures-settings');

  // A new client books two knee sessions with Tom, a week apart (far enough ahead that the scheduled e-mail has not gone yet).
  const email = uniqueEmail('knee.client');
  await page.goto(`/app/sign-up?clinic=${CLINIC}`);
  await page.getByLabel('Your name').fill('Ken Adeyemi');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('quiet knee lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, 'quiet knee lantern');
  const kneeService = await serviceId(page.request, 'knee-pain');
  const first = (await freeSlots(page.request, 'knee-pain', 96, 'Tom Hughes'))[0]!;
  const later = (await freeSlots(page.request, 'knee-pain', 96 + 24 * 7, 'Tom Hughes'))[0]!;
  const client = await asSignedIn(page);
  const a = await client.post<{ id: string }>(`/clinics/${CLINIC}/bookings`, { serviceId: kneeService, practitionerId: first.practitionerId, start: first.start });
  const b = await client.post<{ id: string }>(`/clinics/${CLINIC}/bookings`, { serviceId: kneeService, practitionerId: later.practitionerId, start: later.start });

  // Tom asks the baseline questions before the first session: the client gets one link.
  const tom = await (await context()).newPage();
  await signIn(tom, 'tom@jadeleaf.example');
  const asTom = await asSignedIn(tom);
  await asTom.post(`/clinics/${CLINIC}/bookings/${a.id}/questionnaires`, { measureKey: 'nprs' });
  await asTom.post(`/clinics/${CLINIC}/bookings/${a.id}/questionnaires`, { measureKey: 'psfs' });
  const mail = await waitForEmail(email, 'how are you doing');
  expect(mail.text).toContain('about');
  const link = /https?:\/\/[^\s]+\/app\/questionnaire\?clinic=[a-z-]+&token=[A-Za-z0-9_-]+/.exec(mail.text)![0];

  // On the phone, from the e-mail link, without signing in.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
  const url = new URL(link);
  await phone.goto(url.pathname + url.search);
  await expect(phone.getByRole('heading', { level: 1, name: 'How are you doing?' })).toBeVisible();
  expect(await seriousViolations(phone)).toEqual([]);
  // Sending nothing points at what is missing.
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await expect(phone.getByText('Please answer the 2 highlighted questions.')).toBeVisible();
  await rate(phone, PAIN, 7);
  await phone.getByLabel('Activity 1').fill('Climbing stairs');
  await rate(phone, /^Climbing stairs: how well/, 3);
  await phone.getByLabel('Activity 2 (optional)').fill('Kneeling in the garden');
  await rate(phone, /^Kneeling in the garden: how well/, 5);
  expect(await seriousViolations(phone)).toEqual([]);
  await shoot(phone, 'outcome-answer');
  await phone.getByRole('button', { name: 'Send my answers' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();

  // Before the later session, the client answers signed in, from the portal.
  await asTom.post(`/clinics/${CLINIC}/bookings/${b.id}/questionnaires`, { measureKey: 'nprs' });
  await asTom.post(`/clinics/${CLINIC}/bookings/${b.id}/questionnaires`, { measureKey: 'psfs' });
  await page.goto('/app');
  await page.getByRole('link', { name: 'Answer now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How are you doing?' })).toBeVisible();
  await rate(page, PAIN, 4);
  await rate(page, 'Climbing stairs', 6);
  await rate(page, 'Kneeling in the garden', 8);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.getByRole('link', { name: 'See my progress' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My progress' })).toBeVisible();
  const pain = page.getByRole('region', { name: 'Pain rating (0 to 10)' });
  await expect(pain.getByText('down 3 from 7 at the start')).toBeVisible();
  await expect(pain.getByText('A meaningful improvement')).toBeVisible();
  await expect(pain.locator('.recharts-line-dot')).toHaveCount(2);
  await pain.getByText('Show as a table').click();
  await expect(pain.getByRole('table')).toContainText('7');
  const psfs = page.getByRole('region', { name: 'Patient-Specific Functional Scale' });
  await expect(psfs.getByText('up 3 from 4 at the start')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'outcome-progress-client');

  // Tom sees the same on the client's record.
  await tom.goto('/app/clients');
  await (await findClient(tom, 'Ken Adeyemi')).click();
  const panel = tom.getByRole('region', { name: 'Progress', exact: true });
  await expect(panel.getByText('A meaningful improvement').first()).toBeVisible();
  await expect(panel.locator('.recharts-line-dot')).toHaveCount(4);
  await shoot(tom, 'outcome-progress-practitioner');

  // And beside the note of the later session: the latest scores and the change from the start.
  await tom.goto(`/app/sessions/${b.id}/note`);
  const scores = tom.getByRole('region', { name: 'Scores' });
  await expect(scores).toContainText('from 7 at the start');
  await expect(scores).toContainText('meaningful improvement');
});
