import { createHash, randomFillSync } from 'node:crypto';

const TOKEN_BYTES = 32;
/**
 * Random bytes for 128 tokens, drawn from the CSPRNG at once and each used for one token
 * only, as Node does for `randomUUID`: one `randomBytes` call per token cost far more than
 * the bytes (it ran on every booking). Filled again in place once all are used.
 */
const pool = Buffer.alloc(TOKEN_BYTES * 128);
let used = pool.length;

/** A random URL-safe token with 256 bits of entropy. */
export const newToken = () => {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString('base64url', used, used + TOKEN_BYTES);
  used += TOKEN_BYTES;
  return token;
};

/** Tokens are stored only as their SHA-256, so a database leak does not expose them. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
