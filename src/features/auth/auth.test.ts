import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../data/schema/index.ts';
import { buildTestApp, tokenFromEmail, type TestContext } from '../../server/test-app.ts';
import { totpCode } from './totp.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp({ SIGNIN_MAX_FAILURES: '10', SIGNIN_IP_MAX_FAILURES: '25' });
});
afterAll(() => t.close());

async function signUpAndVerify(email: string, password = 'correct horse battery') {
  const visitor = t.client();
  const res = await visitor.post('/api/v1/auth/sign-up', { name: 'Ada Client', email, password });
  expect(res.statusCode).toBe(202);
  const [mail] = await t.emailsTo(email.toLowerCase());
  const verified = await visitor.post('/api/v1/auth/verify-email', { token: tokenFromEmail(mail!.text, '/app/verify-email'), password });
  expect(verified.statusCode).toBe(200);
  await visitor.refreshSession();
  return visitor;
}

describe('POST /api/v1/auth/sign-up', () => {
  it('sends a verification link that signs the new person in', async () => {
    const visitor = await signUpAndVerify('New.Person@Example.com');
    const session = await visitor.refreshSession();
    expect(session.user).toMatchObject({ email: 'new.person@example.com', emailVerified: true });
  });

  it('answers the same for an address that already has an account, and tells its owner', async () => {
    await signUpAndVerify('taken@example.com');
    const res = await t.client().post('/api/v1/auth/sign-up', { name: 'Someone', email: 'taken@example.com', password: 'another password 1' });
    expect(res.statusCode).toBe(202);
    const fresh = await t.client().post('/api/v1/auth/sign-up', { name: 'Someone', email: 'fresh@example.com', password: 'another password 1' });
    expect(res.json()).toEqual(fresh.json());
    const mails = await t.emailsTo('taken@example.com');
    expect(mails[0]!.subject).toMatch(/tried to sign up/);
  });

  it('refuses a short password, an invalid address and unknown fields with problem+json', async () => {
    const c = t.client();
    const res = await c.post('/api/v1/auth/sign-up', { name: 'X', email: 'not-an-email', password: 'short', admin: true });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    const [row] = await t.database.db.select().from(users).where(eq(users.email, 'not-an-email'));
    expect(row).toBeUndefined();
  });

  it('does not let an unverified account sign in', async () => {
    await t.client().post('/api/v1/auth/sign-up', { name: 'Slow', email: 'slow@example.com', password: 'correct horse battery' });
    const res = await t.client().post('/api/v1/auth/sign-in', { email: 'slow@example.com', password: 'correct horse battery' });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toMatch(/email-not-verified$/);
  });

  it('refuses a verification link used twice', async () => {
    const visitor = t.client();
    await visitor.post('/api/v1/auth/sign-up', { name: 'Twice', email: 'twice@example.com', password: 'correct horse battery' });
    const [mail] = await t.emailsTo('twice@example.com');
    const token = tokenFromEmail(mail!.text, '/app/verify-email');
    expect((await visitor.post('/api/v1/auth/verify-email', { token, password: 'correct horse battery' })).statusCode).toBe(200);
    const again = await t.client().post('/api/v1/auth/verify-email', { token, password: 'correct horse battery' });
    expect(again.statusCode).toBe(400);
    expect(again.json().type).toMatch(/invalid-token$/);
  });
});

describe('sign-in, sign-out and sessions', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, and signs out', async () => {
    await signUpAndVerify('cookie@example.com');
    const c = t.client();
    const res = await c.post('/api/v1/auth/sign-in', { email: 'cookie@example.com', password: 'correct horse battery' });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    await c.refreshSession();
    expect((await c.post('/api/v1/auth/sign-out')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/session')).json().user).toBeNull();
  });

  it('revokes the session on sign-out even if the old cookie is replayed', async () => {
    await signUpAndVerify('replay@example.com');
    const c = t.client();
    await c.signIn('replay@example.com', 'correct horse battery');
    const before = await t.database.db.select().from(sessions);
    await c.post('/api/v1/auth/sign-out');
    const after = await t.database.db.select().from(sessions);
    expect(after.length).toBe(before.length - 1);
  });

  it('gives the same answer for an unknown address and a wrong password', async () => {
    await signUpAndVerify('known@example.com');
    const unknown = await t.client().post('/api/v1/auth/sign-in', { email: 'nobody@example.com', password: 'whatever it is' });
    const wrong = await t.client().post('/api/v1/auth/sign-in', { email: 'known@example.com', password: 'whatever it is' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('holds back one account-and-address pair with 429 and Retry-After after 10 failures in 15 minutes', async () => {
    await signUpAndVerify('locked@example.com');
    const c = t.client();
    c.ip = '198.51.100.7';
    for (let i = 0; i < 10; i++) {
      expect((await c.post('/api/v1/auth/sign-in', { email: 'locked@example.com', password: 'wrong password!' })).statusCode).toBe(401);
    }
    const res = await c.post('/api/v1/auth/sign-in', { email: 'locked@example.com', password: 'correct horse battery' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('locks out one IP address after its ceiling of failures across different accounts', async () => {
    const c = t.client();
    c.ip = '192.0.2.77';
    for (let i = 0; i < 25; i++) {
      await c.post('/api/v1/auth/sign-in', { email: `guess${i}@example.com`, password: 'wrong password!' });
    }
    const res = await c.post('/api/v1/auth/sign-in', { email: 'guess-next@example.com', password: 'wrong password!' });
    expect(res.statusCode).toBe(429);
  });

  it('refuses a cookie-authenticated write without the CSRF token with 403', async () => {
    const c = await signUpAndVerify('csrf@example.com');
    const token = c.csrfToken;
    c.csrfToken = undefined;
    const res = await c.post('/api/v1/auth/password/change', { currentPassword: 'correct horse battery', newPassword: 'a brand new password' });
    expect(res.statusCode).toBe(403);
    c.csrfToken = 'wrong-token';
    expect((await c.post('/api/v1/auth/password/change', { currentPassword: 'correct horse battery', newPassword: 'a brand new password' })).statusCode).toBe(403);
    c.csrfToken = token;
    expect((await c.post('/api/v1/auth/password/change', { currentPassword: 'correct horse battery', newPassword: 'a brand new password' })).statusCode).toBe(200);
  });

  it('revokes every other session when the password changes', async () => {
    await signUpAndVerify('change@example.com');
    const laptop = t.client();
    const phone = t.client();
    await laptop.signIn('change@example.com', 'correct horse battery');
    await phone.signIn('change@example.com', 'correct horse battery');
    expect((await laptop.post('/api/v1/auth/password/change', { currentPassword: 'correct horse battery', newPassword: 'another long password' })).statusCode).toBe(200);
    expect((await phone.get('/api/v1/auth/session')).json().user).toBeNull();
    expect((await laptop.refreshSession()).user.email).toBe('change@example.com');
    expect((await t.client().post('/api/v1/auth/sign-in', { email: 'change@example.com', password: 'another long password' })).statusCode).toBe(200);
  });

  it('ends a session after its idle time-out', async () => {
    const c = await signUpAndVerify('idle@example.com');
    await t.database.db.update(sessions).set({ idleExpiresAt: new Date(Date.now() - 1000) });
    expect((await c.get('/api/v1/auth/session')).json().user).toBeNull();
  });
});

describe('password reset', () => {
  it('resets a forgotten password through the e-mailed link and signs out old sessions', async () => {
    await signUpAndVerify('forgot@example.com');
    const old = t.client();
    await old.signIn('forgot@example.com', 'correct horse battery');
    const res = await t.client().post('/api/v1/auth/password/forgot', { email: 'forgot@example.com' });
    expect(res.statusCode).toBe(202);
    const [mail] = await t.emailsTo('forgot@example.com');
    expect(mail!.subject).toMatch(/Reset/);
    const token = tokenFromEmail(mail!.text, '/app/reset-password');
    expect((await t.client().post('/api/v1/auth/password/reset', { token, password: 'my new long password' })).statusCode).toBe(200);
    expect((await old.get('/api/v1/auth/session')).json().user).toBeNull();
    expect((await t.client().post('/api/v1/auth/sign-in', { email: 'forgot@example.com', password: 'my new long password' })).statusCode).toBe(200);
    expect((await t.client().post('/api/v1/auth/password/reset', { token, password: 'yet another password' })).statusCode).toBe(400);
  });

  it('answers an unknown address exactly like a known one and sends nothing', async () => {
    const res = await t.client().post('/api/v1/auth/password/forgot', { email: 'ghost@example.com' });
    expect(res.statusCode).toBe(202);
    expect(await t.emailsTo('ghost@example.com')).toHaveLength(0);
  });
});

describe('two-factor sign-in', () => {
  it('asks for a code after the password once turned on, and refuses a wrong one', async () => {
    const c = await signUpAndVerify('totp@example.com');
    const setup = (await c.post('/api/v1/auth/two-factor/setup')).json();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrSvg).toMatch(/<svg/);
    expect((await c.post('/api/v1/auth/two-factor/enable', { code: '000000' === totpCode(setup.secret) ? '111111' : '000000' })).statusCode).toBe(400);
    expect((await c.post('/api/v1/auth/two-factor/enable', { code: totpCode(setup.secret) })).statusCode).toBe(200);

    const next = t.client();
    expect((await next.signIn('totp@example.com', 'correct horse battery')).twoFactorRequired).toBe(true);
    const pending = await next.refreshSession();
    expect(pending.user).toBeNull();
    expect(pending.twoFactorPending).toBe(true);
    expect((await next.post('/api/v1/auth/password/change', { currentPassword: 'correct horse battery', newPassword: 'not allowed yet!!' })).statusCode).toBe(401);
    expect((await next.post('/api/v1/auth/sign-in/two-factor', { code: '12345' })).statusCode).toBe(400);
    // The code that turned two-factor on is spent; the app's next code works.
    expect((await next.post('/api/v1/auth/sign-in/two-factor', { code: totpCode(setup.secret, Date.now() + 30_000) })).statusCode).toBe(200);
    expect((await next.refreshSession()).user.email).toBe('totp@example.com');
  });
});

describe('audit', () => {
  it('records sign-ins in the append-only audit log, which refuses updates and deletes', async () => {
    await signUpAndVerify('audited@example.com');
    await t.client().signIn('audited@example.com', 'correct horse battery');
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.sign_in'));
    expect(rows.length).toBeGreaterThan(0);
    await expect(t.database.db.update(auditLog).set({ action: 'tampered' })).rejects.toThrow();
    await expect(t.database.db.delete(auditLog)).rejects.toThrow();
  });
});
