import { test, expect } from '@playwright/test';
import { mainNav, signIn, uniqueEmail, findClient } from './support/app.ts';

test('Reception adds a client who booked by phone and finds them again', async ({ page }) => {
  const email = uniqueEmail('phone.booking');
  await signIn(page, 'reception@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clients' }).click();
  await expect(await findClient(page, 'Olivia Brown')).toBeVisible();

  await page.getByRole('link', { name: 'Add a client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a client' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a client' })).toBeFocused();
  await page.getByLabel('Full name').fill('Margaret Holloway');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Phone (optional)').fill('07700 900555');
  await page.getByRole('button', { name: 'Add client' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Margaret Holloway' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Client added' })).toBeVisible();
  await expect(page.getByRole('link', { name: '07700 900555' })).toBeVisible();

  await page.getByRole('link', { name: 'All clients' }).click();
  await page.getByLabel('Search by name, e-mail or phone').fill('hollo');
  await expect(page.getByRole('status')).toContainText('1 client matches “hollo”');
  await page.getByRole('link', { name: /Margaret Holloway/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Margaret Holloway' })).toBeVisible();
});

test('Adding a client who is already on file points to the existing record', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await page.goto('/app/clients/new');
  await page.getByLabel('Full name').fill('Olivia Brown');
  await page.getByLabel('E-mail address').fill('client@jadeleaf.example');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(page.getByRole('alert').first()).toContainText('already on file');
  await expect(page.getByLabel('E-mail address')).toHaveAccessibleDescription(/Already on file/);
});

test('Practitioner sees only the clients in their care', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'My clients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My clients' })).toBeVisible();
  await expect(page.getByRole('link', { name: /James Wilson/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /Amelia Clarke/ })).toHaveCount(0);
  // Staff settings are not part of a practitioner's role.
  await page.goto('/app/staff');
  await expect(page.getByRole('heading', { level: 1, name: 'Not part of your role' })).toBeVisible();
});

test('Owner reads an e-mail in the outbox', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  // Send something so the outbox is not empty, whatever ran before.
  const invitee = uniqueEmail('outbox.reader');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail address').fill(invitee);
  await invite.getByLabel('Role').selectOption('reception');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toContainText('Invitation sent');

  await mainNav(page).getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await expect(page.getByText('E-mails are kept here for now')).toBeVisible();
  await page.getByRole('link', { name: new RegExp(invitee.replace(/[.]/g, '\\.')) }).click();
  const reader = page.getByRole('article');
  await expect(reader.getByRole('heading', { name: 'Jade Leaf Acupuncture has invited you to join Yintang' })).toBeFocused();
  await expect(reader).toContainText('as reception staff');
  // The invitation link is for the invitee alone: staff see that it was withheld.
  await expect(reader).toContainText('Accept the invitation: [link withheld: only the recipient can use it]');
  await expect(reader).not.toContainText('token=');
});

test('Owner corrects the clinic’s details in the settings', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clinic settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic settings' })).toBeVisible();
  await expect(page.getByLabel('Clinic name')).toHaveValue('Jade Leaf Acupuncture');
  await expect(page.getByLabel('Require two-factor sign-in for staff')).not.toBeChecked();
  await page.getByLabel('Postcode').fill('not a postcode');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByLabel('Postcode')).toHaveAccessibleDescription(/Enter a UK postcode/);
  await page.getByLabel('Postcode').fill('ba1 1dn');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Your clinic settings are saved.')).toBeVisible();
  await expect(page.getByLabel('Postcode')).toHaveValue('BA1 1DN');
});
