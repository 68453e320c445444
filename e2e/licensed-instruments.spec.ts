import path from 'node:path';
import { test, expect } from '@playwright/test';
import { signIn } from './support/app.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

test('The owner enters a licensed instrument, edits it as a new version and retires it', async ({ page }) => {
  // A made-up instrument (no licensed text), with a name of its own on every run.
  const short = `ESP ${Date.now().toString(36)}`;
  const name = `Example symptom profile ${short}`;
  await signIn(page, 'owner@willowtree.example');
  await page.goto('/app/outcome-measures');
  const section = page.getByRole('region', { name: 'Licensed instruments your clinic holds' });
  await section.getByRole('button', { name: 'Enter a licensed instrument' }).click();
  const form = section.getByRole('form', { name: 'Enter a licensed instrument' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Short name').fill(short);
  await form.getByLabel('Source').fill('Made up for this journey.');
  await form.getByLabel('Your licence').fill('Licence 123, until 31 December 2031');
  await form.getByLabel('Items, one per line').fill('First symptom\nSecond symptom\nOne activity');
  await form.getByLabel('Lowest means').fill('As good as it could be');
  await form.getByLabel('Highest means').fill('As bad as it could be');
  await form.getByLabel('Meaningful change (points)').fill('1');
  await form.getByLabel('Where the meaningful change comes from').fill('Guidance of the rights holder');
  await form.getByLabel(/holds a licence/).check();
  await form.getByRole('button', { name: 'Save the instrument' }).click();
  await expect(section.getByRole('status')).toContainText(`${name} was added`);

  const inUse = section.getByRole('list', { name: 'Instruments in use' }).getByRole('listitem').filter({ hasText: name });
  await expect(inUse).toContainText('version 1 · 3 items');

  // Editing makes version 2; what was answered keeps version 1.
  await inUse.getByRole('button', { name: `Edit ${name}` }).click();
  const edit = section.getByRole('form', { name: `Edit ${name}` });
  await expect(edit).toContainText('Saving makes version 2');
  await expect(edit.getByLabel('Items, one per line')).toHaveValue('First symptom\nSecond symptom\nOne activity');
  await edit.getByLabel('Items, one per line').fill('First symptom\nSecond symptom\nOne activity\nWellbeing');
  await edit.getByRole('button', { name: 'Save a new version' }).click();
  await expect(section.getByRole('status')).toContainText('was saved as version 2');
  await expect(inUse).toContainText('version 2 · 4 items');
  await section.screenshot({ path: path.join(SCREENSHOT_DIR, 'licensed-instruments.png') });

  // Retiring asks first, then moves it to the retired list; it is no longer offered.
  await inUse.getByRole('button', { name: `Retire ${name}` }).click();
  await section.getByRole('group', { name: `Retire ${name}` }).getByRole('button', { name: 'Retire the instrument' }).click();
  await expect(section.getByRole('status')).toContainText(`${name} was retired`);
  await expect(section.getByRole('list', { name: 'Retired instruments' })).toContainText(`${name} · version 2 · retired on`);
  await expect(section.getByRole('list', { name: 'Instruments in use' }).getByText(name)).toHaveCount(0);
});
