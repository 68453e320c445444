import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import compress from '@fastify/compress';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../data/db.ts';
import type { Config } from './config.ts';
import { fileClock } from './context.ts';
import { registerErrorHandling, sendProblem } from './plugins/errors.ts';
import { registerSessions } from './plugins/session.ts';
import { registerApiKeyAuth } from './plugins/api-key-auth.ts';
import { apiKeyRoutes } from '../features/api-keys/api-keys.routes.ts';
import { webhookRoutes } from '../features/webhooks/webhooks.routes.ts';
import { busyCalendarRoutes } from '../features/busy-calendars/busy-calendars.routes.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { PROBLEM_BASE } from './errors.ts';
import { openApiDefinition, completeContract } from './openapi/contract.ts';
import { lazyDocs, lazySwagger } from './openapi/lazy-docs.ts';
import { registerWeb } from './web.ts';
import { secretRedactingLogOptions } from './log-redaction.ts';
import { authRoutes } from '../features/auth/auth.routes.ts';
import { clinicRoutes } from '../features/clinics/clinics.routes.ts';
import { qualificationRoutes } from '../features/clinics/qualifications.routes.ts';
import { practitionerMediaRoutes, practitionerPhotoRoutes } from '../features/clinics/practitioner-photos.routes.ts';
import { clinicImageRoutes, clinicMediaRoutes } from '../features/clinics/clinic-images.routes.ts';
import { clientRoutes } from '../features/clients/clients.routes.ts';
import { outboxRoutes } from '../features/notifications/outbox.routes.ts';
import { healthRoutes } from '../features/health/health.routes.ts';
import { siteRoutes } from '../features/site/site.routes.ts';
import { onlineVoucherRoutes } from '../features/money/online-vouchers.routes.ts';
import { directoryApiRoutes } from '../features/directory/directory.routes.ts';
import { bookingRoutes, widgetApi } from '../features/booking/booking.routes.ts';
import { schedulingSetupRoutes } from '../features/scheduling/scheduling.routes.ts';
import { diaryRoutes } from '../features/diary/diary.routes.ts';
import { atAGlanceRoutes } from '../features/reports/at-a-glance.routes.ts';
import { practiceReportRoutes } from '../features/reports/practice-report.routes.ts';
import { calendarFeedStatusRoutes } from '../features/diary/calendar-feed-status.ts';
import { reviewRoutes } from '../features/reviews/reviews.routes.ts';
import { contentPageRoutes } from '../features/content/content-pages.routes.ts';
import { waitlistRoutes } from '../features/waitlist/waitlist.routes.ts';
import { auditRoutes } from '../features/audit/audit.routes.ts';
import { intakeRoutes } from '../features/intake/intake.routes.ts';
import { screeningRoutes } from '../features/screening/screening.routes.ts';
import { bookingWidgetRoutes } from '../features/booking-widget/booking-widget.routes.ts';
import { consentRoutes } from '../features/consent/consent.routes.ts';
import { aftercareRoutes } from '../features/aftercare/aftercare.routes.ts';
import { myDataRoutes } from '../features/my-data/my-data.routes.ts';
import { acupointRoutes } from '../features/acupoints/acupoints.routes.ts';
import { protocolRoutes } from '../features/protocols/protocols.routes.ts';
import { clinicalRecordRoutes } from '../features/clinical-record/clinical-record.routes.ts';
import { noteRoutes } from '../features/notes/notes.routes.ts';
import { planRoutes } from '../features/plans/plans.routes.ts';
import { outcomeRoutes } from '../features/outcomes/outcomes.routes.ts';
import { moneyRoutes } from '../features/money/money.routes.ts';
import { outcomeReportRoutes } from '../features/outcomes/outcome-report.routes.ts';
import { systemRoutes } from '../features/system/system.routes.ts';
import { progressPhotoRoutes } from '../features/progress-photos/progress-photos.routes.ts';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

/** Fields that must never reach a log line. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * Builds the whole application without listening: infrastructure first (errors, cookies,
 * sessions, OpenAPI), then features, then the web pages. Tests call this directly.
 */
export async function buildApp({ config, database, logger }: BuildAppOptions) {
  const app = Fastify({
    logger: logger ?? { level: config.LOG_LEVEL, redact: REDACT, ...secretRedactingLogOptions },
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  // A test clock only ever under NODE_ENV=test (end-to-end tests move the diary's "now").
  app.decorate('ctx', { database, config, ...(config.NODE_ENV === 'test' && config.TEST_CLOCK_FILE ? { now: fileClock(config.TEST_CLOCK_FILE) } : {}) });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await registerSecurityHeaders(app, config, database);
  await app.register(cookie);
  await app.register(formbody);
  // Pages and API answers (tens of KB) are compressed in one call rather than through a
  // zlib stream, whose setup costs more than the work at these sizes (about 1.5 ms a page).
  await app.register(compress, { threshold: 1024, syncThreshold: 128 * 1024 });
  // The document's builder and the reference page load on first use (openapi/lazy-docs.ts).
  await app.register(lazySwagger, {
    openapi: openApiDefinition(config),
    transform: jsonSchemaTransform,
    // The contract around the generated shapes (operationIds, security, errors), in one place.
    transformObject: (document) => completeContract('openapiObject' in document ? document.openapiObject : document.swaggerObject),
  });
  lazyDocs(app, '/api/docs');
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerSessions(app, database, config);
  registerApiKeyAuth(app, database);

  await app.register(healthRoutes);
  await app.register(async (api) => {
    await api.register(authRoutes, { prefix: '/auth' });
    await api.register(clinicRoutes);
    await api.register(qualificationRoutes);
    await api.register(busyCalendarRoutes);
    await api.register(practitionerPhotoRoutes);
    await api.register(clinicImageRoutes);
    await api.register(clientRoutes);
    await api.register(outboxRoutes);
    await api.register(directoryApiRoutes);
    await api.register(widgetApi);
    await api.register(bookingRoutes);
    await api.register(schedulingSetupRoutes);
    await api.register(diaryRoutes);
    await api.register(atAGlanceRoutes);
    await api.register(practiceReportRoutes);
    await api.register(calendarFeedStatusRoutes);
    await api.register(waitlistRoutes);
    await api.register(reviewRoutes);
    await api.register(contentPageRoutes);
    await api.register(auditRoutes);
    await api.register(intakeRoutes);
    await api.register(consentRoutes);
    await api.register(aftercareRoutes);
    await api.register(myDataRoutes);
    await api.register(screeningRoutes);
    await api.register(acupointRoutes);
    await api.register(protocolRoutes);
    await api.register(clinicalRecordRoutes);
    await api.register(noteRoutes);
    await api.register(planRoutes);
    await api.register(outcomeRoutes);
    await api.register(moneyRoutes);
    await api.register(outcomeReportRoutes);
    await api.register(systemRoutes);
    await api.register(apiKeyRoutes);
    await api.register(webhookRoutes);
    await api.register(progressPhotoRoutes);
  }, { prefix: '/api/v1' });

  await app.register(siteRoutes);
  await app.register(onlineVoucherRoutes);
  await app.register(practitionerMediaRoutes);
  await app.register(clinicMediaRoutes);
  await app.register(bookingWidgetRoutes);
  await registerWeb(app);

  app.setNotFoundHandler((request, reply) => {
    const wantsHtml = !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsHtml) return app.renderNotFound(request, reply);
    return sendProblem(reply, {
      type: PROBLEM_BASE + 'not-found',
      title: 'Not found',
      status: 404,
      detail: `There is nothing at ${request.method} ${request.url.split('?')[0]}.`,
      instance: request.url.split('?')[0],
    });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
