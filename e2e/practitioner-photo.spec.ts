import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/**
 * A portrait-shaped PNG made here, not a photo of anyone (UI.md: photos of people only from
 * the clinic itself): a head-and-shoulders silhouette on a sage background.
 */
async function portraitPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="750">
    <rect width="600" height="750" fill="#bcd9cb"/>
    <ellipse cx="300" cy="760" rx="250" ry="230" fill="#2f6f5e"/>
    <circle cx="300" cy="330" r="140" fill="#b4694a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

test('Owner uploads a practitioner’s photo; the public profile shows it; the owner removes it again', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('link', { name: 'Profile and qualifications of Tom Hughes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Hughes' })).toBeVisible();
  const tomUserId = new URL(page.url()).pathname.split('/').pop() ?? '';

  const photo = page.getByRole('region', { name: 'Photo' });
  // The demo gives Tom an illustrated portrait: remove it, so this journey starts from his initials.
  await expect(photo.getByRole('img', { name: 'Current photo of Tom Hughes' })).toBeVisible();
  await photo.getByRole('button', { name: 'Remove photo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove photo' }).click();
  await expect(photo.getByRole('status').filter({ hasText: 'Photo removed.' })).toBeVisible();

  // Something that is not a photo is refused with a message beside the field.
  await photo.getByLabel('Choose a photo').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await photo.getByRole('button', { name: 'Upload photo' }).click();
  await expect(photo.getByText('Please choose a JPEG, PNG or WebP photo.')).toBeVisible();

  await photo.getByLabel('Choose a photo').setInputFiles({ name: 'tom.png', mimeType: 'image/png', buffer: await portraitPng() });
  await photo.getByRole('button', { name: 'Upload photo' }).click();
  await expect(photo.getByRole('status').filter({ hasText: 'Photo saved.' })).toBeVisible();
  const current = photo.getByRole('img', { name: 'Current photo of Tom Hughes' });
  await expect(current).toBeVisible();
  await expect.poll(() => current.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await photo.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-app-staff-photo.png') });
  expect(await seriousViolations(page)).toEqual([]);

  // The staff list shows the thumbnail (the demo's other practitioners have their illustrated portraits).
  await page.getByRole('link', { name: 'All staff' }).click();
  await expect(page.locator('img[src$="-160.webp"]')).toHaveCount(3);

  await page.goto(`/clinics/jade-leaf-bath/practitioners/${tomUserId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Hughes' })).toBeVisible();
  const portrait = page.getByRole('img', { name: 'Photo of Tom Hughes' });
  await expect(portrait).toBeVisible();
  await expect.poll(() => portrait.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/media\/practitioners\/[0-9a-f]{32}-480\.webp$/);
  expect(await seriousViolations(page)).toEqual([]);
  for (const viewport of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 800 }]) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport.name}-public-practitioner-photo.png`) });
  }

  // The clinic page's card shows it too.
  await page.goto('/clinics/jade-leaf-bath');
  const card = page.getByRole('region', { name: 'Practitioners' }).getByRole('listitem').filter({ hasText: 'Tom Hughes' }).first();
  await expect(card.locator('img[src$="-160.webp"]')).toBeVisible();
  await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-public-clinic-practitioner-card-photo.png') });

  // Removed again: the website shows his initials (the demo's portrait of him is gone too).
  await page.goto(`/app/staff/${tomUserId}`);
  await page.getByRole('region', { name: 'Photo' }).getByRole('button', { name: 'Remove photo' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove photo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Photo removed.' })).toBeVisible();
  // Public pages may be cached for five minutes: ask for a fresh copy.
  await page.goto(`/clinics/jade-leaf-bath/practitioners/${tomUserId}?fresh=1`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tom Hughes' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo of Tom Hughes' })).toHaveCount(0);
});
