import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { mainNav, signIn } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string, target?: ReturnType<Page['locator']>) {
  await page.evaluate(() => document.fonts.ready);
  if (target) await target.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  else await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

const chartRequests = (page: Page) => {
  const seen: string[] = [];
  page.on('request', (r) => { if (/point-chart-[\w-]+\.js/.test(r.url())) seen.push(r.url()); });
  return seen;
};

test('The face chart: points added by tapping and by keyboard appear in the protocol’s list; the chart code loads only there', async ({ page }) => {
  const loaded = chartRequests(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'tom@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await page.goto('/app/diary');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(loaded, 'the diary does not load the chart').toEqual([]);

  await page.goto('/app/protocols');
  await expect(page.getByRole('heading', { level: 1, name: 'Protocols' })).toBeVisible();
  // The protocols screen fetches the chart's code ahead, for its dialog.
  await expect.poll(() => loaded.length).toBe(1);
  await page.waitForLoadState('networkidle');
  // A phone's slower processor, for the figure printed below.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.getByRole('button', { name: 'Add a protocol' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a protocol' });
  const chart = dialog.getByRole('region', { name: 'Point chart' });
  await expect(chart.getByRole('button', { name: 'ST3 Juliao, left' })).toBeVisible();
  const ms = await page.evaluate(() => performance.getEntriesByName('point-chart')[0]?.duration);
  console.log(`Face chart interactive ${ms?.toFixed(1)} ms after the dialog opened (phone, 4× CPU slowdown)`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(loaded.length, 'the chart code is fetched once').toBe(1);

  await dialog.getByLabel('Name').fill('Cheeks and jaw');
  // Tap ST3 on the client's right (the viewer's left), choose that side only and two needles.
  await chart.getByRole('button', { name: 'ST3 Juliao, right' }).click();
  const panel = chart.getByRole('group', { name: 'Add ST3' });
  await expect(panel).toContainText('Directly below the pupil');
  await panel.getByRole('radio', { name: 'Right' }).check();
  await panel.getByRole('button', { name: 'One needle more' }).click();
  await panel.getByRole('button', { name: 'Add ST3, right side' }).click();
  const chosen = dialog.getByRole('list', { name: 'Points in this protocol' });
  await expect(chosen.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByLabel('Side for ST3')).toHaveValue('right');
  await expect(dialog.getByLabel('Needles at ST3')).toHaveValue('2');
  await expect(chart.getByRole('button', { name: 'ST3 Juliao, right' })).toHaveAttribute('aria-pressed', 'true');
  await expect(chart.getByRole('button', { name: 'ST3 Juliao, left' })).toHaveAttribute('aria-pressed', 'false');

  // By keyboard: Yintang on the midline, then the jaw point on both sides.
  await chart.getByRole('button', { name: 'EX-HN3 Yintang' }).focus();
  await page.keyboard.press('Enter');
  const yintang = chart.getByRole('group', { name: 'Add EX-HN3' });
  await expect(yintang.getByRole('button', { name: 'Add EX-HN3, midline' })).toBeFocused();
  await page.keyboard.press('Enter');
  await chart.getByRole('button', { name: 'ST6 Jiache, left' }).focus();
  await page.keyboard.press(' ');
  await expect(chart.getByRole('button', { name: 'Add ST6, both sides' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chosen.getByRole('listitem')).toHaveCount(3);
  await expect(dialog.getByLabel('Side for EX-HN3')).toHaveValue('midline');
  await expect(dialog.getByLabel('Side for ST6')).toHaveValue('both');
  await expect(dialog.getByText('3 points · Total: 5 needles')).toBeVisible();
  // The list still adds points too, and the chart marks them.
  await dialog.getByRole('searchbox', { name: 'Find a point to add' }).fill('LI20');
  await dialog.getByRole('searchbox', { name: 'Find a point to add' }).press('Enter');
  await expect(chart.getByRole('button', { name: 'LI20 Yingxiang, left' })).toHaveAttribute('aria-pressed', 'true');
  // The views are tabs; the knee view holds the knee points.
  await chart.getByRole('tab', { name: /Knees/ }).click();
  await expect(chart.getByRole('button', { name: 'ST35 Dubi, right' })).toBeVisible();
  await chart.getByRole('tab', { name: /Knees/ }).press('ArrowLeft');
  await expect(chart.getByRole('tab', { name: /Body back/ })).toBeFocused();
  await chart.getByRole('tab', { name: /^Face/ }).first().click();
  expect(await seriousViolations(page), 'protocol dialog with the chart').toEqual([]);

  // Every dot is at least 24 × 24 px to a finger, on a phone.
  const hit = await chart.locator('g[role="button"] circle').first().boundingBox();
  expect(hit!.width).toBeGreaterThanOrEqual(24);

  await chart.getByRole('button', { name: 'ST2 Sibai, left' }).click();
  const svg = chart.locator('svg').first();
  await shoot(page, 'point-chart-face-phone', svg);
  await shoot(page, 'point-chart-dialog-phone');
  await page.setViewportSize({ width: 820, height: 1180 });
  await shoot(page, 'point-chart-face-tablet', chart);
  await shoot(page, 'point-chart-dialog-tablet');
  await chart.getByRole('button', { name: 'Cancel' }).click();

  await dialog.getByRole('button', { name: 'Add the protocol' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article', { name: 'Cheeks and jaw' })).toContainText('4 points · 7 needles in all');
  const saved = page.getByRole('article', { name: 'Cheeks and jaw' });
  await saved.getByRole('button', { name: 'Archive Cheeks and jaw' }).click();
  await page.getByRole('dialog', { name: 'Archive this protocol?' }).getByRole('button', { name: 'Archive' }).click();
  await expect(saved).toBeHidden();
});

test('Read-only: a session’s points at a glance, only the chosen points marked and listed', async ({ page }) => {
  await signIn(page, 'tom@jadeleaf.example');
  await mainNav(page).getByRole('link', { name: 'Protocols', exact: true }).click();
  const knee = page.getByRole('article', { name: 'Knee pain' });
  await knee.getByRole('button', { name: 'Show Knee pain on the chart' }).click();
  const dialog = page.getByRole('dialog', { name: 'Knee pain' });
  const chart = dialog.getByRole('region', { name: 'Points of Knee pain' });
  // It opens on the view that draws most of its points, and nothing there is a button.
  await expect(chart.getByRole('tab', { name: /Knees/ })).toHaveAttribute('aria-selected', 'true');
  await expect(chart.getByRole('img', { name: /^Knees: .*ST35 Dubi, right/ })).toBeVisible();
  await expect(chart.getByRole('button', { name: /Dubi/ })).toHaveCount(0);
  await expect(chart.getByRole('heading', { name: 'Points' })).toBeVisible();
  await expect(chart.getByRole('listitem').filter({ hasText: 'ST35' })).toContainText('both sides');
  expect(await seriousViolations(page), 'read-only chart').toEqual([]);
  await page.setViewportSize({ width: 820, height: 1180 });
  await shoot(page, 'point-chart-readonly-tablet');
  await page.emulateMedia({ media: 'print' });
  await shoot(page, 'point-chart-readonly-print');
  await page.emulateMedia({ media: 'screen' });
});

test.describe('On a touch screen', () => {
  test.use({ hasTouch: true });

  /** The centre of a dot on the screen. */
  const centre = async (dot: ReturnType<Page['locator']>) => {
    const b = (await dot.locator('circle').first().boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };

  for (const [device, width, height] of [['phone', 390, 844], ['tablet', 768, 1024]] as const) {
    test(`A practitioner’s finger between crowded face points on a ${device} is asked which point, and a lone point opens at once`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await signIn(page, 'tom@jadeleaf.example');
      await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
      await page.goto('/app/protocols');
      await page.getByRole('button', { name: 'Add a protocol' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a protocol' });
      const chart = dialog.getByRole('region', { name: 'Point chart' });
      const st1 = chart.getByRole('button', { name: 'ST1 Chengqi, right' });
      const st2 = chart.getByRole('button', { name: 'ST2 Sibai, right' });
      await st1.scrollIntoViewIfNeeded();
      const a = await centre(st1);
      const b = await centre(st2);
      // A fingertip between Chengqi and Sibai, under the eye.
      await page.touchscreen.tap((a.x + b.x) / 2, (a.y + b.y) / 2);
      const which = chart.getByRole('group', { name: 'Which point?' });
      // Nearest first, and the focus on it, so Enter takes the likeliest point.
      await expect(which.getByRole('listitem').first().getByRole('button')).toBeFocused();
      await expect(which.getByRole('button', { name: 'ST1 Chengqi, right' })).toBeVisible();
      await expect(which.getByRole('button', { name: 'ST2 Sibai, right' })).toBeVisible();
      expect(await seriousViolations(page), 'the pick-list').toEqual([]);
      await shoot(page, `point-chart-which-${device}`, chart);
      await which.getByRole('button', { name: 'ST2 Sibai, right' }).tap();
      await expect(which).toBeHidden();
      const panel = chart.getByRole('group', { name: 'Add ST2' });
      await expect(panel).toContainText('Sibai');
      await panel.getByRole('button', { name: 'Add ST2, both sides' }).tap();
      await expect(st2).toHaveAttribute('aria-pressed', 'true');

      // The throat point stands alone: a tap there opens it straight away.
      const cv23 = chart.getByRole('button', { name: 'CV23 Lianquan' });
      await cv23.scrollIntoViewIfNeeded();
      const c = await centre(cv23);
      await page.touchscreen.tap(c.x + 4, c.y + 4);
      await expect(chart.getByRole('group', { name: 'Add CV23' })).toBeVisible();
      await expect(chart.getByRole('group', { name: 'Which point?' })).toHaveCount(0);
      await chart.getByRole('button', { name: 'Cancel' }).tap();
      await shoot(page, `point-chart-face-touch-${device}`, chart.locator('svg').first());
    });
  }
});
