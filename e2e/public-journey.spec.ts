import { test, expect, type Page } from '@playwright/test';

// The public site must work with JavaScript off: this whole journey runs without it.
test.use({ javaScriptEnabled: false });

/** The page's JSON-LD objects, parsed. */
async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return texts.map((t) => JSON.parse(t));
}

test('Visitor searches, opens a clinic, a practitioner, reads a treatment page, sees JSON-LD', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('search', { name: 'Find a clinic' });
  await search.getByLabel('Treatment').selectOption({ label: 'Facial acupuncture' });
  await search.getByLabel('Town or postcode').fill('BA1');
  await search.getByRole('button', { name: 'Find a clinic' }).click();

  await expect(page).toHaveURL(/\/find\?treatment=facial-acupuncture&where=BA1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Find a clinic or practitioner' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '2 clinics' })).toContainText('near BA1, nearest first');
  const results = page.getByRole('region', { name: 'Results' });
  const first = results.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jade Leaf Acupuncture' }) });
  await expect(first).toContainText('under 0.1 miles away');
  await expect(first).toContainText('Facial acupuncture from');
  await expect(first).toContainText('£95.00');
  // The form remembers the search.
  await expect(page.getByLabel('Town or postcode')).toHaveValue('BA1');

  await first.getByRole('link', { name: 'Jade Leaf Acupuncture', exact: true }).click();
  await expect(page).toHaveURL(/\/clinics\/jade-leaf-bath$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Map of Jade Leaf Acupuncture on OpenStreetMap' })).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=51\.38384&mlon=-2\.36126/);
  await expect(page.getByRole('link', { name: 'Book a consultation' }).first()).toHaveAttribute('href', /\/clinics\/jade-leaf-bath\/book|\/app\/sign-up\?clinic=jade-leaf-bath/);
  const [business] = await jsonLd(page);
  expect(business).toMatchObject({
    '@type': 'MedicalBusiness', name: 'Jade Leaf Acupuncture',
    address: { addressLocality: 'Bath', postalCode: 'BA1 1DN' }, geo: { latitude: 51.38384, longitude: -2.36126 },
  });

  await page.getByRole('region', { name: 'Practitioners' }).getByRole('link', { name: 'Mei Lin Chen' }).click();
  await expect(page).toHaveURL(/\/clinics\/jade-leaf-bath\/practitioners\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mei Lin Chen' })).toBeVisible();
  const quals = page.getByRole('region', { name: 'Qualifications and memberships' });
  const membership = quals.getByRole('listitem').filter({ hasText: 'Member (MBAcC)' });
  await expect(membership).toContainText('British Acupuncture Council, 2010');
  await expect(membership).toContainText('Membership number BAcC-10234');
  await expect(membership).toContainText('Verified by the clinic');
  const [person] = await jsonLd(page);
  expect(person).toMatchObject({ '@type': 'Person', name: 'Mei Lin Chen', worksFor: { name: 'Jade Leaf Acupuncture' } });
  expect((person!.hasCredential as unknown[]).length).toBe(3);

  await page.getByRole('region', { name: 'Treatments and prices' }).getByRole('link', { name: 'About facial acupuncture' }).click();
  await expect(page).toHaveURL(/\/clinics\/jade-leaf-bath\/treatments\/facial-acupuncture$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Facial acupuncture' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What the evidence says' })).toBeVisible();
  await expect(page.getByText('no comparison group')).toBeVisible();
  await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Prices' }).click();
  await expect(page).toHaveURL(/#prices$/);
  const prices = page.getByRole('region', { name: 'Prices at Jade Leaf Acupuncture' });
  await expect(prices.getByRole('listitem').filter({ hasText: 'Facial acupuncture session' })).toContainText('£95.00');
  // Facial sessions are booked only with practitioners whose facial qualification is verified.
  await expect(prices.getByRole('link', { name: 'Mei Lin Chen' })).toBeVisible();
  const [webPage] = await jsonLd(page);
  expect(webPage).toMatchObject({ '@type': 'MedicalWebPage', about: { '@type': 'MedicalTherapy', name: 'Facial acupuncture' } });

  // No page on the way sent any JavaScript to run: only JSON-LD data.
  await expect(page.locator('script:not([type="application/ld+json"])')).toHaveCount(0);
});

test('Visitor finds practitioners with a verified facial acupuncture qualification', async ({ page }) => {
  await page.goto('/find');
  await page.getByLabel('Only practitioners with a facial acupuncture qualification verified by their clinic').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/verified=1/);
  const results = page.getByRole('region', { name: 'Results' });
  for (const name of ['Mei Lin Chen', 'Helen Marsh', 'David Okafor']) await expect(results.getByRole('link', { name })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Tom Hughes' })).toHaveCount(0);
});

test('Visitor who mistypes a town or a page number gets a helpful page', async ({ page }) => {
  await page.goto('/find?where=Bahth');
  await expect(page.getByRole('heading', { name: 'No clinics match your search' })).toBeVisible();
  await expect(page.getByText('We have clinics in Bath, Harrogate.')).toBeVisible();
  await page.getByRole('link', { name: 'See every clinic' }).click();
  await expect(page.getByRole('status')).toContainText('2 clinics');

  const response = await page.goto('/find?page=42');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'There is no page 42 of these results' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page.getByRole('status')).toContainText('2 clinics');
});
