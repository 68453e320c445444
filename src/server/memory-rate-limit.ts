import { isIPv6 } from 'node:net';

/**
 * Counts events per key in fixed windows, in this process's memory. For hot, cheap paths
 * (cached images answered 304) where a database round trip per request would cost more
 * than the work being limited. Each app instance counts on its own, so the limit is per
 * instance: keep it generous. The database-backed limits in rate-limit.ts are for
 * sign-in, sign-up and booking, where limits must hold across instances.
 */
export class MemoryRateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private readonly counts = new Map<string, number>();

  /**
   * @param limit events allowed per key in one window
   * @param windowMs length of a window; a window starts at the first event after the last
   *   one ended, so every key gets its full window
   * @param maxKeys keys tracked in one window at most: past that, new keys are not counted
   *   (they pass), so a flood from very many addresses cannot grow memory without bound.
   */
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one event for `key`: undefined when allowed, or the seconds until the window ends. */
  hit(key: string, now = Date.now()): number | undefined {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts.clear();
    }
    const previous = this.counts.get(key);
    if (previous === undefined && this.counts.size >= this.maxKeys) return undefined;
    const count = (previous ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.limit) return undefined;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}

/**
 * The key that stands for one client address: an IPv4 address as it is, an IPv6 address
 * by its /64 network (one household or server gets a whole /64, so counting single IPv6
 * addresses would let one machine step around any limit).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}
