import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

/** A drawing of a calm room made here (UI.md: photos only from the clinic itself): a window, a couch, a plant. */
async function roomJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="800" fill="#f4efe6"/>
    <rect y="560" width="1200" height="240" fill="#d9c7ad"/>
    <rect x="760" y="110" width="300" height="320" rx="8" fill="#cfe3da" stroke="#8aa99a" stroke-width="14"/>
    <rect x="220" y="430" width="520" height="90" rx="30" fill="#2f6f5e"/>
    <rect x="250" y="520" width="24" height="110" fill="#7a5c44"/><rect x="686" y="520" width="24" height="110" fill="#7a5c44"/>
    <circle cx="1000" cy="520" r="70" fill="#5f8f6f"/><rect x="965" y="560" width="70" height="90" fill="#b4694a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

const ALT = 'The treatment room: a green couch below a bright window, a plant in the corner';

test('Owner uploads the clinic’s photo with a description; the clinic page and the directory show it', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Clinic settings' }).click();
  const section = page.getByRole('region', { name: 'Photo and logo' });
  await expect(section.getByRole('button', { name: /Upload photo|Replace photo|Save description/ })).toBeVisible();
  // Another journey may have left a photo: start without one.
  const remove = section.getByRole('button', { name: 'Remove photo' });
  if (await remove.isVisible()) {
    await remove.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove photo' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Photo removed.' })).toBeVisible();
  }

  // A photo needs its description for people who cannot see it.
  await section.getByLabel('Choose a photo').setInputFiles({ name: 'room.jpg', mimeType: 'image/jpeg', buffer: await roomJpeg() });
  await section.getByRole('button', { name: 'Upload photo' }).click();
  await expect(section.getByText('Describe the photo in a few words')).toBeVisible();
  await section.getByLabel('What the photo shows').fill(ALT);
  await section.getByRole('button', { name: 'Upload photo' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Photo saved.' })).toBeVisible();
  const current = section.getByRole('img', { name: `Current photo: ${ALT}` });
  await expect(current).toBeVisible();
  await expect.poll(() => current.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  // Saving the description unchanged says so (it once said nothing at all); a changed one is saved.
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByText('Nothing to save: the description is the same as the one already saved.')).toBeVisible();
  await section.getByLabel('What the photo shows').fill(`${ALT}.`);
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();
  await section.getByLabel('What the photo shows').fill(ALT);
  await section.getByRole('button', { name: 'Save description' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Description saved.' })).toBeVisible();
  await expect(current).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await section.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-app-clinic-photo.png') });

  // Public pages may be cached for five minutes: ask for a fresh copy.
  await page.goto('/clinics/jade-leaf-bath?fresh=1');
  const photo = page.getByRole('img', { name: ALT });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([480, 360]);
  const business = JSON.parse(await page.locator('script[type="application/ld+json"]').first().textContent() ?? '{}') as { image?: string };
  expect(business.image).toMatch(/\/media\/clinics\/[0-9a-f]{32}-480\.webp$/);
  expect(await seriousViolations(page)).toEqual([]);
  for (const viewport of [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1280, height: 800 }]) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${viewport.name}-public-clinic-photo.png`) });
  }

  await page.goto('/find?fresh=1');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jade Leaf Acupuncture' }) });
  const thumb = card.getByRole('img', { name: ALT });
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
  expect(await seriousViolations(page)).toEqual([]);
  await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'desktop-public-directory-card-photo.png') });
});
