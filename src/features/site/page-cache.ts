import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Rendered public pages, kept per address and version (see scheduling/clinic-versions.ts), with the
 * compressed bodies made once per encoding, so a visit costs a version read and a send.
 *
 * The version covers every write; `MAX_AGE_MS` covers what changes with time alone (the
 * next free time moves as the clock passes the notice period or a held slot lapses).
 */
const MAX_AGE_MS = 60_000;
/** Enough for every page of a few hundred clinics; odd query strings cannot grow it past this. */
const MAX_ENTRIES = 2_000;

export type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  version: string;
  renderedAt: number;
  etag: string;
  bodies: Partial<Record<Encoding, Buffer>>;
}

/**
 * Route options of a page served through the cache: it sends its own compressed bodies, so
 * @fastify/compress adds none of its hooks (a GET has no body to decompress either). Its
 * "not found" answers are sent uncompressed.
 */
export const PRECOMPRESSED = { compress: false, decompress: false } as const;

/** One rendered page: its HTML, or null for "no such page" (never cached). */
export type RenderedHtml = { html: string } | null;

/** Accept-Encoding headers seen, and the encoding each chose: browsers send a handful of distinct ones. */
const chosen = new Map<string, Encoding>();
const MAX_CHOSEN = 256;

/** Picks the encoding to send: brotli, then gzip, from what the client accepts (RFC 9110 §12.5.3). */
export function chooseEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let encoding = chosen.get(header);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(header);
    if (chosen.size >= MAX_CHOSEN) chosen.clear();
    chosen.set(header, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(header: string): Encoding {
  let br = false;
  let gzip = false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === '*') gzip = true;
  }
  return br ? 'br' : gzip ? 'gzip' : 'identity';
}

/** `identity` in `encoding`, once per cached body (`quality`: brotli 0-11; gzip takes at most 9). */
export function compress(identity: Buffer, encoding: Encoding, quality = 9): Buffer {
  if (encoding === 'br') {
    return brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
  }
  if (encoding === 'gzip') return gzipSync(identity, { level: Math.min(9, quality) });
  return identity;
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** A cache of rendered pages for one app. */
export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Sends the page at the request's address for `version`: from the cache when it holds
   * that version, else rendered by `render` (null: not found, which `notFound` answers).
   * Answers 304 when the client already has this page (If-None-Match).
   */
  async serve(
    request: FastifyRequest, reply: FastifyReply, version: string,
    render: () => Promise<RenderedHtml>, notFound: () => FastifyReply,
  ): Promise<FastifyReply> {
    const key = request.url;
    const now = this.now();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version || now - entry.renderedAt > MAX_AGE_MS) {
      const rendered = await render();
      if (!rendered) return notFound();
      const identity = Buffer.from(rendered.html);
      entry = {
        version, renderedAt: now, bodies: { identity },
        // Weak: the same page is sent in several encodings (RFC 9110 §8.8.3).
        etag: `W/"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`,
      };
      this.entries.delete(key);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, entry);
    }
    reply.header('ETag', entry.etag).header('Vary', 'Accept-Encoding');
    if (matches(request.headers['if-none-match'], entry.etag)) return reply.status(304).send();
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    let body = entry.bodies[encoding];
    if (!body) body = entry.bodies[encoding] = compress(entry.bodies.identity!, encoding);
    if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
    return reply.status(200).type('text/html; charset=utf-8').send(body);
  }

  /** Forgets every page (tests). */
  clear() {
    this.entries.clear();
  }
}
