import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import {
  availabilityQuery, availabilityResponse, bookingSettings, bookingSettingsBody, closure, closureBody, closureList, closureParams,
  exception, exceptionBody, exceptionList, exceptionParams, practitionerParams, publicPractitionerList, publicServiceList, room, roomBody,
  roomList, roomParams, serviceBody, serviceParams, staffService, staffServiceList, updateRoomBody, updateServiceBody, weeklyHours, weeklyHoursBody,
} from './scheduling.schema.ts';
import { availabilityBytes } from './availability-cache.ts';
import { chooseEncoding, PRECOMPRESSED } from '../site/page-cache.ts';
import * as setup from './setup.service.ts';
import { signedInWait } from '../screening/screening.service.ts';
import { guard, OWNER, requesterOf, STAFF } from '../../server/access.ts';
import { addVary } from '../../server/vary.ts';
import { rememberingValidatorCompiler } from '../../server/memo-validator.ts';

const tags = ['Booking'];
const setupTags = ['Clinic set-up'];
const noContent = { 204: z.null() };

/** What the booking widget reads: services, practitioners and free slots (public, CORS for the clinic's sites). */
export const publicSchedulingRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  app.get('/clinics/:clinicSlug/services', { schema: { tags, summary: 'Services bookable online (public)', params: clinicSlugParams, response: { 200: publicServiceList } } },
    async (request) => setup.listPublicServices(ctx, request.params.clinicSlug));
  app.get('/clinics/:clinicSlug/practitioners', { schema: { tags, summary: 'Practitioners who can be booked online (public)', params: clinicSlugParams, response: { 200: publicPractitionerList } } },
    async (request) => setup.listPublicPractitioners(ctx, request.params.clinicSlug));
  app.get('/clinics/:clinicSlug/availability', {
    schema: {
      tags, params: clinicSlugParams, querystring: availabilityQuery, response: { 200: availabilityResponse },
      summary: 'Free slots of a service, for one practitioner or any (public)',
      description: '`from`/`to` are local dates of the clinic (whole days, `to` inclusive) or ISO-8601 instants (`to` exclusive); at most 62 days. Slots are UTC instants sorted by start.',
    },
    // Sends its own compressed bodies, made once per cached answer.
    ...PRECOMPRESSED,
    // A widget asks for the same address again and again: its path and query are checked once.
    validatorCompiler: rememberingValidatorCompiler,
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Sent as computed once per clinic version, already in the response schema's shape and
    // encoded: nothing to validate, serialise or compress per request.
    const { body, encoding } = await availabilityBytes(ctx, request.params.clinicSlug, request.query,
      chooseEncoding(request.headers['accept-encoding']), request.session ? signedInWait(ctx, requesterOf(request)) : undefined);
    if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
    // Bytes with a JSON content type are sent as they are (the schema still documents them).
    addVary(reply, 'Accept-Encoding');
    return reply.type('application/json; charset=utf-8').send(body as never);
  });
};

/** The owner's set-up of services, rooms, hours, time off, closures and booking rules. */
export const schedulingSetupRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const base = '/clinics/:clinicSlug/settings';

  app.get(`${base}/services`, { schema: { tags: setupTags, summary: 'All services with their set-up (staff)', params: clinicSlugParams, response: { 200: staffServiceList } } },
    async (request) => setup.listServicesForStaff(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));
  app.post(`${base}/services`, { schema: { tags: setupTags, summary: 'Add a service (owner)', params: clinicSlugParams, body: serviceBody, response: { 201: staffService } } },
    async (request, reply) => reply.status(201).send(await setup.createService(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body)));
  app.patch(`${base}/services/:serviceId`, { schema: { tags: setupTags, summary: 'Change a service (owner)', params: serviceParams, body: updateServiceBody, response: { 200: staffService } } },
    async (request) => setup.updateService(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.serviceId, request.body));
  app.delete(`${base}/services/:serviceId`, { schema: { tags: setupTags, summary: 'Retire a service: no longer bookable, kept on past bookings (owner)', params: serviceParams, response: { 200: staffService } } },
    async (request) => setup.retireService(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.serviceId));

  app.get(`${base}/rooms`, { schema: { tags: setupTags, summary: 'Rooms (staff)', params: clinicSlugParams, response: { 200: roomList } } },
    async (request) => setup.listRooms(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));
  app.post(`${base}/rooms`, { schema: { tags: setupTags, summary: 'Add a room (owner)', params: clinicSlugParams, body: roomBody, response: { 201: room } } },
    async (request, reply) => reply.status(201).send(await setup.createRoom(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body)));
  app.patch(`${base}/rooms/:roomId`, { schema: { tags: setupTags, summary: 'Change a room (owner)', params: roomParams, body: updateRoomBody, response: { 200: room } } },
    async (request) => setup.updateRoom(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.roomId, request.body));
  app.delete(`${base}/rooms/:roomId`, { schema: { tags: setupTags, summary: 'Remove a room (made inactive if it has bookings) (owner)', params: roomParams, response: noContent } },
    async (request, reply) => {
      await setup.removeRoom(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.roomId);
      return reply.status(204).send(null);
    });

  app.get(`${base}/practitioners/:userId/hours`, { schema: { tags: setupTags, summary: "A practitioner's weekly hours (staff)", params: practitionerParams, response: { 200: weeklyHours } } },
    async (request) => setup.getWeeklyHours(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId));
  app.put(`${base}/practitioners/:userId/hours`, { schema: { tags: setupTags, summary: "Replace a practitioner's weekly hours; breaks are gaps (owner)", params: practitionerParams, body: weeklyHoursBody, response: { 200: weeklyHours } } },
    async (request) => setup.setWeeklyHours(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId, request.body));
  app.get(`${base}/practitioners/:userId/exceptions`, { schema: { tags: setupTags, summary: 'Upcoming time off and extra hours (staff)', params: practitionerParams, response: { 200: exceptionList } } },
    async (request) => setup.listExceptions(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId));
  app.post(`${base}/practitioners/:userId/exceptions`, { schema: { tags: setupTags, summary: 'Add time off (owner or the practitioner) or extra hours (owner)', params: practitionerParams, body: exceptionBody, response: { 201: exception } } },
    async (request, reply) => reply.status(201).send(await setup.addException(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId, request.body)));
  app.delete(`${base}/practitioners/:userId/exceptions/:exceptionId`, { schema: { tags: setupTags, summary: 'Remove time off or extra hours', params: exceptionParams, response: noContent } },
    async (request, reply) => {
      await setup.removeException(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF), request.params.userId, request.params.exceptionId);
      return reply.status(204).send(null);
    });

  app.get(`${base}/closures`, { schema: { tags: setupTags, summary: 'Upcoming clinic closures (staff)', params: clinicSlugParams, response: { 200: closureList } } },
    async (request) => setup.listClosures(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));
  app.post(`${base}/closures`, { schema: { tags: setupTags, summary: 'Close the clinic on a date, e.g. a bank holiday (owner)', params: clinicSlugParams, body: closureBody, response: { 201: closure } } },
    async (request, reply) => reply.status(201).send(await setup.addClosure(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body)));
  app.delete(`${base}/closures/:date`, { schema: { tags: setupTags, summary: 'Reopen a closed date (owner)', params: closureParams, response: noContent } },
    async (request, reply) => {
      await setup.removeClosure(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.params.date);
      return reply.status(204).send(null);
    });

  app.get(`${base}/booking`, { schema: { tags: setupTags, summary: 'Booking rules: notice, horizon, slot step, cancellation window, reminders, widget origins (staff)', params: clinicSlugParams, response: { 200: bookingSettings } } },
    async (request) => setup.getBookingSettings(ctx, await guard(ctx.database, request, request.params.clinicSlug, STAFF)));
  app.patch(`${base}/booking`, { schema: { tags: setupTags, summary: 'Change the booking rules (owner)', params: clinicSlugParams, body: bookingSettingsBody, response: { 200: bookingSettings } } },
    async (request) => setup.updateBookingSettings(ctx, await guard(ctx.database, request, request.params.clinicSlug, OWNER), request.body));
};
