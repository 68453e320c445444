import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { clinics, services } from '../../data/schema/index.ts';
import { HomePage } from '../../web/public/pages/home-page.tsx';
import { ClinicPage } from '../../web/public/pages/clinic-page.tsx';
import { listPublicPractitioners } from './site.repository.ts';

/** Server-rendered public pages: readable without JavaScript and indexable. */
export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, config } = app.ctx;

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const rows = await database.db
      .select({ slug: clinics.slug, name: clinics.name, town: clinics.town, postcode: clinics.postcode, description: clinics.description })
      .from(clinics)
      .orderBy(asc(clinics.name))
      .limit(100);
    return app.renderPage(reply, HomePage({ clinics: rows }), {
      title: 'Find a qualified facial acupuncturist',
      description: 'Find a qualified facial acupuncturist at a safe, registered clinic near you, and book a free consultation.',
      canonical: `${config.publicUrl}/`,
    });
  });

  app.get('/clinics/:clinicSlug', { schema: { hide: true, params: z.object({ clinicSlug: z.string().max(100) }) } }, async (request, reply) => {
    const [clinic] = await database.db.select().from(clinics).where(eq(clinics.slug, request.params.clinicSlug));
    if (!clinic) return app.renderNotFound(request, reply);
    const [serviceRows, practitioners] = await Promise.all([
      database.db.select().from(services).where(eq(services.clinicId, clinic.id)).orderBy(asc(services.sortOrder), asc(services.name)),
      listPublicPractitioners(database.db, clinic.id),
    ]);
    return app.renderPage(reply, ClinicPage({ clinic, services: serviceRows.filter((s) => s.active), practitioners }), {
      title: `${clinic.name}, ${clinic.town}`,
      description: clinic.description?.slice(0, 160) ?? `${clinic.name} in ${clinic.town}: facial acupuncture, acupuncture and massage.`,
      canonical: `${config.publicUrl}/clinics/${clinic.slug}`,
    });
  });
};
