import { test, expect } from '@playwright/test';
import { signIn } from './support/app.ts';
import { appLink, waitForEmail } from './support/outbox.ts';

// Only this test uses the Willow Tree client, so changing the password disturbs no other test.
const CLIENT = 'client@willowtree.example';

test('Client resets a forgotten password', async ({ page }) => {
  await page.goto('/app/sign-in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('E-mail address').fill(CLIENT);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();

  const message = await waitForEmail(CLIENT, 'Reset your Yintang password');
  await page.goto(appLink(message, '/app/reset-password'));
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  const newPassword = `willow branches ${Date.now()}`;
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Save new password' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Your password has been changed.')).toBeVisible();
  // The account holder is told, without any link that could change the password.
  const notice = await waitForEmail(CLIENT, 'Your Yintang password was changed');
  expect(notice.text).toContain('If it was not you');
  expect(notice.text).not.toContain('token=');

  // The old password no longer works; the new one does.
  await signIn(page, CLIENT);
  await expect(page.getByRole('alert')).toContainText('do not match');
  await signIn(page, CLIENT, newPassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Willow Tree Clinic' })).toBeVisible();
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();

  // The link works only once.
  await page.goto(appLink(message, '/app/reset-password'));
  await page.getByLabel('New password').fill('another long password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('expired or has already been used');
});
