import type { FastifyReply, FastifyRequest } from 'fastify';
import { startSession } from '../../server/plugins/session.ts';
import { and, asc, eq, gt, ilike, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { clinics, invitations, memberships, practitionerPhotos, users } from '../../data/schema/index.ts';
import { photoPath } from '../../domain/photos/photo-files.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../server/errors.ts';
import { requesterOf, signedInUser, type Actor, type Requester } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken } from '../../server/crypto.ts';
import { hashPassword } from '../auth/password.ts';
import { refuseCommonPassword } from '../auth/password-policy.ts';
import type { RegisterClinicBody, updateClinicBody, acceptInvitationBody, updateMemberBody } from './clinics.schema.ts';

const detailColumns = {
  id: clinics.id, slug: clinics.slug, name: clinics.name, town: clinics.town, postcode: clinics.postcode, timeZone: clinics.timeZone,
  addressLine1: clinics.addressLine1, addressLine2: clinics.addressLine2, latitude: clinics.latitude, longitude: clinics.longitude,
  phone: clinics.phone, email: clinics.email, website: clinics.website, description: clinics.description,
  hygieneStatement: clinics.hygieneStatement, currency: clinics.currency,
};

/** Cursor pagination over clinic slugs (stable and unique), optionally by town. */
export async function listClinics(ctx: AppContext, query: { limit: number; cursor?: string; town?: string }) {
  const conditions = [query.cursor ? gt(clinics.slug, decodeCursor(query.cursor)) : undefined, query.town ? ilike(clinics.town, escapeLike(query.town)) : undefined];
  const rows = await ctx.database.db
    .select({ id: clinics.id, slug: clinics.slug, name: clinics.name, town: clinics.town, postcode: clinics.postcode, timeZone: clinics.timeZone })
    .from(clinics)
    .where(and(...conditions.filter((c) => c !== undefined)))
    .orderBy(asc(clinics.slug))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  return { items, next: more ? encodeCursor(items[items.length - 1]!.slug) : null };
}

const encodeCursor = (slug: string) => Buffer.from(slug).toString('base64url');
function decodeCursor(cursor: string) {
  const slug = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) throw badRequest('The cursor is not valid; start again from the first page.', [{ field: 'cursor', message: 'Invalid cursor' }]);
  return slug;
}
const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => '\\' + c);

export async function getClinic(ctx: AppContext, slug: string) {
  const [row] = await ctx.database.db.select(detailColumns).from(clinics).where(eq(clinics.slug, slug));
  if (!row) throw notFound('The clinic');
  return row;
}

/** Registers a clinic; the signed-in person becomes its owner. */
export async function registerClinic(ctx: AppContext, requester: Requester, body: RegisterClinicBody) {
  const user = signedInUser(requester);
  return ctx.database.transaction(async (tx) => {
    const [taken] = await tx.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, body.slug));
    if (taken) throw new AppError(409, 'slug-taken', 'Address already in use', 'Another clinic already uses that web address. Please choose another.', { errors: [{ field: 'slug', message: 'Already taken' }] });
    const [clinic] = await tx.insert(clinics).values({ ...body, phone: body.phone ?? null, addressLine2: body.addressLine2 ?? null }).returning(detailColumns);
    await tx.insert(memberships).values({ clinicId: clinic!.id, userId: user.userId, role: 'owner' });
    await recordAudit(tx, requester, { action: 'clinic.register', entityType: 'clinic', entityId: clinic!.id, clinicId: clinic!.id, actorRole: 'owner' });
    return clinic!;
  });
}

export async function getClinicSettings(ctx: AppContext, actor: Actor) {
  const [row] = await ctx.database.db.select({ ...detailColumns, requireStaffTwoFactor: clinics.requireStaffTwoFactor, receptionSeesReports: clinics.receptionSeesReports, practitionersSeeOwnTakings: clinics.practitionersSeeOwnTakings }).from(clinics).where(eq(clinics.id, actor.clinicId));
  return row!;
}

export async function updateClinic(ctx: AppContext, actor: Actor, body: z.infer<typeof updateClinicBody>) {
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(clinics).set(body).where(eq(clinics.id, actor.clinicId))
      .returning({ ...detailColumns, requireStaffTwoFactor: clinics.requireStaffTwoFactor, receptionSeesReports: clinics.receptionSeesReports, practitionersSeeOwnTakings: clinics.practitionersSeeOwnTakings });
    await recordAudit(tx, actor, { action: 'clinic.update', entityType: 'clinic', entityId: actor.clinicId, clinicId: actor.clinicId, actorRole: actor.role, details: { fields: Object.keys(body) } });
    return row!;
  });
}

const thumbnailOf = (hash: string | null) => (hash ? photoPath(hash, 160) : null);

export async function listMembers(ctx: AppContext, actor: Actor) {
  const rows = await ctx.database.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, seesAllClients: memberships.seesAllClients, totp: users.totpEnabledAt, photoHash: practitionerPhotos.hash, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(practitionerPhotos, and(eq(practitionerPhotos.clinicId, memberships.clinicId), eq(practitionerPhotos.practitionerId, memberships.userId)))
    .where(eq(memberships.clinicId, actor.clinicId))
    .orderBy(asc(users.name));
  return { items: rows.map(({ totp, photoHash, deactivatedAt, ...r }) => ({ ...r, twoFactorEnabled: totp !== null, photoThumbnailUrl: thumbnailOf(photoHash), deactivatedAt: deactivatedAt?.toISOString() ?? null })) };
}

export async function updateMember(ctx: AppContext, actor: Actor, userId: string, body: z.infer<typeof updateMemberBody>) {
  return ctx.database.transaction(async (tx) => {
    if (body.role && body.role !== 'owner' && userId === actor.userId) {
      const owners = await tx.select({ u: memberships.userId }).from(memberships).where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.role, 'owner')));
      if (owners.length <= 1) throw conflict('last-owner', 'A clinic needs at least one owner. Make someone else an owner first.');
    }
    const [row] = await tx.update(memberships).set(body).where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId))).returning();
    if (!row) throw notFound('The staff member');
    await recordAudit(tx, actor, { action: 'member.update', entityType: 'membership', entityId: userId, clinicId: actor.clinicId, actorRole: actor.role, details: body });
    const [person] = await tx.select({ name: users.name, email: users.email, totp: users.totpEnabledAt, photoHash: practitionerPhotos.hash }).from(users)
      .leftJoin(practitionerPhotos, and(eq(practitionerPhotos.clinicId, actor.clinicId), eq(practitionerPhotos.practitionerId, users.id)))
      .where(eq(users.id, userId));
    return {
      userId, name: person!.name, email: person!.email, role: row.role, seesAllClients: row.seesAllClients, twoFactorEnabled: person!.totp !== null,
      photoThumbnailUrl: thumbnailOf(person!.photoHash), deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
    };
  });
}

/** Invites someone to the clinic's staff; the e-mail carries a single-use link valid for 7 days. */
async function findInvitation(ctx: AppContext, token: string) {
  const [row] = await ctx.database.db
    .select({ invite: invitations, clinicName: clinics.name, clinicSlug: clinics.slug })
    .from(invitations)
    .innerJoin(clinics, eq(clinics.id, invitations.clinicId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())));
  if (!row) throw new AppError(404, 'invalid-token', 'Invitation not found', 'This invitation has expired or has already been used. Ask the clinic to send a new one.');
  return row;
}

export async function previewInvitation(ctx: AppContext, token: string) {
  const row = await findInvitation(ctx, token);
  const [user] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, row.invite.email));
  return { clinicName: row.clinicName, clinicSlug: row.clinicSlug, email: row.invite.email, role: row.invite.role, hasAccount: !!user };
}

/**
 * Accepts an invitation. Someone with an account must be signed in as the invited address;
 * someone new creates the account here (the link proves the address, so it counts as verified).
 */
export async function acceptInvitation(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, body: z.infer<typeof acceptInvitationBody>) {
  const row = await findInvitation(ctx, body.token);
  const [existing] = await ctx.database.db.select().from(users).where(eq(users.email, row.invite.email));
  let userId: string;
  if (!existing && body.password) await refuseCommonPassword(body.password, 'body.password');
  const passwordHash = !existing && body.password ? await hashPassword(body.password) : undefined;
  await ctx.database.transaction(async (tx) => {
    if (existing) {
      const session = signedInUser(requesterOf(request));
      if (session.userId !== existing.id) throw new AppError(403, 'wrong-account', 'Wrong account', `This invitation is for ${row.invite.email}. Sign in with that address to accept it.`);
      userId = existing.id;
    } else {
      if (!body.name || !passwordHash) throw badRequest('Enter your name and choose a password to create your account.', [
        ...(body.name ? [] : [{ field: 'name', message: 'Enter your name' }]),
        ...(passwordHash ? [] : [{ field: 'password', message: 'Choose a password' }]),
      ]);
      const [u] = await tx.insert(users).values({ email: row.invite.email, name: body.name, passwordHash, emailVerifiedAt: new Date() }).returning({ id: users.id });
      userId = u!.id;
    }
    const [claimed] = await tx.update(invitations).set({ acceptedAt: new Date() })
      .where(and(eq(invitations.clinicId, row.invite.clinicId), eq(invitations.id, row.invite.id), isNull(invitations.acceptedAt))).returning();
    if (!claimed) throw new AppError(409, 'invalid-token', 'Invitation already used', 'This invitation has already been used.');
    await tx.insert(memberships).values({ clinicId: row.invite.clinicId, userId, role: row.invite.role }).onConflictDoNothing();
    await recordAudit(tx, request, { action: 'member.join', entityType: 'membership', entityId: userId, actorUserId: userId, clinicId: row.invite.clinicId, actorRole: row.invite.role });
  });
  if (!existing) {
    // The new account is proven by the link: sign the person straight in, as staff.
    await startSession(ctx.database, ctx.config, request, reply, { id: userId!, isStaff: true, mfaPending: false, activeClinicId: row.invite.clinicId });
  }
  return { clinicSlug: row.clinicSlug, createdAccount: !existing };
}
