import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { clinicClosures, clinics, contentPageVersions, memberships, practitionerWeeklyHours, services, users } from '../../data/schema/index.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { nextFreeSlot } from './next-free-slot.ts';

let t: TestContext;
const ids = { jade: '', mei: '', tom: '', priya: '', sam: '', helen: '' };

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
  const people = await t.database.db.select({ id: users.id, email: users.email }).from(users);
  const id = (email: string) => people.find((p) => p.email === email)!.id;
  ids.mei = id('owner@jadeleaf.example');
  ids.tom = id('tom@jadeleaf.example');
  ids.priya = id('priya@jadeleaf.example');
  ids.sam = id('reception@jadeleaf.example');
  ids.helen = id('owner@willowtree.example');
  const [jade] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'jade-leaf-bath'));
  ids.jade = jade!.id;
});
afterAll(() => t.close());

const page = async (url: string) => {
  const res = await t.client().get(url, { accept: 'text/html' });
  return { res, html: res.body };
};

/** The JSON-LD objects of a page, parsed. */
function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

/** Public pages send no JavaScript: the only script elements are JSON-LD data. */
function expectNoJavaScript(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
  for (const attrs of scripts) expect(attrs).toBe(' type="application/ld+json"');
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).not.toMatch(/href="javascript:/i);
}

describe('GET /', () => {
  it('leads into the directory with a search form and treatment links', async () => {
    const { res, html } = await page('/');
    expect(res.statusCode).toBe(200);
    expect(html).toMatch(/<form[^>]*action="\/find" method="get"/);
    expect(html).toContain('name="treatment"');
    expect(html).toContain('name="where"');
    expect(html).toContain('href="/treatments/facial-acupuncture"');
    expect(html).toContain('Jade Leaf Acupuncture');
    expect(jsonLd(html)[0]).toMatchObject({ '@type': 'WebSite', potentialAction: { '@type': 'SearchAction' } });
    expectNoJavaScript(html);
  });

  it('preloads the web font its stylesheet uses, from an address that serves it', async () => {
    const { html } = await page('/');
    const preload = html.match(/<link rel="preload" href="([^"]+)" as="font" type="font\/woff2" crossorigin="anonymous"\/>/);
    expect(preload?.[1]).toMatch(/^\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/);
    // Before the stylesheet, so the browser asks for both at once.
    expect(html.indexOf(preload![0])).toBeLessThan(html.indexOf('rel="stylesheet"'));
    const font = await t.client().get(preload![1]!);
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
  });

  it('may be cached for a few minutes, and is compressed when the browser allows', async () => {
    const res = await t.client().get('/', { accept: 'text/html', 'accept-encoding': 'gzip' });
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('GET /clinics/:clinicSlug', () => {
  it('groups treatments with their prices and links to each treatment page', async () => {
    const { res, html } = await page('/clinics/jade-leaf-bath');
    expect(res.statusCode).toBe(200);
    for (const slug of ['facial-acupuncture', 'traditional-acupuncture', 'sports-massage', 'knee-pain']) {
      expect(html).toContain(`href="/clinics/jade-leaf-bath/treatments/${slug}"`);
    }
    expect(html).toContain('£95.00');
    expect(html).toContain('Free facial acupuncture consultation');
  });

  it('links each practitioner to their profile, and leaves out reception staff', async () => {
    const { html } = await page('/clinics/jade-leaf-bath');
    for (const id of [ids.mei, ids.tom, ids.priya]) expect(html).toContain(`href="/clinics/jade-leaf-bath/practitioners/${id}"`);
    expect(html).not.toContain(ids.sam);
    expect(html).not.toContain('Sam Taylor');
  });

  it('shows the address with an OpenStreetMap link at the clinic’s position, and the hygiene statement', async () => {
    const { html } = await page('/clinics/jade-leaf-bath');
    expect(html).toContain('href="https://www.openstreetmap.org/?mlat=51.38384&amp;mlon=-2.36126#map=17/51.38384/-2.36126"');
    expect(html).toContain('12 Milsom Street, Bath, BA1 1DN');
    expect(html).toContain('Hygiene and licensing');
    expect(html).toContain('SP-2019-0412');
  });

  it('has a Book button that never leads nowhere', async () => {
    const { html } = await page('/clinics/jade-leaf-bath');
    const hasBookingPage = t.app.hasRoute({ method: 'GET', url: '/clinics/:clinicSlug/book' });
    expect(html).toContain(hasBookingPage ? 'href="/clinics/jade-leaf-bath/book"' : 'href="/app/sign-up?clinic=jade-leaf-bath"');
  });

  it('describes the clinic as a schema.org MedicalBusiness with address, position, prices and staff', async () => {
    const { html } = await page('/clinics/jade-leaf-bath');
    const [business, crumbs] = jsonLd(html);
    expect(business).toMatchObject({
      '@type': 'MedicalBusiness',
      name: 'Jade Leaf Acupuncture',
      url: 'http://yintang.test/clinics/jade-leaf-bath',
      telephone: '+441225000111',
      address: { '@type': 'PostalAddress', streetAddress: '12 Milsom Street', addressLocality: 'Bath', postalCode: 'BA1 1DN', addressCountry: 'GB' },
      geo: { '@type': 'GeoCoordinates', latitude: 51.38384, longitude: -2.36126 },
    });
    expect((business!.hasOfferCatalog as { itemListElement: unknown[] }).itemListElement).toContainEqual(
      expect.objectContaining({ price: '95.00', priceCurrency: 'GBP', itemOffered: expect.objectContaining({ name: 'Facial acupuncture session' }) }));
    // The demo's history holds reviews: their average and count, on the five-star scale.
    expect(business!.aggregateRating).toMatchObject({ '@type': 'AggregateRating', ratingValue: expect.any(Number), reviewCount: expect.any(Number), bestRating: 5, worstRating: 1 });
    expect(crumbs).toMatchObject({ '@type': 'BreadcrumbList' });
    expect(html).toContain('<link rel="canonical" href="http://yintang.test/clinics/jade-leaf-bath"/>');
    expect(html).toContain('<meta property="og:title" content="Jade Leaf Acupuncture, Bath"/>');
    expectNoJavaScript(html);
  });

  it('writes the clinic’s position to 5 decimals, however many were stored', async () => {
    await t.database.db.update(clinics).set({ latitude: 51.3838449, longitude: -2.3612551 }).where(eq(clinics.id, ids.jade));
    try {
      const [business] = jsonLd((await page('/clinics/jade-leaf-bath')).html);
      expect(business!.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 51.38384, longitude: -2.36126 });
    } finally {
      await t.database.db.update(clinics).set({ latitude: 51.38384, longitude: -2.36126 }).where(eq(clinics.id, ids.jade));
    }
  });

  it('shows opening hours derived from the practitioners’ working hours, and none when none are set', async () => {
    const [willow] = await t.database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, 'willow-harrogate'));
    await t.database.db.delete(practitionerWeeklyHours).where(eq(practitionerWeeklyHours.clinicId, willow!.id));
    const before = await page('/clinics/willow-harrogate');
    expect(before.html).not.toContain('Opening hours');
    expect(jsonLd(before.html)[0]).not.toHaveProperty('openingHoursSpecification');

    await t.database.db.insert(practitionerWeeklyHours).values([
      { clinicId: willow!.id, practitionerId: ids.helen, weekday: 1, startMinute: 9 * 60, endMinute: 13 * 60 },
      { clinicId: willow!.id, practitionerId: ids.helen, weekday: 1, startMinute: 14 * 60, endMinute: 17 * 60 + 30 },
      { clinicId: willow!.id, practitionerId: ids.helen, weekday: 3, startMinute: 10 * 60, endMinute: 18 * 60 },
    ]);
    const after = await page('/clinics/willow-harrogate');
    expect(after.html).toContain('Opening hours');
    expect(after.html).toMatch(/<dt>Monday<\/dt><dd><span[^>]*>9am – 1pm<\/span><span[^>]*>2pm – 5:30pm<\/span><\/dd>/);
    expect(after.html).toMatch(/<dt>Tuesday<\/dt><dd><span class="text-muted">Closed<\/span><\/dd>/);
    expect(jsonLd(after.html)[0]!.openingHoursSpecification).toEqual([
      { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '09:00', closes: '13:00' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Monday', opens: '14:00', closes: '17:30' },
      { '@type': 'OpeningHoursSpecification', dayOfWeek: 'https://schema.org/Wednesday', opens: '10:00', closes: '18:00' },
    ]);
  });

  it('answers an unknown or absurd clinic address with the friendly 404 page', async () => {
    for (const slug of ['no-such-clinic', 'a'.repeat(100), '%3Cscript%3E', "x'%20or%20'1'='1", 'UPPER']) {
      const { res, html } = await page(`/clinics/${slug}`);
      expect(res.statusCode, slug).toBe(404);
      expect(html).toContain('We could not find that page');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    // Past Fastify's limit on a path segment (100 characters) the router answers 414 itself.
    expect((await page(`/clinics/${'a'.repeat(500)}`)).res.statusCode).toBe(414);
  });
});

describe('GET /clinics/:clinicSlug/practitioners/:practitionerId', () => {
  it("shows the practitioner's next free time for a consultation, in the clinic's local time", async () => {
    const { html } = await page(`/clinics/jade-leaf-bath/practitioners/${ids.mei}`);
    const match = html.match(/Next available: <strong><time dateTime="([^"]+)">([^<]+)<\/time><\/strong>/);
    expect(match).not.toBeNull();
    const start = Date.parse(match![1]!);
    expect(start).toBeGreaterThan(Date.now());
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long' }).format(start);
    expect(match![2]).toContain(local.replace(',', ''));
    expect(html).toContain('(Free facial acupuncture consultation)');
  });

  it('says to call the clinic when nothing can be booked online', async () => {
    // Two minutes on, past the one-minute memory of the answer the page above computed.
    const free = await nextFreeSlot(t.database.db, { id: ids.jade, timeZone: 'Europe/London' }, ids.mei, [], Date.now() + 120_000);
    expect(free).toBeUndefined();
  });

  it('shows the profile: initials, title, experience, bio, specialisms and treatments with prices', async () => {
    const { res, html } = await page(`/clinics/jade-leaf-bath/practitioners/${ids.mei}`);
    expect(res.statusCode).toBe(200);
    expect(html).toMatch(/<h1[^>]*>Mei Lin Chen<\/h1>/);
    expect(html).toMatch(/<span aria-hidden="true" class="avatar avatar-lg">MC<\/span>/);
    expect(html).toContain('16 years’ experience');
    expect(html).toContain('Acupuncturist and clinic owner');
    expect(html).toContain('trained in traditional acupuncture');
    expect(html).toContain('Specialisms');
    expect(html).toContain('Knee-pain care');
    expect(html).not.toContain('Sports massage (60 minutes)');
    expect(html).toContain('£95.00');
    expectNoJavaScript(html);
  });

  it('lists qualifications with body, year and membership number, marking those the clinic verified', async () => {
    const mei = (await page(`/clinics/jade-leaf-bath/practitioners/${ids.mei}`)).html;
    expect(mei).toContain('Member (MBAcC)');
    expect(mei).toContain('British Acupuncture Council, 2010');
    expect(mei).toContain('Membership number BAcC-10234');
    expect(mei).toContain('Certificate in Facial Acupuncture');
    expect(mei.match(/Verified by the clinic<\/span>/g)).toHaveLength(3);

    const tom = (await page(`/clinics/jade-leaf-bath/practitioners/${ids.tom}`)).html;
    expect(tom.match(/Verified by the clinic<\/span>/g)).toHaveLength(1);
    expect(tom).toContain('Not yet verified');
    expect(tom).not.toContain('Facial acupuncture qualification verified by the clinic');
  });

  it('describes the practitioner as a schema.org Person with only verified credentials', async () => {
    const [person] = jsonLd((await page(`/clinics/jade-leaf-bath/practitioners/${ids.tom}`)).html);
    expect(person).toMatchObject({
      '@type': 'Person',
      name: 'Tom Hughes',
      jobTitle: 'Acupuncturist',
      worksFor: { '@type': 'MedicalBusiness', name: 'Jade Leaf Acupuncture' },
      hasCredential: [{ '@type': 'EducationalOccupationalCredential', name: 'Member (MBAcC)', recognizedBy: { name: 'British Acupuncture Council' } }],
      memberOf: [{ '@type': 'ProgramMembership', membershipNumber: 'BAcC-22871' }],
    });
  });

  it('is not found for reception staff, another clinic’s practitioner, or an id that is not one', async () => {
    for (const url of [
      `/clinics/jade-leaf-bath/practitioners/${ids.sam}`,
      `/clinics/jade-leaf-bath/practitioners/${ids.helen}`,
      '/clinics/jade-leaf-bath/practitioners/not-a-uuid',
      '/clinics/jade-leaf-bath/practitioners/00000000-0000-0000-0000-000000000000',
      `/clinics/no-such-clinic/practitioners/${ids.mei}`,
    ]) {
      expect((await page(url)).res.statusCode, url).toBe(404);
    }
  });

  it('renders a bio written in Markdown safely: headings fit the page, scripts and handlers are gone', async () => {
    const bio = [
      '# About me', '', 'I **love** needles. <script>alert("bio")</script>', '',
      '[Click me](javascript:alert(1)) <img src=x onerror="alert(2)"> <iframe src="https://evil.example"></iframe>', '',
      '## My approach', '', 'Gentle, unhurried, and honest.',
    ].join('\n');
    await t.database.db.update(memberships).set({ bio }).where(and(eq(memberships.clinicId, ids.jade), eq(memberships.userId, ids.priya)));
    const { res, html } = await page(`/clinics/jade-leaf-bath/practitioners/${ids.priya}`);
    expect(res.statusCode).toBe(200);
    expect(html).toContain('<h3>About me</h3>');
    expect(html).toContain('<strong>love</strong>');
    expect(html).toMatch(/<h2 id="approach"[^>]*>Approach<\/h2>/);
    expect(html).toContain('Gentle, unhurried, and honest.');
    expect(html).not.toContain('alert("bio")</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('<a>Click me</a>');
    expectNoJavaScript(html);
  });
});

describe('GET /clinics/:clinicSlug/treatments/:treatmentSlug', () => {
  it('shows each treatment page with the clinic’s own prices and who gives it', async () => {
    for (const [slug, title, price] of [
      ['facial-acupuncture', 'Facial acupuncture', '£95.00'],
      ['traditional-acupuncture', 'Traditional acupuncture', '£65.00'],
      ['sports-massage', 'Sports massage', '£40.00'],
      ['knee-pain', 'Knee-pain care', '£70.00'],
    ] as const) {
      const { res, html } = await page(`/clinics/jade-leaf-bath/treatments/${slug}`);
      expect(res.statusCode, slug).toBe(200);
      expect(html, slug).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
      expect(html, slug).toContain('Prices at Jade Leaf Acupuncture');
      expect(html, slug).toContain(price);
      expect(html, slug).toContain('Sources');
      expectNoJavaScript(html);
    }
  });

  it('tells the evidence honestly, with its sources', async () => {
    const facial = (await page('/clinics/jade-leaf-bath/treatments/facial-acupuncture')).html;
    expect(facial).toContain('<h3>The traditional explanation</h3>');
    expect(facial).toContain('The traditional explanation');
    expect(facial).toContain('The physiological explanation');
    expect(facial).toContain('href="https://pmc.ncbi.nlm.nih.gov/articles/PMC3745857/"');
    expect(facial).toContain('Free facial acupuncture consultation');
    const knee = (await page('/clinics/jade-leaf-bath/treatments/knee-pain')).html;
    expect(knee).toContain('href="https://www.nice.org.uk/guidance/ng226"');
    expect(knee).toContain('The acupuncture professions disagree');
  });

  it('lists the sections in an "On this page" contents, the prices in their place', async () => {
    const { html } = await page('/clinics/jade-leaf-bath/treatments/facial-acupuncture');
    expect(html).toContain('<nav aria-label="On this page"');
    expect(html).toContain('href="#what-the-evidence-says"');
    expect(html).toContain('id="what-the-evidence-says"');
    expect(html).toContain('href="#prices"');
    expect(html.indexOf('id="what-a-course-looks-like"')).toBeLessThan(html.indexOf('id="prices"'));
    expect(html.indexOf('id="prices"')).toBeLessThan(html.indexOf('id="questions-people-ask"'));
  });

  it('shows only the practitioners who give the treatment', async () => {
    const massage = (await page('/clinics/jade-leaf-bath/treatments/sports-massage')).html;
    expect(massage).toContain(`/practitioners/${ids.priya}`);
    expect(massage).not.toContain(`/practitioners/${ids.tom}`);
  });

  it('describes itself as a MedicalWebPage published by the clinic', async () => {
    const [pageLd] = jsonLd((await page('/clinics/jade-leaf-bath/treatments/knee-pain')).html);
    expect(pageLd).toMatchObject({ '@type': 'MedicalWebPage', about: { '@type': 'MedicalTherapy', name: 'Knee-pain care' }, publisher: { name: 'Jade Leaf Acupuncture' } });
  });

  it('says when the clinic published its own text, and that the clinic approved it; Yintang’s default text claims no review', async () => {
    const path = '/clinics/jade-leaf-bath/treatments/knee-pain';
    const [before] = jsonLd((await page(path)).html);
    expect(before).not.toHaveProperty('lastReviewed');
    expect(before).not.toHaveProperty('reviewedBy');
    await t.database.db.insert(contentPageVersions).values({
      clinicId: ids.jade, slug: 'knee-pain', version: 1, title: 'Knee pain at Jade Leaf', description: 'How we help with knee pain.',
      bodyMarkdown: 'Our own words about knee pain.', createdBy: ids.mei, published: true, publishedAt: new Date('2026-11-02T23:30:00Z'),
    });
    try {
      const [after] = jsonLd((await page(path)).html);
      expect(after).toMatchObject({
        lastReviewed: '2026-11-02',
        reviewedBy: { '@type': 'MedicalBusiness', '@id': 'http://yintang.test/clinics/jade-leaf-bath#clinic', name: 'Jade Leaf Acupuncture' },
      });
      // The sitemap gives the same day as the page's lastmod.
      expect((await t.client().get('/sitemap.xml')).body).toContain(`<loc>http://yintang.test${path}</loc><lastmod>2026-11-02</lastmod>`);
    } finally {
      await t.database.db.delete(contentPageVersions).where(and(eq(contentPageVersions.clinicId, ids.jade), eq(contentPageVersions.slug, 'knee-pain')));
    }
  });

  it('is not found for a treatment we have no page for, or one the clinic does not offer', async () => {
    expect((await page('/clinics/jade-leaf-bath/treatments/botox')).res.statusCode).toBe(404);
    expect((await page('/clinics/jade-leaf-bath/treatments/__proto__')).res.statusCode).toBe(404);
    await t.database.db.update(services).set({ active: false }).where(and(eq(services.clinicId, ids.jade), eq(services.kind, 'knee')));
    expect((await page('/clinics/jade-leaf-bath/treatments/knee-pain')).res.statusCode).toBe(404);
    expect((await page('/clinics/jade-leaf-bath')).html).not.toContain('/treatments/knee-pain');
    await t.database.db.update(services).set({ active: true }).where(and(eq(services.clinicId, ids.jade), eq(services.kind, 'knee')));
  });
});

describe('a clinic’s own Markdown', () => {
  it('is rendered sanitised in its description and hygiene statement', async () => {
    await t.database.db.insert(clinics).values({
      slug: 'markdown-test', name: 'Markdown Test Clinic', addressLine1: '1 Test Street', town: 'Testtown', postcode: 'TE1 1ST', email: 'test@clinic.example',
      description: 'We are **calm**. <script>alert("desc")</script> [Evil](javascript:alert(1))',
      hygieneStatement: 'Registered, number *SP-1*. <iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)>',
    });
    const { res, html } = await page('/clinics/markdown-test');
    expect(res.statusCode).toBe(200);
    expect(html).toContain('<strong>calm</strong>');
    expect(html).toContain('<em>SP-1</em>');
    expect(html).not.toContain('alert("desc")</script>');
    expect(html).not.toContain('<iframe');
    expectNoJavaScript(html);
    // A clinic without coordinates gets a map search for its address instead.
    expect(html).toContain('href="https://www.openstreetmap.org/search?query=1%20Test%20Street%2C%20Testtown%2C%20TE1%201ST"');
    expect(html).toContain('This clinic has not listed its treatments yet.');
  });
});

describe('GET /sitemap.xml and /robots.txt', () => {
  it('lists every public page and nothing else', async () => {
    const res = await t.client().get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const locs = [...res.body.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain('http://yintang.test/');
    expect(locs).toContain('http://yintang.test/find');
    expect(locs).toContain('http://yintang.test/clinics/jade-leaf-bath');
    expect(locs).toContain('http://yintang.test/clinics/jade-leaf-bath/treatments/facial-acupuncture');
    expect(locs).toContain(`http://yintang.test/clinics/jade-leaf-bath/practitioners/${ids.mei}`);
    expect(locs.some((l) => l!.includes(ids.sam))).toBe(false);
    // The reviews page, last changed when its latest review was written, answered or hidden.
    expect(res.body).toMatch(/<url><loc>http:\/\/yintang\.test\/clinics\/jade-leaf-bath\/reviews<\/loc><lastmod>\d{4}-\d{2}-\d{2}<\/lastmod><\/url>/);
    // Profiles record no edit date, so they claim none.
    expect(res.body).toContain('<url><loc>http://yintang.test/clinics/jade-leaf-bath</loc></url>');
    expect(locs.some((l) => l!.includes('/app') || l!.includes('/api'))).toBe(false);
    // Every listed page exists.
    for (const loc of locs) expect((await page(loc!.replace('http://yintang.test', ''))).res.statusCode, loc).toBe(200);
  });

  it('keeps crawlers out of the app and the API, except the API reference', async () => {
    const res = await t.client().get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Disallow: /app');
    expect(res.body).toContain('Disallow: /api/');
    expect(res.body).toContain('Allow: /api/docs');
    expect(res.body).toContain('Sitemap: http://yintang.test/sitemap.xml');
  });
});

describe('closures on the clinic page', () => {
  it('lists the days closed in the coming 60 days, in words and in the JSON-LD, and nothing further off or past', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await t.database.db.insert(clinicClosures).values([
      { clinicId: ids.jade, date: day(10), name: 'Staff training' },
      { clinicId: ids.jade, date: day(90), name: 'Far away' },
      { clinicId: ids.jade, date: day(-5), name: 'Already past' },
    ]);
    const { res, html } = await page('/clinics/jade-leaf-bath');
    expect(res.statusCode).toBe(200);
    expect(html).toContain('Closed on');
    expect(html).toContain(`<time dateTime="${day(10)}">`);
    expect(html).toContain('Staff training');
    expect(html).not.toContain('Far away');
    expect(html).not.toContain('Already past');
    const business = jsonLd(html).find((d) => d['@type'] === 'MedicalBusiness' || (Array.isArray(d['@type']) && (d['@type'] as string[]).includes('MedicalBusiness')));
    // The demo's bank holidays are there too.
    const closed = business?.specialOpeningHoursSpecification as { validFrom: string; description: string }[];
    expect(closed).toContainEqual({ '@type': 'OpeningHoursSpecification', validFrom: day(10), validThrough: day(10), opens: '00:00', closes: '00:00', description: 'Staff training' });
    expect(closed.every((c) => c.validFrom >= day(0) && c.validFrom < day(60))).toBe(true);
  });
});
