import { test, expect } from '@playwright/test';
import { signIn } from './support/app.ts';

test('The owner edits a treatment page with a preview, publishes it, and undoes the edit', async ({ page, browser }) => {
  const marker = `Our own words ${Date.now().toString(36)}`;
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/content');
  await expect(page.getByRole('heading', { level: 1, name: 'Treatment pages' })).toBeVisible();
  await page.getByLabel('Page', { exact: true }).selectOption('knee-pain');
  const text = page.getByLabel('Page text (Markdown)');
  await expect(text).not.toHaveValue('');
  await text.fill(`## ${marker}\n\nWe explain what helps and what does not.\n\n<script>alert(1)</script>\n\n{{prices}}`);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: marker })).toBeVisible();
  await expect(preview.locator('script')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByRole('status')).toContainText('Saved and published as a new version.');
  const versions = page.getByRole('complementary', { name: 'Versions' });
  await expect(versions.getByText(/^Version \d+/).first()).toBeVisible();

  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  await pub.goto('/clinics/jade-leaf-bath/treatments/knee-pain');
  await expect(pub.getByRole('heading', { level: 2, name: marker })).toBeVisible();
  await visitor.close();

  // Undo: back to the default text; the version is kept.
  await page.getByRole('button', { name: 'Use the default text' }).click();
  await expect(page.getByRole('status')).toContainText('shows the default text again');
  const again = await browser.newContext();
  const pub2 = await again.newPage();
  await pub2.goto('/clinics/jade-leaf-bath/treatments/knee-pain');
  await expect(pub2.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(pub2.getByText(marker)).toHaveCount(0);
  await again.close();
});
