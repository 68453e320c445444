/**
 * Yintang's own treatment guide: one article per treatment, written by Yintang (not by a
 * clinic), as Markdown files beside this one. The facts and their sources come from
 * shared/reference (practice.md); the words follow the UK advertising rules (CAP Code
 * section 12): nothing is promised, the evidence is described as it is.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TREATMENTS, treatmentBySlug, type Treatment } from '../../domain/treatments/treatments.ts';
import { parseFrontMatter } from '../content/front-matter.ts';
import { markdownToText, renderMarkdownWithOutline, splitSection, type RenderedMarkdown } from '../content/markdown.ts';

/** A question and its answer, as plain text (for FAQPage structured data). */
export interface GuideQuestion {
  question: string;
  answer: string;
}

export interface GuideArticle {
  treatment: Treatment;
  title: string;
  /** One or two plain sentences, for search results and sharing. */
  description: string;
  /** A short, friendly line under the title and on the guide's index. */
  summary: string;
  /** The day the text was last checked against its sources (YYYY-MM-DD). */
  lastReviewed: string;
  /** The article as sanitised HTML, with ids on its h2 headings. */
  rendered: RenderedMarkdown;
  /** The "Questions people ask" section, read from the article itself. */
  questions: GuideQuestion[];
}

const articlesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'articles');

/** The section whose h3 headings are questions and whose paragraphs are their answers. */
const QUESTIONS_HEADING = /^Questions people ask$/;

/**
 * The questions of an article: each h3 of its "Questions people ask" section, with the
 * text below it as the answer. Only what the page shows goes into FAQPage data.
 */
export function readQuestions(markdown: string): GuideQuestion[] {
  const { section } = splitSection(markdown, QUESTIONS_HEADING);
  if (!section) return [];
  return section.split(/^###\s+/m).slice(1).map((block) => {
    const [first = '', ...rest] = block.split('\n');
    return { question: first.trim(), answer: markdownToText(rest.join('\n')) };
  }).filter((q) => q.question && q.answer);
}

function loadArticle(treatment: Treatment): GuideArticle {
  const file = path.join(articlesDir, `${treatment.slug}.md`);
  const { data, body } = parseFrontMatter(readFileSync(file, 'utf8'));
  if (!data.title || !data.description || !data.summary || !/^\d{4}-\d{2}-\d{2}$/.test(data.reviewed ?? '')) {
    throw new Error(`guide/articles/${treatment.slug}.md needs a title, a description, a summary and a reviewed date (YYYY-MM-DD) in its front matter`);
  }
  return {
    treatment,
    title: data.title,
    description: data.description,
    summary: data.summary,
    lastReviewed: data.reviewed!,
    // Our own text: links to other sites are not user content, so they keep their weight.
    rendered: renderMarkdownWithOutline(body, { headingIds: true, externalLinkRel: 'noopener' }),
    questions: readQuestions(body),
  };
}

/**
 * Read and rendered once, on first use rather than at start (rendering the Markdown is a
 * noticeable part of a start); guide.test.ts renders every article, so a missing or
 * malformed one fails the tests, not a visitor's request.
 */
let loaded: Map<string, GuideArticle> | undefined;
const articles = () => (loaded ??= new Map(TREATMENTS.map((t) => [t.slug, loadArticle(t)] as const)));

/** The guide's article about the treatment with this address segment, if there is one. */
export function guideArticle(slug: string): GuideArticle | undefined {
  const treatment = treatmentBySlug(slug);
  return treatment ? articles().get(treatment.slug) : undefined;
}

/** Every article, in the order of TREATMENTS. */
export function guideArticles(): GuideArticle[] {
  return [...articles().values()];
}
