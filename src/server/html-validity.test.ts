import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { eq } from 'drizzle-orm';
import { seedDemo } from '../data/demo/demo-data.ts';
import { clinicImages, clinics } from '../data/schema/index.ts';
import { buildTestApp, type TestContext } from './test-app.ts';

let t: TestContext;
let slug: string;
let practitionerId: string;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  slug = ((await t.client().get('/api/v1/clinics')).json() as { items: { slug: string }[] }).items[0]!.slug;
  const practitioners = (await t.client().get(`/api/v1/clinics/${slug}/practitioners`)).json() as { id: string }[] | { items: { id: string }[] };
  practitionerId = (Array.isArray(practitioners) ? practitioners[0]! : practitioners.items[0]!).id;
  // The clinic's own photo and logo, so the clinic page and directory card are checked with them.
  const [clinic] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, slug));
  await t.database.db.insert(clinicImages).values([
    { clinicId: clinic!.id, kind: 'photo', hash: 'a'.repeat(32), large: Buffer.from('webp'), small: Buffer.from('webp'), alt: 'The treatment room by the window' },
    { clinicId: clinic!.id, kind: 'logo', hash: 'b'.repeat(32), large: Buffer.from('webp'), small: Buffer.from('webp'), alt: 'Clinic logo' },
  ]);
});
afterAll(() => t.close());

/**
 * html-validate's recommended rules, without the rules about markup style that React's
 * server rendering decides (`<meta/>`, `charSet`, `hidden=""`, a lower-case doctype) and
 * that no browser or assistive technology reads differently. Checkboxes of one question
 * share a name, as HTML intends.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'void-style': 'off', 'doctype-style': 'off', 'attr-case': 'off', 'attribute-empty-style': 'off', 'attribute-boolean-style': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

describe('public pages under html-validate', () => {
  it.each([
    ['home', () => '/'],
    ['directory', () => '/find'],
    ['clinic', () => `/clinics/${slug}`],
    ['practitioner', () => `/clinics/${slug}/practitioners/${practitionerId}`],
    ['clinic treatment', () => `/clinics/${slug}/treatments/facial-acupuncture`],
    ['guide', () => '/treatments/facial-acupuncture'],
    ['reviews', () => `/clinics/${slug}/reviews`],
  ])('the %s page has no finding', async (_name, path) => {
    const res = await t.client().get(path(), { accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    const report = await validator.validateString(res.body);
    const findings = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector ?? ''})`));
    expect(findings).toEqual([]);
  });
});
