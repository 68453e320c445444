import { test, expect } from '@playwright/test';
import { mainNav, signIn, uniqueEmail } from './support/app.ts';
import { appLink, waitForEmail } from './support/outbox.ts';

test('Owner invites a practitioner who accepts', async ({ page, browser }) => {
  const invitee = uniqueEmail('new.practitioner');

  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();

  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail address').fill(invitee);
  await invite.getByLabel('Role').selectOption('practitioner');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(invite.getByRole('status')).toContainText(`Invitation sent to ${invitee} as practitioner`);

  // The invitee opens the link in their own browser.
  const message = await waitForEmail(invitee, 'has invited you to join Yintang');
  const context = await browser.newContext();
  const theirPage = await context.newPage();
  await theirPage.goto(appLink(message, '/app/accept-invite'));
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Join Jade Leaf Acupuncture' })).toBeVisible();
  await expect(theirPage.getByText('as a practitioner')).toBeVisible();
  await theirPage.getByLabel('Your name').fill('Ada Okonjo');
  await theirPage.getByLabel('Choose a password').fill('needles and patience');
  await theirPage.getByRole('button', { name: 'Create account and join' }).click();

  await expect(theirPage.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(theirPage.getByText('You are signed in as a practitioner.')).toBeVisible();
  await expect(mainNav(theirPage).getByRole('link')).toHaveText(['Today', 'Diary', 'Waiting list', 'My clients', 'Points', 'Protocols', 'My profile', 'Account']);
  await context.close();

  // The owner now sees the new practitioner on the staff list.
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: invitee })).toContainText('Ada Okonjo');
});

test('Owner sends an invitation again, then withdraws it; each old link stops working', async ({ page, browser }) => {
  const invitee = uniqueEmail('late.joiner');
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/staff');
  const invite = page.getByRole('region', { name: 'Invite someone' });
  await invite.getByLabel('E-mail address').fill(invitee);
  await invite.getByLabel('Role').selectOption('reception');
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  const firstLink = appLink(await waitForEmail(invitee, 'has invited you to join Yintang'), '/app/accept-invite');

  const waiting = page.getByRole('region', { name: 'Invitations waiting' });
  const row = waiting.getByRole('listitem').filter({ hasText: invitee });
  await expect(row).toContainText('Reception');
  await expect(row).toContainText('Link works until');

  await row.getByRole('button', { name: `Send again to ${invitee}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation sent again to ${invitee}` })).toBeVisible();
  let secondLink = firstLink;
  await expect.poll(async () => {
    secondLink = appLink(await waitForEmail(invitee, 'has invited you to join Yintang'), '/app/accept-invite');
    return secondLink;
  }).not.toBe(firstLink);

  const context = await browser.newContext();
  const theirPage = await context.newPage();
  await theirPage.goto(firstLink);
  await expect(theirPage.getByRole('alert')).toContainText('expired or has already been used');
  await theirPage.goto(secondLink);
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Join Jade Leaf Acupuncture' })).toBeVisible();

  await row.getByRole('button', { name: `Withdraw the invitation to ${invitee}` }).click();
  const dialog = page.getByRole('dialog', { name: `Withdraw the invitation to ${invitee}?` });
  await dialog.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The invitation to ${invitee} is withdrawn.` })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: invitee })).toHaveCount(0);

  await theirPage.reload();
  await expect(theirPage.getByRole('alert')).toContainText('expired or has already been used');
  await context.close();
});
