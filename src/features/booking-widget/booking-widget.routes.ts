import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { clinics } from '../../data/schema/index.ts';
import { clientDir } from '../../server/web.ts';
import { AppError, notFound } from '../../server/errors.ts';
import { requesterOf } from '../../server/access.ts';
import { reconcileBookingPayment } from '../money/booking-payment.service.ts';
import { PaidPage } from '../../web/widget/paid-page.tsx';
import { listPublicPractitioners, listPublicServices } from '../scheduling/setup.service.ts';
import { servicesGivenBy } from '../../domain/scheduling/practitioner-services.ts';
import { BookPage } from '../../web/widget/book-page.tsx';
import { widgetClinic, widgetClinicParams } from './booking-widget.schema.ts';
import { loaderScript } from './loader-script.ts';
import { widgetAllowedFrom } from '../scheduling/widget-origins.ts';

/** The widget's entry in Vite's manifest (its path relative to `src/web`). */
const WIDGET_ENTRY = 'widget/widget.tsx';

interface ManifestEntry {
  file: string;
  imports?: string[];
}

/**
 * The built widget: the entry module and every chunk it imports (React-free Preact code,
 * shared helpers). These are the only files served under /widget/assets, with CORS open
 * to any site, because a clinic's own website loads them as cross-origin modules.
 */
function readWidgetBuild() {
  const file = path.join(clientDir, '.vite/manifest.json');
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestEntry>;
  const entry = manifest[WIDGET_ENTRY];
  if (!entry) return undefined;
  const files = new Set<string>();
  const visit = (key: string) => {
    const e = manifest[key];
    if (!e || files.has(path.basename(e.file))) return;
    files.add(path.basename(e.file));
    for (const i of e.imports ?? []) visit(i);
  };
  visit(WIDGET_ENTRY);
  return { module: `/widget/assets/${path.basename(entry.file)}`, files };
}

const pageParams = z.object({ clinicSlug: z.string().max(100) });
/** Read leniently: an odd value is ignored, never an error page. */
const pageQuery = z.object({
  practitioner: z.string().uuid().optional().catch(undefined),
  /** A service's id or slug to open on (e.g. from a waiting-list e-mail). */
  service: z.string().max(100).optional().catch(undefined),
  /** A local date to show first, and a local time to offer first on it. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T12:00:00Z`))).optional().catch(undefined),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional().catch(undefined),
});

/**
 * The booking widget's server side: each clinic's booking page (server-rendered, with a
 * tiny island that loads the widget when someone starts booking), the stable
 * `/widget.js` a clinic pastes into its own website, the widget's built files, and the
 * few public facts about a clinic the widget shows before the first step.
 */
export const bookingWidgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const build = readWidgetBuild();

  // The clinic's allowed widget sites may show this page in a frame (frame-ancestors); its
  // island script carries this answer's nonce.
  app.get('/clinics/:clinicSlug/book', { schema: { hide: true, params: pageParams }, config: { frameAncestors: 'clinic-widget-sites', cspNonce: true } }, async (request, reply) => {
    const [clinic] = await ctx.database.db.select().from(clinics).where(eq(clinics.slug, request.params.clinicSlug));
    if (!clinic) return app.renderNotFound(request, reply);
    const { items } = await listPublicServices(ctx, clinic.slug);
    // From a practitioner's profile: them, and only what they give. An address naming
    // someone who does not book online here is read as no choice (every service).
    const query = pageQuery.safeParse(request.query).data ?? {};
    const asked = query.practitioner;
    const practitioner = asked ? (await listPublicPractitioners(ctx, clinic.slug)).items.find((p) => p.id === asked) : undefined;
    const services = servicesGivenBy(items, practitioner?.id);
    // Opening on a service (and a day and time), as the waiting list's e-mail asks; an
    // unknown service is read as no choice.
    const chosen = query.service ? services.find((s) => s.id === query.service || s.slug === query.service) : undefined;
    const preselect = chosen && { serviceId: chosen.id, date: query.date, time: query.date ? query.time : undefined };
    return app.renderPage(reply, BookPage({
      clinic, services, practitioner: practitioner && { id: practitioner.id, name: practitioner.name }, preselect, widgetModule: build?.module, nonce: reply.cspNonce?.script,
    }), {
      title: `Book at ${clinic.name}`,
      description: `Book a free consultation or a treatment at ${clinic.name}, ${clinic.town}, at a time that suits you.`,
      canonical: `${ctx.config.publicUrl}/clinics/${clinic.slug}/book`,
    });
  });

  // Where Stripe's payment page sends the client back: records the payment if its webhook has not come yet.
  app.get('/clinics/:clinicSlug/book/paid', { schema: { hide: true, params: pageParams, querystring: z.object({ session: z.string().max(200).optional() }) } }, async (request, reply) => {
    const [clinic] = await ctx.database.db.select().from(clinics).where(eq(clinics.slug, request.params.clinicSlug));
    const sessionId = request.query.session;
    if (!clinic || !sessionId) return app.renderNotFound(request, reply);
    let state;
    try {
      state = await reconcileBookingPayment(ctx, requesterOf(request), clinic.id, sessionId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return app.renderNotFound(request, reply);
      throw error;
    }
    reply.header('Cache-Control', 'no-store');
    return app.renderPage(reply, PaidPage({ clinic, state }), { title: `Your booking at ${clinic.name}`, description: `Your booking and payment at ${clinic.name}.` });
  });

  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    // A stable address: short caching, so a new build reaches clinics' sites within minutes.
    reply.header('Cache-Control', 'public, max-age=300');
    reply.type('text/javascript; charset=utf-8');
    if (!build) return reply.status(503).send('console.warn("Yintang: the booking widget has not been built yet.");');
    return reply.send(loaderScript(build.module));
  });

  app.get('/widget/assets/:file', { schema: { hide: true, params: z.object({ file: z.string().regex(/^[\w.-]+\.js$/) }) } }, async (request, reply) => {
    if (!build?.files.has(request.params.file)) return app.renderNotFound(request, reply);
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return reply.type('text/javascript; charset=utf-8').send(readFileSync(path.join(clientDir, 'assets', request.params.file)));
  });

  app.get('/widget/clinics/:clinicSlug', {
    schema: { tags: ['Booking'], summary: 'What the booking widget shows about a clinic (public, any origin)', params: widgetClinicParams, response: { 200: widgetClinic } },
  }, async (request, reply) => {
    const [c] = await ctx.database.db.select().from(clinics).where(eq(clinics.slug, request.params.clinicSlug));
    if (!c) throw notFound('The clinic');
    const siteAllowed = await widgetAllowedFrom(ctx.database, c.slug, request.headers.origin, new URL(ctx.config.publicUrl).origin);
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cache-Control', 'public, max-age=300');
    // The answer depends on the asking site: caches must keep one copy per origin.
    reply.header('Vary', 'Origin');
    return {
      slug: c.slug, name: c.name, phone: c.phone, email: c.email, timeZone: c.timeZone, currency: c.currency,
      siteAllowed, bookingPageUrl: `${ctx.config.publicUrl}/clinics/${c.slug}/book`,
    };
  });
};
