import { expect, type Page } from '@playwright/test';
import { appLink, waitForEmail } from './outbox.ts';

/**
 * Opens the confirmation link e-mailed to `email` and confirms it with the password chosen
 * at sign-up, as the person who signed up would.
 */
export async function confirmSignUp(page: Page, email: string, password: string) {
  await page.goto(appLink(await waitForEmail(email, 'Confirm your e-mail address'), '/app/verify-email'));
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your e-mail address' })).toBeVisible();
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
}
