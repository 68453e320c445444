import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { clinics } from '../data/schema/index.ts';
import type { Database } from '../data/db.ts';
import type { SessionUser } from './plugins/session.ts';
import { requesterOf, signedInUser } from './access.ts';

/**
 * Kept so older call sites read as before: the decisions live in the access module
 * (src/server/access.ts). `guard(database, request, slug, roles)` is
 * `resolveActor(database, requesterOf(request), slug, roles)`.
 */
export { guard, STAFF, CLINICAL_STAFF, OWNER, type Actor, type Role } from './access.ts';

/** The signed-in user, once any second factor is done; 401 otherwise. */
export function requireUser(request: FastifyRequest): SessionUser {
  return signedInUser(requesterOf(request));
}

/** Cheap existence check used by tests and the guard's callers for clarity. */
export const clinicIdBySlug = (database: Database, slug: string) =>
  database.db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, slug)).limit(1).then((r) => r[0]?.id);
