import path from 'node:path';
import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

test('Owner deactivates a practitioner who left, sees their bookings to move, and the practitioner is signed out', async ({ page, browser }) => {
  // Priya (Jade Leaf's massage therapist) is signed in on her own computer.
  const hers = await browser.newContext();
  const priya = await hers.newPage();
  await signIn(priya, 'priya@jadeleaf.example');
  await expect(mainNav(priya).getByRole('link', { name: 'Diary' })).toBeVisible();

  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  const row = page.getByRole('listitem').filter({ hasText: 'priya@jadeleaf.example' });
  await row.getByRole('button', { name: 'Deactivate Priya Shah' }).click();

  const dialog = page.getByRole('dialog', { name: 'Deactivate Priya Shah?' });
  await expect(dialog).toContainText('signed out everywhere at once');
  await expect(dialog).toContainText('calendar feed stops');
  await dialog.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-app-staff-deactivate-dialog.png') });
  await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();

  await expect(page.getByRole('status')).toContainText('Priya Shah is deactivated');
  await expect(row.getByText('Deactivated', { exact: true })).toBeVisible();
  await expect(row.getByRole('heading', { name: /Upcoming bookings to move/ })).toBeVisible();
  const booking = row.getByRole('link', { name: /Noah Patel, Sports massage/ });
  await expect(booking).toHaveAttribute('href', /\/app\/diary\?date=\d{4}-\d{2}-\d{2}&practitioner=/);
  await row.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-app-staff-deactivated.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await row.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-app-staff-deactivated.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Her open session is refused: the next thing she does asks her to sign in.
  await priya.reload();
  await expect(priya.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await hers.close();

  // The booking link opens that day in the diary, where reception can move it.
  await booking.click();
  await expect(page).toHaveURL(/\/app\/diary\?date=/);

  // Give her place back, so the demo stays as it was.
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await row.getByRole('button', { name: 'Reactivate Priya Shah' }).click();
  await expect(page.getByRole('status')).toContainText('Priya Shah is active again');
  await expect(row.getByText('Deactivated', { exact: true })).toHaveCount(0);
});
