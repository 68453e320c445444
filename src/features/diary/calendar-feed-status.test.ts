import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { createClinicFixture, type ClinicFixture } from '../booking/booking.test-helpers.ts';

let t: TestContext;
let f: ClinicFixture;
beforeAll(async () => {
  t = await buildTestApp();
  f = await createClinicFixture(t, { slug: 'feed-status' });
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/clinics/${f.slug}${path}`;

it('tells a practitioner whether they have a calendar address and since when, never the address itself', async () => {
  const pat = await f.signIn('practitioner');
  const none = await pat.get(url('/me/calendar-feed'));
  expect(none.statusCode).toBe(200);
  expect(none.headers['cache-control']).toBe('no-store');
  expect(none.json()).toEqual({ exists: false, createdAt: null });

  const created = (await pat.post(url('/me/calendar-feed'))).json();
  const first = (await pat.get(url('/me/calendar-feed'))).json();
  expect(first.exists).toBe(true);
  expect(Math.abs(Date.parse(first.createdAt) - Date.now())).toBeLessThan(60_000);
  const token = new URL(created.url).pathname.split('/').pop()!;
  expect(JSON.stringify(first)).not.toContain(token);

  await new Promise((r) => setTimeout(r, 20));
  await pat.post(url('/me/calendar-feed'));
  const replaced = (await pat.get(url('/me/calendar-feed'))).json();
  expect(Date.parse(replaced.createdAt)).toBeGreaterThan(Date.parse(first.createdAt));

  // Each practitioner has their own; the owner (who may practise) too; reception has none.
  expect((await (await f.signIn('second')).get(url('/me/calendar-feed'))).json()).toEqual({ exists: false, createdAt: null });
  expect((await (await f.signIn('owner')).get(url('/me/calendar-feed'))).statusCode).toBe(200);
  expect((await (await f.signIn('reception')).get(url('/me/calendar-feed'))).statusCode).toBe(403);
  expect((await t.client().get(url('/me/calendar-feed'))).statusCode).toBe(401);
});
