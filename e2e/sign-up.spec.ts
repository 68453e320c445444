import { test, expect } from '@playwright/test';
import { mainNav, signIn, uniqueEmail } from './support/app.ts';
import { appLink, waitForEmail } from './support/outbox.ts';
import { confirmSignUp } from './support/sign-up.ts';

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

  // The link alone confirms nothing: it asks for the password chosen at sign-up.
  await page.goto(appLink(await waitForEmail(email, 'Confirm your e-mail address'), '/app/verify-email'));
  await expect(page.getByText('enter the password you chose when you signed up')).toBeVisible();
  await expect(page.getByText('If you did not sign up for Yintang, you can ignore the e-mail')).toBeVisible();
  await page.getByLabel('Your password').fill('not what I chose');
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByLabel('Your password')).toHaveAccessibleDescription(/Not the password you chose when you signed up/);
  await page.getByLabel('Your password').fill('quiet river lantern');
  await page.getByRole('button', { name: 'Confirm my address' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText(['My appointments', 'Consent forms', 'Treatment plan', 'Aftercare', 'My progress', 'Invoices and packages', 'My details', 'My data', 'Account']);

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

test('A common password is refused kindly', async ({ page }) => {
  await page.goto('/app/sign-up');
  await page.getByLabel('Your name').fill('Common Choice');
  await page.getByLabel('E-mail address').fill(uniqueEmail('common'));
  await page.getByLabel('Choose a password').fill('Password1234');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert').first()).toContainText('one of the most common');
  await expect(page.getByLabel('Choose a password')).toHaveAccessibleDescription(/Too common/);
});

test('Someone who signs up with another person’s address cannot get in, and the owner of the address can', async ({ page, browser }) => {
  test.slow(); // two people, two sign-ups and two confirmations
  const email = uniqueEmail('victim');
  // The impostor signs up with the victim's address and a password of their own.
  await page.goto('/app/sign-up');
  await page.getByLabel('Your name').fill('Mallory');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('impostor secret words');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  const impostorLink = appLink(await waitForEmail(email, 'Confirm your e-mail address'), '/app/verify-email');

  // The victim reads the e-mail in their own browser; the link asks for a password they never chose.
  const victimContext = await browser.newContext();
  const victim = await victimContext.newPage();
  await victim.goto(impostorLink);
  await victim.getByLabel('Your password').fill('my own real words');
  await victim.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(victim.getByRole('alert').first()).toContainText('not the password chosen when this account was signed up');

  // The victim signs up themselves, and confirms with their own password.
  await victim.goto('/app/sign-up?clinic=jade-leaf-bath');
  await victim.getByLabel('Your name').fill('Vera Lynn');
  await victim.getByLabel('E-mail address').fill(email);
  await victim.getByLabel('Choose a password').fill('my own real words');
  await victim.getByRole('button', { name: 'Create account' }).click();
  await expect(victim.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await expect.poll(async () => appLink(await waitForEmail(email, 'Confirm your e-mail address'), '/app/verify-email')).not.toBe(impostorLink);
  await confirmSignUp(victim, email, 'my own real words');
  await expect(victim.getByText('You are signed in as a client.')).toBeVisible();

  // The impostor's link and password are worth nothing now.
  await page.goto(impostorLink);
  await page.getByLabel('Your password').fill('impostor secret words');
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'We could not confirm your address' })).toBeVisible();
  await signIn(page, email, 'impostor secret words');
  await expect(page.getByRole('alert')).toContainText('do not match');
  await victimContext.close();
});
