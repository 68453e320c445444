import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { memberships, qualifications } from '../../data/schema/index.ts';
import type { AppContext } from '../../server/context.ts';
import { notFound } from '../../server/errors.ts';
import { notOwnRecord, refused, type Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import type { newQualificationBody, profileBody } from './qualifications.schema.ts';
import { photoOf, toPhotoView } from './practitioner-photos.repository.ts';

type Row = typeof qualifications.$inferSelect;
const toView = (q: Row) => ({
  id: q.id, kind: q.kind, awardingBody: q.awardingBody, title: q.title, year: q.year, membershipNumber: q.membershipNumber,
  isFacialAcupuncture: q.isFacialAcupuncture, verifiedAt: q.verifiedAt?.toISOString() ?? null,
});

/**
 * The owner manages everyone's public profile; a practitioner manages their own. Only the
 * owner verifies, because "verified by the clinic" is the clinic's word to the public.
 */
export async function profileActor(ctx: AppContext, actor: Actor, userId: string): Promise<Actor> {
  if (actor.role !== 'owner' && (actor.role !== 'practitioner' || actor.userId !== userId)) throw notOwnRecord(actor, 'membership', userId, 'The staff member');
  const [member] = await ctx.database.db.select({ role: memberships.role }).from(memberships)
    .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId)));
  if (!member) throw notFound('The staff member');
  return actor;
}

export async function listQualifications(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await profileActor(ctx, staff, userId);
  const rows = await ctx.database.db.select().from(qualifications)
    .where(and(eq(qualifications.clinicId, actor.clinicId), eq(qualifications.userId, userId)))
    .orderBy(asc(qualifications.kind), asc(qualifications.title));
  return { items: rows.map(toView) };
}

export async function addQualification(ctx: AppContext, staff: Actor, userId: string, body: z.infer<typeof newQualificationBody>) {
  const actor = await profileActor(ctx, staff, userId);
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.insert(qualifications).values({
      clinicId: actor.clinicId, userId, kind: body.kind, awardingBody: body.awardingBody, title: body.title,
      year: body.year ?? null, membershipNumber: body.membershipNumber ?? null, isFacialAcupuncture: body.isFacialAcupuncture,
    }).returning();
    await recordAudit(tx, actor, { action: 'qualification.add', entityType: 'qualification', entityId: row!.id, clinicId: actor.clinicId, actorRole: actor.role, details: { userId } });
    return toView(row!);
  });
}

export async function removeQualification(ctx: AppContext, staff: Actor, userId: string, id: string) {
  const actor = await profileActor(ctx, staff, userId);
  await ctx.database.transaction(async (tx) => {
    const [row] = await tx.delete(qualifications)
      .where(and(eq(qualifications.clinicId, actor.clinicId), eq(qualifications.userId, userId), eq(qualifications.id, id))).returning();
    if (!row) throw notFound('The qualification');
    await recordAudit(tx, actor, { action: 'qualification.remove', entityType: 'qualification', entityId: id, clinicId: actor.clinicId, actorRole: actor.role, details: { userId } });
  });
}

/** The owner records that they checked the certificate or register entry (or takes it back). */
export async function setVerification(ctx: AppContext, staff: Actor, userId: string, id: string, verified: boolean) {
  const actor = await profileActor(ctx, staff, userId);
  if (actor.role !== 'owner') throw refused(actor, 'Only the clinic owner can verify qualifications.', { entityType: 'qualification', entityId: id });
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(qualifications)
      .set(verified ? { verifiedAt: new Date(), verifiedBy: actor.userId } : { verifiedAt: null, verifiedBy: null })
      .where(and(eq(qualifications.clinicId, actor.clinicId), eq(qualifications.userId, userId), eq(qualifications.id, id))).returning();
    if (!row) throw notFound('The qualification');
    await recordAudit(tx, actor, { action: verified ? 'qualification.verify' : 'qualification.unverify', entityType: 'qualification', entityId: id, clinicId: actor.clinicId, actorRole: actor.role, details: { userId } });
    return toView(row);
  });
}

export async function getProfile(ctx: AppContext, staff: Actor, userId: string) {
  const actor = await profileActor(ctx, staff, userId);
  const [row] = await ctx.database.db.select({ userId: memberships.userId, title: memberships.title, bio: memberships.bio, yearsExperience: memberships.yearsExperience })
    .from(memberships).where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId)));
  const photo = await photoOf(ctx.database.db, actor.clinicId, userId);
  return { ...row!, photo: photo ? toPhotoView(photo) : null };
}

export async function updateProfile(ctx: AppContext, staff: Actor, userId: string, body: z.infer<typeof profileBody>) {
  const actor = await profileActor(ctx, staff, userId);
  return ctx.database.transaction(async (tx) => {
    const [row] = await tx.update(memberships).set({
      ...(body.title !== undefined ? { title: body.title || null } : {}),
      ...(body.bio !== undefined ? { bio: body.bio || null } : {}),
      ...(body.yearsExperience !== undefined ? { yearsExperience: body.yearsExperience } : {}),
    }).where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId, title: memberships.title, bio: memberships.bio, yearsExperience: memberships.yearsExperience });
    await recordAudit(tx, actor, { action: 'member.profile_update', entityType: 'membership', entityId: userId, clinicId: actor.clinicId, actorRole: actor.role, details: { fields: Object.keys(body) } });
    const photo = await photoOf(tx, actor.clinicId, userId);
    return { ...row!, photo: photo ? toPhotoView(photo) : null };
  });
}
