import type { Page } from '@playwright/test';

/** The client record's money panel. */
export const moneyPanel = (page: Page) => page.getByRole('region', { name: 'Packages, invoices and payments' });
export const dialog = (page: Page) => page.getByRole('dialog');

/** Chooses what to sell in the client record's money panel. */
export async function choose(page: Page, what: string | RegExp) {
  const select = moneyPanel(page).getByLabel('What');
  const option = await select.locator('option').filter({ hasText: what }).first().getAttribute('value');
  await select.selectOption(option!);
}
