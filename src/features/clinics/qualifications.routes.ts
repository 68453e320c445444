import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema } from '../common/fields.schema.ts';
import {
  memberPathParams, newQualificationBody, profile, profileBody, qualification, qualificationList, qualificationParams, verificationBody,
} from './qualifications.schema.ts';
import * as service from './qualifications.service.ts';
import { CLINICAL_STAFF, guard } from '../../server/access.ts';

const tags = ['Staff profiles'];
const base = '/clinics/:clinicSlug/members/:userId';

/** Practitioners' public profiles and the qualifications the owner verifies. */
export const qualificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(`${base}/qualifications`, { schema: { tags, summary: "A practitioner's qualifications (owner, or themself)", params: memberPathParams, response: { 200: qualificationList } } },
    async (request) => service.listQualifications(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId));
  app.post(`${base}/qualifications`, { schema: { tags, summary: 'Add a qualification or membership (unverified)', params: memberPathParams, body: newQualificationBody, response: { 201: qualification } } },
    async (request, reply) => reply.status(201).send(await service.addQualification(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.body)));
  app.delete(`${base}/qualifications/:qualificationId`, { schema: { tags, summary: 'Remove a qualification', params: qualificationParams, response: { 200: okSchema } } },
    async (request) => {
      await service.removeQualification(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.params.qualificationId);
      return { ok: true as const };
    });
  app.post(`${base}/qualifications/:qualificationId/verification`, { schema: { tags, summary: 'Mark verified by the clinic, or not (owner)', params: qualificationParams, body: verificationBody, response: { 200: qualification } } },
    async (request) => service.setVerification(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.params.qualificationId, request.body.verified));
  app.get(`${base}/profile`, { schema: { tags, summary: "A practitioner's public profile text", params: memberPathParams, response: { 200: profile } } },
    async (request) => service.getProfile(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId));
  app.patch(`${base}/profile`, { schema: { tags, summary: "Change a practitioner's title, experience or bio (owner, or themself)", params: memberPathParams, body: profileBody, response: { 200: profile } } },
    async (request) => service.updateProfile(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.body));
};
