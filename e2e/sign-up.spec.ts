import { test, expect } from '@playwright/test';
import { mainNav, uniqueEmail } from './support/app.ts';
import { appLink, waitForEmail } from './support/outbox.ts';

test('New client signs up and confirms the e-mail', async ({ page }) => {
  const email = uniqueEmail('new.client');
  await page.goto('/app/sign-up?clinic=jade-leaf-bath');
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await expect(page.getByText('You are joining Jade Leaf Acupuncture as a client')).toBeVisible();

  await page.getByLabel('Your name').fill('Eleanor Rigby');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('quiet river lantern');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();

  const message = await waitForEmail(email, 'Confirm your e-mail address');
  await page.goto(appLink(message, '/app/verify-email'));

  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText(['My appointments', 'My details', 'Account']);

  await mainNav(page).getByRole('link', { name: 'My details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My details' })).toBeVisible();
  await expect(page.getByRole('link', { name: email })).toBeVisible();
});

test('The form explains what is wrong before anything is sent', async ({ page }) => {
  await page.goto('/app/sign-up');
  await page.getByLabel('E-mail address').fill('not-an-address');
  await page.getByLabel('Choose a password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Your name')).toHaveAccessibleDescription(/Enter a name/);
  await expect(page.getByLabel('E-mail address')).toHaveAccessibleDescription(/Enter a valid e-mail address/);
  await expect(page.getByLabel('Choose a password')).toHaveAccessibleDescription(/Use at least 10 characters/);
  await expect(page.getByLabel('Your name')).toBeFocused();
});
