import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';

/**
 * Fetching an outside calendar's feed: `http(s)` only, never to the server's own network
 * (a feed address is typed by a user, so it must not reach loopback, private or link-local
 * addresses: SSRF), conditional (ETag / If-Modified-Since), with a time-out and a size
 * limit, following at most a few redirects (each checked again).
 */

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  /** Tests only: allow loopback and private addresses (a local test server). */
  allowPrivate?: boolean;
}

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; text: string; etag: string | null; lastModified: string | null };

/** A feed that could not be fetched; `message` is shown to the practitioner as it is. */
export class FeedFetchError extends Error {}

export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

/** Addresses a feed may never be fetched from (RFC 1918, RFC 6890 special-purpose ranges). */
const BLOCKED = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96], ['64:ff9b::', 96]] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is one a feed may not be fetched from. */
export function isBlockedAddress(address: string): boolean {
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return true;
  return BLOCKED.check(address, family);
}

/**
 * The address in the form it is fetched: `webcal://` (what Apple and Google hand out) is
 * `https://`; anything but http(s), or with a user name or password, is refused.
 */
export function normaliseFeedUrl(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url;
}

/** Fetches a feed, or throws FeedFetchError with words for the screen. */
export async function fetchFeed(url: URL, options: FetchOptions = {}): Promise<FetchResult> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await requestOnce(current, options);
    if (answer.kind !== 'redirect') return answer;
    const next = normaliseFeedUrl(new URL(answer.location, current).toString());
    if (!next) throw new FeedFetchError('The calendar address redirected to an address that is not http or https.');
    current = next;
  }
  throw new FeedFetchError('The calendar address redirected too many times.');
}

type Answer = FetchResult | { kind: 'redirect'; location: string };

function requestOnce(url: URL, options: FetchOptions): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  // The address is checked where it is resolved, so a name that resolves to a private
  // address (or changes between a check and the connection) is refused all the same.
  const lookup: net.LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as dns.LookupAddress[];
      const allowed = options.allowPrivate ? list : list.filter((a) => !isBlockedAddress(a.address));
      if (allowed.length === 0) return callback(Object.assign(new Error('blocked address'), { code: 'EBLOCKED' }), '', 4);
      if ((lookupOptions as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(literal) && !options.allowPrivate && isBlockedAddress(literal)) {
    return Promise.reject(new FeedFetchError('That address is on a private network. Use the public address your calendar service gives you.'));
  }
  const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'Yintang busy-times fetcher' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<Answer>((resolve, reject) => {
    const fail = (message: string) => reject(new FeedFetchError(message));
    const request = client.get(url, { headers, lookup, timeout: timeoutMs }, (response) => {
      const status = response.statusCode ?? 0;
      if (status === 304) {
        response.resume();
        return resolve({ kind: 'not-modified' });
      }
      if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
        response.resume();
        return resolve({ kind: 'redirect', location: response.headers.location });
      }
      if (status < 200 || status >= 300) {
        response.resume();
        return fail(status === 401 || status === 403 || status === 404
          ? `The calendar service answered ${status}: the address may have been reset or made private. Copy it again from your calendar.`
          : `The calendar service answered ${status}.`);
      }
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        response.destroy();
        return fail(`The calendar is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          response.destroy();
          fail(`The calendar is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        if (size > maxBytes) return;
        const header = (name: string) => {
          const v = response.headers[name];
          return typeof v === 'string' ? v : null;
        };
        resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8'), etag: header('etag'), lastModified: header('last-modified') });
      });
      response.on('error', () => fail('The calendar service stopped sending the calendar.'));
    });
    // The whole exchange, not only each quiet spell, is bounded.
    const deadline = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('close', () => clearTimeout(deadline));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EBLOCKED') return fail('That address is on a private network. Use the public address your calendar service gives you.');
      if (error.code === 'ETIMEDOUT') return fail(`The calendar service did not answer within ${Math.round(timeoutMs / 1000)} seconds.`);
      if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return fail('No calendar service was found at that address.');
      fail('The calendar service could not be reached.');
    });
  });
}
