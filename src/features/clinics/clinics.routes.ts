import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitationBody, clinicDetail, clinicListQuery, clinicListResponse, clinicSettings, clinicSlugParams, invitationPreview,
  invitationResponse, inviteBody, member, memberList, memberParams, registerClinicBody, updateClinicBody, updateMemberBody,
} from './clinics.schema.ts';
import * as clinics from './clinics.service.ts';
import * as leaving from './staff-deactivation.service.ts';
import * as invites from './invitations.service.ts';
import { deactivationResponse, futureBookingsResponse, invitationParams, pendingInvitationList } from './clinics.schema.ts';
import { guard, OWNER, requesterOf, STAFF } from '../../server/access.ts';

const tags = ['Clinics'];

/** The public directory, clinic registration and settings, staff and invitations. */
export const clinicRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/clinics', { schema: { tags, summary: 'Directory of clinics (public, paged)', querystring: clinicListQuery, response: { 200: clinicListResponse } } },
    async (request) => clinics.listClinics(ctx, request.query));

  app.post('/clinics', { schema: { tags, summary: 'Register a new clinic; you become its owner', body: registerClinicBody, response: { 201: clinicDetail } } },
    async (request, reply) => reply.status(201).send(await clinics.registerClinic(ctx, requesterOf(request), request.body)));

  app.get('/clinics/:clinicSlug', { schema: { tags, summary: 'A clinic (public)', params: clinicSlugParams, response: { 200: clinicDetail } } },
    async (request) => clinics.getClinic(ctx, request.params.clinicSlug));

  app.get('/clinics/:clinicSlug/settings', { schema: { tags, summary: 'Clinic settings (staff)', params: clinicSlugParams, response: { 200: clinicSettings } } },
    async (request) => clinics.getClinicSettings(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));

  app.patch('/clinics/:clinicSlug/settings', { schema: { tags, summary: 'Change clinic settings (owner)', params: clinicSlugParams, body: updateClinicBody, response: { 200: clinicSettings } } },
    async (request) => clinics.updateClinic(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body));

  app.get('/clinics/:clinicSlug/members', { schema: { tags, summary: 'Staff of the clinic', params: clinicSlugParams, response: { 200: memberList } } },
    async (request) => clinics.listMembers(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));

  app.patch('/clinics/:clinicSlug/members/:userId', { schema: { tags, summary: "Change a staff member's role or access (owner)", params: memberParams, body: updateMemberBody, response: { 200: member } } },
    async (request) => clinics.updateMember(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.userId, request.body));

  app.post('/clinics/:clinicSlug/invitations', { schema: { tags, summary: 'Invite someone to the staff (owner)', params: clinicSlugParams, body: inviteBody, response: { 201: invitationResponse } } },
    async (request, reply) => reply.status(201).send(await invites.inviteStaff(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body.email, request.body.role)));

  app.get('/clinics/:clinicSlug/invitations', { schema: { tags, summary: 'Invitations waiting to be accepted (owner)', params: clinicSlugParams, response: { 200: pendingInvitationList } } },
    async (request) => invites.listPendingInvitations(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER)));

  app.post('/clinics/:clinicSlug/invitations/:invitationId/resend', { schema: { tags, summary: 'Send an invitation again with a new link (owner)', params: invitationParams, response: { 200: invitationResponse } } },
    async (request) => invites.resendInvitation(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.invitationId));

  app.delete('/clinics/:clinicSlug/invitations/:invitationId', { schema: { tags, summary: 'Withdraw an invitation (owner)', params: invitationParams } },
    async (request, reply) => {
      await invites.withdrawInvitation(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.invitationId);
      return reply.status(204).send();
    });

  app.get('/invitations/:token', { schema: { tags, summary: 'What an invitation is for', params: z.object({ token: z.string().min(20).max(100) }), response: { 200: invitationPreview } } },
    async (request) => clinics.previewInvitation(ctx, request.params.token));

  app.post('/invitations/accept', { schema: { tags, summary: 'Accept an invitation', body: acceptInvitationBody, response: { 200: z.object({ clinicSlug: z.string(), createdAccount: z.boolean() }) } } },
    async (request, reply) => clinics.acceptInvitation(ctx, request, reply, request.body));

  app.post('/clinics/:clinicSlug/members/:userId/deactivation', { schema: { tags, summary: 'Deactivate a staff member who left: sessions end, no access, no calendar feed (owner)', params: memberParams, response: { 200: deactivationResponse } } },
    async (request) => leaving.deactivateMember(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.userId));

  app.delete('/clinics/:clinicSlug/members/:userId/deactivation', { schema: { tags, summary: 'Reactivate a staff member (owner)', params: memberParams, response: { 200: deactivationResponse } } },
    async (request) => leaving.reactivateMember(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.userId));

  app.get('/clinics/:clinicSlug/members/:userId/future-bookings', { schema: { tags, summary: "A staff member's upcoming bookings, to reassign (staff)", params: memberParams, response: { 200: futureBookingsResponse } } },
    async (request) => leaving.futureBookingsOf(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId));
};
