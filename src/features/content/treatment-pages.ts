/**
 * Treatment pages: the text a clinic shows about each treatment it offers. Every clinic
 * starts from Yintang's default pages (Markdown files beside this one, written to UK
 * advertising rules: see ../../../../shared/reference/practice.md); a clinic's own
 * published version replaces the default, with versions kept so an edit can be undone
 * (content-pages.service.ts).
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { contentPageVersions } from '../../data/schema/index.ts';
import { TREATMENTS, treatmentBySlug, type Treatment, type TreatmentSlug } from '../../domain/treatments/treatments.ts';
import { parseFrontMatter } from './front-matter.ts';
import { renderMarkdownWithOutline, slugify, type RenderedMarkdown } from './markdown.ts';

/** Where the clinic's prices go in the page: a paragraph of its own. Pages without it get prices at the end. */
export const PRICES_PLACEHOLDER = '{{prices}}';

export interface TreatmentPageContent {
  treatment: Treatment;
  title: string;
  /** For search results and sharing: one or two plain sentences. */
  description: string;
  markdown: string;
  /** Yintang's default text, or the clinic's own published version. */
  source: 'default' | 'clinic';
  version?: number;
  /** When the clinic published its own version (absent for the default text). */
  publishedAt?: Date;
}

const pagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'default-pages');

function loadDefault(slug: TreatmentSlug): Omit<TreatmentPageContent, 'treatment'> {
  const { data, body } = parseFrontMatter(readFileSync(path.join(pagesDir, `${slug}.md`), 'utf8'));
  if (!data.title || !data.description) throw new Error(`default-pages/${slug}.md needs a title and a description in its front matter`);
  return { title: data.title, description: data.description, markdown: body, source: 'default' };
}

/** Read once at start: a missing or malformed page fails the start, not a visitor's request. */
const DEFAULT_PAGES = new Map(TREATMENTS.map((t) => [t.slug, { treatment: t, ...loadDefault(t.slug) }] as const));

/**
 * The treatment page a clinic shows for `slug`, or undefined when there is no such
 * treatment: the clinic's published version if it has one, else the default.
 */
export async function getTreatmentPage(q: Queryable, clinicId: string, slug: string): Promise<TreatmentPageContent | undefined> {
  const treatment = treatmentBySlug(slug);
  if (!treatment) return undefined;
  const [own] = await q.select({
    title: contentPageVersions.title, description: contentPageVersions.description, markdown: contentPageVersions.bodyMarkdown, version: contentPageVersions.version,
    publishedAt: contentPageVersions.publishedAt,
  }).from(contentPageVersions)
    .where(and(eq(contentPageVersions.clinicId, clinicId), eq(contentPageVersions.slug, treatment.slug), eq(contentPageVersions.published, true)));
  return own ? { treatment, title: own.title, description: own.description, markdown: own.markdown, source: 'clinic', version: own.version, publishedAt: own.publishedAt ?? undefined } : DEFAULT_PAGES.get(treatment.slug);
}

/** Yintang's default page for a treatment (what "start again from the default" restores). */
export function defaultTreatmentPage(slug: TreatmentSlug): TreatmentPageContent {
  return DEFAULT_PAGES.get(slug)!;
}

/** The default page for every treatment, for the sitemap and tests. */
export function defaultTreatmentPages(): TreatmentPageContent[] {
  return [...DEFAULT_PAGES.values()];
}

export interface RenderedTreatmentPage {
  /** The text before the prices, and after them (empty when the page has no placeholder). */
  before: string;
  after: string;
  /** Every h2 in order, with the prices section in its place, for "On this page". */
  outline: RenderedMarkdown['outline'];
  /** The id of the prices heading. */
  pricesId: string;
}

/**
 * Renders a treatment page's Markdown around the clinic's prices: the text before
 * `{{prices}}`, then the prices (rendered by the page from the clinic's services), then
 * the rest. Headings get ids for the page's contents list.
 */
export function renderTreatmentPage(markdown: string): RenderedTreatmentPage {
  const [beforeMd, ...rest] = markdown.split(new RegExp(`^[ \\t]*${PRICES_PLACEHOLDER.replace(/[{}]/g, '\\$&')}[ \\t]*$`, 'm'));
  const options = { headingIds: true, externalLinkRel: 'noopener' } as const;
  const before = renderMarkdownWithOutline(beforeMd ?? '', options);
  const after = renderMarkdownWithOutline(rest.join('\n'), options);
  const pricesId = 'prices';
  const used = new Set([...before.outline, ...after.outline].map((o) => o.id));
  // Ids are made per part; rename any clash so every anchor is unique on the page.
  const afterOutline = after.outline.map((o) => (before.outline.some((b) => b.id === o.id) ? { ...o, id: `${o.id}-2` } : o));
  let afterHtml = after.html;
  for (const [i, o] of after.outline.entries()) {
    if (afterOutline[i]!.id !== o.id) afterHtml = afterHtml.replace(`id="${o.id}"`, `id="${afterOutline[i]!.id}"`);
  }
  const finalPricesId = used.has(pricesId) ? `${slugify('clinic prices')}` : pricesId;
  return {
    before: before.html,
    after: afterHtml,
    outline: [...before.outline, { id: finalPricesId, text: 'Prices' }, ...afterOutline],
    pricesId: finalPricesId,
  };
}
