import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { clients, clinics, emailTokens, memberships, sessions, users } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, tooManyRequests, unauthorized } from '../../server/errors.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { recordAudit } from '../../server/audit.ts';
import { countEvent, peekEvents } from '../../server/rate-limit.ts';
import { clearSessionCookie, revokeAllSessions, revokeSession, startSession } from '../../server/plugins/session.ts';
import { requireUser } from '../../server/guard.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts';
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
  const passwordHash = await hashPassword(body.password);
  await ctx.database.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id, name: users.name, verified: users.emailVerifiedAt }).from(users).where(eq(users.email, body.email));
    if (existing && !existing.verified) {
      // Signing up again before confirming is how people ask for a new link.
      await sendVerification(ctx, tx, { id: existing.id, email: body.email, name: existing.name }, clinic?.id ?? null);
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
    await sendVerification(ctx, tx, { id: user!.id, email: body.email, name: body.name }, clinic?.id ?? null);
    await recordAudit(tx, request, { action: 'user.sign_up', entityType: 'user', entityId: user!.id, actorUserId: user!.id, clinicId: clinic?.id });
  });
  return { message: CHECK_EMAIL };
}

async function sendVerification(ctx: AppContext, q: Queryable, user: { id: string; email: string; name: string }, clinicId: string | null) {
  const token = newToken();
  await q.insert(emailTokens).values({
    tokenHash: hashToken(token),
    purpose: 'verify_email',
    userId: user.id,
    clinicId,
    expiresAt: new Date(Date.now() + VERIFY_TTL_MS),
  });
  await enqueueEmail(q, {
    to: user.email,
    clinicId,
    subject: 'Confirm your e-mail address',
    ...renderEmail({
      greeting: user.name,
      paragraphs: ['Please confirm your e-mail address to finish creating your Yintang account. The link works for 48 hours.'],
      action: { label: 'Confirm my e-mail address', url: `${ctx.config.publicUrl}/app/verify-email?token=${token}` },
      footer: 'If you did not sign up, you can ignore this e-mail.',
    }),
  });
}

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
  if (!row) {
    throw new AppError(400, 'invalid-token', 'Link expired or already used',
      'This link has expired or has already been used. Please ask for a new one.');
  }
  return row;
}

/** Confirms the address, links the person to the clinic they signed up from, and signs them in. */
export async function verifyEmail(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string) {
  const user = await ctx.database.transaction(async (tx) => {
    const { userId, clinicId } = await consumeToken(tx, token, 'verify_email');
    const [u] = await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId)).returning();
    if (clinicId) await linkClientRecord(tx, clinicId, u!);
    await linkClientRecordsByEmail(tx, u!);
    await recordAudit(tx, request, { action: 'user.verify_email', entityType: 'user', entityId: userId, actorUserId: userId, clinicId });
    return u!;
  });
  const staff = await isStaffAnywhere(ctx, user.id);
  await startSession(ctx.database, ctx.config, request, reply, {
    id: user.id, isStaff: staff, mfaPending: staff && user.totpEnabledAt !== null, activeClinicId: null,
  });
}

/**
 * Makes the person a client of the clinic: links an existing client record with the same
 * address (someone first booked by phone), or creates one. Only after the address is
 * verified, so nobody can claim another person's records.
 */
async function linkClientRecord(q: Queryable, clinicId: string, user: { id: string; email: string; name: string }) {
  await q
    .insert(clients)
    .values({ clinicId, userId: user.id, name: user.name, email: user.email })
    .onConflictDoUpdate({ target: [clients.clinicId, clients.email], set: { userId: user.id } });
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
  const rows = await ctx.database.db.select({ c: memberships.clinicId }).from(memberships).where(eq(memberships.userId, userId)).limit(1);
  return rows.length > 0;
}

async function limitPerIp(ctx: AppContext, request: FastifyRequest, bucket: string, perHour: number) {
  const state = await countEvent(ctx.database.db, `${bucket}:ip:${request.ip}`, HOUR);
  if (state.count > perHour) throw tooManyRequests(state.retryAfterSec);
}

const WRONG_CREDENTIALS = () =>
  new AppError(401, 'invalid-credentials', 'Sign-in failed', 'That e-mail address and password do not match. Please try again.');

/**
 * Password sign-in with lock-out: after SIGNIN_MAX_FAILURES failures for one account or
 * one IP address within 15 minutes, further attempts get 429 until the window ends. The
 * same answer is given for an unknown address and a wrong password.
 */
export async function signIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, email: string, password: string) {
  const max = ctx.config.SIGNIN_MAX_FAILURES;
  const keys = [`signin-fail:email:${email}`, `signin-fail:ip:${request.ip}`];
  const states = await Promise.all(keys.map((k) => peekEvents(ctx.database.db, k, SIGNIN_WINDOW_SEC)));
  const blocked = states.find((s) => s.count >= max);
  if (blocked) throw tooManyRequests(blocked.retryAfterSec);

  const [user] = await ctx.database.db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) {
    await Promise.all(keys.map((k) => countEvent(ctx.database.db, k, SIGNIN_WINDOW_SEC)));
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
  await recordAudit(ctx.database.db, request, { action: 'user.sign_in', entityType: 'user', entityId: user.id, actorUserId: user.id });
  return { twoFactorRequired };
}

/** Second step of sign-in for accounts with two-factor on. Failures count like wrong passwords. */
export async function completeTwoFactor(ctx: AppContext, request: FastifyRequest, code: string) {
  const session = request.session;
  if (!session?.mfaPending) throw unauthorized();
  const key = `signin-fail:email:${session.email}`;
  const state = await peekEvents(ctx.database.db, key, SIGNIN_WINDOW_SEC);
  if (state.count >= ctx.config.SIGNIN_MAX_FAILURES) throw tooManyRequests(state.retryAfterSec);
  const [user] = await ctx.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, session.userId));
  if (!user?.secret || !verifyTotp(user.secret, code)) {
    await countEvent(ctx.database.db, key, SIGNIN_WINDOW_SEC);
    throw new AppError(401, 'invalid-code', 'Wrong code', 'That code did not match. Check your authenticator app and try again.');
  }
  await ctx.database.db.update(sessions).set({ mfaPending: false }).where(eq(sessions.tokenHash, session.tokenHash));
  await recordAudit(ctx.database.db, request, { action: 'user.two_factor_passed', entityType: 'user', entityId: session.userId });
}

export async function signOut(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  if (request.session) {
    await revokeSession(ctx.database, request.session.tokenHash);
    await recordAudit(ctx.database.db, request, { action: 'user.sign_out', entityType: 'user', entityId: request.session.userId });
  }
  clearSessionCookie(reply, ctx.config);
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

/** Sets a new password from a reset link and signs out every session of the account. */
export async function resetPassword(ctx: AppContext, request: FastifyRequest, token: string, password: string) {
  const passwordHash = await hashPassword(password);
  await ctx.database.transaction(async (tx) => {
    const { userId } = await consumeToken(tx, token, 'reset_password');
    // A reset link proves control of the address, so it also confirms it.
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, request, { action: 'user.password_reset', entityType: 'user', entityId: userId, actorUserId: userId });
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
  const passwordHash = await hashPassword(next);
  await ctx.database.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, request, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
  await revokeAllSessions(ctx.database, user.id);
  await startSession(ctx.database, ctx.config, request, reply, {
    id: user.id, isStaff: session.isStaff, mfaPending: false, activeClinicId: session.activeClinicId,
  });
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
  if (!user?.secret || !verifyTotp(user.secret, code)) {
    throw new AppError(400, 'invalid-code', 'Wrong code', 'That code did not match. Scan the QR code again and enter the current code.',
      { errors: [{ field: 'code', message: 'Code did not match' }] });
  }
  await ctx.database.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, session.userId));
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
    await tx.update(users).set({ totpEnabledAt: null, totpSecret: null }).where(eq(users.id, user.id));
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
          .select({ clinicId: clinics.id, slug: clinics.slug, name: clinics.name, role: memberships.role, requireTwoFactor: clinics.requireStaffTwoFactor })
          .from(memberships)
          .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
          .where(eq(memberships.userId, s.userId))
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
    staffOf: staffOf.map(({ requireTwoFactor, ...m }) => ({ ...m, mustSetUpTwoFactor: requireTwoFactor && !s.totpEnabled })),
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
