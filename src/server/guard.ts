import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { clients, clinics, memberships, type StaffRole } from '../data/schema/index.ts';
import type { Database } from '../data/db.ts';
import { AppError, forbidden, notFound, unauthorized } from './errors.ts';
import type { SessionUser } from './plugins/session.ts';

export type Role = StaffRole | 'client';

/** Who is asking, in which clinic, with which role: what every clinic route decides on. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  clinicId: string;
  clinicSlug: string;
  timeZone: string;
  role: Role;
  /** The actor's own client record in this clinic, when they are a client of it. */
  clientId: string | null;
  /** A practitioner the owner allowed to see every client's clinical record. */
  seesAllClients: boolean;
}

/** The signed-in user, once any second factor is done; 401 otherwise. */
export function requireUser(request: FastifyRequest): SessionUser {
  const session = request.session;
  if (!session || session.mfaPending) throw unauthorized();
  return session;
}

/**
 * The one guard for clinic routes. Resolves clinic, membership and client record in a
 * single query. Someone with no place in the clinic gets 404, as if the record did not
 * exist, so nothing about another clinic leaks; a member whose role is not allowed gets 403.
 */
export async function guard(
  database: Database,
  request: FastifyRequest,
  clinicSlug: string,
  allowed: readonly Role[],
): Promise<Actor> {
  const user = requireUser(request);
  const [row] = await database.db
    .select({
      clinicId: clinics.id,
      timeZone: clinics.timeZone,
      requireTwoFactor: clinics.requireStaffTwoFactor,
      role: memberships.role,
      seesAllClients: memberships.seesAllClients,
      clientId: clients.id,
    })
    .from(clinics)
    .leftJoin(memberships, and(eq(memberships.clinicId, clinics.id), eq(memberships.userId, user.userId)))
    .leftJoin(clients, and(eq(clients.clinicId, clinics.id), eq(clients.userId, user.userId)))
    .where(eq(clinics.slug, clinicSlug))
    .limit(1);
  if (!row) throw notFound('The clinic');
  const base = {
    userId: user.userId,
    name: user.name,
    email: user.email,
    clinicId: row.clinicId,
    clinicSlug,
    timeZone: row.timeZone,
    clientId: row.clientId,
    seesAllClients: row.seesAllClients ?? false,
  };
  if (row.role) {
    if (!allowed.includes(row.role)) {
      // Staff who are also clients of their own clinic may use client routes as clients.
      if (allowed.includes('client') && row.clientId) return { ...base, role: 'client' };
      throw forbidden();
    }
    if (row.requireTwoFactor && !user.totpEnabled) {
      throw new AppError(403, 'two-factor-required', 'Two-factor sign-in required',
        'This clinic requires two-factor sign-in for staff. Turn it on in your account settings to continue.');
    }
    return { ...base, role: row.role };
  }
  if (row.clientId && allowed.includes('client')) return { ...base, role: 'client' };
  throw notFound();
}

export const STAFF: readonly Role[] = ['owner', 'practitioner', 'reception'];
export const CLINICAL_STAFF: readonly Role[] = ['owner', 'practitioner'];
export const OWNER: readonly Role[] = ['owner'];

/** Cheap existence check used by tests and the guard's callers for clarity. */
export const clinicIdBySlug = (database: Database, slug: string) =>
  database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, slug)).limit(1).then((r) => r[0]?.id);

