import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema } from '../common/fields.schema.ts';
import {
  acceptedResponse, changePasswordBody, disableTwoFactorBody, forgotPasswordBody, resetPasswordBody, sessionResponse,
  signInBody, signInResponse, signUpBody, switchClinicBody, twoFactorCodeBody, twoFactorSetupResponse, verifyEmailBody,
} from './auth.schema.ts';
import * as auth from './auth.service.ts';

const tags = ['Accounts'];

/** Sign-up, sign-in, sessions, passwords and two-factor sign-in. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get('/session', { schema: { tags, summary: 'Who is signed in', response: { 200: sessionResponse } } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return auth.describeSession(ctx, request);
  });

  app.post('/sign-up', { schema: { tags, summary: 'Create an account (sends a confirmation e-mail)', body: signUpBody, response: { 202: acceptedResponse } } },
    async (request, reply) => reply.status(202).send(await auth.signUp(ctx, request, request.body)));

  app.post('/verify-email', { schema: { tags, summary: 'Confirm an e-mail address with the password chosen at sign-up, and sign in', body: verifyEmailBody, response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.verifyEmail(ctx, request, reply, request.body.token, request.body.password);
      return { ok: true as const };
    });

  app.post('/sign-in', { schema: { tags, summary: 'Sign in with e-mail and password', body: signInBody, response: { 200: signInResponse } } },
    async (request, reply) => auth.signIn(ctx, request, reply, request.body.email, request.body.password));

  app.post('/sign-in/two-factor', { schema: { tags, summary: 'Finish sign-in with a 6-digit code', body: twoFactorCodeBody, response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.completeTwoFactor(ctx, request, reply, request.body.code);
      return { ok: true as const };
    });

  app.post('/sign-out', { schema: { tags, summary: 'Sign out', response: { 200: okSchema } } }, async (request, reply) => {
    await auth.signOut(ctx, request, reply);
    return { ok: true as const };
  });

  app.post('/password/forgot', { schema: { tags, summary: 'E-mail a password reset link', body: forgotPasswordBody, response: { 202: acceptedResponse } } },
    async (request, reply) => reply.status(202).send(await auth.forgotPassword(ctx, request, request.body.email)));

  app.post('/password/reset', { schema: { tags, summary: 'Set a new password from a reset link', body: resetPasswordBody, response: { 200: okSchema } } },
    async (request) => {
      await auth.resetPassword(ctx, request, request.body.token, request.body.password);
      return { ok: true as const };
    });

  app.post('/password/change', { schema: { tags, summary: 'Change password (signs out other sessions)', body: changePasswordBody, response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.changePassword(ctx, request, reply, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    });

  app.post('/two-factor/setup', { schema: { tags, summary: 'Start turning on two-factor sign-in', response: { 200: twoFactorSetupResponse } } },
    async (request) => auth.beginTwoFactorSetup(ctx, request));

  app.post('/two-factor/enable', { schema: { tags, summary: 'Confirm the first code and turn two-factor on', body: twoFactorCodeBody, response: { 200: okSchema } } },
    async (request) => {
      await auth.enableTwoFactor(ctx, request, request.body.code);
      return { ok: true as const };
    });

  app.post('/two-factor/disable', { schema: { tags, summary: 'Turn two-factor sign-in off', body: disableTwoFactorBody, response: { 200: okSchema } } },
    async (request) => {
      await auth.disableTwoFactor(ctx, request, request.body.password);
      return { ok: true as const };
    });

  app.post('/session/clinic', { schema: { tags, summary: 'Switch the clinic shown in the app', body: switchClinicBody, response: { 200: okSchema } } },
    async (request) => {
      await auth.switchClinic(ctx, request, request.body.clinicId);
      return { ok: true as const };
    });
};
