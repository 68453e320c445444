import { test, expect } from '@playwright/test';
import { mainNav, signIn, signOut } from './support/app.ts';

const EVERY_ITEM = ['Today', 'Diary', 'Waiting list', 'Clients', 'Reports', 'My clients', 'Points', 'Protocols', 'Adverse events', 'Services', 'Consent forms', 'Screening rules', 'Outcome measures', 'Outcome report', 'Hours and booking', 'Money', 'Staff', 'Treatment pages', 'Reviews', 'Outbox', 'Audit log', 'Closure requests', 'System', 'Clinic settings', 'Integrations', 'My profile', 'My appointments', 'Treatment plan', 'Aftercare', 'My progress', 'Invoices and packages', 'My details', 'My data', 'Account'];

const ROLES = [
  { who: 'Owner', email: 'owner@jadeleaf.example', says: 'You are signed in as the clinic’s owner.', nav: ['Today', 'Diary', 'Waiting list', 'Clients', 'Points', 'Protocols', 'Consent forms', 'Screening rules', 'Outcome measures', 'Outcome report', 'Adverse events', 'Services', 'Hours and booking', 'Money', 'Reports', 'Reviews', 'Treatment pages', 'Staff', 'Clinic settings', 'Integrations', 'Outbox', 'Closure requests', 'Audit log', 'System', 'Account'], groups: ['Care', 'Business', 'Clinic'] },
  { who: 'Practitioner', email: 'tom@jadeleaf.example', says: 'You are signed in as a practitioner.', nav: ['Today', 'Diary', 'Waiting list', 'My clients', 'Points', 'Protocols', 'My profile', 'Account'] },
  { who: 'Reception', email: 'reception@jadeleaf.example', says: 'You are signed in as reception.', nav: ['Today', 'Diary', 'Waiting list', 'Clients', 'Money', 'Outbox', 'Account'] },
  { who: 'Client', email: 'client@jadeleaf.example', says: 'You are signed in as a client.', nav: ['My appointments', 'Consent forms', 'Treatment plan', 'Aftercare', 'My progress', 'Invoices and packages', 'My details', 'My data', 'Account'] },
];

for (const role of ROLES) {
  test(`${role.who} signs in, sees the navigation for their role, and signs out`, async ({ page }) => {
    await signIn(page, role.email);
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
    await expect(page.getByText(role.says)).toBeVisible();

    const nav = mainNav(page);
    const links = nav.getByRole('link');
    await expect(links).toHaveText(role.nav);
    // A long menu is grouped in named lists; a short one is not.
    await expect(nav.getByRole('list').filter({ has: page.getByRole('link') })).toHaveCount((role.groups?.length ?? 0) + (role.groups ? 2 : 1));
    for (const group of role.groups ?? []) await expect(nav.getByRole('list', { name: group, exact: true })).toBeVisible();
    for (const item of EVERY_ITEM.filter((i) => !role.nav.includes(i))) {
      await expect(nav.getByRole('link', { name: item, exact: true })).toHaveCount(0);
    }

    await signOut(page);
    // Signed out for real: the app sends you back to sign in.
    await page.goto('/app/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });
}

test('On a laptop, the owner’s long menu opens scrolled to the screen they are on', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/integrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
  // The menu scrolls on its own; the page itself stays at its top.
  await expect(mainNav(page).getByRole('link', { name: 'Integrations', exact: true })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('Someone who types the wrong password is told kindly and can try again', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('That e-mail address and password do not match');
  await page.getByLabel('Password').fill('yintang-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
});

test('A signed-out visitor opening an app page signs in and comes back to it', async ({ page }) => {
  await page.goto('/app/clients');
  await expect(page).toHaveURL(/\/app\/sign-in\?next=%2Fapp%2Fclients$/);
  await page.getByLabel('E-mail address').fill('reception@jadeleaf.example');
  await page.getByLabel('Password').fill('yintang-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
});
