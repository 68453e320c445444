/**
 * Markdown for everything clinics write (treatment pages, bios, descriptions, later
 * reviews): CommonMark with GitHub tables and lists, rendered to HTML on the server and
 * sanitised so no script can ever run from it (DESIGN.md: "Content written by clinics is
 * Markdown, sanitised on render").
 *
 * Raw HTML in the Markdown is dropped, not passed through (remark-rehype without
 * `allowDangerousHtml`), and the HTML tree is then filtered by rehype-sanitize with an
 * allow-list narrower than GitHub's: no images or form inputs (photos come from the
 * clinic's own uploads, later), links only to http(s), mailto and tel.
 */

import { unified, type Plugin } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Element, ElementContent, Root } from 'hast';
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';

const DROPPED_TAGS = new Set(['img', 'picture', 'source', 'input']);
/** Attributes that could move keyboard focus around or steal shortcuts on our pages. */
const DROPPED_ATTRIBUTES = new Set(['accessKey', 'tabIndex', 'action', 'method', 'encType']);

/** GitHub's sanitising schema, narrowed. */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !DROPPED_TAGS.has(t)),
  attributes: {
    ...defaultSchema.attributes,
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => !(typeof a === 'string' && DROPPED_ATTRIBUTES.has(a))),
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'] },
};

export interface MarkdownOptions {
  /**
   * The level the text's top heading becomes, so headings fit under the page's own:
   * a bio under an h2 passes 3, and its "# About me" renders as an h3. Default 2.
   */
  minHeadingLevel?: number;
  /** Give each h2 an id from its text (for an "On this page" list). Default false. */
  headingIds?: boolean;
  /**
   * `rel` for links to other sites. Text a clinic writes gets "nofollow ugc" (search
   * engines should not read a clinic's links as our endorsement); our own default pages
   * pass "noopener".
   */
  externalLinkRel?: string;
}

export interface RenderedMarkdown {
  html: string;
  /** The h2 headings in order, with their ids when `headingIds` is on. */
  outline: { id: string; text: string }[];
}

const textOf = (node: ElementContent | Element): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';

/** "What the evidence says" → "what-the-evidence-says". */
export const slugify = (text: string) =>
  text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';

function elements(tree: Root): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | ElementContent) => {
    if (node.type === 'element') found.push(node);
    if ('children' in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(tree);
  return found;
}

/**
 * Runs after sanitising, so what it adds (heading levels, our own ids, rel) is ours and
 * never comes from the writer.
 */
const rehypeFinish: Plugin<[Required<MarkdownOptions>], Root> = (options) => (tree, file) => {
  const outline: RenderedMarkdown['outline'] = [];
  file.data.outline = outline;
  const all = elements(tree);
  const headings = all.filter((e) => /^h[1-6]$/.test(e.tagName));
  const top = Math.min(7, ...headings.map((h) => Number(h.tagName[1])));
  const shift = Math.max(0, options.minHeadingLevel - top);
  const used = new Set<string>();
  for (const h of headings) {
    const level = Math.min(6, Number(h.tagName[1]) + shift);
    h.tagName = `h${level}`;
    if (level !== 2) continue;
    const text = textOf(h).trim();
    let id = '';
    if (options.headingIds) {
      const base = slugify(text);
      id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      h.properties = { ...h.properties, id };
    }
    outline.push({ id, text });
  }
  // Wide tables scroll sideways inside their own box on phones. A scrollable box must be
  // reachable by keyboard (WCAG 2.1.1), hence the tab stop and a name for it.
  const wrapTables = (parent: Root | Element) => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      if (child.tagName === 'table') {
        // On a phone the last columns start out of sight: say so above the table (CSS shows
        // the hint only on narrow screens; the box's name tells screen readers).
        const hint: Element = { type: 'element', tagName: 'p', properties: { className: ['table-hint'], ariaHidden: 'true' }, children: [{ type: 'text', value: 'Slide the table sideways to see every column →' }] };
        const box: Element = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0, role: 'group', ariaLabel: 'Table (scrolls sideways)' }, children: [child] };
        return { type: 'element', tagName: 'div', properties: { className: ['table-wrap'] }, children: [hint, box] } satisfies Element;
      }
      wrapTables(child);
      return child;
    }) as typeof parent.children;
  };
  wrapTables(tree);
  for (const a of all.filter((e) => e.tagName === 'a')) {
    const href = String(a.properties?.href ?? '');
    if (/^https?:/i.test(href) && options.externalLinkRel) a.properties = { ...a.properties, rel: options.externalLinkRel.split(' ') };
  }
};

declare module 'vfile' {
  interface DataMap {
    outline: RenderedMarkdown['outline'];
  }
}

/** A parser alone, for plain-text excerpts. */
const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** One frozen pipeline per set of options: building a processor costs more than using one. */
const processors = new Map<string, ReturnType<typeof buildProcessor>>();
const buildProcessor = (settings: Required<MarkdownOptions>) =>
  unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize, SANITIZE_SCHEMA)
    .use(rehypeFinish, settings)
    .use(rehypeStringify)
    .freeze();

/** A bounded cache: the same bio or page is rendered again on every visit. */
const cache = new Map<string, RenderedMarkdown>();
const CACHE_LIMIT = 500;
const CACHEABLE_LENGTH = 50_000;

/**
 * Renders Markdown to sanitised HTML with its outline. Never throws on odd input; the
 * HTML can be put into a page as it is.
 *
 * @example renderMarkdownWithOutline('## Safety\n\nVery fine needles…', { headingIds: true })
 *   // { html: '<h2 id="safety">Safety</h2>\n<p>Very fine needles…</p>', outline: [{ id: 'safety', text: 'Safety' }] }
 */
export function renderMarkdownWithOutline(markdown: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const settings = { minHeadingLevel: 2, headingIds: false, externalLinkRel: 'nofollow ugc', ...options };
  const settingsKey = `${settings.minHeadingLevel}|${settings.headingIds}|${settings.externalLinkRel}`;
  const key = `${settingsKey}|${markdown}`;
  const cached = cache.get(key);
  if (cached) {
    // Move to the newest end, so the least recently used entry is evicted first.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  let processor = processors.get(settingsKey);
  if (!processor) {
    processor = buildProcessor(settings);
    processors.set(settingsKey, processor);
  }
  let result: RenderedMarkdown;
  if (markdown.length > MAX_RENDERED_LENGTH || containerDepth(markdown) > MAX_CONTAINER_DEPTH) {
    result = { html: plainParagraphs(markdown), outline: [] };
  } else try {
    const file = processor.processSync(markdown);
    result = { html: String(file), outline: file.data.outline ?? [] };
  } catch {
    // Pathological input (thousands of nested quotes or lists) can exhaust the stack in
    // the tree walkers. Show the words as plain paragraphs rather than fail the page.
    result = { html: plainParagraphs(markdown), outline: [] };
  }
  if (markdown.length <= CACHEABLE_LENGTH) {
    cache.set(key, result);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return result;
}

/**
 * Limits that keep rendering fast. The Markdown parser takes time quadratic in how deeply
 * quotes and lists nest (2,000 nested list markers take seconds), and no real page nests
 * more than a few levels, so deeper text is shown as plain paragraphs instead.
 */
const MAX_CONTAINER_DEPTH = 12;
const MAX_RENDERED_LENGTH = 100_000;

/** The most quote and list markers that open any one line ("> > - x" is 3). */
export function containerDepth(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split('\n')) {
    const prefix = /^(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/.exec(line);
    if (!prefix) continue;
    const depth = (prefix[0].match(/>|[*+-]|\d{1,9}[.)]/g) ?? []).length;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;').replace(/"/g, '&#x22;');

/** Text as escaped paragraphs, split at blank lines: the fallback when Markdown cannot render. */
function plainParagraphs(text: string): string {
  return text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

/** Renders Markdown to sanitised HTML (see `renderMarkdownWithOutline`). */
export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  return renderMarkdownWithOutline(markdown, options).html;
}

/**
 * The plain text of Markdown, for meta descriptions and short excerpts: formatting and
 * raw HTML removed, shortened at a word to at most `maxChars` with an ellipsis.
 */
export function markdownToText(markdown: string, maxChars = Number.POSITIVE_INFINITY): string {
  const key = `text|${maxChars}|${markdown}`;
  const cached = textCache.get(key);
  if (cached !== undefined) return cached;
  const text = plainText(markdown, maxChars);
  if (markdown.length <= CACHEABLE_LENGTH) {
    textCache.set(key, text);
    if (textCache.size > CACHE_LIMIT) textCache.delete(textCache.keys().next().value!);
  }
  return text;
}

const textCache = new Map<string, string>();

function plainText(markdown: string, maxChars: number): string {
  let tree: MdRoot;
  try {
    if (markdown.length > MAX_RENDERED_LENGTH || containerDepth(markdown) > MAX_CONTAINER_DEPTH) throw new Error('too deep');
    tree = parser.parse(markdown) as MdRoot;
  } catch {
    return markdown.replace(/\s+/g, ' ').trim().slice(0, Number.isFinite(maxChars) ? maxChars : undefined);
  }
  const blocks: string[] = [];
  const inline = (node: MdContent): string =>
    node.type === 'text' || node.type === 'inlineCode' ? node.value : 'children' in node ? (node.children as MdContent[]).map(inline).join('') : '';
  const walk = (nodes: MdContent[], depth: number) => {
    if (depth > 50) return;
    for (const node of nodes) {
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') blocks.push(inline(node));
      else if ('children' in node) walk(node.children as MdContent[], depth + 1);
    }
  };
  walk(tree.children, 0);
  const text = blocks.map((b) => b.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' ');
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, Math.max(0, maxChars - 1));
  const atWord = cut.slice(0, cut.lastIndexOf(' ') > maxChars * 0.6 ? cut.lastIndexOf(' ') : cut.length);
  return atWord.replace(/[\s,;:.–-]+$/, '') + '…';
}

/**
 * Splits off a section headed "Approach" or "My approach" (any level), so a
 * practitioner's bio can carry their approach until profiles have a field for it.
 */
export function splitSection(markdown: string, heading: RegExp): { rest: string; section: string | undefined } {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => {
    const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    return m !== null && heading.test(m[2]!);
  });
  if (start === -1) return { rest: markdown, section: undefined };
  const level = /^(#+)/.exec(lines[start]!)![1]!.length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#{1,6})\s/.exec(lines[i]!);
    if (m && m[1]!.length <= level) {
      end = i;
      break;
    }
  }
  const section = lines.slice(start + 1, end).join('\n').trim();
  const rest = [...lines.slice(0, start), ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { rest, section: section || undefined };
}
