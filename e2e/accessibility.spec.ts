import { test, expect } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { mainNav, signIn } from './support/app.ts';

test('Sign-in and sign-up screens have no serious accessibility problems', async ({ page }) => {
  for (const [path, heading] of [['/app/sign-in', 'Sign in'], ['/app/sign-up?clinic=jade-leaf-bath', 'Create an account'], ['/app/forgot-password', 'Reset your password']]) {
    await page.goto(path!);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test('Owner’s screens have no serious accessibility problems and keep focus in order', async ({ page }) => {
  test.slow(); // An axe scan of every screen in the menu.
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  expect(await seriousViolations(page), 'home').toEqual([]);

  for (const [item, heading, ready] of [
    ['Diary', 'Diary', 'Show cancelled'],
    ['Waiting list', 'Waiting list', 'Add a client'],
    ['Clients', 'Clients', 'Olivia Brown'],
    ['Reports', 'Practice reports', 'Diary utilisation'],
    ['Points', 'Points', 'Choose a point'],
    ['Protocols', 'Protocols', 'Facial rejuvenation core'],
    ['Adverse events', 'Adverse events', 'Rate per 100 sessions'],
    ['Services', 'Services', 'Free facial acupuncture consultation'],
    ['Consent forms', 'Consent forms', 'Material change'],
    ['Screening rules', 'Screening rules', 'Wait until a later date'],
    ['Outcome measures', 'Outcome measures', 'The measures'],
    ['Outcome report', 'Outcome report', 'How to read this report'],
    ['Hours and booking', 'Hours and booking', 'Working hours'],
    ['Money', 'Money', 'Check a gift voucher'],
    ['Staff', 'Staff', 'Invite someone'],
    ['Treatment pages', 'Treatment pages', 'Page text (Markdown)'],
    ['Reviews', 'Reviews', 'Clients can review each completed appointment once'],
    ['Outbox', 'Outbox', 'E-mails are kept here for now'],
    ['Closure requests', 'Account closure requests', 'Clients who asked to close their account'],
    ['System', 'System', 'Disk space'],
    ['Clinic settings', 'Clinic settings', 'Require two-factor sign-in for staff'],
    ['Integrations', 'Integrations', 'Example payload of booking.created'],
    ['Account', 'Account', 'Two-factor sign-in'],
  ] as const) {
    await mainNav(page).getByRole('link', { name: item, exact: true }).click();
    const h1 = page.getByRole('heading', { level: 1, name: heading });
    // After each move the new screen's heading has focus, so screen readers announce it.
    await expect(h1).toBeFocused();
    await expect(page.getByText(ready).first()).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: item, exact: true })).toHaveAttribute('aria-current', 'page');
    expect(await seriousViolations(page), item).toEqual([]);
  }
});

test('Practitioner’s waiting list and calendar address have no serious accessibility problems', async ({ page }) => {
  await signIn(page, 'priya@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  for (const [item, ready] of [['Waiting list', 'You see the treatments you give.'], ['Account', 'Your diary in your phone’s calendar']] as const) {
    await mainNav(page).getByRole('link', { name: item, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: item })).toBeFocused();
    await expect(page.getByText(ready).first()).toBeVisible();
    expect(await seriousViolations(page), item).toEqual([]);
  }
});

test('On a phone the menu opens, closes with Escape, and leads to each section', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(mainNav(page)).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(mainNav(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(mainNav(page)).toBeHidden();
  await menu.click();
  await mainNav(page).getByRole('link', { name: 'Outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeFocused();
  await expect(mainNav(page)).toBeHidden();
  expect(await seriousViolations(page)).toEqual([]);
});
