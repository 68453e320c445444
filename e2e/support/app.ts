import { expect, type Page } from '@playwright/test';

/** Every demo account has this password (src/data/demo/demo-data.ts). */
export const DEMO_PASSWORD = 'yintang-demo';

/** Makes an address no earlier run has used, for people who sign up during a test. */
let emailsMade = 0;
export function uniqueEmail(prefix: string): string {
  emailsMade += 1;
  return `${prefix}.${Date.now().toString(36)}${emailsMade}@mail.example`;
}

/**
 * Signs in through the sign-in screen and waits for the server's answer (which sets the
 * session cookie). It does not assert success, so tests can check failures too.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/app/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answer;
}

/** Signs out from the app shell (opening the phone menu first if the sidebar is collapsed). */
export async function signOut(page: Page) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();
}

/** The app's main navigation (the sidebar on desktop). */
export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/**
 * Finds a client on the Clients screen by searching, as staff do: the list shows 50 at a
 * time in name order, and the demo's history and earlier journeys add clients before "O".
 */
export async function findClient(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1, name: /^(Clients|My clients)$/ })).toBeVisible();
  await page.getByLabel('Search by name, e-mail or phone').fill(name);
  // The list is searched once typing pauses: wait for its answer, so the link clicked is not
  // one of the unfiltered list about to be replaced.
  await expect(page.getByText(new RegExp(`(client matches|clients match) “${name}”`))).toBeVisible();
  return page.getByRole('link', { name: new RegExp(name) });
}

/**
 * What a person types into a date field: day first (27/03/2027), as the clinic writes dates,
 * whatever the browser's locale. Takes an ISO date.
 */
export const ukDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
