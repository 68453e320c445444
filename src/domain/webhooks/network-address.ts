import { isIP } from 'node:net';

/**
 * Whether an address may receive webhooks. Private, loopback, link-local, carrier-grade
 * NAT, unique-local, multicast and reserved ranges are refused, so a webhook cannot be
 * turned against the server's own network (server-side request forgery). IPv4 written
 * inside IPv6 (`::ffff:10.0.0.1`, NAT64 `64:ff9b::10.0.0.1`) is judged as the IPv4 it is.
 * Ranges: RFC 1918, RFC 6598, RFC 3927, RFC 4193, RFC 4291, RFC 6890 (special-purpose).
 */
export function addressRefusal(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return ipv4Refusal(address);
  if (family === 6) return ipv6Refusal(address);
  return 'is not an IP address';
}

const IPV4_BLOCKED: [string, number, string][] = [
  ['0.0.0.0', 8, 'is a "this network" address'],
  ['10.0.0.0', 8, 'is a private address'],
  ['100.64.0.0', 10, 'is a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'is a loopback address'],
  ['169.254.0.0', 16, 'is a link-local address'],
  ['172.16.0.0', 12, 'is a private address'],
  ['192.0.0.0', 24, 'is a reserved address'],
  ['192.0.2.0', 24, 'is a documentation address'],
  ['192.168.0.0', 16, 'is a private address'],
  ['198.18.0.0', 15, 'is a benchmarking address'],
  ['198.51.100.0', 24, 'is a documentation address'],
  ['203.0.113.0', 24, 'is a documentation address'],
  ['224.0.0.0', 4, 'is a multicast address'],
  ['240.0.0.0', 4, 'is a reserved address'],
];

const ipv4ToInt = (address: string) => address.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;

function ipv4Refusal(address: string): string | null {
  const n = ipv4ToInt(address);
  for (const [base, bits, reason] of IPV4_BLOCKED) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (ipv4ToInt(base) & mask) >>> 0) return reason;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToInt(v4[1]!);
    text = text.slice(0, -v4[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  return [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

function ipv6Refusal(address: string): string | null {
  const g = ipv6Groups(address);
  const v4Tail = () => `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  if (g.every((x) => x === 0)) return 'is an unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'is a loopback address';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 inside.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return ipv4Refusal(v4Tail());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Refusal(v4Tail());
  if ((g[0]! & 0xfe00) === 0xfc00) return 'is a private (unique local) address';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'is a link-local address';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'is a site-local address';
  if ((g[0]! & 0xff00) === 0xff00) return 'is a multicast address';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'is a documentation address';
  if (g.slice(0, 6).every((x) => x === 0)) return 'is a reserved (IPv4-compatible) address';
  return null;
}

export interface EndpointRules {
  /** Plain http allowed (never in production). */
  allowHttp: boolean;
  /** Private and loopback addresses allowed (tests and a clinic's own network only). */
  allowPrivate: boolean;
}

/**
 * Why an endpoint address is refused when the owner enters it, or null. Host names are
 * checked again at every delivery, after DNS resolution (see `webhook-delivery.ts`).
 */
export function endpointUrlRefusal(input: string, rules: EndpointRules): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'Enter a full address starting with https://';
  }
  if (url.protocol !== 'https:' && !(rules.allowHttp && url.protocol === 'http:')) return 'The address must start with https://';
  if (url.username || url.password) return 'Leave the user name and password out of the address';
  if (url.hash) return 'Leave the #fragment out of the address';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (rules.allowPrivate) return null;
  if (isIP(host)) {
    const refusal = addressRefusal(host);
    return refusal ? `That address ${refusal}; webhooks go only to public addresses` : null;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) {
    return 'That is a local name; webhooks go only to public addresses';
  }
  return null;
}
