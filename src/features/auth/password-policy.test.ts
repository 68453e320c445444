import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword, refuseCommonPassword } from './password-policy.ts';

describe('common-password list', () => {
  it('holds at least the 10,000 most common passwords, read offline', async () => {
    expect(await commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it('matches whatever the case and surrounding spaces', async () => {
    expect(await isCommonPassword('password1234')).toBe(true);
    expect(await isCommonPassword('PASSWORD1234')).toBe(true);
    expect(await isCommonPassword(' Qwertyuiop ')).toBe(true);
    expect(await isCommonPassword('quiet river lantern')).toBe(false);
    expect(await isCommonPassword('x'.repeat(150))).toBe(false);
  });

  it('refuses with a kind 400 naming the field', async () => {
    await expect(refuseCommonPassword('iloveyou123', 'body.newPassword')).rejects.toMatchObject({
      status: 400,
      extra: { errors: [{ field: 'body.newPassword', message: expect.stringMatching(/common/) }] },
    });
    await expect(refuseCommonPassword('heron willow mill', 'body.password')).resolves.toBeUndefined();
  });
});
