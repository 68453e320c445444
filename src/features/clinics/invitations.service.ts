import { and, desc, eq, isNull } from 'drizzle-orm';
import { clinics, invitations, memberships, users, type StaffRole } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import type { Actor } from '../../server/access.ts';
import { conflict, notFound } from '../../server/errors.ts';
import { recordAudit } from '../../server/audit.ts';
import { hashToken, newToken } from '../../server/crypto.ts';
import { enqueueEmail } from '../notifications/outbox.repository.ts';
import { renderEmail } from '../notifications/email-template.ts';

/**
 * Staff invitations: sent, listed while they wait, sent again with a fresh link, or
 * withdrawn. Only a link's hash is stored, so sending again means a new link; the old one
 * stops working at once. Every function takes the owner's resolved actor.
 */

const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export const roleLabel = (role: StaffRole) => ({ owner: 'an owner', practitioner: 'a practitioner', reception: 'reception staff' })[role];

/** Invites someone to the staff: a new invitation and its e-mail, in one transaction. */
export async function inviteStaff(ctx: AppContext, actor: Actor, email: string, role: StaffRole) {
  return ctx.database.transaction(async (tx) => {
    const [already] = await tx.select({ u: memberships.userId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, actor.clinicId), eq(users.email, email)));
    if (already) throw conflict('already-member', 'That person is already on your staff.');
    const token = newToken();
    const [invite] = await tx.insert(invitations).values({
      clinicId: actor.clinicId, email, role, tokenHash: hashToken(token), invitedBy: actor.userId, expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    }).returning();
    await sendInvitationEmail(ctx, tx, actor, { email, role }, token);
    await recordAudit(tx, actor, { action: 'member.invite', entityType: 'invitation', entityId: invite!.id, details: { role } });
    return { id: invite!.id, email, role, expiresAt: invite!.expiresAt.toISOString() };
  });
}

/** Invitations not yet accepted, newest first; expired ones too, so they can be sent again. */
export async function listPendingInvitations(ctx: AppContext, actor: Actor, now = new Date()) {
  const rows = await ctx.database.db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, invitedByName: users.name })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.clinicId, actor.clinicId), isNull(invitations.acceptedAt)))
    .orderBy(desc(invitations.createdAt));
  return {
    items: rows.map((r) => ({
      id: r.id, email: r.email, role: r.role, invitedByName: r.invitedByName,
      sentAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), expired: r.expiresAt <= now,
    })),
  };
}

/** Sends a waiting invitation again: a new link valid for 7 days; the previous link stops working. */
export async function resendInvitation(ctx: AppContext, actor: Actor, invitationId: string) {
  return ctx.database.transaction(async (tx) => {
    const invite = await pendingInvitation(tx, actor, invitationId);
    const token = newToken();
    const [updated] = await tx.update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITE_TTL_MS), createdAt: new Date() })
      .where(and(eq(invitations.clinicId, actor.clinicId), eq(invitations.id, invitationId)))
      .returning();
    await sendInvitationEmail(ctx, tx, actor, invite, token);
    await recordAudit(tx, actor, { action: 'member.invite_resent', entityType: 'invitation', entityId: invitationId, details: { role: invite.role } });
    return { id: invitationId, email: invite.email, role: invite.role, expiresAt: updated!.expiresAt.toISOString() };
  });
}

/** Withdraws a waiting invitation: its link stops working. The audit log keeps that it was sent. */
export async function withdrawInvitation(ctx: AppContext, actor: Actor, invitationId: string) {
  await ctx.database.transaction(async (tx) => {
    const invite = await pendingInvitation(tx, actor, invitationId);
    await tx.delete(invitations).where(and(eq(invitations.clinicId, actor.clinicId), eq(invitations.id, invitationId)));
    await recordAudit(tx, actor, { action: 'member.invite_withdrawn', entityType: 'invitation', entityId: invitationId, details: { role: invite.role } });
  });
}

async function pendingInvitation(q: Queryable, actor: Actor, invitationId: string) {
  const [invite] = await q.select().from(invitations)
    .where(and(eq(invitations.clinicId, actor.clinicId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .for('update');
  if (!invite) throw notFound('The invitation');
  return invite;
}

async function sendInvitationEmail(ctx: AppContext, q: Queryable, actor: Actor, invite: { email: string; role: StaffRole }, token: string) {
  const [clinic] = await q.select({ name: clinics.name }).from(clinics).where(eq(clinics.id, actor.clinicId));
  await enqueueEmail(q, {
    clinicId: actor.clinicId,
    to: invite.email,
    subject: `${clinic!.name} has invited you to join Yintang`,
    ...renderEmail({
      paragraphs: [
        `${actor.name} has invited you to join ${clinic!.name} on Yintang as ${roleLabel(invite.role)}.`,
        'The link works for 7 days.',
      ],
      action: { label: 'Accept the invitation', url: `${ctx.config.publicUrl}/app/accept-invite?token=${token}` },
    }),
  });
}
