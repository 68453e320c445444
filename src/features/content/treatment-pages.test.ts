import { describe, expect, it } from 'vitest';
import { TREATMENTS } from '../../domain/treatments/treatments.ts';
import { parseFrontMatter } from './front-matter.ts';
import { markdownToText } from './markdown.ts';
import { defaultTreatmentPages, getTreatmentPage, renderTreatmentPage } from './treatment-pages.ts';

/**
 * Words that promise results or claim more than the evidence shows. UK advertising rules
 * (CAP Code section 12) need robust evidence for such claims, and the BAcC advises that
 * "rejuvenation" is no longer acceptable (shared/reference/practice.md).
 */
const PROMISES = [/rejuvenat/i, /anti-?ag(e|ing)/i, /\bcures?\b/i, /guarantee/i, /\bproven\b/i, /\breverse[sd]?\b/i, /younger/i, /\bdetox/i, /wrinkle-free/i, /non-surgical face-?lift/i, /boosts? collagen/i];

describe('default treatment pages', () => {
  it('exist for every treatment, with a title and a description short enough for search results', () => {
    const pages = defaultTreatmentPages();
    expect(pages.map((p) => p.treatment.slug).sort()).toEqual(TREATMENTS.map((t) => t.slug).sort());
    for (const page of pages) {
      expect(page.title.length, page.title).toBeGreaterThan(3);
      expect(page.description.length, page.title).toBeLessThanOrEqual(200);
    }
  });

  it('make no promises of results, quoting the word "rejuvenation" only to explain why it is not used', () => {
    for (const page of defaultTreatmentPages()) {
      // Allowed: the word inside quotation marks, where the page explains the BAcC's advice.
      const text = markdownToText(page.markdown).replace(/["“]rejuvenation["”]/g, '').replace(/facial-rejuvenation-what/g, '');
      for (const word of PROMISES) expect(text, `${page.treatment.slug}: ${word}`).not.toMatch(word);
    }
  });

  it('say what the evidence shows and cite their sources with links', () => {
    for (const page of defaultTreatmentPages()) {
      expect(page.markdown, page.treatment.slug).toMatch(/^## What the evidence says|^## Benefits and realistic expectations/m);
      expect(page.markdown, page.treatment.slug).toMatch(/^## Sources$/m);
      expect(page.markdown, page.treatment.slug).toMatch(/^## Safety$/m);
      expect(page.markdown, page.treatment.slug).toMatch(/^## Questions people ask$/m);
      const links = [...page.markdown.matchAll(/\]\((https?:[^)\s]+(?:\([^)\s]*\))?[^)\s]*)\)/g)].map((m) => m[1]!);
      expect(links.length, page.treatment.slug).toBeGreaterThanOrEqual(2);
      for (const link of links) expect(link, page.treatment.slug).toMatch(/^https:\/\//);
    }
  });

  it('tell both sides on knee osteoarthritis: NICE NG226 and the professions’ joint response', () => {
    const knee = defaultTreatmentPages().find((p) => p.treatment.slug === 'knee-pain')!;
    expect(knee.markdown).toContain('https://www.nice.org.uk/guidance/ng226');
    expect(knee.markdown).toContain('response-to-the-latest-nice-guideline-for-osteoarthritis-in-over-16s');
  });

  it('say the facial studies are small, and tell the traditional and physiological explanations apart', () => {
    const facial = defaultTreatmentPages().find((p) => p.treatment.slug === 'facial-acupuncture')!;
    expect(facial.markdown).toMatch(/small\s+and\s+early/);
    expect(facial.markdown).toMatch(/no\s+comparison\s+group/i);
    expect(facial.markdown).toMatch(/^### The traditional explanation$/m);
    expect(facial.markdown).toMatch(/^### The physiological explanation$/m);
  });

  it('mark where the clinic’s prices go', () => {
    for (const page of defaultTreatmentPages()) expect(page.markdown, page.treatment.slug).toMatch(/^\{\{prices\}\}$/m);
  });
});

describe('getTreatmentPage', () => {
  // A clinic without its own version (content-pages.test.ts covers clinics with one).
  const noVersions = { select: () => ({ from: () => ({ where: async () => [] }) }) } as never;
  it('returns the default page for a known treatment and nothing for an unknown one', async () => {
    const page = await getTreatmentPage(noVersions, 'clinic-id', 'facial-acupuncture');
    expect(page).toMatchObject({ title: 'Facial acupuncture', source: 'default' });
    expect(await getTreatmentPage(noVersions, 'clinic-id', 'botox')).toBeUndefined();
    expect(await getTreatmentPage(noVersions, 'clinic-id', '__proto__')).toBeUndefined();
  });
});

describe('renderTreatmentPage', () => {
  it('splits the text around the prices and lists every section once, prices included', () => {
    const r = renderTreatmentPage('## One\n\ntext\n\n{{prices}}\n\n## Two\n\n## One');
    expect(r.before).toBe('<h2 id="one">One</h2>\n<p>text</p>');
    expect(r.outline.map((o) => o.id)).toEqual(['one', 'prices', 'two', 'one-2']);
    expect(r.after).toContain('<h2 id="one-2">One</h2>');
  });

  it('puts the prices last when a page has no placeholder', () => {
    const r = renderTreatmentPage('## One');
    expect(r.outline.map((o) => o.text)).toEqual(['One', 'Prices']);
    expect(r.after).toBe('');
  });

  it('renders every default page with unique anchors', () => {
    for (const page of defaultTreatmentPages()) {
      const ids = renderTreatmentPage(page.markdown).outline.map((o) => o.id);
      expect(new Set(ids).size, page.treatment.slug).toBe(ids.length);
    }
  });
});

describe('parseFrontMatter', () => {
  it('reads flat key: value pairs, quoted or not, and returns the rest as the body', () => {
    expect(parseFrontMatter('---\ntitle: "A: B"\ndescription: plain\n---\n# Body')).toEqual({ data: { title: 'A: B', description: 'plain' }, body: '# Body' });
    expect(parseFrontMatter('# No front matter')).toEqual({ data: {}, body: '# No front matter' });
  });
});
