import type { FastifyRequest } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { auditLog, clients, clinics, memberships, users, type StaffRole } from '../data/schema/index.ts';
import type { Database, Queryable } from '../data/db.ts';
import { AppError, forbidden, notFound, unauthorized } from './errors.ts';
import type { SessionUser } from './plugins/session.ts';

/**
 * The one access module: who may do what, decided in one place, and every refusal
 * audited (docs/decisions/0007-one-access-module.md). It is the only code that reads the
 * Fastify request for access (`requesterOf`); everything after it works on a `Requester`
 * (who asks, from where) or a resolved `Actor` (who asks, in which clinic, with which
 * role), so the same rules serve HTTP, the command line and background jobs.
 */

export type Role = StaffRole | 'client';

/** Someone asking, before any clinic is involved: what non-clinic services receive. */
export interface Requester {
  /** The signed-in user once any second factor is done; null for visitors. */
  userId: string | null;
  sessionUser: SessionUser | null;
  ip: string | null;
  userAgent: string | null;
  /** The record the request names (from its path), for the audit row of a refusal. */
  requested?: Requested;
  /** The clinic API key the request authenticated with (`Authorization: Bearer`), instead of a session. */
  apiKey?: ApiKeyPrincipal;
}

/** A valid, unrevoked API key of one clinic (see src/server/plugins/api-key-auth.ts). */
export interface ApiKeyPrincipal {
  id: string;
  clinicId: string;
  name: string;
  scopes: string[];
  createdBy: string | null;
}

export interface Requested {
  entityType: string;
  entityId: string | null;
}

/** Who is asking, in which clinic, with which role: what every clinic service decides on. */
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
  /** Where the request came from, for the audit log (null for jobs and the command line). */
  ip: string | null;
  userAgent: string | null;
  /** The record the request named, when there was one (for the audit row of a refusal). */
  requested?: Requested;
}

/** Why access was refused; the `reason` of an `access.denied` audit row. */
export type DenialReason = 'no-membership' | 'role' | 'not-own-record' | 'deactivated' | 'two-factor-required';

export const STAFF: readonly Role[] = ['owner', 'practitioner', 'reception'];
export const CLINICAL_STAFF: readonly Role[] = ['owner', 'practitioner'];
export const OWNER: readonly Role[] = ['owner'];

/** Path parameters that name a record, and the record type they name. */
const NAMED_RECORDS: Record<string, string> = {
  bookingId: 'booking', clientId: 'client', userId: 'membership', seriesId: 'series', entryId: 'waitlist_entry',
  reviewId: 'review', serviceId: 'service', roomId: 'room', qualificationId: 'qualification', pageId: 'content_page',
  exceptionId: 'schedule_exception', closureId: 'closure', blockId: 'booking', emailId: 'email', invitationId: 'invitation',
  pointId: 'clinic_acupoint',
  protocolId: 'clinic_protocol',
  planId: 'treatment_plan',
  invoiceId: 'invoice',
  paymentId: 'payment',
  packageTypeId: 'package_type',
  calendarId: 'busy_calendar',
  clientPackageId: 'client_package',
  endpointId: 'webhook_endpoint',
  deliveryId: 'webhook_delivery',
};

/** The one place that reads the Fastify request: who asks, from where, for which record. */
export function requesterOf(request: FastifyRequest): Requester {
  const session = request.session && !request.session.mfaPending ? request.session : null;
  return {
    userId: session?.userId ?? null,
    sessionUser: session,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    requested: requestedRecord(request.params),
    ...(request.apiKey ? { apiKey: request.apiKey } : {}),
  };
}

function requestedRecord(params: unknown): Requested | undefined {
  if (!params || typeof params !== 'object') return undefined;
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    const entityType = NAMED_RECORDS[key];
    if (entityType && typeof value === 'string') return { entityType, entityId: value.slice(0, 100) };
  }
  return undefined;
}

/** Whether `who` is a resolved Actor (rather than a Requester not yet placed in a clinic). */
export const isActor = (who: Actor | Requester): who is Actor => 'clinicId' in who && 'role' in who;

/** A requester for work that has no HTTP request (command line, jobs). */
export const systemRequester = (): Requester => ({ userId: null, sessionUser: null, ip: null, userAgent: null });

/**
 * A requester for the command line or a background job acting as a known account: no
 * session, no address. `resolveActor` then applies exactly the rules it applies over HTTP
 * (membership, role, deactivation, the clinic's two-factor requirement), and refusals are
 * audited the same way (the caller records a thrown refusal with `recordDenial`).
 */
export async function requesterForUser(database: Database, userId: string): Promise<Requester> {
  const [user] = await database.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw notFound('The account');
  return {
    userId: user.id,
    sessionUser: {
      tokenHash: '', csrfToken: '', userId: user.id, email: user.email, name: user.name, isStaff: false, mfaPending: false,
      totpEnabled: user.totpEnabledAt !== null, emailVerified: user.emailVerifiedAt !== null, activeClinicId: null,
    },
    ip: null,
    userAgent: null,
  };
}

/** The signed-in user of a request (for the sign-in edge, which works on the request itself); 401 otherwise. */
export const requireUser = (request: FastifyRequest): SessionUser => signedInUser(requesterOf(request));

/** The signed-in user, once any second factor is done; 401 otherwise. */
export function signedInUser(requester: Requester): SessionUser {
  if (!requester.sessionUser) throw unauthorized();
  return requester.sessionUser;
}

/**
 * A refusal that is audited as `access.denied`. The audit row is written outside the
 * request's transaction (which rolls back with the error): at once by `deny`, or after
 * the rollback by `recordDenial` (the HTTP error edge does so for every unrecorded one).
 */
export class AccessDenied extends AppError {
  recorded = false;
  constructor(
    base: AppError,
    readonly denial: {
      reason: DenialReason;
      clinicId: string | null;
      actorUserId: string | null;
      actorRole: Role | 'api_key' | null;
      ip: string | null;
      userAgent: string | null;
      entityType: string;
      entityId: string | null;
    },
  ) {
    super(base.status, base.code, base.title, base.detail, base.extra);
  }
}

/** Writes the refusal's audit row once, on the database handle (never in the failed transaction). */
export async function recordDenial(database: Database, error: AccessDenied) {
  if (error.recorded) return;
  error.recorded = true;
  await writeDenial(database.db, error);
}

async function writeDenial(q: Queryable, error: AccessDenied) {
  const d = error.denial;
  await q.insert(auditLog).values({
    action: 'access.denied',
    entityType: d.entityType,
    entityId: d.entityId,
    clinicId: d.clinicId,
    actorUserId: d.actorUserId,
    actorRole: d.actorRole,
    ip: d.ip,
    userAgent: d.userAgent,
    // Identifiers and flags only: never what the record holds.
    details: { reason: d.reason, status: error.status },
  });
}

/**
 * The refusal of one record to an actor who may use the clinic but not that record (a
 * client asking for another client's booking, a practitioner for a client they do not
 * treat). Answers 404, as if the record did not exist. Throw it; inside a transaction it
 * is recorded after the rollback.
 */
export function notOwnRecord(actor: Actor, entityType: string, entityId: string, what = 'The record'): AccessDenied {
  return new AccessDenied(notFound(what), {
    reason: 'not-own-record', clinicId: actor.clinicId, actorUserId: actor.userId, actorRole: actor.role,
    ip: actor.ip, userAgent: actor.userAgent, entityType, entityId,
  });
}

/**
 * A service's own refusal of something the actor's role does not allow (a practitioner
 * asking for another practitioner's diary, reception asking for screening decisions):
 * 403 with `detail`, audited as `access.denied` with reason 'role'. Throw it; the HTTP
 * error edge (or the command line's catch, via `recordDenial`) writes the row after any
 * rollback. `entity` defaults to the record the request named, else the clinic.
 */
export function refused(actor: Actor, detail: string, entity?: Requested): AccessDenied {
  const named = entity ?? actor.requested ?? { entityType: 'clinic', entityId: actor.clinicId };
  return new AccessDenied(forbidden(detail), {
    reason: 'role', clinicId: actor.clinicId, actorUserId: actor.userId, actorRole: actor.role,
    ip: actor.ip, userAgent: actor.userAgent, entityType: named.entityType, entityId: named.entityId,
  });
}

/** Records a refusal now (outside any transaction) and returns it to throw. */
export async function deny(database: Database, error: AccessDenied): Promise<AccessDenied> {
  await recordDenial(database, error);
  return error;
}

/**
 * Resolves who the requester is in the clinic, in a single query: clinic, membership and
 * client record. Someone with no place in the clinic (or whose place was deactivated) gets
 * 404, as if the clinic's records did not exist, so nothing about another clinic leaks; a
 * member whose role is not allowed gets 403; staff of a clinic that requires two-factor
 * sign-in get 403 until they turn it on. Staff who are also clients of the clinic may use
 * client routes as clients. Every refusal is audited as `access.denied`.
 */
export async function resolveActor(
  database: Database,
  requester: Requester,
  clinicSlug: string,
  allowed: readonly Role[],
): Promise<Actor> {
  if (requester.apiKey) return resolveApiKeyActor(database, requester, requester.apiKey, clinicSlug, allowed);
  const user = signedInUser(requester);
  const [row] = await database.db
    .select({
      clinicId: clinics.id,
      timeZone: clinics.timeZone,
      requireTwoFactor: clinics.requireStaffTwoFactor,
      role: memberships.role,
      deactivatedAt: memberships.deactivatedAt,
      seesAllClients: memberships.seesAllClients,
      clientId: clients.id,
    })
    .from(clinics)
    .leftJoin(memberships, and(eq(memberships.clinicId, clinics.id), eq(memberships.userId, user.userId)))
    .leftJoin(clients, and(eq(clients.clinicId, clinics.id), eq(clients.userId, user.userId)))
    .where(eq(clinics.slug, clinicSlug))
    .limit(1);
  const refuse = (base: AppError, reason: DenialReason, clinicId: string | null, role: Role | null) =>
    deny(database, new AccessDenied(base, {
      reason, clinicId, actorUserId: user.userId, actorRole: role, ip: requester.ip, userAgent: requester.userAgent,
      entityType: requester.requested?.entityType ?? 'clinic', entityId: requester.requested?.entityId ?? clinicId,
    }));
  if (!row) throw await refuse(notFound('The clinic'), 'no-membership', null, null);
  const base = {
    userId: user.userId,
    name: user.name,
    email: user.email,
    clinicId: row.clinicId,
    clinicSlug,
    timeZone: row.timeZone,
    clientId: row.clientId,
    seesAllClients: row.seesAllClients ?? false,
    ip: requester.ip,
    userAgent: requester.userAgent,
    ...(requester.requested ? { requested: requester.requested } : {}),
  };
  const asClient = row.clientId && allowed.includes('client');
  if (row.role && !row.deactivatedAt) {
    if (!allowed.includes(row.role)) {
      if (asClient) return { ...base, role: 'client' };
      throw await refuse(forbidden(), 'role', row.clinicId, row.role);
    }
    if (row.requireTwoFactor && !user.totpEnabled) {
      throw await refuse(new AppError(403, 'two-factor-required', 'Two-factor sign-in required',
        'This clinic requires two-factor sign-in for staff. Turn it on in your account settings to continue.'), 'two-factor-required', row.clinicId, row.role);
    }
    return { ...base, role: row.role };
  }
  if (asClient) return { ...base, role: 'client', seesAllClients: false };
  throw await refuse(notFound(), row.role ? 'deactivated' : 'no-membership', row.clinicId, null);
}

/** The route-side shorthand: resolve the requester of `request` in the clinic. */
export const guard = (database: Database, request: FastifyRequest, clinicSlug: string, allowed: readonly Role[]): Promise<Actor> =>
  resolveActor(database, requesterOf(request), clinicSlug, allowed);

/**
 * An API key acts in its own clinic only, with reception's reach (contact and scheduling
 * facts, never clinical records) and only while the owner who created it is still an
 * active owner. Its scopes were checked before the route ran (api-key-auth.ts). Another
 * clinic's slug is refused with 403, audited like every refusal.
 */
async function resolveApiKeyActor(database: Database, requester: Requester, key: ApiKeyPrincipal, clinicSlug: string, allowed: readonly Role[]): Promise<Actor> {
  const [row] = await database.db
    .select({ clinicId: clinics.id, timeZone: clinics.timeZone, role: memberships.role, deactivatedAt: memberships.deactivatedAt })
    .from(clinics)
    .leftJoin(memberships, and(eq(memberships.clinicId, clinics.id), eq(memberships.userId, key.createdBy ?? '00000000-0000-0000-0000-000000000000')))
    .where(eq(clinics.slug, clinicSlug))
    .limit(1);
  const ownerActive = row?.role === 'owner' && !row.deactivatedAt;
  if (!row || row.clinicId !== key.clinicId || !ownerActive || !allowed.includes('reception')) {
    const detail = row && row.clinicId !== key.clinicId ? 'This API key belongs to another clinic.'
      : !ownerActive ? 'The owner who created this API key no longer runs the clinic; ask an owner for a new key.'
        : 'API keys cannot do this.';
    throw await deny(database, new AccessDenied(forbidden(detail), {
      reason: 'role', clinicId: key.clinicId, actorUserId: key.createdBy, actorRole: 'api_key', ip: requester.ip, userAgent: requester.userAgent,
      entityType: requester.requested?.entityType ?? 'clinic', entityId: requester.requested?.entityId ?? key.clinicId,
    }));
  }
  return {
    userId: key.createdBy!,
    name: `API key “${key.name}”`,
    email: '',
    clinicId: row.clinicId,
    clinicSlug,
    timeZone: row.timeZone,
    role: 'reception',
    clientId: null,
    seesAllClients: false,
    ip: requester.ip,
    userAgent: requester.userAgent,
    ...(requester.requested ? { requested: requester.requested } : {}),
  };
}
