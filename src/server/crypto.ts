import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token with 256 bits of entropy. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database leak does not expose them. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
