import { test, expect } from '@playwright/test';
import { mainNav, uniqueEmail } from './support/app.ts';
import { confirmSignUp } from './support/sign-up.ts';

test('Someone registers a new clinic and becomes its owner', async ({ page }) => {
  const email = uniqueEmail('birch.owner');
  const suffix = email.split('@')[0]!.split('.').pop()!;
  const clinicName = `Birch House Acupuncture ${suffix}`;

  // Not signed in yet: registering starts with an account.
  await page.goto('/app/register-clinic');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Sign in to register your clinic')).toBeVisible();
  await page.getByRole('link', { name: 'Create an account' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Your name').fill('Rowan Ash');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('birch bark and moss');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();

  await confirmSignUp(page, email, 'birch bark and moss');

  // Confirming the address brings them back to where they were going.
  await expect(page.getByRole('heading', { level: 1, name: 'Register a clinic' })).toBeVisible();
  await page.getByLabel('Clinic name').fill(clinicName);
  await expect(page.getByLabel('Web address')).toHaveValue(`birch-house-acupuncture-${suffix}`);
  await page.getByLabel('Address line 1').fill('4 Stonegate');
  await page.getByLabel('Town or city').fill('York');
  await page.getByLabel('Postcode').fill('yo1 8aw');
  await page.getByLabel('Clinic e-mail address').fill('hello@birchhouse.example');
  await page.getByLabel('Phone (optional)').fill('01904 000333');
  await page.getByRole('button', { name: 'Register clinic' }).click();

  await expect(page.getByRole('heading', { level: 1, name: clinicName })).toBeVisible();
  await expect(page.getByText('You are signed in as the clinic’s owner.')).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Staff' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Clinic settings' })).toBeVisible();

  // Requiring two-factor sign-in applies to the owner too: they are kindly sent to set it up.
  await mainNav(page).getByRole('link', { name: 'Clinic settings' }).click();
  await page.getByLabel('Require two-factor sign-in for staff').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByText(`${clinicName} asks staff to use two-factor sign-in`)).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();

  // The clinic is public straight away.
  await page.goto(`/clinics/birch-house-acupuncture-${suffix}`);
  await expect(page.getByRole('heading', { level: 1, name: clinicName })).toBeVisible();
  await expect(page.getByText('4 Stonegate, York, YO1 8AW').first()).toBeVisible();
});

test('A client who also runs a clinic switches between the two', async ({ page }) => {
  const email = uniqueEmail('client.and.owner');
  const suffix = email.split('@')[0]!.split('.').pop()!;
  const clinicName = `Rowan Tree Rooms ${suffix}`;

  await page.goto('/app/sign-up?clinic=jade-leaf-bath');
  await page.getByLabel('Your name').fill('Hazel Moss');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('hazel and moss grow');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, 'hazel and moss grow');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();

  await page.goto('/app/register-clinic');
  await page.getByLabel('Clinic name').fill(clinicName);
  await page.getByLabel('Address line 1').fill('1 High Street');
  await page.getByLabel('Town or city').fill('Frome');
  await page.getByLabel('Postcode').fill('BA11 1AA');
  await page.getByLabel('Clinic e-mail address').fill('hello@rowantree.example');
  await page.getByRole('button', { name: 'Register clinic' }).click();
  await expect(page.getByRole('heading', { level: 1, name: clinicName })).toBeVisible();

  const switcher = page.getByRole('combobox', { name: 'Clinic' });
  await expect(switcher).toHaveValue(/.+/);
  await switcher.selectOption({ label: 'Jade Leaf Acupuncture (Client)' });
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText(['My appointments', 'Consent forms', 'Treatment plan', 'Aftercare', 'My progress', 'Invoices and packages', 'My details', 'My data', 'Account']);

  await switcher.selectOption({ label: `${clinicName} (Owner)` });
  await expect(page.getByRole('heading', { level: 1, name: clinicName })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Staff' })).toBeVisible();
});
