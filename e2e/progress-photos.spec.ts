import path from 'node:path';
import sharp from 'sharp';
import { test, expect, type Page } from '@playwright/test';
import { signIn, uniqueEmail } from './support/app.ts';
import { asSignedIn, CLINIC, freeSlots, serviceId } from './support/booking.ts';
import { waitForEmail } from './support/outbox.ts';
import { confirmSignUp } from './support/sign-up.ts';
import { SCREENSHOT_DIR } from './support/env.ts';
import { seriousViolations } from './support/axe.ts';

test.use({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });

async function shoot(page: Page, name: string) {
  const size = page.viewportSize();
  for (const [label, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${label}-${name}.png`), fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

/**
 * A test face: a soft oval on a plain background, made with sharp here (no image files in
 * the repository). The session-10 photo is a little brighter, so the two differ.
 */
async function face(skin: string, width = 1500, height = 2000) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#e9e4da"/>
    <ellipse cx="${width / 2}" cy="${height * 0.45}" rx="${width * 0.28}" ry="${height * 0.3}" fill="${skin}"/>
    <ellipse cx="${width * 0.4}" cy="${height * 0.4}" rx="${width * 0.04}" ry="${height * 0.015}" fill="#3b3b3b"/>
    <ellipse cx="${width * 0.6}" cy="${height * 0.4}" rx="${width * 0.04}" ry="${height * 0.015}" fill="#3b3b3b"/>
    <path d="M ${width * 0.42} ${height * 0.57} Q ${width / 2} ${height * 0.61} ${width * 0.58} ${height * 0.57}" stroke="#8f4f35" stroke-width="14" fill="none"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

/** Both photos side by side have loaded (a broken or refused address has no natural width). */
async function expectImagesLoaded(page: Page, region = page.getByRole('region', { name: 'Progress photos' })) {
  await expect.poll(() => region.getByTestId('side-by-side').locator('img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);
}

test('A facial client’s baseline and session-10 photos show side by side, and withdrawing photo consent removes them', async ({ page, browser }) => {
  test.setTimeout(300_000);
  // A new client books a facial consultation with Tom, who then treats them (their care team).
  const email = uniqueEmail('facial.photos');
  await page.goto(`/app/sign-up?clinic=${CLINIC}`);
  await page.getByLabel('Your name').fill('Farah Quinn');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Choose a password').fill('quiet photo lantern');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await confirmSignUp(page, email, 'quiet photo lantern');
  const slot = (await freeSlots(page.request, 'facial-consultation', 24 * 11, 'Tom Hughes'))[0]!;
  const client = await asSignedIn(page);
  await client.post(`/clinics/${CLINIC}/bookings`, { serviceId: await serviceId(page.request, 'facial-consultation'), practitionerId: slot.practitionerId, start: slot.start });
  const session = await client.get<{ clientOf: { slug: string; clientId: string }[] }>('/auth/session');
  const clientId = session.clientOf.find((c) => c.slug === CLINIC)!.clientId;

  // On their progress page the client first reads the photo consent; nothing can be added before.
  await page.goto('/app/progress');
  const photos = page.getByRole('region', { name: 'Progress photos' });
  await expect(photos.getByRole('heading', { name: 'Consent to progress photos' })).toBeVisible();
  await expect(photos.getByRole('button', { name: 'Add my photo' })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await photos.getByRole('button', { name: 'Agree to progress photos' }).click();
  await expect(photos.getByText('Tick “I agree” to give your consent')).toBeVisible();
  await photos.getByLabel('Your full name').fill('Farah Quinn');
  await photos.getByLabel('I agree to progress photos, as described above').check();
  await photos.getByRole('button', { name: 'Agree to progress photos' }).click();
  await expect(photos.getByText('Thank you. You can now add progress photos, and withdraw this consent at any time.')).toBeVisible();

  // The client adds their baseline photo from the phone.
  await expect(photos.getByText('The same framing each time')).toBeVisible();
  await photos.getByLabel('Photo', { exact: true }).setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await face('#d9a98a') });
  await photos.getByLabel('Day taken').fill('05/01/2026');
  await photos.getByRole('button', { name: 'Add my photo' }).click();
  await expect(photos.getByText('Photo added: Baseline · Front, 5 January 2026.')).toBeVisible();

  // Tom adds the session-10 photo from the client's record.
  const tomContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const tom = await tomContext.newPage();
  await signIn(tom, 'tom@jadeleaf.example');
  await tom.goto(`/app/clients/${clientId}`);
  const record = tom.getByRole('region', { name: 'Progress photos' });
  await expect(record.getByRole('heading', { name: 'All photos (1)' })).toBeVisible();
  await record.getByLabel('Photo', { exact: true }).setInputFiles({ name: '../../session10.jpg', mimeType: 'image/jpeg', buffer: await face('#e8bfa3') });
  await record.getByLabel('When').selectOption('session');
  await record.getByLabel('Session number').fill('10');
  await record.getByLabel('Day taken').fill('09/03/2026');
  await record.getByRole('button', { name: 'Add photo' }).click();
  await expect(record.getByText('Photo added: Session 10 · Front, 9 March 2026.')).toBeVisible();

  // Both see them side by side, earlier on the left, with their dates.
  const sideBySide = record.getByTestId('side-by-side');
  await expect(sideBySide.locator('figcaption')).toHaveText(['Baseline · Front5 January 2026', 'Session 10 · Front9 March 2026']);
  await expectImagesLoaded(tom, record);
  await shoot(tom, 'progress-photos-practitioner');

  await page.reload();
  await expect(photos.getByTestId('side-by-side').locator('figcaption')).toHaveText(['Baseline · Front5 January 2026', 'Session 10 · Front9 March 2026']);
  await expect(photos.getByRole('img', { name: 'Progress photo: Session 10 · Front, 9 March 2026' }).first()).toBeVisible();
  await expectImagesLoaded(page);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, 'progress-photos-side-by-side');

  // The photo addresses are private: never cached, and refused to anyone else.
  const imageUrl = await photos.getByTestId('side-by-side').locator('img').first().getAttribute('src');
  const image = await page.request.get(imageUrl!);
  expect(image.status()).toBe(200);
  expect(image.headers()['cache-control']).toBe('no-store, private');
  const stranger = await (await browser.newContext()).newPage();
  await signIn(stranger, 'reception@jadeleaf.example');
  expect((await stranger.request.get(imageUrl!)).status()).toBe(404);

  // The client withdraws photo consent: the photos are gone at once, everywhere.
  await photos.getByRole('button', { name: 'Withdraw my photo consent' }).click();
  await expect(photos.getByText('This deletes all 2 photos straight away')).toBeVisible();
  await shoot(page, 'progress-photos-withdraw');
  await photos.getByRole('button', { name: 'Withdraw and delete the photos' }).click();
  await expect(photos.getByText('Photo consent withdrawn. 2 progress photos deleted; we have e-mailed you a note of this.')).toBeVisible();
  await expect(photos.locator('img')).toHaveCount(0);
  await expect(photos.getByRole('heading', { name: 'Consent to progress photos' })).toBeVisible();
  expect((await page.request.get(imageUrl!)).status()).toBe(404);
  const mail = await waitForEmail(email, 'Your photo consent is withdrawn');
  expect(mail.text).toContain('We deleted 2 progress photos straight away');

  await tom.reload();
  await expect(record.getByText('Farah Quinn has not agreed to progress photos, so none can be added.')).toBeVisible();
  await expect(record.locator('img')).toHaveCount(0);
  await shoot(tom, 'progress-photos-withdrawn-practitioner');
});
