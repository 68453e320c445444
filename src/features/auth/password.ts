import type * as Argon2 from '@node-rs/argon2';
import { lazyPackage } from '../../server/lazy-package.ts';

/** The native argon2 module, loaded on the first sign-in or password change rather than at every start. */
const argon2 = lazyPackage<typeof Argon2>('@node-rs/argon2');

// OWASP's minimum argon2id settings (19 MiB, 2 passes, 1 lane): strong and still fast
// enough that sign-in stays responsive on a 2-core machine.
// `algorithm: 2` is Argon2id (the package exports it only as a const enum).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => argon2().hash(plain, OPTIONS);

/** A hash of a random password, checked against when the account does not exist so that
 * unknown e-mails take as long to refuse as wrong passwords. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, plain: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hashPassword('decoy-password-that-never-matches');
    await argon2().verify(await decoy, plain).catch(() => false);
    return false;
  }
  return argon2().verify(passwordHash, plain).catch(() => false);
}
