import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string, fullPage = true) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

const results = (page: Page) => page.getByRole('list', { name: 'Points found' });

test('A practitioner searches the point library by code and name, filters by region, and reads a point’s caution and source', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Points', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Points' })).toBeFocused();
  await expect(page.getByText(/^\d+ points$/)).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('ST36');
  await expect(results(page).getByRole('link').first()).toContainText('ST36');
  await expect(results(page).getByRole('link').first()).toContainText('Zusanli · Leg Three Miles');
  await search.fill('St 36');
  await expect(results(page).getByRole('link').first()).toContainText('ST36');

  await search.fill('yintang');
  await expect(page.getByText('1 point for “yintang”')).toBeVisible();
  await expect(results(page).getByRole('link')).toHaveCount(1);
  await expect(results(page).getByRole('link')).toContainText('EX-HN3');

  // Every face point, and nothing from elsewhere. Clearing the search and picking a region in the
  // same tick (as a fast hand or a slow machine does) must keep both changes.
  await page.evaluate(() => {
    const searchbox = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const region = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'Region')!.control as HTMLSelectElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(searchbox, '');
    searchbox.dispatchEvent(new Event('input', { bubbles: true }));
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(region, 'face');
    region.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(search).toHaveValue('');
  await expect(page.getByLabel('Region')).toHaveValue('face');
  await expect(page.getByText(/^\d+ points on the face$/)).toBeVisible();
  const facePoints = results(page).getByRole('link');
  expect(await facePoints.count()).toBeGreaterThan(20);
  await expect(results(page)).toContainText('GB14');
  await expect(results(page)).not.toContainText('ST36');
  await search.fill('bags');
  await expect(results(page).getByRole('link').first()).toContainText('ST1');
  await results(page).getByRole('link', { name: /ST2 Sibai/ }).click();
  const detail = page.getByRole('article', { name: /ST2 Sibai/ });
  await expect(detail).toContainText('In the infra-orbital foramen, below the pupil.');
  await expect(detail).toContainText('Infra-orbital nerve and vessels in the foramen: needle shallowly.');

  // LI4: the pregnancy caution is said in words, with its source.
  await page.getByLabel('Region').selectOption('');
  await search.fill('LI4');
  await results(page).getByRole('link', { name: /LI4 Hegu/ }).click();
  const li4 = page.getByRole('article', { name: /LI4 Hegu/ });
  await expect(li4.getByText('Pregnancy caution', { exact: true })).toBeVisible();
  await expect(li4).toContainText('Avoid in pregnancy. (source: AACP Guidelines for Safe Practice (2012), acupuncture in pregnancy)');
  await expect(li4.getByRole('link', { name: /AACP Guidelines for Safe Practice/ })).toHaveAttribute('href', /documents\.pub/);
  await expect(li4).toContainText('On the back of the hand');
  expect(await seriousViolations(page), 'points').toEqual([]);

  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await expect(li4).toBeVisible();
    await shoot(page, `points-detail-${name}`);
  }
  // On a phone the detail replaces the list, with a way back.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(results(page)).toBeHidden();
  await li4.getByRole('link', { name: 'Back to the results' }).click();
  await expect(results(page)).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('LI4');
  await page.getByLabel('Region').selectOption('face');
  await search.fill('');
  await shoot(page, 'points-list-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, 'points-list-desktop');
});

test('The owner adds a clinic point and finds it in the search', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Points', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Points' })).toBeFocused();
  await page.getByRole('button', { name: 'Add a clinic point' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a clinic point' });

  // A library code is refused beside the field.
  await dialog.getByLabel('Code').fill('st-36');
  await dialog.getByLabel('Name', { exact: true }).fill('Ear Shenmen');
  await dialog.getByLabel('Region').selectOption('head');
  await dialog.getByLabel('Location').fill('In the triangular fossa of the ear, at the top of the fossa.');
  await dialog.getByRole('button', { name: 'Add the point' }).click();
  await expect(dialog.getByText('ST-36 is ST36 Zusanli in the library; choose a code of your own.')).toBeVisible();
  await shoot(page, 'points-add-refused-desktop', false);
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'points-add-refused-phone', false);
  await page.setViewportSize({ width: 1280, height: 800 });

  await dialog.getByLabel('Code').fill('ear-shenmen');
  await dialog.getByLabel('Typical uses (optional)').fill('Calming before facial work');
  await dialog.getByLabel('Avoid or take care in pregnancy').check();
  await dialog.getByLabel('Source (optional)').fill('Our clinic protocol (2024)');
  await dialog.getByRole('button', { name: 'Add the point' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('EAR-SHENMEN Ear Shenmen is in your clinic’s points.');
  const detail = page.getByRole('article', { name: /EAR-SHENMEN Ear Shenmen/ });
  await expect(detail).toContainText('Your clinic’s point');
  await expect(detail).toContainText('Our clinic protocol (2024)');
  await expect(detail.getByText('Pregnancy caution', { exact: true })).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('calming');
  await expect(results(page).getByRole('link', { name: /EAR-SHENMEN/ })).toBeVisible();
  await expect(results(page).getByRole('link', { name: /EAR-SHENMEN/ })).toContainText('Clinic point');
  await search.fill('ear shenmen');
  await expect(results(page).getByRole('link')).toHaveCount(1);
  expect(await seriousViolations(page), 'points with a clinic point').toEqual([]);
  await shoot(page, 'points-clinic-point-desktop');

  // The owner corrects the location, then archives the point: the search no longer finds it.
  await detail.getByRole('button', { name: 'Change this point' }).click();
  const edit = page.getByRole('dialog', { name: 'Change EAR-SHENMEN' });
  await expect(edit.getByLabel('Source (optional)')).toHaveValue('Our clinic protocol (2024)');
  await edit.getByLabel('Location').fill('At the apex of the triangular fossa of the ear.');
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(edit).toBeHidden();
  await expect(detail).toContainText('At the apex of the triangular fossa of the ear.');
  await detail.getByRole('button', { name: 'Archive this point' }).click();
  await page.getByRole('dialog', { name: 'Archive this point?' }).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('status')).toContainText('EAR-SHENMEN Ear Shenmen was archived');
  await expect(page.getByText('0 points for “ear shenmen”')).toBeVisible();
});
