import { test, expect, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { mainNav, signIn, signOut } from './support/app.ts';

// Only this test uses the Willow Tree owner, so turning two-factor on disturbs no other test.
const OWNER = 'owner@willowtree.example';

/**
 * The code an authenticator app would show for the key on screen (RFC 6238: SHA-1, 6 digits,
 * 30 s), now or `stepsAhead` 30-second steps later (the server allows one step of clock drift).
 */
function currentCode(secret: string, stepsAhead = 0) {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

async function openAccount(page: Page) {
  await mainNav(page).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
}

test('Owner turns on two-factor sign-in and signs in with a code', async ({ page }) => {
  await signIn(page, OWNER);
  await expect(page.getByRole('heading', { level: 1, name: 'Willow Tree Clinic' })).toBeVisible();
  await openAccount(page);

  const section = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(section.getByText('Off', { exact: true })).toBeVisible();
  await section.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(section.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();

  const secret = (await section.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  const enabledWith = currentCode(secret);
  await section.getByLabel('6-digit code').fill(enabledWith);
  await section.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(section.getByRole('status')).toContainText('Two-factor sign-in is on');
  await expect(section.getByText('On', { exact: true })).toBeVisible();

  await signOut(page);
  await signIn(page, OWNER);
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your code' })).toBeVisible();
  await page.getByLabel('6-digit code').fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('That code did not match');
  // Each code works once: the one that turned two-factor on cannot be used again.
  await page.getByLabel('6-digit code').fill(enabledWith);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('That code did not match');
  await page.getByLabel('6-digit code').fill(currentCode(secret, 1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Willow Tree Clinic' })).toBeVisible();

  // Leave the demo account as it was.
  await openAccount(page);
  await section.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await section.getByLabel('Your password').fill('yintang-demo');
  await section.getByRole('button', { name: 'Turn off', exact: true }).click();
  await expect(section.getByText('Off', { exact: true })).toBeVisible();
});
