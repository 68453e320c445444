import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn, uniqueEmail } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { confirmSignUp } from './support/sign-up.ts';

const PASSWORD = 'quiet river lantern';
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

/** Checks the screen with axe, then takes its picture at phone and desktop size. */
async function shoot(page: Page, name: string) {
  expect(await seriousViolations(page), name).toEqual([]);
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    // Let web fonts finish and the page repaint at the new size (the signature pad redraws).
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport}-${name}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Draws a short looping stroke on the signature pad with the mouse. */
async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 30, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 18, y + Math.sin(i) * 25, { steps: 2 });
  await page.mouse.up();
}

test('A client signs a consent form with a drawn signature, downloads their data and asks to close the account; a material change asks them to sign again', async ({ page, browser }) => {
  // A long journey with two people, axe checks and pictures at two sizes.
  test.setTimeout(180_000);
  await page.setViewportSize(VIEWPORTS.desktop);
  const email = uniqueEmail('consent.client');
  await page.goto('/app/sign-up?clinic=jade-leaf-bath');
  await page.getByLabel('Your name').fill('Imogen Hart');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, PASSWORD);

  // The portal's home says what is still to do.
  await expect(page.getByText('You are signed in as a client.')).toBeVisible();
  const todo = page.getByRole('region', { name: 'Before and after your visits' });
  await expect(todo.getByRole('link', { name: 'Health questions' })).toBeVisible();
  await expect(todo.getByText('To complete')).toBeVisible();
  await expect(todo.getByText('4 to sign')).toBeVisible();
  await shoot(page, 'portal-home');

  // Read and sign the facial acupuncture form with a drawn signature.
  await todo.getByRole('link', { name: 'Consent forms' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consent forms' })).toBeVisible();
  const facialCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Facial acupuncture/ }) });
  await expect(facialCard.getByText('Not signed')).toBeVisible();
  await facialCard.getByRole('link', { name: /Read and sign/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consent to facial acupuncture' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Specific to the face' })).toBeVisible();
  await expect(page.getByLabel('Your full name')).toHaveValue('Imogen Hart');
  // Nothing ticked yet: the form says what is missing.
  await page.getByRole('button', { name: 'Sign the form' }).click();
  await expect(page.getByText('Tick “I agree” to sign')).toBeVisible();
  await drawSignature(page);
  await expect(page.getByRole('button', { name: 'Clear the drawing' })).toBeEnabled();
  await page.getByLabel(/I agree: I have read this facial acupuncture consent form/).check();
  await shoot(page, 'consent-sign');
  const signed = page.waitForResponse((r) => r.url().endsWith('/me/consents') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Sign the form' }).click();
  const body = (await (await signed).json()) as { signature: string | null; version: number };
  expect(body.signature).toMatch(/^data:image\/png;base64,/);
  await expect(page.getByRole('status').filter({ hasText: 'Your signed facial acupuncture consent form is saved.' })).toBeVisible();
  await expect(facialCard.getByText('Signed', { exact: true })).toBeVisible();
  await expect(facialCard.getByText(`You signed version ${body.version} on`)).toBeVisible();
  await shoot(page, 'consent-list');

  // Download everything held about them, as JSON and as a PDF.
  await page.goto('/app/my-data');
  await expect(page.getByRole('heading', { level: 1, name: 'My data' })).toBeVisible();
  await expect(page.getByText('8 years after your last visit')).toBeVisible();
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as JSON' }).click();
  const data = JSON.parse(readFileSync((await (await jsonDownload).path())!, 'utf8'));
  expect(data.profile).toMatchObject({ name: 'Imogen Hart', email });
  expect(data.consents).toEqual([expect.objectContaining({ treatment: 'Facial acupuncture', typedName: 'Imogen Hart', version: body.version })]);
  expect(data.consents[0].drawnSignature).toMatch(/^data:image\/png;base64,/);
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as PDF' }).click();
  expect(readFileSync((await (await pdfDownload).path())!).subarray(0, 5).toString()).toBe('%PDF-');

  // Ask to close the account.
  await page.getByRole('button', { name: 'Ask to close my account' }).click();
  await page.getByLabel('Anything you would like the clinic to know (optional)').fill('Moving to Edinburgh');
  await shoot(page, 'my-data');
  await page.getByRole('button', { name: 'Send my request' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your request is with the clinic' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask to close my account' })).toHaveCount(0);

  // The owner sees the request, and changes the facial consent text as a material change.
  const ownerContext = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const owner = await ownerContext.newPage();
  await signIn(owner, 'owner@jadeleaf.example');
  await owner.goto('/app/data-requests');
  await expect(owner.getByRole('heading', { level: 1, name: 'Account closure requests' })).toBeVisible();
  const request = owner.getByRole('listitem').filter({ hasText: email });
  await expect(request).toContainText('Imogen Hart');
  await expect(request).toContainText('Moving to Edinburgh');
  await expect(request).toContainText('Clinical records kept until');

  // The client's page shows what they signed, with the drawn signature and the PDF.
  await owner.goto('/app/clients');
  await owner.getByLabel('Search by name, e-mail or phone').fill(email);
  await expect(owner.getByText(/^1 client matches/)).toBeVisible();
  await owner.getByRole('link', { name: /Imogen Hart/ }).click();
  await expect(owner.getByRole('heading', { level: 1, name: 'Imogen Hart' })).toBeVisible();
  const panel = owner.getByRole('region', { name: 'Consent forms' });
  await expect(panel.getByRole('img', { name: 'Drawn signature of Imogen Hart' })).toBeVisible();
  const consentPdf = owner.waitForEvent('download');
  await panel.getByRole('link', { name: /PDF of the Facial acupuncture form/ }).click();
  expect(readFileSync((await (await consentPdf).path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await shoot(owner, 'client-consents-owner');

  // Each service has aftercare advice the owner can edit.
  await owner.goto('/app/services');
  await owner.getByRole('button', { name: 'Aftercare for Facial acupuncture session' }).click();
  await expect(owner.getByLabel('Advice (Markdown)')).toHaveValue(/make-up/);
  await shoot(owner, 'aftercare-dialog');
  await owner.keyboard.press('Escape');

  await owner.goto('/app/consent-forms/facial');
  await expect(owner.getByRole('heading', { level: 1, name: 'Consent forms' })).toBeVisible();
  const text = owner.getByLabel('Text (Markdown)');
  await text.fill(`${await text.inputValue()}\n\n## Photographs\n\nWith your agreement, we may photograph your face to follow your progress.`);
  await expect(owner.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Photographs' })).toBeVisible();
  await owner.getByLabel(/Material change/).check();
  await owner.getByRole('button', { name: /Save as version/ }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Clients who signed an earlier version will be asked to sign again.' })).toBeVisible();
  await expect(owner.getByRole('complementary').getByText('Material').first()).toBeVisible();
  expect(await seriousViolations(owner), 'consent forms (owner)').toEqual([]);
  await owner.evaluate(() => document.fonts.ready);
  await owner.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-consent-forms-owner.png'), fullPage: true });
  await owner.setViewportSize(VIEWPORTS.phone);
  await owner.screenshot({ path: path.join(SCREENSHOT_DIR, 'phone-consent-forms-owner.png'), fullPage: true });
  await ownerContext.close();

  // The client is asked to sign the new version.
  await page.goto('/app/consents');
  await expect(facialCard.getByText('Please sign the new version')).toBeVisible();
  await facialCard.getByRole('link', { name: /Read and sign/ }).click();
  await expect(page.getByText('The clinic has updated this form')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Photographs' })).toBeVisible();
  // The keyboard alternative: the typed name and "I agree" are enough.
  await page.getByLabel(/I agree/).check();
  await page.getByRole('button', { name: 'Sign the form' }).click();
  await expect(facialCard.getByText('Signed', { exact: true })).toBeVisible();
});
