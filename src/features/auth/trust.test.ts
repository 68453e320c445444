import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { clients, clinics, sessions, trustedDevices, users } from '../../data/schema/index.ts';
import { buildTestApp, tokenFromEmail, type TestClient, type TestContext } from '../../server/test-app.ts';
import { totpCode } from './totp.ts';

// Low ceilings so each limit can be reached in a few requests; the pair limit is the default.
let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp({ SIGNIN_MAX_FAILURES: '10', SIGNIN_IP_MAX_FAILURES: '15', SIGNIN_ACCOUNT_MAX_PER_HOUR: '20', TWO_FACTOR_MAX_FAILURES: '5' });
});
afterAll(() => t.close());

const PASSWORD = 'correct horse battery';
let nextIp = 1;
/** A client from an address no other test uses, so per-address limits stay independent. */
function freshClient(): TestClient {
  const c = t.client();
  c.ip = `198.18.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;
  return c;
}

async function signUp(c: TestClient, email: string, password: string, name = 'Ada Client', clinicSlug?: string) {
  const res = await c.post('/api/v1/auth/sign-up', { name, email, password, ...(clinicSlug ? { clinicSlug } : {}) });
  expect(res.statusCode).toBe(202);
  const [mail] = await t.emailsTo(email);
  return tokenFromEmail(mail!.text, '/app/verify-email');
}

async function signUpAndVerify(email: string, password = PASSWORD) {
  const c = freshClient();
  const token = await signUp(c, email, password);
  expect((await c.post('/api/v1/auth/verify-email', { token, password })).statusCode).toBe(200);
  await c.refreshSession();
  return c;
}

async function resetLink(email: string) {
  expect((await freshClient().post('/api/v1/auth/password/forgot', { email })).statusCode).toBe(202);
  const [mail] = await t.emailsTo(email);
  expect(mail!.subject).toMatch(/Reset/);
  return tokenFromEmail(mail!.text, '/app/reset-password');
}

const signIn = (c: TestClient, email: string, password: string) => c.post('/api/v1/auth/sign-in', { email, password });

describe('confirming a sign-up proves the person who signed up', () => {
  it('asks for the password chosen at sign-up; the link alone signs nobody in', async () => {
    const c = freshClient();
    const token = await signUp(c, 'proof@example.com', PASSWORD);
    const alone = await c.post('/api/v1/auth/verify-email', { token });
    expect(alone.statusCode).toBe(400);
    const wrong = await c.post('/api/v1/auth/verify-email', { token, password: 'not the one chosen' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'body.password' })]);
    expect((await c.refreshSession()).user).toBeNull();
    const [row] = await t.database.db.select().from(users).where(eq(users.email, 'proof@example.com'));
    expect(row!.emailVerifiedAt).toBeNull();
    // A wrong password leaves the link usable for the right one.
    expect((await c.post('/api/v1/auth/verify-email', { token, password: PASSWORD })).statusCode).toBe(200);
    expect((await c.refreshSession()).user).toMatchObject({ email: 'proof@example.com', emailVerified: true });
  });

  it('gives an attacker who signs up with the victim’s address nothing, and the victim’s own sign-up works', async () => {
    const [clinic] = await t.database.db.insert(clinics).values({
      slug: 'trust-test', name: 'Trust Test Clinic', addressLine1: '1 High Street', town: 'Bath', postcode: 'BA1 1AA', email: 'hello@trust.example',
    }).returning({ id: clinics.id });
    // The victim is already a client on file (booked by phone): the prize.
    await t.database.db.insert(clients).values({ clinicId: clinic!.id, name: 'Vera Victim', email: 'victim@example.com' });

    const attacker = freshClient();
    const leaked = await signUp(attacker, 'victim@example.com', 'attacker chosen secret', 'Mallory', 'trust-test');
    // The leaked link alone (the victim clicking it, or anyone reading it) confirms nothing.
    const byVictim = freshClient();
    expect((await byVictim.post('/api/v1/auth/verify-email', { token: leaked, password: 'victim has no idea' })).statusCode).toBe(400);
    expect((await byVictim.refreshSession()).user).toBeNull();

    // The victim signs up themselves: a new link with their own password; the old one dies.
    const victim = freshClient();
    const own = await signUp(victim, 'victim@example.com', 'victim own passphrase', 'Vera Victim');
    expect((await attacker.post('/api/v1/auth/verify-email', { token: leaked, password: 'attacker chosen secret' })).json().type).toMatch(/invalid-token$/);
    expect((await victim.post('/api/v1/auth/verify-email', { token: own, password: 'victim own passphrase' })).statusCode).toBe(200);
    expect((await victim.refreshSession()).user).toMatchObject({ name: 'Vera Victim', emailVerified: true });

    expect((await signIn(freshClient(), 'victim@example.com', 'attacker chosen secret')).statusCode).toBe(401);
    expect((await signIn(freshClient(), 'victim@example.com', 'victim own passphrase')).statusCode).toBe(200);
    expect((await attacker.post('/api/v1/auth/verify-email', { token: leaked, password: 'attacker chosen secret' })).statusCode).toBe(400);
  });

  it('counts wrong passwords on confirmation like failed sign-ins', async () => {
    const c = freshClient();
    const token = await signUp(c, 'guessed@example.com', PASSWORD);
    for (let i = 0; i < 10; i++) {
      expect((await c.post('/api/v1/auth/verify-email', { token, password: `guess number ${i}` })).statusCode).toBe(400);
    }
    const res = await c.post('/api/v1/auth/verify-email', { token, password: PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('one-time codes', () => {
  async function withTwoFactor(email: string) {
    const c = await signUpAndVerify(email);
    const { secret } = (await c.post('/api/v1/auth/two-factor/setup')).json();
    expect((await c.post('/api/v1/auth/two-factor/enable', { code: totpCode(secret) })).statusCode).toBe(200);
    return secret as string;
  }

  it('accepts a code once per account and time step (no replay)', async () => {
    const secret = await withTwoFactor('replay-code@example.com');
    const code = totpCode(secret, Date.now() + 30_000);
    const first = freshClient();
    await first.signIn('replay-code@example.com', PASSWORD);
    expect((await first.post('/api/v1/auth/sign-in/two-factor', { code })).statusCode).toBe(200);
    // Someone who saw the code (over a shoulder, a phishing page) signs in with the password too.
    const second = freshClient();
    await second.signIn('replay-code@example.com', PASSWORD);
    expect((await second.post('/api/v1/auth/sign-in/two-factor', { code })).statusCode).toBe(401);
    expect((await second.refreshSession()).user).toBeNull();
  });

  it('locks the second factor after 5 wrong codes, whatever the password, and tells the account holder', async () => {
    const secret = await withTwoFactor('code-lock@example.com');
    const right = totpCode(secret, Date.now() + 30_000);
    const wrong = right === '000000' ? '111111' : '000000';
    const c = freshClient();
    await c.signIn('code-lock@example.com', PASSWORD);
    for (let i = 0; i < 4; i++) expect((await c.post('/api/v1/auth/sign-in/two-factor', { code: wrong })).statusCode).toBe(401);
    const fifth = await c.post('/api/v1/auth/sign-in/two-factor', { code: wrong });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().type).toMatch(/two-factor-locked$/);
    expect(fifth.json().detail).toMatch(/paused sign-in codes/);
    expect((await c.post('/api/v1/auth/sign-in/two-factor', { code: right })).statusCode).toBe(429);
    // Signing in again with the right password does not open the lock.
    const again = freshClient();
    await again.signIn('code-lock@example.com', PASSWORD);
    expect((await again.post('/api/v1/auth/sign-in/two-factor', { code: right })).statusCode).toBe(429);
    expect((await again.refreshSession()).user).toBeNull();
    const mails = await t.emailsTo('code-lock@example.com');
    expect(mails.filter((m) => /paused/.test(m.subject))).toHaveLength(1);
  });
});

describe('reset links and notices', () => {
  it('stops every other outstanding reset link once one is used', async () => {
    await signUpAndVerify('two-links@example.com');
    const first = await resetLink('two-links@example.com');
    const second = await resetLink('two-links@example.com');
    expect((await freshClient().post('/api/v1/auth/password/reset', { token: second, password: 'a fresh long passphrase' })).statusCode).toBe(200);
    const old = await freshClient().post('/api/v1/auth/password/reset', { token: first, password: 'the attacker wants this' });
    expect(old.statusCode).toBe(400);
    expect(old.json().type).toMatch(/invalid-token$/);
    expect((await signIn(freshClient(), 'two-links@example.com', 'a fresh long passphrase')).statusCode).toBe(200);
  });

  it('e-mails the account holder when the password is reset or changed, with no secret link', async () => {
    const c = await signUpAndVerify('noticed@example.com');
    expect((await c.post('/api/v1/auth/password/change', { currentPassword: PASSWORD, newPassword: 'a changed passphrase' })).statusCode).toBe(200);
    const token = await resetLink('noticed@example.com');
    expect((await freshClient().post('/api/v1/auth/password/reset', { token, password: 'a reset passphrase' })).statusCode).toBe(200);
    const notices = (await t.emailsTo('noticed@example.com')).filter((m) => m.subject === 'Your Yintang password was changed');
    expect(notices).toHaveLength(2);
    for (const notice of notices) {
      expect(notice.text).not.toMatch(/token=/);
      expect(notice.text).toMatch(/If it was not you/);
    }
  });
});

describe('common passwords', () => {
  it('refuses a common password at sign-up, kindly, whatever its case, and creates nothing', async () => {
    for (const password of ['password1234', 'PassWord1234', 'qwertyuiop']) {
      const res = await freshClient().post('/api/v1/auth/sign-up', { name: 'Common', email: 'common@example.com', password });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(/one of the most common/);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.password' })]);
    }
    expect(await t.database.db.select().from(users).where(eq(users.email, 'common@example.com'))).toHaveLength(0);
  });

  it('refuses a common password at change and at reset, and the old password keeps working', async () => {
    const c = await signUpAndVerify('keeps@example.com');
    const change = await c.post('/api/v1/auth/password/change', { currentPassword: PASSWORD, newPassword: 'iloveyou123' });
    expect(change.statusCode).toBe(400);
    expect(change.json().errors).toEqual([expect.objectContaining({ field: 'body.newPassword' })]);
    const token = await resetLink('keeps@example.com');
    expect((await freshClient().post('/api/v1/auth/password/reset', { token, password: '1234567890' })).statusCode).toBe(400);
    expect((await signIn(freshClient(), 'keeps@example.com', PASSWORD)).statusCode).toBe(200);
    // The refused attempt did not spend the link.
    expect((await freshClient().post('/api/v1/auth/password/reset', { token, password: 'an uncommon new one' })).statusCode).toBe(200);
  });

  it('keeps long passphrases (64+ characters) working', async () => {
    const long = 'the quiet heron waits by the river while the willow leaves drift slowly past the old mill';
    expect(long.length).toBeGreaterThan(64);
    await signUpAndVerify('long@example.com', long);
    expect((await signIn(freshClient(), 'long@example.com', long)).statusCode).toBe(200);
  });
});

describe('lock-out without letting strangers lock people out', () => {
  it('holds back only the address that guessed: the owner signs in from elsewhere', async () => {
    await signUpAndVerify('target@example.com');
    const stranger = freshClient();
    for (let i = 0; i < 10; i++) expect((await signIn(stranger, 'target@example.com', `guess ${i} password`)).statusCode).toBe(401);
    expect((await signIn(stranger, 'target@example.com', PASSWORD)).statusCode).toBe(429);
    expect((await signIn(freshClient(), 'target@example.com', PASSWORD)).statusCode).toBe(200);
  });

  it('stops spread-out guessing at the account-wide ceiling, but a trusted browser keeps signing in', async () => {
    const owner = await signUpAndVerify('ceiling@example.com');
    await owner.post('/api/v1/auth/sign-out');
    expect(owner.hasSessionCookie()).toBe(false);
    // Guesses from 20 addresses, 1 each: no pair or address limit is reached.
    for (let i = 0; i < 20; i++) expect((await signIn(freshClient(), 'ceiling@example.com', `guess ${i} password`)).statusCode).toBe(401);
    const res = await signIn(freshClient(), 'ceiling@example.com', PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The owner's browser, where they signed in before, is not held back.
    expect((await signIn(owner, 'ceiling@example.com', PASSWORD)).statusCode).toBe(200);
    await owner.refreshSession();

    // A password change stops every trusted browser (and this one is trusted afresh).
    const [before] = await t.database.db.select().from(trustedDevices).innerJoin(users, eq(users.id, trustedDevices.userId)).where(eq(users.email, 'ceiling@example.com'));
    expect(before).toBeDefined();
    const token = await resetLink('ceiling@example.com');
    expect((await freshClient().post('/api/v1/auth/password/reset', { token, password: 'after the reset passphrase' })).statusCode).toBe(200);
    const left = await t.database.db.select().from(trustedDevices).where(eq(trustedDevices.userId, before!.users.id));
    expect(left).toHaveLength(0);
    expect((await signIn(owner, 'ceiling@example.com', 'after the reset passphrase')).statusCode).toBe(429);
  });

  it('sets the trusted-browser cookie httpOnly and long-lived only after a complete sign-in', async () => {
    await signUpAndVerify('cookie-trust@example.com');
    const c = freshClient();
    const res = await signIn(c, 'cookie-trust@example.com', PASSWORD);
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; maxAge?: number; sameSite?: string }[]).find((k) => k.name === 'yt_browser');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.maxAge).toBeGreaterThan(90 * 86_400);
    const failed = await signIn(freshClient(), 'cookie-trust@example.com', 'not the password');
    expect((failed.cookies as { name: string }[]).map((k) => k.name)).not.toContain('yt_browser');
  });

  it('does not trust a browser until the second factor is done', async () => {
    const c = await signUpAndVerify('trust-2fa@example.com');
    const { secret } = (await c.post('/api/v1/auth/two-factor/setup')).json();
    await c.post('/api/v1/auth/two-factor/enable', { code: totpCode(secret) });
    const b = freshClient();
    const res = await signIn(b, 'trust-2fa@example.com', PASSWORD);
    expect((res.cookies as { name: string }[]).map((k) => k.name)).not.toContain('yt_browser');
    await b.refreshSession();
    const done = await b.post('/api/v1/auth/sign-in/two-factor', { code: totpCode(secret, Date.now() + 30_000) });
    expect(done.statusCode).toBe(200);
    expect((done.cookies as { name: string }[]).map((k) => k.name)).toContain('yt_browser');
    const rows = await t.database.db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(users.email, 'trust-2fa@example.com'), eq(sessions.mfaPending, false)));
    expect(rows.length).toBeGreaterThan(0);
  });
});
