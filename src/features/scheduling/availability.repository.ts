import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clinicBookingSettings, clinics, services } from '../../data/schema/index.ts';

/** The booking rules a clinic uses when it has not set its own (the column defaults). */
export const DEFAULT_BOOKING_SETTINGS = {
  minimumNoticeMin: 120,
  horizonDays: 84,
  slotStepMin: 15,
  cancellationWindowHours: 24,
  reminderLeadMin: 1440,
  widgetOrigins: [] as string[],
  /** Facial services only with practitioners whose facial qualification the owner verified. */
  requireVerifiedFacialQualification: true,
};
export type BookingSettings = typeof DEFAULT_BOOKING_SETTINGS;

export const clinicColumns = {
  id: clinics.id, slug: clinics.slug, name: clinics.name, timeZone: clinics.timeZone, currency: clinics.currency,
  email: clinics.email, phone: clinics.phone, addressLine1: clinics.addressLine1, town: clinics.town, postcode: clinics.postcode,
};
export type ClinicInfo = { id: string; slug: string; name: string; timeZone: string; currency: string; email: string; phone: string | null; addressLine1: string; town: string; postcode: string };
export type ServiceRow = typeof services.$inferSelect;

/**
 * The clinic, its booking settings and one service, in one query: the first step of
 * every availability and booking request. `service` is null when the id is not the clinic's.
 */
export async function loadClinicAndService(q: Queryable, where: { slug: string } | { clinicId: string }, serviceId: string | null) {
  const [row] = await q
    .select({ clinic: clinicColumns, settings: clinicBookingSettings, service: services })
    .from(clinics)
    .leftJoin(clinicBookingSettings, eq(clinicBookingSettings.clinicId, clinics.id))
    .leftJoin(services, and(eq(services.clinicId, clinics.id), eq(services.id, serviceId ?? sql`null::uuid`)))
    .where('slug' in where ? eq(clinics.slug, where.slug) : eq(clinics.id, where.clinicId))
    .limit(1);
  if (!row) return undefined;
  const s = row.settings;
  const settings: BookingSettings = s
    ? { minimumNoticeMin: s.minimumNoticeMin, horizonDays: s.horizonDays, slotStepMin: s.slotStepMin, cancellationWindowHours: s.cancellationWindowHours, reminderLeadMin: s.reminderLeadMin, widgetOrigins: s.widgetOrigins, requireVerifiedFacialQualification: s.requireVerifiedFacialQualification }
    : DEFAULT_BOOKING_SETTINGS;
  return { clinic: row.clinic as ClinicInfo, settings, service: row.service };
}
