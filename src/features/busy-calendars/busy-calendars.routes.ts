import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema } from '../common/fields.schema.ts';
import { memberPathParams } from '../clinics/qualifications.schema.ts';
import { CLINICAL_STAFF, guard } from '../../server/access.ts';
import { busyCalendar, busyCalendarList, busyCalendarParams, newBusyCalendarBody } from './busy-calendars.schema.ts';
import * as service from './busy-calendars.service.ts';

const tags = ['Busy times'];
const base = '/clinics/:clinicSlug/members/:userId/busy-calendars';

/** A practitioner's outside calendars whose busy times block their availability (owner, or themself). */
export const busyCalendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get(base, { schema: { tags, summary: "A practitioner's outside calendars and whether each is working (owner, or themself)", params: memberPathParams, response: { 200: busyCalendarList } } },
    async (request) => service.listBusyCalendars(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId));
  app.post(base, {
    schema: {
      tags, summary: 'Add an outside calendar by its private iCalendar address; fetched at once', params: memberPathParams, body: newBusyCalendarBody,
      response: { 201: busyCalendar },
    },
  }, async (request, reply) => reply.status(201).send(await service.addBusyCalendar(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.body)));
  app.post(`${base}/:calendarId/refresh`, { schema: { tags, summary: 'Fetch an outside calendar again now', params: busyCalendarParams, response: { 200: busyCalendar } } },
    async (request) => service.refreshBusyCalendarNow(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.params.calendarId));
  app.delete(`${base}/:calendarId`, { schema: { tags, summary: 'Remove an outside calendar and its busy times', params: busyCalendarParams, response: { 200: okSchema } } },
    async (request) => {
      await service.removeBusyCalendar(ctx, await guard(ctx.database, request, request.params.clinicSlug, CLINICAL_STAFF), request.params.userId, request.params.calendarId);
      return { ok: true as const };
    });
};
