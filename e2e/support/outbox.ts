import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { E2E_DATA_DIR } from './env.ts';

/**
 * Reads the e-mails the server kept in its local outbox (DATA_DIR/outbox/*.eml, written
 * by the outbox worker when no SMTP server is configured): real MIME messages, so this
 * parses headers, multipart bodies and transfer encodings properly.
 */

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

export interface KeptEmail {
  file: string;
  to: string;
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
}

const OUTBOX_DIR = path.join(E2E_DATA_DIR, 'outbox');

/** Splits a message or part into unfolded, lower-cased headers and its raw body. */
function parsePart(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  // Folded header lines (RFC 5322 §2.2.3) start with white space and continue the previous one.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** Quoted-printable (RFC 2045 §6.7): `=\r\n` is a soft line break, `=3D` a byte in hex. */
export function decodeQuotedPrintable(input: string): string {
  const unfolded = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const ch = unfolded[i]!;
    const hex = unfolded.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return part.body;
}

/** Encoded words in headers (RFC 2047), e.g. =?UTF-8?Q?Caf=C3=A9?= or =?UTF-8?B?...?=. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_m, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

/** Finds the first text/plain part, walking nested multiparts. */
function findText(part: MimePart): string | undefined {
  const type = part.headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return undefined;
    const pieces = part.body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break; // the closing delimiter
      const found = findText(parsePart(piece.replace(/^\r?\n/, '')));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return /^text\/plain/i.test(type) ? decodeBody(part) : undefined;
}

export function readEmail(file: string): KeptEmail {
  const message = parsePart(readFileSync(file, 'utf8'));
  return {
    file,
    to: decodeHeader(message.headers.get('to') ?? ''),
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text: findText(message) ?? '',
  };
}

function listEmails(): KeptEmail[] {
  let names: string[];
  try {
    names = readdirSync(OUTBOX_DIR).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  // File names start with the e-mail's creation time, so the last one sorted is the newest.
  return names.sort().map((n) => readEmail(path.join(OUTBOX_DIR, n)));
}

/** Waits (polling, no fixed sleep) for the newest e-mail to `to`, optionally with a subject containing `subject`. */
export async function waitForEmail(to: string, subject?: string): Promise<KeptEmail> {
  let found: KeptEmail | undefined;
  await expect
    .poll(() => {
      found = listEmails()
        .filter((e) => e.to.toLowerCase().includes(to.toLowerCase()) && (!subject || e.subject.includes(subject)))
        .at(-1);
      return found !== undefined;
    }, { message: `an e-mail to ${to} in ${OUTBOX_DIR}`, timeout: 15_000 })
    .toBe(true);
  return found!;
}

/** The app link of the given kind in an e-mail, as a path (`/app/verify-email?token=...`). */
export function appLink(email: KeptEmail, pathname: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${pathname.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`).exec(email.text);
  if (!match) throw new Error(`No ${pathname} link in the e-mail "${email.subject}":\n${email.text}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}
