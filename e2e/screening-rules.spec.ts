import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { CLINIC } from './support/booking.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

/**
 * The owner's screening rules: change the botulinum-toxin wait and its wording, save a
 * new version, see it in the history; reception never gets the screen. The journey puts
 * the rule back as it was at the end (health-questions.spec.ts books against the default
 * 28-day wait), and puts it back through the API if a step fails half-way.
 */

const API = `/api/v1/clinics/${CLINIC}/settings/screening-rules`;
const TITLE = 'Recent botulinum toxin';
const NEW_WORDING = 'Because you told us you had botulinum toxin (such as Botox) on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. You are welcome to come for a consultation before then.';

interface Rule { id: string; clientMessage: string; practitionerMessage: string; enabled: boolean; wait?: { days: number } }
interface Rules { version: number; rules: Rule[]; versions: { version: number; createdByName: string | null; note: string | null }[] }

async function rulesNow(page: Page): Promise<Rules> {
  const res = await page.request.get(API);
  expect(res.status()).toBe(200);
  return await res.json() as Rules;
}

/** Puts the botox rule back as it was, through the API, if the screen did not. */
async function restore(page: Page, original: Rule) {
  const now = await rulesNow(page);
  const rule = now.rules.find((r) => r.id === original.id)!;
  if (JSON.stringify(rule) === JSON.stringify(original)) return;
  const { csrfToken } = await (await page.request.get('/api/v1/auth/session')).json() as { csrfToken: string };
  const res = await page.request.put(API, {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { rules: now.rules.map((r) => (r.id === original.id ? original : r)), baseVersion: now.version, note: 'Put back after a test' },
  });
  expect(res.status()).toBe(200);
}

async function shoot(page: Page, name: string, fullPage = false) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage });
}

/** The page's "Saved as version N" status (other live regions, such as a loading status, may show beside it). */
const savedNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'Saved as version' });
const card = (page: Page) => page.getByRole('article', { name: TITLE });
const editor = (page: Page) => page.getByRole('form', { name: `Change “${TITLE}”` });

test('The owner changes the botulinum toxin wait and its wording as a new version, then puts it back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const before = await rulesNow(page);
  const original = before.rules.find((r) => r.id === 'wait-botox')!;
  expect(original.wait!.days).toBe(28);

  try {
    // The menu leads to the screen, after "Consent forms".
    const links = await mainNav(page).getByRole('link').allTextContents();
    expect(links.indexOf('Screening rules')).toBe(links.indexOf('Consent forms') + 1);
    await mainNav(page).getByRole('link', { name: 'Screening rules', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Screening rules' })).toBeFocused();

    // Grouped by level, each rule with what it applies to, its wording and its source.
    for (const level of ['Refer: please call the clinic', 'Wait until a later date', 'Practitioner review', 'Note for the practitioner']) {
      await expect(page.getByRole('heading', { level: 2, name: level })).toBeVisible();
    }
    const waits = page.getByRole('region', { name: 'Wait until a later date' });
    await expect(waits.getByRole('article', { name: TITLE })).toBeVisible();
    await expect(card(page)).toContainText('Facial acupuncture');
    await expect(card(page)).toContainText('Earliest treatment: 28 days after the date the client gives');
    await expect(card(page)).toContainText(original.clientMessage);
    await expect(card(page).getByRole('link', { name: /^pointofhealingacupuncture\.com/ })).toHaveAttribute('href', 'https://pointofhealingacupuncture.com');
    await expect(page.getByRole('complementary', { name: 'Version history' })).toContainText(`Version ${before.version}`);
    expect(await seriousViolations(page), 'list').toEqual([]);
    await shoot(page, 'desktop-screening-rules.png');

    // Bad input is refused beside each field, and nothing is saved.
    await card(page).getByRole('button', { name: `Change “${TITLE}”` }).click();
    await expect(editor(page).getByRole('heading', { name: `Change “${TITLE}”` })).toBeFocused();
    const days = editor(page).getByLabel('Days to wait');
    const wording = editor(page).getByLabel('What clients see');
    await expect(days).toHaveValue('28');
    await days.fill('0');
    await wording.fill('   ');
    await editor(page).getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
    await expect(days).toHaveAccessibleDescription(/At least 1 day/);
    await expect(wording).toHaveAccessibleDescription(/Please write the wording/);
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await wording.fill('Please wait until {tomorrow}.');
    await editor(page).getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
    await expect(wording).toHaveAccessibleDescription(/Use only \{eventDate\}, \{earliestDate\}, \{days\} or \{answer:questionId\} in braces/);
    expect(await seriousViolations(page), 'form with errors').toEqual([]);
    expect((await rulesNow(page)).version).toBe(before.version);

    await days.fill('21');
    await wording.fill(NEW_WORDING);
    await editor(page).getByLabel('Note for the history (optional)').fill('Three weeks, as our doctor advises');
    await shoot(page, 'desktop-screening-rules-edit.png');
    await editor(page).getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
    await expect(savedNotice(page)).toHaveText(`Saved as version ${before.version + 1}. Bookings are screened with it from now on.`);
    await expect(card(page)).toContainText('Earliest treatment: 21 days after the date the client gives');
    await expect(card(page)).toContainText(NEW_WORDING);
    await expect(card(page)).toContainText(`Saved as version ${before.version + 1}`);
    // Keyboard users are back on the rule they changed.
    await expect(card(page).getByRole('button', { name: `Change “${TITLE}”` })).toBeFocused();

    // The history: the new version, when, and by whom.
    const history = page.getByRole('complementary', { name: 'Version history' });
    const newest = history.getByRole('listitem').first();
    await expect(newest).toContainText(`Version ${before.version + 1}`);
    await expect(newest).toContainText('In use');
    await expect(newest).toContainText('Mei Lin Chen');
    await expect(newest).toContainText('Three weeks, as our doctor advises');
    await expect(newest).toContainText(/\d{1,2} \w+ \d{4}/);
    await expect(history).toContainText('Yintang’s default rules');
    const saved = (await rulesNow(page)).rules.find((r) => r.id === 'wait-botox')!;
    expect(saved).toMatchObject({ clientMessage: NEW_WORDING, wait: { days: 21 }, enabled: true });
    await shoot(page, 'desktop-screening-rules-saved-rule.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'desktop-screening-rules-saved.png');

    // On a phone: one column, the history after the rules.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Screening rules' })).toBeVisible();
    await expect(card(page)).toContainText('21 days');
    await shoot(page, 'phone-screening-rules.png');
    await card(page).getByRole('button', { name: `Change “${TITLE}”` }).click();
    await expect(editor(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await editor(page).scrollIntoViewIfNeeded();
    await shoot(page, 'phone-screening-rules-edit.png');

    // Put it back as it was, from the screen: another version.
    await editor(page).getByLabel('Days to wait').fill(String(original.wait!.days));
    await editor(page).getByLabel('What clients see').fill(original.clientMessage);
    await editor(page).getByRole('button', { name: `Save as version ${before.version + 2}` }).click();
    await expect(savedNotice(page)).toHaveText(`Saved as version ${before.version + 2}. Bookings are screened with it from now on.`);
    const after = await rulesNow(page);
    expect(after.version).toBe(before.version + 2);
    expect(after.rules.find((r) => r.id === 'wait-botox')).toEqual(original);
    expect(after.versions[0]).toMatchObject({ version: before.version + 2, createdByName: 'Mei Lin Chen', note: `Changed “${TITLE}”` });
  } finally {
    await restore(page, original);
  }
});

test('Reception does not get the screening rules', async ({ page }) => {
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Screening rules', exact: true })).toHaveCount(0);
  await page.goto('/app/screening-rules');
  await expect(page.getByRole('heading', { level: 1, name: 'Not part of your role' })).toBeVisible();
  await expect(page.getByText('This section is not available to you')).toBeVisible();
  await expect(page.getByText(TITLE)).toHaveCount(0);
  expect((await page.request.get(API)).status()).toBe(403);
});
