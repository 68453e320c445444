import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { signIn, signOut, uniqueEmail } from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { asSignedIn, CLINIC, serviceId } from './support/booking.ts';
import { SCREENSHOT_DIR } from './support/env.ts';

async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const HOUR = 3_600_000;

interface Slot { start: string; end: string; practitionerId: string }

/** Mei Lin's free times for a service by the staff rules (no minimum notice: today's times first). */
async function freeTimes(page: Page, slug: string): Promise<Slot[]> {
  const people = await (await page.request.get(`/api/v1/clinics/${CLINIC}/practitioners`)).json() as { items: { id: string; name: string }[] };
  const meiLin = people.items.find((p) => p.name === 'Mei Lin Chen')!.id;
  const q = new URLSearchParams({ serviceId: await serviceId(page.request, slug), practitionerId: meiLin, from: new Date().toISOString(), to: new Date(Date.now() + 14 * 24 * HOUR).toISOString() });
  const answer = await (await page.request.get(`/api/v1/clinics/${CLINIC}/diary/free-times?${q}`)).json() as { slots: Slot[] };
  expect(answer.slots?.length ?? JSON.stringify(answer).slice(0, 300), `Mei Lin's free times for ${slug}`).toBeGreaterThan(0);
  return answer.slots;
}

/**
 * Books, through the API, a new client's consultation and then their first facial session
 * with Mei Lin (owner and practitioner) at her first free times (today when she has any), so the test does not
 * depend on the demo's appointments, which move with the date. Answers the facial booking.
 */
async function facialSession(page: Page) {
  const staff = await asSignedIn(page);
  const consultation = (await freeTimes(page, 'facial-consultation'))[0]!;
  const facial = (await freeTimes(page, 'facial-acupuncture')).find((s) => Date.parse(s.start) >= Date.parse(consultation.end) + HOUR);
  expect(facial, 'a facial time after the consultation').toBeDefined();
  const name = 'Nina Needles';
  const booked = await staff.post<{ client: { id: string } }>(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'facial-consultation'), practitionerId: consultation.practitionerId, start: consultation.start,
    client: { name, email: uniqueEmail('nina.needles'), phone: '07700 900777' },
  });
  const session = await staff.post<{ id: string }>(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'facial-acupuncture'), practitionerId: facial!.practitionerId, start: facial!.start, clientId: booked.client.id,
  });
  return { bookingId: session.id, name, clientId: booked.client.id, facialStart: facial!.start };
}

test('A practitioner documents a facial session: protocol, a point, lot and counts, a mismatch, the needle found, a bruise, signs and amends; reception is refused', async ({ page }) => {
  await signIn(page, 'owner@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const { bookingId, name, clientId, facialStart } = await facialSession(page);

  await page.goto(`/app/sessions/${bookingId}/note`);
  await expect(page.getByRole('heading', { level: 1, name: `${name} · Facial acupuncture session` })).toBeVisible();
  await expect(page.getByText('This is the first note for this client.')).toBeVisible();

  // Start from the clinic's facial protocol, then add a point from the search list.
  await page.getByLabel('Start from a protocol').selectOption({ label: 'Facial rejuvenation core (20 needles)' });
  await page.getByRole('button', { name: 'Use this protocol' }).click();
  const points = page.getByRole('list', { name: 'Points needled' });
  await expect(points.getByRole('listitem')).toHaveCount(11);
  await page.getByRole('searchbox', { name: 'Find a point to add' }).fill('SP6');
  await page.getByRole('list', { name: 'Points to add' }).getByRole('button', { name: 'Add SP6' }).click();
  await expect(points.getByRole('listitem')).toHaveCount(12);
  await expect(page.getByText('12 points · 22 needles')).toBeVisible();

  // And one on the face chart: BL2 on the left only.
  const chart = page.getByRole('region', { name: 'Point chart' });
  await expect(chart.getByRole('button', { name: 'ST3 Juliao, left' })).toHaveAttribute('aria-pressed', 'true');
  await chart.getByRole('button', { name: 'BL2 Zanzhu, left' }).click();
  const bl2 = chart.getByRole('group', { name: 'Add BL2' });
  await bl2.getByRole('radio', { name: 'Left' }).check();
  await bl2.getByRole('button', { name: 'Add BL2, left side' }).click();
  await expect(points.getByRole('listitem')).toHaveCount(13);
  await expect(page.getByText('13 points · 23 needles')).toBeVisible();
  await expect(chart.getByRole('button', { name: 'BL2 Zanzhu, left' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByLabel('Concerns today').fill('Fine lines around the eyes; tired skin.');
  await page.getByLabel('Photo-ageing (Glogau type)').selectOption('III');
  await page.getByLabel('Nasolabial fold, left (WSRS)').selectOption('3');
  await page.getByLabel('Nasolabial fold, right (WSRS)').selectOption('4');
  await page.getByLabel('Brand').fill('Seirin J-type');
  await page.getByLabel('Size').fill('0.16 × 15 mm');
  await page.getByLabel('Lot number').fill('l2307a');
  await page.getByLabel('Count in').fill('23');
  await page.getByLabel('Count out').fill('22');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // One needle short: signing is refused, and the discrepancy form is there.
  await page.getByRole('button', { name: 'Sign the note' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The needle counts differ' });
  await expect(refusal).toContainText('1 needle fewer came out than went in');
  expect(await seriousViolations(page), 'note refused').toEqual([]);
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `session-note-refused-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByLabel('What you searched').fill('Couch, pillow, floor and the client’s hair');
  await page.getByLabel('What you found').fill('One needle on the pillow; put in the sharps bin');
  await page.getByLabel('Needles found and disposed of').fill('1');
  await page.getByRole('button', { name: 'Add an adverse event' }).click();
  await page.getByLabel('What happened').selectOption('bruising');
  await page.getByLabel('Severity').selectOption('mild');
  await page.getByLabel('Details (optional)').fill('Small bruise at left ST3');
  await page.getByLabel('Action taken').fill('Pressure for a minute; aftercare advice');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign the note' }).click();

  await expect(page.getByText('Signed', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Adverse events' })).toContainText('Small bruise at left ST3');
  await expect(page.getByText('L2307A')).toBeVisible();
  const signedNote = page.getByRole('article', { name: 'Facial acupuncture' });
  await expect(signedNote).toContainText('Photo-ageing (Glogau type)Type III, advanced: wrinkles at rest');
  await expect(signedNote).toContainText('Nasolabial fold, left (WSRS)3, moderate: moderately deep fold');
  await expect(signedNote).toContainText('Nasolabial fold, right (WSRS)4, severe: very long and deep fold');
  await page.getByText('Show on the chart').click();
  await expect(page.getByRole('region', { name: 'Points of this session' }).getByRole('img', { name: /BL2 Zanzhu, left/ })).toBeVisible();
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `session-note-signed-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Amend: the reason is required; the history shows who changed what and why.
  await page.getByRole('button', { name: 'Amend' }).click();
  await page.getByLabel('Response').fill('Relaxed; bruise fading the next day');
  await page.getByRole('button', { name: 'Save the amendment' }).click();
  await expect(page.getByText('Say why the note is being corrected')).toBeVisible();
  await page.getByLabel('Reason').fill('Client called the next day');
  await page.getByRole('button', { name: 'Save the amendment' }).click();
  await expect(page.getByText('The amendment is saved. The original note is kept.')).toBeVisible();
  const history = page.getByRole('region', { name: 'Amendments' });
  await expect(history).toContainText('Reason: Client called the next day');
  await expect(history).toContainText('Response:');
  await expect(history).toContainText('Relaxed; bruise fading the next day');
  expect(await seriousViolations(page), 'signed and amended').toEqual([]);
  for (const [size, width, height] of [['phone', 390, 844], ['tablet', 820, 1180]] as const) {
    await page.setViewportSize({ width, height });
    await shoot(page, `session-note-amended-${size}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The next session's note shows this one under "Last sessions", in words rather than codes.
  const next = (await freeTimes(page, 'facial-acupuncture')).find((t) => Date.parse(t.start) >= Date.parse(facialStart) + 24 * HOUR)!;
  const second = await (await asSignedIn(page)).post<{ id: string }>(`/clinics/${CLINIC}/diary/bookings`, {
    serviceId: await serviceId(page.request, 'facial-acupuncture'), practitionerId: next.practitionerId, start: next.start, clientId,
  });
  await page.goto(`/app/sessions/${second.id}/note`);
  const last = page.getByRole('region', { name: 'Last sessions' });
  await last.getByText(/Facial acupuncture/).first().click();
  await expect(last).toContainText('Photo-ageing (Glogau type): Type III, advanced: wrinkles at rest');
  await expect(last).toContainText('Nasolabial fold, left (WSRS): 3, moderate: moderately deep fold');
  await expect(last).toContainText('Adverse events: Bruising (mild)');
  await expect(last).not.toContainText(': III');
  await page.setViewportSize({ width: 820, height: 1180 });
  await shoot(page, 'session-note-last-sessions-tablet');

  // Reception never reads a note.
  await signOut(page);
  await signIn(page, 'reception@jadeleaf.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Jade Leaf Acupuncture' })).toBeVisible();
  const refused = await page.request.get(`/api/v1/clinics/${CLINIC}/bookings/${bookingId}/note`);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).not.toContain('bruise');
});
