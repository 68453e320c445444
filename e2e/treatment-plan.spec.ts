import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { mainNav, signIn, signOut, ukDate } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC } from './support/booking.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * Treatment plans and courses (issue 11 treatment plan and consultation record; issue 13
 * "book a course in the app and the diary"). Mei Lin proposes six facial sessions on Olivia's
 * record (she had her consultation in the demo history); Olivia signs in, accepts the plan,
 * sees every proposed date and books all six in one step; then reception books a course
 * from the diary. Dates: a fixed future week (the Monday four weeks from now, so never
 * today's weekday or hour), inside the clinic's 84-day booking horizon.
 */

const ZONE = 'Europe/London';
const WEEK = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 4 });
const COURSE_TUESDAY = WEEK.plus({ days: 1 }).toISODate()!;
const DIARY_THURSDAY = WEEK.plus({ weeks: 1, days: 3 }).toISODate()!;

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  // From the top, so the sticky header does not sit over the page in the full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

test('A practitioner proposes a course of six facial sessions; the client accepts it and books all six in one step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const staff = await asSignedIn(page);
  const olivia = (await staff.get<{ items: { id: string; name: string }[] }>(`/clinics/${CLINIC}/clients?q=Olivia`)).items.find((c) => c.name === 'Olivia Brown')!;

  await page.goto(`/app/clients/${olivia.id}`);
  const plans = page.getByRole('region', { name: 'Treatment plans' });
  await plans.getByRole('button', { name: 'Propose a plan' }).click();
  const form = plans.getByRole('form', { name: 'Propose a plan' });
  await form.getByLabel('Treatment').selectOption({ label: 'Facial acupuncture session' });
  await form.getByLabel('Practitioner').selectOption({ label: 'Mei Lin Chen' });
  await form.getByLabel('Sessions').first().fill('6');
  await form.getByLabel('First session').fill(ukDate(COURSE_TUESDAY));
  await form.getByLabel('Preferred time').fill('15:00');
  await expect(form.getByText('Leave blank for £570.00 (6 × the session price).')).toBeVisible();
  await form.getByLabel('Care').selectOption({ label: 'Sports massage (60 minutes)' });
  await form.getByRole('group', { name: 'Alongside the course (optional)' }).getByLabel('Sessions').fill('2');
  await form.getByLabel('A word for the client (optional)').fill('Six weekly sessions to soften the fine lines and ease jaw tension, then one every four weeks to keep the results.');
  await form.getByRole('button', { name: 'Propose the plan' }).click();
  await expect(plans.getByText('Plan proposed.')).toBeVisible();
  await expect(plans.getByRole('heading', { name: 'Facial acupuncture session: a course of 6' })).toBeVisible();
  await expect(plans.getByText('6 × Facial acupuncture session, every week, with Mei Lin Chen')).toBeVisible();

  const consultation = page.getByRole('region', { name: 'Consultation record' });
  await consultation.getByLabel('Pattern').fill('Liver qi stagnation with Spleen qi deficiency');
  await consultation.getByLabel('Tongue').fill('Pale, slightly swollen, thin white coat');
  await consultation.getByLabel('Pulse').fill('Wiry on the left, weak on the right');
  await consultation.getByLabel('Skin assessment').fill('Dry, fine lines at the outer eyes; tension along the jaw.');
  await consultation.getByLabel('Photo-ageing (Glogau type)').selectOption('II');
  await consultation.getByLabel('Nasolabial fold, left (WSRS)').selectOption('3');
  await consultation.getByLabel('Nasolabial fold, right (WSRS)').selectOption('2');
  await consultation.getByLabel('Proposed plan').selectOption({ label: 'Facial acupuncture session: a course of 6' });
  await consultation.getByRole('button', { name: 'Save the consultation record' }).click();
  await expect(consultation.getByText('Consultation record saved.')).toBeVisible();
  // Saved and read back: the form starts afresh from the stored record.
  await expect(consultation.getByLabel('Photo-ageing (Glogau type)')).toHaveValue('II');
  await expect(consultation.getByLabel('Nasolabial fold, left (WSRS)')).toHaveValue('3');
  await expect(consultation.getByLabel('Nasolabial fold, right (WSRS)')).toHaveValue('2');
  await consultation.screenshot({ path: path.join(SCREENSHOT_DIR, 'consultation-scales.png') });
  await shoot(page, 'desktop-plan-client-record');
  expect(await seriousViolations(page)).toEqual([]);
  await signOut(page);

  // The client: the plan in the portal, every proposed date, one confirm.
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'client@jadeleaf.example');
  await page.goto('/app/plan');
  const mine = page.getByRole('region', { name: 'Facial acupuncture session: a course of 6' });
  await expect(mine.getByText('£570.00')).toBeVisible();
  await expect(mine.getByText('Sports massage (60 minutes): 2 sessions, every 2 weeks')).toBeVisible();
  await shoot(page, 'phone-plan-proposed');
  await mine.getByRole('button', { name: 'Accept and choose dates' }).click();
  const dates = mine.getByRole('list', { name: 'Proposed dates' });
  await expect(dates.getByRole('listitem')).toHaveCount(6);
  await expect(dates.getByRole('listitem').first()).toContainText(DateTime.fromISO(COURSE_TUESDAY).setLocale('en-GB').toFormat('cccc d LLLL yyyy'));
  await shoot(page, 'phone-plan-dates');
  expect(await seriousViolations(page)).toEqual([]);
  await mine.getByRole('button', { name: 'Book all 6 sessions' }).click();
  await expect(mine.getByText('All 6 sessions are booked.')).toBeVisible();
  await expect(mine.getByText('Session 1 of 6')).toBeVisible();
  await expect(mine.getByRole('list', { name: 'Sessions of the course' }).getByRole('listitem')).toHaveCount(6);
  await expect(mine.getByText('In progress')).toBeVisible();
  await shoot(page, 'phone-plan-booked');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await shoot(page, 'desktop-plan-booked');
  await expect(mainNav(page).getByRole('link', { name: 'Treatment plan' })).toBeVisible();

  // The sports massage alongside, booked from the plan with the same course booking.
  await mine.getByRole('button', { name: 'Book Sports massage (60 minutes): 2 sessions' }).click();
  const care = page.getByRole('region', { name: 'Book sports massage (60 minutes): 2 sessions' });
  await expect(care.getByRole('heading', { name: 'Book sports massage (60 minutes): 2 sessions' })).toBeFocused();
  await expect(care.getByLabel('Treatment')).toHaveValue(/.+/);
  await care.getByLabel('Practitioner').selectOption({ label: 'Priya Shah' });
  await care.getByLabel('First session').fill(ukDate(WEEK.plus({ days: 2 }).toISODate()!));
  await care.getByLabel('Time').fill('16:00');
  await care.getByRole('button', { name: 'Show the dates' }).click();
  await expect(care.getByRole('list', { name: 'Proposed dates' }).getByRole('listitem')).toHaveCount(2);
  await shoot(page, 'desktop-plan-care');
  await care.getByRole('button', { name: 'Book all 2 sessions' }).click();
  await expect(care.getByText(/You are booked for 2 sessions of sports massage/)).toBeVisible();
  await signOut(page);

  // Progress in the diary: the course's first session reads "1 of 6"; reception books the maintenance from the plan.
  await signIn(page, 'reception@jadeleaf.example');
  await page.goto(`/app/diary?date=${COURSE_TUESDAY}`);
  await expect(page.getByRole('group', { name: 'Mei Lin Chen’s day' }).getByRole('button', { name: /Olivia Brown, Facial acupuncture session, session 1 of 6, Booked/ })).toBeVisible();
  await page.goto(`/app/clients/${olivia.id}`);
  const staffPlans = page.getByRole('region', { name: 'Treatment plans' });
  await staffPlans.getByRole('button', { name: 'Book Maintenance: facial acupuncture session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book maintenance: facial acupuncture session' });
  await expect(dialog.getByText('For Olivia Brown, from their treatment plan.')).toBeVisible();
  await expect(dialog.getByLabel('How often')).toHaveValue('4');
  await dialog.getByLabel('Sessions').fill('2');
  await dialog.getByLabel('First session').fill(ukDate(WEEK.plus({ weeks: 7, days: 1 }).toISODate()!));
  await dialog.getByLabel('Time').fill('15:00');
  await dialog.getByRole('button', { name: 'Show the dates' }).click();
  await expect(dialog.getByRole('list', { name: 'Proposed dates' }).getByRole('listitem')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Book all 2 sessions' }).click();
  await expect(staffPlans.getByText(/Olivia Brown is booked for 2 sessions of facial acupuncture session/)).toBeVisible();
  await signOut(page);

  // Olivia's plan now shows the care beside the course and after it, each counted apart from
  // the course's own "session 1 of 6".
  await signIn(page, 'client@jadeleaf.example');
  await page.goto('/app/plan');
  const booked = page.getByRole('region', { name: 'Facial acupuncture session: a course of 6' });
  await expect(booked.getByText('Session 1 of 6')).toBeVisible();
  await expect(booked.getByRole('definition').filter({ hasText: 'Sports massage (60 minutes): 2 sessions, every 2 weeks' })).toBeVisible();
  await expect(booked.getByRole('definition').filter({ hasText: /^One session every 4 weeks to keep the results/ })).toBeVisible();
  const careList = booked.getByRole('list', { name: 'Care alongside and after the course' });
  await expect(careList.getByRole('listitem').filter({ hasText: 'Sports massage (60 minutes) (alongside)' })).toContainText(
    // Care is counted by its service from the course's start: another journey on the same server may have booked this client a massage in those weeks too.
    /\b(2 of 2 booked|[3-9] booked \(2 planned\)), none done yet/);
  await expect(careList.getByRole('listitem').filter({ hasText: 'Maintenance after the course' })).toContainText('2 booked, none done yet');
  await expect(careList.getByRole('listitem').filter({ hasText: 'Maintenance after the course' })).toContainText(
    `Next: ${WEEK.plus({ weeks: 7, days: 1 }).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}`);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.evaluate(() => document.fonts.ready);
  await booked.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-plan-care-and-maintenance.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'phone-plan-care-and-maintenance');
  expect(await seriousViolations(page)).toEqual([]);
});

test('Reception books a course from the diary: every proposed date with alternatives, all in one step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await page.goto(`/app/diary?date=${DIARY_THURSDAY}`);
  await page.getByRole('button', { name: 'Book a course' }).click();
  const dialog = page.getByRole('dialog', { name: 'Book a course' });
  await dialog.getByLabel('Client').fill('James');
  await dialog.getByRole('radio', { name: /James Wilson/ }).check();
  await dialog.getByLabel('Treatment').selectOption({ label: 'Traditional acupuncture' });
  await dialog.getByLabel('Practitioner').selectOption({ label: 'Tom Hughes' });
  await dialog.getByLabel('Sessions').fill('4');
  await dialog.getByLabel('How often').selectOption({ label: 'Every 2 weeks' });
  await dialog.getByLabel('Time').fill('14:00');
  await dialog.getByRole('button', { name: 'Show the dates' }).click();
  await expect(dialog.getByRole('list', { name: 'Proposed dates' }).getByRole('listitem')).toHaveCount(4);
  await shoot(page, 'desktop-diary-book-course');
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Book all 4 sessions' }).click();
  await expect(page.getByText('James Wilson is booked for 4 sessions of traditional acupuncture with Tom Hughes.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Tom Hughes’s day' }).getByRole('button', { name: /James Wilson, Traditional acupuncture, session 1 of 4, Booked/ })).toBeVisible();
  await shoot(page, 'desktop-diary-course-entry');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Book a course' }).click();
  await expect(page.getByRole('dialog', { name: 'Book a course' })).toBeVisible();
  await shoot(page, 'phone-diary-book-course');
});

test('A client books a course of sports massage herself: every date shown first, then all booked in one step', async ({ page }) => {
  // Six weeks ahead, so the last session (four weeks later) is inside the 84 days clients may book ahead.
  const firstWednesday = WEEK.plus({ weeks: 2, days: 2 });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'client@jadeleaf.example');
  await page.goto('/app/plan');
  const own = page.getByRole('region', { name: 'Book a course yourself' });
  await own.getByRole('button', { name: 'Show the dates' }).click();
  await expect(own.getByText('Choose a treatment')).toBeVisible();
  await own.getByLabel('Treatment').selectOption({ label: 'Sports massage (60 minutes)' });
  await own.getByLabel('Practitioner').selectOption({ label: 'Priya Shah' });
  await own.getByLabel('Sessions').fill('3');
  await own.getByLabel('How often').selectOption({ label: 'Every 2 weeks' });
  await own.getByLabel('First session').fill(ukDate(firstWednesday.toISODate()!));
  await own.getByLabel('Time').fill('14:00');
  await own.getByRole('button', { name: 'Show the dates' }).click();
  const dates = own.getByRole('list', { name: 'Proposed dates' });
  await expect(dates.getByRole('listitem')).toHaveCount(3);
  await expect(dates.getByRole('listitem').first()).toContainText(firstWednesday.setLocale('en-GB').toFormat('cccc d LLLL yyyy'));
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'phone-own-course-dates');
  await own.getByRole('button', { name: 'Book all 3 sessions' }).click();
  await expect(own.getByText('You are booked for 3 sessions of sports massage (60 minutes) with Priya Shah.')).toBeVisible();
  await own.getByRole('link', { name: 'See your appointments' }).click();
  await expect(page.getByText(firstWednesday.setLocale('en-GB').toFormat('cccc d LLLL')).first()).toBeVisible();
});
