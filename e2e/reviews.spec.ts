import { test, expect } from '@playwright/test';
import { signIn, signOut } from './support/app.ts';

const CLINIC = 'jade-leaf-bath';

test('A client reviews a completed visit; the owner replies; both appear on the clinic page', async ({ page, browser }) => {
  const words = `Calm and careful from start to finish ${Date.now().toString(36)}.`;

  // Olivia (demo client) has completed visits: she opens one from My appointments.
  await signIn(page, 'client@jadeleaf.example');
  const past = page.getByRole('region', { name: 'Past and cancelled' });
  await past.getByRole('link', { name: /Leave a review/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Leave a review' })).toBeVisible();
  await expect(page.getByText('Your appointment')).toBeVisible();
  // Nothing chosen yet: the form says what is missing instead of sending.
  await page.getByRole('button', { name: 'Publish my review' }).click();
  await expect(page.getByText('Choose from 1 to 5 stars.')).toBeVisible();
  await page.getByRole('radio', { name: /^5 stars/ }).check();
  await page.getByLabel('Your review').fill(`${words}\n<script>alert(1)</script>`);
  await page.getByRole('button', { name: 'Publish my review' }).click();
  await expect(page.getByRole('status')).toContainText('Thank you. Your review is now on the clinic’s page.');
  // Back in My appointments, that visit is marked reviewed.
  await page.goto('/app');
  await expect(page.getByRole('region', { name: 'Past and cancelled' }).getByText('You have reviewed this visit. Thank you.')).toBeVisible();
  await signOut(page);

  // The owner replies from the Reviews page.
  await signIn(page, 'owner@jadeleaf.example');
  await page.goto('/app/reviews');
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
  const card = page.getByRole('article').filter({ hasText: words });
  await card.getByRole('button', { name: 'Reply' }).click();
  await card.getByLabel('Public reply').fill('Thank you, Olivia. We look forward to seeing you again.');
  await card.getByRole('button', { name: 'Publish reply' }).click();
  await expect(page.getByRole('status')).toContainText('Your reply is published.');
  await expect(card.getByText('Your reply')).toBeVisible();

  // A visitor sees the review, the reply and the rating on the clinic page; the markup stays text.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  const dialogs: string[] = [];
  pub.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await pub.goto(`/clinics/${CLINIC}`);
  const reviews = pub.getByRole('region', { name: 'Reviews' });
  await expect(reviews.getByTestId('rating-summary')).toContainText(/out of 5 from \d+ reviews?/);
  const review = reviews.getByTestId('review').filter({ hasText: words });
  await expect(review).toContainText('Olivia B.');
  await expect(review).toContainText('<script>alert(1)</script>');
  await expect(review.getByTestId('review-reply')).toContainText('Thank you, Olivia. We look forward to seeing you again.');
  const jsonLd = await pub.locator('script[type="application/ld+json"]').allTextContents();
  expect(jsonLd.some((s) => s.includes('"aggregateRating"'))).toBe(true);
  expect(dialogs).toEqual([]);
  await visitor.close();
});
