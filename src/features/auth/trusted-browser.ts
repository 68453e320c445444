import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, gt } from 'drizzle-orm';
import { trustedDevices } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import type { Config } from '../../server/config.ts';
import { hashToken, newToken } from '../../server/crypto.ts';

/**
 * The trusted-browser cookie. Set after a complete sign-in (password and any code), it lets
 * that browser keep signing in to the account while strangers elsewhere have run into the
 * account-wide limit. With Secure cookies it takes the __Host- prefix (Secure, Path=/, no
 * Domain), so no other site on the domain can set or overwrite it.
 */
export const trustedBrowserCookie = (config: Pick<Config, 'cookieSecure'>) => (config.cookieSecure ? '__Host-yt_browser' : 'yt_browser');

/**
 * The hash of this browser's trusted-browser token when it is valid for `userId`, else null.
 * A cookie for another account (a shared computer) does not count.
 */
export async function trustedBrowserOf(ctx: AppContext, request: FastifyRequest, userId: string): Promise<string | null> {
  const token = request.cookies[trustedBrowserCookie(ctx.config)];
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const [row] = await ctx.database.db
    .select({ tokenHash: trustedDevices.tokenHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tokenHash, tokenHash), eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, new Date())));
  return row?.tokenHash ?? null;
}

/**
 * Marks this browser as trusted for the account after a complete sign-in: renews its
 * token's time if it already holds one for the account, otherwise issues a new one.
 */
export async function trustBrowser(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, userId: string) {
  const days = ctx.config.TRUSTED_BROWSER_DAYS;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  const known = await trustedBrowserOf(ctx, request, userId);
  let token = request.cookies[trustedBrowserCookie(ctx.config)];
  if (known) {
    await ctx.database.db.update(trustedDevices).set({ lastUsedAt: now, expiresAt }).where(eq(trustedDevices.tokenHash, known));
  } else {
    token = newToken();
    await ctx.database.db.insert(trustedDevices).values({ tokenHash: hashToken(token), userId, expiresAt });
  }
  reply.setCookie(trustedBrowserCookie(ctx.config), token!, {
    path: '/',
    httpOnly: true,
    // Only ever read by the sign-in form's own requests.
    sameSite: 'strict',
    secure: ctx.config.cookieSecure,
    maxAge: days * 86_400,
  });
}

/** Every browser of the account stops being trusted (password changed or reset). */
export async function forgetTrustedBrowsers(q: Queryable, userId: string) {
  await q.delete(trustedDevices).where(eq(trustedDevices.userId, userId));
}
