import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { clients, clinics, emailTokens, memberships, sessions, users } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, tooManyRequests, unauthorized } from '../../server/errors.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { recordAudit } from '../../server/audit.ts';
import { checkRecentLimit, clearEvents, countEvent } from '../../server/rate-limit.ts';
import { clearSessionCookie, revokeAllSessions, revokeSession, startSession } from '../../server/plugins/session.ts';
import { requireUser } from '../../server/access.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { matchTotpStep, newTotpSecret, totpEnrolment } from './totp.ts';
import { refuseCommonPassword } from './password-policy.ts';
import { forgetTrustedBrowsers, trustBrowser, trustedBrowserOf } from './trusted-browser.ts';
import { emitEvent } from '../webhooks/webhook-events.repository.ts';
import type { SessionResponse, SignUpBody } from './auth.schema.ts';

const HOUR = 3600;
const SIGNIN_WINDOW_SEC = 15 * 60;
const VERIFY_TTL_MS = 48 * 3_600_000;
const RESET_TTL_MS = 60 * 60_000;

const CHECK_EMAIL = 'Thank you. Please check your e-mail: we have sent you a link to continue.';

/**
 * Signs a person up. The answer is the same whether or not the address already has an
 * account (the owner of that address gets an e-mail explaining instead), so sign-up cannot
 * be used to find out who is a client.
 */
export async function signUp(ctx: AppContext, request: FastifyRequest, body: SignUpBody) {
  await limitPerIp(ctx, request, 'signup', ctx.config.SIGNUP_PER_HOUR);
  const clinic = body.clinicSlug
    ? (await ctx.database.db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(eq(clinics.slug, body.clinicSlug)))[0]
    : undefined;
  if (body.clinicSlug && !clinic) throw badRequest('That clinic does not exist.', [{ field: 'clinicSlug', message: 'Unknown clinic' }]);
  await refuseCommonPassword(body.password, 'body.password');
  const passwordHash = await hashPassword(body.password);
  await ctx.database.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id, name: users.name, verified: users.emailVerifiedAt }).from(users).where(eq(users.email, body.email));
    if (existing && !existing.verified) {
      // Signing up again before confirming is how people ask for a new link. The newest
      // sign-up wins: its name and password are what confirming sets, and earlier links stop
      // working, so someone who signed up first with another person's address gains nothing.
      await tx.update(users).set({ name: body.name, passwordHash }).where(eq(users.id, existing.id));
      await sendVerification(ctx, tx, { id: existing.id, email: body.email, name: body.name }, clinic?.id ?? null, passwordHash);
      return;
    }
    if (existing) {
      await enqueueEmail(tx, {
        to: body.email,
        subject: 'Someone tried to sign up with your e-mail address',
        ...renderEmail({
          greeting: existing.name,
          paragraphs: [
            'Someone (perhaps you) tried to create a Yintang account with this e-mail address, but you already have one.',
            'If it was you, sign in instead. If you have forgotten your password, you can reset it from the sign-in page.',
          ],
          action: { label: 'Sign in', url: `${ctx.config.publicUrl}/app/sign-in` },
        }),
      });
      return;
    }
    const [user] = await tx.insert(users).values({ email: body.email, name: body.name, passwordHash }).returning({ id: users.id });
    await sendVerification(ctx, tx, { id: user!.id, email: body.email, name: body.name }, clinic?.id ?? null, passwordHash);
    await recordAudit(tx, request, { action: 'user.sign_up', entityType: 'user', entityId: user!.id, actorUserId: user!.id, clinicId: clinic?.id });
  });
  return { message: CHECK_EMAIL };
}

/**
 * E-mails a confirmation link that carries the password chosen at this sign-up (its hash).
 * Confirming asks for that password, so the link proves that the person reading the mailbox
 * is the person who signed up, not only that someone asked for it.
 */
async function sendVerification(
  ctx: AppContext, q: Queryable, user: { id: string; email: string; name: string }, clinicId: string | null, passwordHash: string,
) {
  await retireTokens(q, user.id, 'verify_email');
  const token = newToken();
  await q.insert(emailTokens).values({
    tokenHash: hashToken(token),
    purpose: 'verify_email',
    userId: user.id,
    clinicId,
    passwordHash,
    expiresAt: new Date(Date.now() + VERIFY_TTL_MS),
  });
  await enqueueEmail(q, {
    to: user.email,
    clinicId,
    subject: 'Confirm your e-mail address',
    ...renderEmail({
      greeting: user.name,
      paragraphs: [
        'Please confirm your e-mail address to finish creating your Yintang account. You will be asked for the password you chose when you signed up.',
        'The link works for 48 hours. If you signed up more than once, only the newest link works.',
      ],
      action: { label: 'Confirm my e-mail address', url: `${ctx.config.publicUrl}/app/verify-email?token=${token}` },
      footer: 'If you did not sign up, ignore this e-mail: without the password the link does nothing.',
    }),
  });
}

/** Outstanding links of one kind (or every kind) stop working: they are marked used. */
async function retireTokens(q: Queryable, userId: string, purpose?: 'verify_email' | 'reset_password') {
  await q
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), isNull(emailTokens.usedAt), purpose ? eq(emailTokens.purpose, purpose) : undefined));
}

const INVALID_LINK = () =>
  new AppError(400, 'invalid-token', 'Link expired or already used', 'This link has expired or has already been used. Please ask for a new one.');

/** Consumes a single-use e-mail token of the given purpose, or fails with a clear 400. */
async function consumeToken(q: Queryable, token: string, purpose: 'verify_email' | 'reset_password') {
  const [row] = await q
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: emailTokens.userId, clinicId: emailTokens.clinicId });
  if (!row) throw INVALID_LINK();
  return row;
}

/**
 * Confirms the address with the password chosen at that sign-up, links the person to the
 * clinic they signed up from, and signs them in. The account's password becomes the one of
 * that sign-up. A wrong password counts like a failed sign-in and leaves the link usable.
 */
export async function verifyEmail(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string, password: string) {
  const tokenHash = hashToken(token);
  const [link] = await ctx.database.db
    .select({ userId: emailTokens.userId, passwordHash: emailTokens.passwordHash, email: users.email })
    .from(emailTokens)
    .innerJoin(users, eq(users.id, emailTokens.userId))
    .where(and(
      eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.purpose, 'verify_email'), isNull(emailTokens.usedAt),
      gt(emailTokens.expiresAt, new Date()), isNull(users.emailVerifiedAt),
      // Links from before sign-ups carried a password prove nothing: the person signs up again.
      isNotNull(emailTokens.passwordHash),
    ));
  if (!link) throw INVALID_LINK();
  const limits = signInLimits(ctx, request, link.email, null);
  await refuseIfLimited(ctx, limits);
  if (!(await verifyPassword(link.passwordHash, password))) {
    await countFailures(ctx, limits);
    await recordAudit(ctx.database.db, request, { action: 'user.verify_email_failed', entityType: 'user', entityId: link.userId });
    throw new AppError(400, 'invalid-credentials', 'Not the password of this sign-up',
      'That is not the password chosen when this account was signed up. If you have forgotten it, sign up again with the same e-mail address and we will send you a new link.',
      { errors: [{ field: 'body.password', message: 'Not the password you chose when you signed up' }] });
  }
  const user = await ctx.database.transaction(async (tx) => {
    const { userId, clinicId } = await consumeToken(tx, token, 'verify_email');
    const now = new Date();
    const [u] = await tx.update(users)
      .set({ emailVerifiedAt: now, passwordHash: link.passwordHash!, passwordChangedAt: now })
      .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
      .returning();
    if (!u) throw INVALID_LINK(); // confirmed meanwhile (another link, or a password reset)
    await retireTokens(tx, userId, 'verify_email');
    if (clinicId) await linkClientRecord(tx, clinicId, u);
    await linkClientRecordsByEmail(tx, u);
    await recordAudit(tx, request, { action: 'user.verify_email', entityType: 'user', entityId: userId, actorUserId: userId, clinicId });
    return u;
  });
  const staff = await isStaffAnywhere(ctx, user.id);
  const mfaPending = staff && user.totpEnabledAt !== null;
  await startSession(ctx.database, ctx.config, request, reply, { id: user.id, isStaff: staff, mfaPending, activeClinicId: null });
  if (!mfaPending) await trustBrowser(ctx, request, reply, user.id);
}

/**
 * Makes the person a client of the clinic: links an existing client record with the same
 * address (someone first booked by phone), or creates one. Only after the address is
 * verified, so nobody can claim another person's records.
 */
async function linkClientRecord(q: Queryable, clinicId: string, user: { id: string; email: string; name: string }) {
  const [row] = await q
    .insert(clients)
    .values({ clinicId, userId: user.id, name: user.name, email: user.email })
    .onConflictDoUpdate({ target: [clients.clinicId, clients.email], set: { userId: user.id } })
    // xmax is 0 only on a row this statement inserted (not one it linked).
    .returning({ id: clients.id, createdAt: clients.createdAt, inserted: sql<boolean>`(xmax = 0)` });
  // A new client of the clinic, like one added by staff or by a first booking: ids and time only.
  if (row!.inserted) await emitEvent(q, clinicId, 'client.created', { clientId: row!.id, createdAt: row!.createdAt });
}

/**
 * Links every client record with the person's verified address that no account claims
 * yet, in any clinic: someone who booked as a guest (or was booked by phone) finds those
 * appointments, and can review them, once signed in with that address.
 */
async function linkClientRecordsByEmail(q: Queryable, user: { id: string; email: string }) {
  // Not where the person already has a record of their own (one client record per person and clinic).
  await q.update(clients).set({ userId: user.id }).where(and(
    eq(clients.email, user.email), isNull(clients.userId),
    sql`not exists (select 1 from ${clients} own where own.clinic_id = ${clients.clinicId} and own.user_id = ${user.id})`,
  ));
}

async function isStaffAnywhere(ctx: AppContext, userId: string) {
  const rows = await ctx.database.db.select({ c: memberships.clinicId }).from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt))).limit(1);
  return rows.length > 0;
}

async function limitPerIp(ctx: AppContext, request: FastifyRequest, bucket: string, perHour: number) {
  const state = await countEvent(ctx.database.db, `${bucket}:ip:${request.ip}`, HOUR);
  if (state.count > perHour) throw tooManyRequests(state.retryAfterSec);
}

const WRONG_CREDENTIALS = () =>
  new AppError(401, 'invalid-credentials', 'Sign-in failed', 'That e-mail address and password do not match. Please try again.');

interface Limit { key: string; windowSec: number; max: number }

/**
 * The limits a password attempt for `email` counts against (see "Accounts and sign-in" in
 * the README). From a browser trusted by the account, only that browser's own failures
 * count, so nobody elsewhere can lock it out. From anywhere else: the account-and-address
 * pair, the address across all accounts, and a high hourly ceiling for the account.
 */
function signInLimits(ctx: AppContext, request: FastifyRequest, email: string, trustedBrowser: string | null): Limit[] {
  const c = ctx.config;
  if (trustedBrowser) return [{ key: `signin-fail:browser:${trustedBrowser}`, windowSec: SIGNIN_WINDOW_SEC, max: c.SIGNIN_MAX_FAILURES }];
  return [
    { key: `signin-fail:pair:${email}|${request.ip}`, windowSec: SIGNIN_WINDOW_SEC, max: c.SIGNIN_MAX_FAILURES },
    { key: `signin-fail:ip:${request.ip}`, windowSec: SIGNIN_WINDOW_SEC, max: c.SIGNIN_IP_MAX_FAILURES },
    { key: `signin-fail:account:${email}`, windowSec: HOUR, max: c.SIGNIN_ACCOUNT_MAX_PER_HOUR },
  ];
}

async function refuseIfLimited(ctx: AppContext, limits: Limit[]) {
  const states = await Promise.all(limits.map((l) => checkRecentLimit(ctx.database.db, l.key, l.windowSec, l.max)));
  const blocked = states.filter((s) => s.blocked);
  if (blocked.length > 0) throw tooManyRequests(Math.max(...blocked.map((s) => s.retryAfterSec)));
}

async function countFailures(ctx: AppContext, limits: Limit[]) {
  await Promise.all(limits.map((l) => countEvent(ctx.database.db, l.key, l.windowSec)));
}

/**
 * Password sign-in. Failures are limited per account-and-address pair, per address and per
 * account (see `signInLimits`), so guessing stays impractical while a stranger cannot lock
 * the owner out. The same answer is given for an unknown address and a wrong password.
 */
export async function signIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, email: string, password: string) {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.email, email));
  const trusted = user ? await trustedBrowserOf(ctx, request, user.id) : null;
  const limits = signInLimits(ctx, request, email, trusted);
  await refuseIfLimited(ctx, limits);

  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await countFailures(ctx, limits);
    await recordAudit(ctx.database.db, request, { action: 'user.sign_in_failed', entityType: 'user', entityId: user?.id ?? null });
    throw WRONG_CREDENTIALS();
  }
  if (!user.emailVerifiedAt) {
    throw new AppError(403, 'email-not-verified', 'Please confirm your e-mail address',
      'Please confirm your e-mail address first: use the link we sent you. You can ask for a new link from the sign-in page.');
  }
  await linkClientRecordsByEmail(ctx.database.db, user);
  const staff = await isStaffAnywhere(ctx, user.id);
  const twoFactorRequired = user.totpEnabledAt !== null;
  await startSession(ctx.database, ctx.config, request, reply, { id: user.id, isStaff: staff, mfaPending: twoFactorRequired, activeClinicId: null });
  if (!twoFactorRequired) await trustBrowser(ctx, request, reply, user.id);
  await recordAudit(ctx.database.db, request, { action: 'user.sign_in', entityType: 'user', entityId: user.id, actorUserId: user.id });
  return { twoFactorRequired };
}

/**
 * Second step of sign-in for accounts with two-factor on. Each code is good once per account
 * and time step. After TWO_FACTOR_MAX_FAILURES wrong codes the second factor is locked for a
 * while (whatever the password) and the account holder is told by e-mail. Every attempt is
 * counted before the code is checked, so parallel guesses cannot slip past the limit.
 */
export async function completeTwoFactor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, code: string) {
  const session = request.session;
  if (!session?.mfaPending) throw unauthorized();
  const db = ctx.database.db;
  const key = `2fa-fail:user:${session.userId}`;
  const windowSec = ctx.config.TWO_FACTOR_LOCK_MINUTES * 60;
  const max = ctx.config.TWO_FACTOR_MAX_FAILURES;
  await countEvent(db, key, windowSec);
  const attempt = await checkRecentLimit(db, key, windowSec, max + 1);
  if (attempt.blocked) throw twoFactorLocked(attempt.retryAfterSec);

  const [user] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, session.userId));
  const step = user?.secret ? matchTotpStep(user.secret, code) : null;
  if (step === null || !(await claimTotpStep(db, session.userId, step))) {
    await recordAudit(db, request, { action: 'user.two_factor_failed', entityType: 'user', entityId: session.userId });
    const after = await checkRecentLimit(db, key, windowSec, max);
    if (after.blocked) {
      await tellTwoFactorLocked(ctx, session, max);
      throw twoFactorLocked(after.retryAfterSec);
    }
    throw new AppError(401, 'invalid-code', 'Wrong code', 'That code did not match. Check your authenticator app and try again.');
  }
  await clearEvents(db, key);
  await db.update(sessions).set({ mfaPending: false }).where(eq(sessions.tokenHash, session.tokenHash));
  await trustBrowser(ctx, request, reply, session.userId);
  await recordAudit(db, request, { action: 'user.two_factor_passed', entityType: 'user', entityId: session.userId });
}

/**
 * Records `step` as the last accepted time step, only if it is newer than the last one:
 * one conditional update, so a code cannot be used twice, even by two requests at once.
 */
async function claimTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const rows = await q.update(users).set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

const twoFactorLocked = (retryAfterSec: number) =>
  new AppError(429, 'two-factor-locked', 'Sign-in codes paused',
    `Too many wrong codes were entered for this account, so for its safety we have paused sign-in codes. Please try again in ${Math.ceil(retryAfterSec / 60)} minutes. We have e-mailed the account holder.`,
    { retryAfterSec });

/** E-mails the account holder that the second factor has just been locked. */
async function tellTwoFactorLocked(ctx: AppContext, session: { userId: string; email: string; name: string }, wrongCodes: number) {
  await enqueueEmail(ctx.database.db, {
    to: session.email,
    subject: 'Sign-in codes for your Yintang account are paused',
    ...renderEmail({
      greeting: session.name,
      paragraphs: [
        `Someone signed in with your password and then entered ${wrongCodes} wrong 6-digit codes, so for your safety we have paused sign-in codes for your account for up to ${2 * ctx.config.TWO_FACTOR_LOCK_MINUTES} minutes.`,
        'If this was you, wait a little and then use the code your authenticator app shows.',
        'If it was not you, someone knows your password. Please change it as soon as you can (Account, then Password), or reset it from the sign-in page with "Forgotten your password?".',
      ],
      action: { label: 'Go to the sign-in page', url: `${ctx.config.publicUrl}/app/sign-in` },
    }),
  });
}

export async function signOut(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  if (request.session) {
    await revokeSession(ctx.database, request.session.tokenHash);
    await recordAudit(ctx.database.db, request, { action: 'user.sign_out', entityType: 'user', entityId: request.session.userId });
  }
  clearSessionCookie(reply, ctx.config);
  // Wipe what this site left in the browser's caches and storage. Not "cookies": the
  // trusted-browser cookie must outlive sign-out; the session cookie is cleared above.
  reply.header('Clear-Site-Data', '"cache", "storage"');
}

/** Sends a reset link if the address has an account; answers the same either way. */
export async function forgotPassword(ctx: AppContext, request: FastifyRequest, email: string) {
  await limitPerIp(ctx, request, 'reset', ctx.config.RESET_PER_HOUR);
  const perAccount = await countEvent(ctx.database.db, `reset:email:${email}`, HOUR);
  if (perAccount.count > 5) return { message: CHECK_EMAIL }; // quietly stop mail-bombing one inbox
  const [user] = await ctx.database.db.select().from(users).where(eq(users.email, email));
  if (user) {
    const token = newToken();
    await ctx.database.transaction(async (tx) => {
      await tx.insert(emailTokens).values({ tokenHash: hashToken(token), purpose: 'reset_password', userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
      await enqueueEmail(tx, {
        to: user.email,
        subject: 'Reset your Yintang password',
        ...renderEmail({
          greeting: user.name,
          paragraphs: ['We received a request to reset your password. The link works for one hour and only once.'],
          action: { label: 'Choose a new password', url: `${ctx.config.publicUrl}/app/reset-password?token=${token}` },
          footer: 'If you did not ask for this, you can ignore this e-mail: your password has not changed.',
        }),
      });
      await recordAudit(tx, request, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
    });
  }
  return { message: CHECK_EMAIL };
}

/**
 * Sets a new password from a reset link, signs out every session, stops every other link
 * (reset or sign-up confirmation) and every trusted browser, and tells the account holder.
 */
export async function resetPassword(ctx: AppContext, request: FastifyRequest, token: string, password: string) {
  await refuseCommonPassword(password, 'body.password');
  const passwordHash = await hashPassword(password);
  await ctx.database.transaction(async (tx) => {
    const { userId } = await consumeToken(tx, token, 'reset_password');
    // A reset link proves control of the address, so it also confirms it.
    const [user] = await tx.update(users)
      .set({ passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId))
      .returning({ id: users.id, email: users.email, name: users.name });
    await retireTokens(tx, userId);
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await forgetTrustedBrowsers(tx, userId);
    await sendPasswordChangedNotice(ctx, tx, user!, 'reset');
    await recordAudit(tx, request, { action: 'user.password_reset', entityType: 'user', entityId: userId, actorUserId: userId });
  });
}

/** "Your Yintang password was changed": no link with a secret, and what to do if it was not them. */
async function sendPasswordChangedNotice(ctx: AppContext, q: Queryable, user: { email: string; name: string }, how: 'reset' | 'change') {
  await enqueueEmail(q, {
    to: user.email,
    subject: 'Your Yintang password was changed',
    ...renderEmail({
      greeting: user.name,
      paragraphs: [
        how === 'reset'
          ? 'The password for your Yintang account was just changed with a password reset link. Every device signed in to your account has been signed out.'
          : 'The password for your Yintang account was just changed. Your other devices have been signed out.',
        'If this was you, there is nothing more to do.',
        'If it was not you, someone else may be able to get into your account. Please reset your password straight away from the sign-in page ("Forgotten your password?") and let your clinic know.',
      ],
      action: { label: 'Go to the sign-in page', url: `${ctx.config.publicUrl}/app/sign-in` },
    }),
  });
}

/** Changes the password, revokes every session, and starts a fresh one for this browser. */
export async function changePassword(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, current: string, next: string) {
  const session = requireUser(request);
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, session.userId));
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError(400, 'invalid-credentials', 'Current password is wrong', 'Your current password is not right. Please try again.',
      { errors: [{ field: 'currentPassword', message: 'Not your current password' }] });
  }
  await refuseCommonPassword(next, 'body.newPassword');
  const passwordHash = await hashPassword(next);
  await ctx.database.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    // A reset link asked for before the change must not undo it.
    await retireTokens(tx, user.id, 'reset_password');
    await forgetTrustedBrowsers(tx, user.id);
    await sendPasswordChangedNotice(ctx, tx, user, 'change');
    await recordAudit(tx, request, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
  await revokeAllSessions(ctx.database, user.id);
  await startSession(ctx.database, ctx.config, request, reply, {
    id: user.id, isStaff: session.isStaff, mfaPending: false, activeClinicId: session.activeClinicId,
  });
  await trustBrowser(ctx, request, reply, user.id);
}

export async function beginTwoFactorSetup(ctx: AppContext, request: FastifyRequest) {
  const session = requireUser(request);
  if (session.totpEnabled) throw new AppError(409, 'two-factor-on', 'Already on', 'Two-factor sign-in is already on for your account.');
  const secret = newTotpSecret();
  await ctx.database.db.update(users).set({ totpSecret: secret }).where(eq(users.id, session.userId));
  return totpEnrolment(secret, session.email);
}

export async function enableTwoFactor(ctx: AppContext, request: FastifyRequest, code: string) {
  const session = requireUser(request);
  const [user] = await ctx.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, session.userId));
  const step = user?.secret ? matchTotpStep(user.secret, code) : null;
  if (step === null) {
    throw new AppError(400, 'invalid-code', 'Wrong code', 'That code did not match. Scan the QR code again and enter the current code.',
      { errors: [{ field: 'code', message: 'Code did not match' }] });
  }
  await ctx.database.transaction(async (tx) => {
    // The code that turned it on cannot also be used to sign in.
    await tx.update(users).set({ totpEnabledAt: new Date(), totpLastStep: step }).where(eq(users.id, session.userId));
    await recordAudit(tx, request, { action: 'user.two_factor_enabled', entityType: 'user', entityId: session.userId });
  });
}

export async function disableTwoFactor(ctx: AppContext, request: FastifyRequest, password: string) {
  const session = requireUser(request);
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, session.userId));
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw new AppError(400, 'invalid-credentials', 'Password is wrong', 'Your password is not right. Please try again.',
      { errors: [{ field: 'password', message: 'Not your password' }] });
  }
  await ctx.database.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: null, totpSecret: null, totpLastStep: null }).where(eq(users.id, user.id));
    await recordAudit(tx, request, { action: 'user.two_factor_disabled', entityType: 'user', entityId: user.id });
  });
}

/** Everything the app shell needs to know about who is signed in, in one answer. */
export async function describeSession(ctx: AppContext, request: FastifyRequest): Promise<SessionResponse> {
  const s = request.session;
  if (!s) return { user: null, csrfToken: null, twoFactorPending: false, staffOf: [], clientOf: [], activeClinicId: null };
  const empty = { staffOf: [], clientOf: [] };
  const [staffOf, clientOf] = s.mfaPending
    ? [empty.staffOf, empty.clientOf]
    : await Promise.all([
        ctx.database.db
          .select({ clinicId: clinics.id, slug: clinics.slug, name: clinics.name, role: memberships.role, requireTwoFactor: clinics.requireStaffTwoFactor, receptionSeesReports: clinics.receptionSeesReports, practitionersSeeOwnTakings: clinics.practitionersSeeOwnTakings })
          .from(memberships)
          .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
          // A deactivated membership (someone who left) shows no clinic.
          .where(and(eq(memberships.userId, s.userId), isNull(memberships.deactivatedAt)))
          .orderBy(clinics.name),
        ctx.database.db
          .select({ clinicId: clinics.id, slug: clinics.slug, name: clinics.name, clientId: clients.id })
          .from(clients)
          .innerJoin(clinics, eq(clinics.id, clients.clinicId))
          .where(eq(clients.userId, s.userId))
          .orderBy(clinics.name),
      ]);
  return {
    user: s.mfaPending ? null : { id: s.userId, name: s.name, email: s.email, emailVerified: s.emailVerified, twoFactorEnabled: s.totpEnabled },
    csrfToken: s.csrfToken,
    twoFactorPending: s.mfaPending,
    staffOf: staffOf.map(({ requireTwoFactor, receptionSeesReports, practitionersSeeOwnTakings, ...m }) => ({
      ...m, mustSetUpTwoFactor: requireTwoFactor && !s.totpEnabled, seesReports: m.role === 'owner' || (m.role === 'reception' && receptionSeesReports),
      seesOwnTakings: m.role === 'practitioner' && practitionersSeeOwnTakings,
    })),
    clientOf,
    activeClinicId: s.activeClinicId,
  };
}

export async function switchClinic(ctx: AppContext, request: FastifyRequest, clinicId: string) {
  const session = requireUser(request);
  const described = await describeSession(ctx, request);
  const known = [...described.staffOf, ...described.clientOf].some((c) => c.clinicId === clinicId);
  if (!known) throw badRequest('You are not part of that clinic.', [{ field: 'clinicId', message: 'Unknown clinic' }]);
  await ctx.database.db.update(sessions).set({ activeClinicId: clinicId }).where(eq(sessions.tokenHash, session.tokenHash));
}
