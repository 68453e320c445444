import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import { sessions, users } from '../../data/schema/index.ts';
import type { Database } from '../../data/db.ts';
import type { Config } from '../config.ts';
import { hashToken, newToken } from '../crypto.ts';
import { forbidden } from '../errors.ts';
import { classifyDatabaseFault } from '../../data/db-faults.ts';

/**
 * The session cookie's name: with Secure cookies it takes the __Host- prefix (Secure,
 * Path=/, no Domain), so no other site on the domain can set or overwrite it; on plain
 * http (localhost) browsers refuse __Host- cookies, so it is `yt_session` there.
 */
export const sessionCookieName = (config: Pick<Config, 'cookieSecure'>) => (config.cookieSecure ? '__Host-yt_session' : 'yt_session');
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser {
  tokenHash: string;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  isStaff: boolean;
  mfaPending: boolean;
  totpEnabled: boolean;
  emailVerified: boolean;
  activeClinicId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. Set before any handler runs. */
    session: SessionUser | null;
  }
}

/** Only refresh the idle deadline once a minute, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Loads the session named by the cookie (one query), enforces idle and absolute
 * time-outs, and checks the CSRF token on every cookie-authenticated write.
 */
export function registerSessions(app: FastifyInstance, database: Database, config: Config) {
  app.decorateRequest('session', null);

  // Callback hooks, so a request without the cookie (every visitor of a public page) costs
  // no promise; only a request that carries one loads its session.
  const cookieName = sessionCookieName(config);
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[cookieName];
    if (!token) return done();
    loadSession(request, token).then(() => done(), done);
  });

  async function loadSession(request: FastifyRequest, token: string) {
    const tokenHash = hashToken(token);
    const [row] = await database.db
      .select({ s: sessions, u: { id: users.id, email: users.email, name: users.name, totpEnabledAt: users.totpEnabledAt, emailVerifiedAt: users.emailVerifiedAt } })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash))
      .limit(1);
    if (!row) return;
    const now = Date.now();
    if (row.s.idleExpiresAt.getTime() <= now || row.s.absoluteExpiresAt.getTime() <= now) {
      await database.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      return;
    }
    if (now - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const idle = idleMinutes(config, row.s.isStaff);
      await database.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now), idleExpiresAt: new Date(Math.min(now + idle * 60_000, row.s.absoluteExpiresAt.getTime())) })
        .where(eq(sessions.tokenHash, tokenHash))
        // On a full disk the touch cannot be saved; reading must still work, so it waits for the next request.
        .catch((error: unknown) => {
          if (classifyDatabaseFault(error) !== 'disk-full') throw error;
        });
    }
    request.session = {
      tokenHash,
      csrfToken: row.s.csrfToken,
      userId: row.u.id,
      email: row.u.email,
      name: row.u.name,
      isStaff: row.s.isStaff,
      mfaPending: row.s.mfaPending,
      totpEnabled: row.u.totpEnabledAt !== null,
      emailVerified: row.u.emailVerifiedAt !== null,
      activeClinicId: row.s.activeClinicId,
    };
  }

  // CSRF: a write that carries the session cookie must also carry the session's token,
  // which a cross-site page cannot read. Forms posted by server-rendered pages send it as
  // the `_csrf` field.
  app.addHook('preHandler', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.cookies[cookieName]) return done();
    try {
      checkCsrf(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  function checkCsrf(request: FastifyRequest) {
    // Routes that store and change nothing (the public "Is it right for me?" check) opt out.
    if ((request.routeOptions.config as { csrfExempt?: boolean } | undefined)?.csrfExempt) return;
    if (!request.session) return; // an expired cookie authenticates nothing
    const body = request.body as Record<string, unknown> | undefined;
    const sent = request.headers[CSRF_HEADER] ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (sent !== request.session.csrfToken) {
      throw forbidden('This request is missing its security token. Reload the page and try again.');
    }
  }

  app.addHook('onClose', async () => {
    await database.db.delete(sessions).where(lt(sessions.absoluteExpiresAt, new Date()))
      // Tidying only: a database that is away or full must not stop a shutdown.
      .catch((error: unknown) => {
        if (!classifyDatabaseFault(error)) throw error;
      });
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function idleMinutes(config: Config, isStaff: boolean) {
  return isStaff ? config.STAFF_SESSION_IDLE_MIN : config.CLIENT_SESSION_IDLE_MIN;
}

/** Creates a session row and sets its cookie. */
export async function startSession(
  database: Database,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; isStaff: boolean; mfaPending: boolean; activeClinicId: string | null },
) {
  const token = newToken();
  const now = Date.now();
  const idle = idleMinutes(config, user.isStaff);
  const maxHours = user.isStaff ? config.STAFF_SESSION_MAX_HOURS : config.CLIENT_SESSION_MAX_HOURS;
  const absolute = now + maxHours * 3_600_000;
  await database.db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    isStaff: user.isStaff,
    mfaPending: user.mfaPending,
    activeClinicId: user.activeClinicId,
    idleExpiresAt: new Date(Math.min(now + idle * 60_000, absolute)),
    absoluteExpiresAt: new Date(absolute),
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
  });
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    maxAge: maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure });
}

/** Revokes every session of a user (sign-out everywhere, password change). */
export async function revokeAllSessions(database: Database, userId: string) {
  await database.db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function revokeSession(database: Database, tokenHash: string) {
  await database.db.delete(sessions).where(and(eq(sessions.tokenHash, tokenHash)));
}
