import type PDFDocument from 'pdfkit';
import { lazyPackage } from '../../server/lazy-package.ts';

const pdfKit = lazyPackage<typeof PDFDocument>('pdfkit');

/**
 * Plain, readable A4 documents (signed consents, a client's data) with pdfkit. Only the
 * standard Helvetica fonts are used, so nothing is read from disk; text is limited to the
 * characters those fonts can show (Windows-1252), anything else becomes "?".
 */

const INK = '#1f2a27';
const MUTED = '#55615d';
const ACCENT = '#2f6f5e';

/** Windows-1252 characters outside Latin-1 that the standard fonts can show. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** The text with every character the standard PDF fonts cannot show replaced. */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch)) out += ch;
    else if (ch === '→') out += '->';
    else if (code < 0x20) continue;
    else out += '?';
  }
  return out;
}

/** Inline Markdown marks removed: **bold**, _emphasis_, `code`, [text](link) → text (link). */
const inlinePlain = (text: string) =>
  text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(title: string, author = 'Yintang') {
    const Doc = pdfKit();
    this.doc = new Doc({ size: 'A4', margin: 56, info: { Title: pdfSafe(title), Author: pdfSafe(author), Creator: 'Yintang' } });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.fillColor(INK);
  }

  title(text: string, subtitle?: string) {
    this.doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(pdfSafe(text));
    if (subtitle) this.doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(MUTED).text(pdfSafe(subtitle));
    this.doc.moveDown(0.8).fillColor(INK);
    return this;
  }

  heading(text: string, level: 1 | 2 | 3 = 2) {
    this.ensureSpace(60);
    const size = level === 1 ? 16 : level === 2 ? 13.5 : 12;
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor(level === 1 ? ACCENT : INK).text(pdfSafe(text));
    this.doc.moveDown(0.3).fillColor(INK);
    return this;
  }

  paragraph(text: string, options: { muted?: boolean; size?: number } = {}) {
    this.doc.font('Helvetica').fontSize(options.size ?? 10.5).fillColor(options.muted ? MUTED : INK)
      .text(pdfSafe(text), { lineGap: 2.5 });
    this.doc.moveDown(0.45).fillColor(INK);
    return this;
  }

  /** Label and value pairs, one per line: "Signed on: 3 March 2027 at 09:30". */
  fields(rows: [string, string | null | undefined][]) {
    for (const [label, value] of rows) {
      this.doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(`${pdfSafe(label)}: `, { continued: true, lineGap: 2.5 })
        .font('Helvetica').text(pdfSafe(value ?? 'Not given'));
    }
    this.doc.moveDown(0.45);
    return this;
  }

  /** A small table as lines of columns separated by a middle dot, for long lists (bookings, audit). */
  list(items: string[], empty = 'None.') {
    if (items.length === 0) return this.paragraph(empty, { muted: true });
    for (const item of items) {
      this.doc.font('Helvetica').fontSize(10).fillColor(INK).text(`•  ${pdfSafe(item)}`, { indent: 6, lineGap: 2 });
    }
    this.doc.moveDown(0.45);
    return this;
  }

  /** Block-level Markdown (headings, lists, paragraphs) as plain formatted text. */
  markdown(markdown: string) {
    const blocks = markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/);
    for (const block of blocks) {
      const lines = block.split('\n');
      const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]!.trim());
      if (heading && lines.length === 1) {
        this.heading(inlinePlain(heading[2]!), heading[1]!.length <= 1 ? 2 : 3);
        continue;
      }
      if (lines.every((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l) || /^\s{2,}\S/.test(l))) {
        const items: string[] = [];
        for (const l of lines) {
          if (/^\s*([-*+]|\d+[.)])\s+/.test(l)) items.push(l.replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
          else items[items.length - 1] += ' ' + l.trim();
        }
        this.list(items.map(inlinePlain));
        continue;
      }
      const text = lines.map((l) => l.replace(/^#{1,6}\s+/, '').trim()).join(' ').trim();
      if (text) this.paragraph(inlinePlain(text));
    }
    return this;
  }

  /** A PNG (e.g. a drawn signature) inside a hairline box. */
  image(png: Buffer, width = 220, height = 80) {
    this.ensureSpace(height + 20);
    const x = this.doc.x;
    const y = this.doc.y;
    this.doc.save().lineWidth(0.5).strokeColor('#c9d3cf').rect(x, y, width + 12, height + 12).stroke().restore();
    this.doc.image(png, x + 6, y + 6, { fit: [width, height] });
    this.doc.x = x;
    this.doc.y = y + height + 20;
    return this;
  }

  rule() {
    const { x, y } = this.doc;
    this.doc.save().lineWidth(0.5).strokeColor('#c9d3cf').moveTo(x, y).lineTo(this.doc.page.width - this.doc.page.margins.right, y).stroke().restore();
    this.doc.moveDown(0.6);
    return this;
  }

  private ensureSpace(points: number) {
    if (this.doc.y + points > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** Ends the document and answers its bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
