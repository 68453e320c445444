import { AppError } from '../../server/errors.ts';

/**
 * The common-password list of zxcvbn-ts (about 49,000 passwords seen most often in public
 * breaches), read offline from the installed package. Loaded once, on first use, so the
 * server starts quickly and the list is never sent anywhere.
 */
let common: Promise<ReadonlySet<string>> | undefined;

function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())),
  );
  return common;
}

/** How many passwords the list holds (for tests and the README's claim). */
export async function commonPasswordCount() {
  return (await commonPasswords()).size;
}

/** True when the password is on the common-password list, ignoring case and surrounding spaces. */
export async function isCommonPassword(plain: string): Promise<boolean> {
  return (await commonPasswords()).has(plain.trim().toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE =
  'This password is one of the most common ones, so it is among the first that others try. Please choose another: a few unrelated words make a strong password that is easy to remember.';

/**
 * Refuses a new password that is on the common-password list with a kind 400 naming the
 * form field and explaining why (`body.password`, `body.newPassword`). Used at sign-up, change and reset.
 */
export async function refuseCommonPassword(plain: string, field: string) {
  if (await isCommonPassword(plain)) {
    throw new AppError(400, 'common-password', 'Password too common', COMMON_PASSWORD_MESSAGE,
      { errors: [{ field, message: 'Too common: please choose another password' }] });
  }
}
