import { describe, expect, it } from 'vitest';
import { newToken } from './crypto.ts';

describe('newToken', () => {
  it('gives 43 URL-safe characters (256 bits), never the same one twice, across refills of its pool', () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    // No token shares its bytes with another (a slice reused after a refill would).
    const bytes = new Set(tokens.map((t) => Buffer.from(t, 'base64url').toString('hex')));
    expect(bytes.size).toBe(tokens.length);
  });
});
