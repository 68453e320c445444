import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string, fullPage = true) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

const protocols = (page: Page) => page.getByRole('list', { name: 'Protocols' });

test('A practitioner sees the default protocols, builds “Jaw tension” from the library, changes it and archives it', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Protocols', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Protocols' })).toBeFocused();
  for (const name of ['Facial rejuvenation core', 'Knee pain', 'Constitutional']) {
    await expect(protocols(page).getByRole('heading', { name })).toBeVisible();
  }
  expect(await seriousViolations(page), 'protocols').toEqual([]);

  await page.getByRole('button', { name: 'Add a protocol' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a protocol' });
  await dialog.getByLabel('Name').fill('Jaw tension');
  await dialog.getByLabel('Treatment').selectOption('facial');
  await dialog.getByLabel('Description (optional)').fill('Clenching and a tight jaw.');
  const find = dialog.getByRole('searchbox', { name: 'Find a point to add' });
  await find.fill('ST6');
  await dialog.getByRole('list', { name: 'Points to add' }).getByRole('button', { name: 'Add ST6' }).click();
  await expect(find).toHaveValue('');
  await expect(find).toBeFocused();
  // Enter adds the first point found.
  await find.fill('li 4');
  await find.press('Enter');
  const chosen = dialog.getByRole('list', { name: 'Points in this protocol' });
  await expect(chosen.getByRole('listitem')).toHaveCount(2);
  await expect(dialog.getByLabel('Side for ST6')).toHaveValue('both');
  await expect(dialog.getByLabel('Needles at LI4')).toHaveValue('1');
  await expect(dialog.getByText('2 points · Total: 4 needles')).toBeVisible();
  expect(await seriousViolations(page), 'protocol dialog').toEqual([]);
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `protocols-form-${name}`, false);
  }
  await dialog.getByRole('button', { name: 'Add the protocol' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Jaw tension is saved: 4 needles in all.');
  const jaw = page.getByRole('article', { name: 'Jaw tension' });
  await expect(jaw).toContainText('2 points · 4 needles in all');

  // Change it: two needles at LI4, LI4 first, and Yintang on the midline.
  await jaw.getByRole('button', { name: 'Change Jaw tension' }).click();
  const edit = page.getByRole('dialog', { name: 'Change Jaw tension' });
  await edit.getByLabel('Needles at LI4').fill('2');
  await edit.getByRole('button', { name: 'Move LI4 up' }).click();
  await edit.getByRole('searchbox', { name: 'Find a point to add' }).fill('yintang');
  await edit.getByRole('button', { name: 'Add EX-HN3' }).click();
  await expect(edit.getByLabel('Side for EX-HN3')).toHaveValue('midline');
  await expect(edit.getByText('3 points · Total: 7 needles')).toBeVisible();
  await expect(edit.getByRole('list', { name: 'Points in this protocol' }).getByRole('listitem').first()).toContainText('LI4');
  await edit.getByRole('button', { name: 'Remove EX-HN3' }).click();
  await expect(edit.getByText('2 points · Total: 6 needles')).toBeVisible();
  // ST6 is not on the midline: the server says so beside its side, and nothing is saved.
  await edit.getByLabel('Side for ST6').selectOption('midline');
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(edit.getByText('ST6 Jiache is not on the midline: choose left, right or both')).toBeVisible();
  await expect(edit.getByLabel('Side for ST6')).toBeFocused();
  await shoot(page, 'protocols-refused-desktop', false);
  await edit.getByLabel('Side for ST6').selectOption('both');
  await edit.getByRole('button', { name: 'Save the changes' }).click();
  await expect(edit).toBeHidden();
  await expect(jaw).toContainText('2 points · 6 needles in all');
  await expect(jaw.getByRole('list').getByRole('listitem').first()).toContainText('LI4');
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `protocols-list-${name}`);
  }

  await jaw.getByRole('button', { name: 'Archive Jaw tension' }).click();
  await page.getByRole('dialog', { name: 'Archive this protocol?' }).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('status')).toContainText('Jaw tension was archived.');
  await expect(jaw).toBeHidden();
  await expect(protocols(page).getByRole('heading', { name: 'Knee pain' })).toBeVisible();
});
