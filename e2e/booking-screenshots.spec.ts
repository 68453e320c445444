import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn, uniqueEmail } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/** Screenshots of the booking screens on a phone and a desktop, for people to look at; not compared. */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

async function shoot(page: Page, viewport: string, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport}-booking-${name}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  test(`Booking screens look calm on a ${viewport.name}`, async ({ page }) => {
    test.slow(); // Many screens, each photographed whole.
    await page.setViewportSize({ width: viewport.width, height: viewport.height });

    await page.goto('/clinics/jade-leaf-bath/book');
    await shoot(page, viewport.name, '1-page');
    await page.getByRole('button', { name: 'Choose a time for Free facial acupuncture consultation' }).click();
    await page.getByRole('button', { name: 'Change treatment' }).click();
    await expect(page.getByRole('heading', { name: 'Choose a treatment' })).toBeVisible();
    await shoot(page, viewport.name, '2-treatment');
    await page.getByRole('button', { name: /^Free facial acupuncture consultation/ }).click();
    await expect(page.getByRole('heading', { name: 'Choose a practitioner' })).toBeVisible();
    await shoot(page, viewport.name, '3-practitioner');
    await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
    const days = page.getByRole('list', { name: 'Days with free times' }).getByRole('button');
    await days.nth(2).click();
    await shoot(page, viewport.name, '4-time');
    await page.getByRole('button', { name: /^\d\d:\d\d on / }).nth(3).click();
    await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
    await page.getByLabel('Full name').fill('Imogen Hart');
    await page.getByLabel('E-mail address').fill(uniqueEmail('screenshot'));
    await shoot(page, viewport.name, '5-details');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await expect(page.getByRole('heading', { name: 'Check your e-mail to confirm' })).toBeVisible();
    await shoot(page, viewport.name, '6-done');

    await signIn(page, 'owner@jadeleaf.example');
    await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /Appointments today|No appointments today/ })).toBeVisible();
    await shoot(page, viewport.name, 'today');
    await page.goto('/app/diary');
    await expect(page.getByRole('group', { name: 'Mei Lin Chen’s day' })).toBeVisible();
    await shoot(page, viewport.name, 'diary-day');
    await page.getByRole('button', { name: 'Week' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Week of / })).toBeVisible();
    await shoot(page, viewport.name, 'diary-week');
    await page.goto('/app/services');
    await expect(page.getByRole('heading', { level: 3, name: 'Facial acupuncture session' })).toBeVisible();
    await shoot(page, viewport.name, 'services');
    await page.goto('/app/booking-settings');
    await expect(page.getByRole('button', { name: 'Save hours' })).toBeVisible();
    await shoot(page, viewport.name, 'settings');

    await page.context().clearCookies();
    await signIn(page, 'client@jadeleaf.example');
    await expect(page.getByRole('heading', { level: 2, name: 'Upcoming' })).toBeVisible();
    await shoot(page, viewport.name, 'my-appointments');
  });
}
