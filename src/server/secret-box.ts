import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';

/**
 * Secrets Yintang must be able to read back (a clinic's Stripe secret key and webhook
 * signing secret) are stored encrypted with AES-256-GCM: a database copy or backup alone
 * does not give them away. The 256-bit key comes from SECRETS_KEY, or for the embedded
 * default from DATA_DIR/secrets.key, created on first use (mode 0600). Each value is bound
 * to its place (e.g. the clinic and column) as associated data, so a ciphertext copied to
 * another clinic's row does not open.
 */

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secrets key must be 32 bytes');
  }

  seal(plaintext: string, place: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(place));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plaintext; a value stored before encryption existed is returned as it is (the start-up step seals it). */
  open(stored: string, place: string): string {
    if (!isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(place));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

const boxes = new Map<string, SecretBox>();

/** The configuration's secret box: SECRETS_KEY when set, else the key file in the data folder (made once). */
export function secretBoxOf(config: Pick<Config, 'SECRETS_KEY' | 'DATA_DIR'>): SecretBox {
  const id = config.SECRETS_KEY ? `env:${config.SECRETS_KEY}` : `file:${path.resolve(config.DATA_DIR)}`;
  let box = boxes.get(id);
  if (!box) {
    box = new SecretBox(config.SECRETS_KEY ? Buffer.from(config.SECRETS_KEY, 'base64') : keyFile(path.resolve(config.DATA_DIR, 'secrets.key')));
    boxes.set(id, box);
  }
  return box;
}

function keyFile(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': if another instance made it a moment ago, keep theirs.
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
