import { test, expect, type Page } from '@playwright/test';
import { signIn, signOut } from './support/app.ts';

/**
 * The Content-Security-Policy (no inline scripts or styles on public pages; a fresh nonce
 * where the app shell and the booking page carry inline tags) breaks nothing: the
 * public pages, the app through sign-in and sign-out, and the booking widget run in
 * Chromium without a single violation.
 */
async function watchViolations(page: Page) {
  const violations: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

test('Public pages, sign-in to the app and sign-out run with no CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  const home = await page.goto('/');
  // Public pages send no inline code, so their policy allows none (no nonce at all).
  expect(home?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
  const clinic = await page.goto('/clinics/jade-leaf-bath');
  expect(clinic?.headers()['content-security-policy']).toMatch(/script-src 'self';.*style-src 'self';/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();

  const app = await page.goto('/app');
  expect(app?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[0-9a-f]{32}'/);
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  // The app's own scripts carry this answer's nonce, and its stylesheet applies.
  const nonce = await page.locator('script[type="module"][src^="/assets/"]').first().evaluate((s) => (s as HTMLScriptElement).nonce);
  expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(/Inter/i);
  await page.goto('/app/diary');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await signOut(page);
  expect(violations).toEqual([]);
});

test('The booking page and its widget run with no CSP violation', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/clinics/jade-leaf-bath/book');
  await page.getByRole('button', { name: 'Choose a time for Free facial acupuncture consultation' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a practitioner' })).toBeFocused();
  await page.getByRole('button', { name: /Any qualified practitioner/ }).click();
  await expect(page.getByRole('heading', { name: 'Choose a time' })).toBeFocused();
  // The widget's styles arrive as a constructed stylesheet, which the policy allows.
  const sheets = await page.locator('#booking-widget').evaluate((host) => host.shadowRoot?.adoptedStyleSheets.length ?? 0);
  expect(sheets).toBe(1);
  expect(violations).toEqual([]);
});
