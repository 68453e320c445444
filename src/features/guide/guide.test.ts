import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../data/demo/demo-data.ts';
import { buildTestApp, type TestContext } from '../../server/test-app.ts';
import { TREATMENTS } from '../../domain/treatments/treatments.ts';
import { guideArticles, readQuestions } from './guide-articles.ts';

let t: TestContext;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.database);
});
afterAll(() => t.close());

const page = async (url: string) => {
  const res = await t.client().get(url, { accept: 'text/html' });
  return { res, html: res.body };
};

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

/** The clinic names of the "Clinics offering" list, in order. */
const listedClinics = (html: string) => {
  const list = /<section id="clinics"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return [...list.matchAll(/<h3[^>]*><a href="\/clinics\/[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
};

describe('GET /treatments', () => {
  it('lists every treatment of the guide, with structured data and breadcrumbs', async () => {
    const { res, html } = await page('/treatments');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(html).toContain('<h1 class="mt-2 text-3xl leading-tight sm:text-5xl">Understand a treatment before you book</h1>');
    for (const t of TREATMENTS) expect(html).toContain(`href="/treatments/${t.slug}"`);
    const data = jsonLd(html);
    expect(data.find((d) => d['@type'] === 'CollectionPage')).toMatchObject({
      url: 'http://yintang.test/treatments',
      hasPart: TREATMENTS.map((t) => expect.objectContaining({ url: `http://yintang.test/treatments/${t.slug}` })),
    });
    expect(data.find((d) => d['@type'] === 'BreadcrumbList')).toBeTruthy();
  });
});

describe('GET /treatments/:treatment', () => {
  it('shows Yintang’s article with its contents, evidence and sources, readable without JavaScript', async () => {
    const { res, html } = await page('/treatments/facial-acupuncture');
    expect(res.statusCode).toBe(200);
    expect(html).toContain('<title>Facial acupuncture: a guide');
    expect(html).toContain('<link rel="canonical" href="http://yintang.test/treatments/facial-acupuncture"');
    for (const heading of ['What the evidence says', 'Facial and traditional acupuncture', 'Safety', 'Choosing a qualified practitioner', 'Finding the right clinic', 'The consultation', 'Fitting it into a wellness routine']) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    }
    expect(html).toContain('href="https://pmc.ncbi.nlm.nih.gov/articles/PMC3745857/"');
    // The comparison table scrolls on a phone, with a hint.
    expect(html).toContain('class="table-scroll"');
    // The only scripts: structured data and the same-origin "Use my location".
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.filter((a) => a !== ' type="application/ld+json"')).toEqual([' type="module" src="/find/locate.js"']);
  });

  it('describes itself as a MedicalWebPage reviewed on a stated day, with its real questions as a FAQPage', async () => {
    const { html } = await page('/treatments/facial-acupuncture');
    const data = jsonLd(html);
    const medical = data.find((d) => d['@type'] === 'MedicalWebPage');
    expect(medical).toMatchObject({
      url: 'http://yintang.test/treatments/facial-acupuncture',
      lastReviewed: '2026-12-06',
      about: { '@type': 'MedicalTherapy', name: 'Facial acupuncture' },
      publisher: { '@type': 'Organization', name: 'Yintang' },
    });
    // Yintang checked it against its sources; no named clinician has reviewed it, so none is claimed.
    expect(medical!.reviewedBy).toEqual({ '@type': 'Organization', '@id': 'http://yintang.test/#organization', name: 'Yintang', url: 'http://yintang.test/' });
    expect(html).toContain('Last checked against its sources on <time dateTime="2026-12-06">6 December 2026</time>');
    const faq = data.find((d) => d['@type'] === 'FAQPage') as { mainEntity: { name: string; acceptedAnswer: { text: string } }[] };
    expect(faq.mainEntity.map((q) => q.name)).toContain('Does facial acupuncture hurt?');
    // Every question and answer in the data is on the page.
    for (const q of faq.mainEntity) {
      expect(html).toContain(`>${q.name}</h3>`);
      expect(q.acceptedAnswer.text.length).toBeGreaterThan(20);
    }
    expect(data.find((d) => d['@type'] === 'BreadcrumbList')).toMatchObject({
      itemListElement: [
        { position: 1, name: 'Home', item: 'http://yintang.test/' },
        { position: 2, name: 'Treatments', item: 'http://yintang.test/treatments' },
        { position: 3, name: 'Facial acupuncture', item: 'http://yintang.test/treatments/facial-acupuncture' },
      ],
    });
  });

  it('has a page for each of the four treatments', async () => {
    for (const t of TREATMENTS) expect((await page(`/treatments/${t.slug}`)).res.statusCode, t.slug).toBe(200);
  });

  it('lists the clinics offering the treatment in alphabetical order, with links to each clinic and to booking', async () => {
    const { html } = await page('/treatments/facial-acupuncture');
    expect(html).toContain('in alphabetical order. Give your town or postcode to see the nearest first.');
    expect(listedClinics(html)).toEqual(['Jade Leaf Acupuncture', 'Willow Tree Clinic']);
    expect(html).toContain('href="/clinics/jade-leaf-bath"');
    expect(html).toContain('href="/clinics/jade-leaf-bath/treatments/facial-acupuncture"');
    // A facial course starts with the consultation.
    expect(html).toContain('href="/clinics/jade-leaf-bath/book?service=facial-consultation"');
    expect(html).toMatch(/Book a consultation<span class="sr-only"> at Jade Leaf Acupuncture<\/span>/);
  });

  it('lists the nearest clinics first, with their distance, for a town or postcode with no clinic', async () => {
    const leeds = await page('/treatments/facial-acupuncture?where=LS1');
    expect(leeds.html).toContain('offer facial acupuncture, nearest to LS1 first.');
    expect(listedClinics(leeds.html)).toEqual(['Willow Tree Clinic', 'Jade Leaf Acupuncture']);
    expect(leeds.html).toMatch(/1\d miles away/);
    const bath = await page('/treatments/sports-massage?where=Bath');
    expect(listedClinics(bath.html)[0]).toBe('Jade Leaf Acupuncture');
    expect(bath.html).toContain('0.6 miles away');
    expect(bath.html).toContain('nearest to Bath first.');
    // The typed place is kept in the form.
    expect(bath.html).toMatch(/name="where"[^>]*value="Bath"/);
  });

  it('sorts by the visitor’s position from "Use my location", and explains a position it cannot read', async () => {
    const near = await page('/treatments/knee-pain?near=53.990,-1.540');
    expect(near.html).toContain('nearest to where you are first.');
    const odd = await page('/treatments/knee-pain?near=999,1');
    expect(odd.res.statusCode).toBe(200);
    expect(odd.html).toContain('We could not read the map position');
    expect(odd.html).toContain('in alphabetical order');
  });

  it('says kindly when no clinic is in a town, and where there are clinics', async () => {
    const { res, html } = await page('/treatments/facial-acupuncture?where=Qwertyville');
    expect(res.statusCode).toBe(200);
    expect(html).toContain('We could not find a clinic in “Qwertyville”.');
    expect(html).toContain('We have clinics in Bath, Harrogate.');
  });

  it('answers 404 for a treatment the guide does not cover', async () => {
    const { res, html } = await page('/treatments/reiki');
    expect(res.statusCode).toBe(404);
    expect(html).toContain('Page not found');
  });
});

describe('links into the guide', () => {
  it('the home page’s treatment cards, the header and the footer link to the guide', async () => {
    const { html } = await page('/');
    for (const t of TREATMENTS) expect(html).toContain(`href="/treatments/${t.slug}"`);
    expect(html.match(/<a href="\/treatments">Treatments<\/a>/g)).toHaveLength(2);
  });

  it('each clinic’s own treatment page points to the guide', async () => {
    const { html } = await page('/clinics/jade-leaf-bath/treatments/knee-pain');
    expect(html).toContain('<a href="/treatments/knee-pain">Yintang’s guide to knee-pain care</a>');
  });

  it('the sitemap lists the guide’s index and every article, and each exists', async () => {
    const res = await t.client().get('/sitemap.xml');
    const locs = [...res.body.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain('http://yintang.test/treatments');
    for (const t of TREATMENTS) expect(locs).toContain(`http://yintang.test/treatments/${t.slug}`);
    // Each article's lastmod is the day it was last checked, the date its page shows.
    expect(res.body).toContain('<url><loc>http://yintang.test/treatments/facial-acupuncture</loc><lastmod>2026-12-06</lastmod></url>');
  });
});

describe('the articles', () => {
  it('each has a description, a review date and questions with answers', () => {
    for (const a of guideArticles()) {
      expect(a.description.length, a.treatment.slug).toBeGreaterThan(60);
      expect(a.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.questions.length, a.treatment.slug).toBeGreaterThanOrEqual(3);
      expect(a.rendered.outline.map((o) => o.text)).toEqual(expect.arrayContaining(['Safety', 'Sources']));
    }
  });

  it('reads questions only from the "Questions people ask" section', () => {
    const md = '## Safety\n\n### Not a question\n\nText.\n\n## Questions people ask\n\n### Does it hurt?\n\nA **little**.\n\n### Empty?\n\n## Sources\n\n- One';
    expect(readQuestions(md)).toEqual([{ question: 'Does it hurt?', answer: 'A little.' }]);
    expect(readQuestions('## Safety\n\nNo questions here.')).toEqual([]);
  });
});
