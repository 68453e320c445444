import { z } from 'zod';
import { line, uuidParam, plainText, multilineText } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { ONLINE_PAYMENTS, SERVICE_KINDS } from '../../data/schema/index.ts';

/** Public list of what a clinic offers online. */
export const publicService = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(SERVICE_KINDS),
  description: z.string(),
  durationMin: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
  requiresConsultation: z.boolean(),
  newClientsOnly: z.boolean(),
  practitionerIds: z.array(z.string()),
  /** Paid by card when booking online (a deposit or the full price); null when nothing is paid online, as always without the clinic's Stripe keys. */
  payOnline: z.object({ kind: z.enum(['deposit', 'full']), amountMinor: z.number().int() }).nullable(),
});
export const publicServiceList = z.object({ items: z.array(publicService) });

export const publicPractitioner = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  yearsExperience: z.number().int().nullable(),
  serviceIds: z.array(z.string()),
});
export const publicPractitionerList = z.object({ items: z.array(publicPractitioner) });

export const availabilityQuery = z.object({
  serviceId: uuidParam,
  /** Omit for "any qualified practitioner": each start once, practitioner assigned. */
  practitionerId: uuidParam.optional(),
  /** A local date (`2027-03-29`, whole days) or an ISO-8601 instant. */
  from: z.string().trim().min(10).max(40),
  /** Inclusive local date or exclusive instant; a week after `from` when omitted; at most 62 days after it. */
  to: z.string().trim().min(10).max(40).optional(),
});
export const availabilityResponse = z.object({
  timeZone: z.string(),
  slots: z.array(z.object({ start: z.iso.datetime(), end: z.iso.datetime(), practitionerId: z.string() })),
  /**
   * Only to a signed-in client whose health answers limit online booking of this service:
   * the earliest date they can be offered, or `callClinic` (no times: please call).
   */
  screening: z.object({ earliestDate: z.string().nullable(), callClinic: z.boolean() }).optional(),
});

// ---- Owner set-up ----------------------------------------------------------------------

const minutes = (max: number) => z.number().int().min(0).max(max);

/** Everything the owner sets on a service. */
/** A service's fields without defaults, so a partial update leaves unnamed fields alone. */
const serviceFields = {
  name: line(120),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens').min(3).max(60),
  kind: z.enum(SERVICE_KINDS),
  description: multilineText(5000),
  durationMin: z.number().int().min(5).max(480),
  /** Price in minor units (pence) of the clinic's currency. */
  priceMinor: z.number().int().min(0).max(10_000_000),
  bufferBeforeMin: minutes(120),
  bufferAfterMin: minutes(120),
  bookableOnline: z.boolean(),
  requiresConsultation: z.boolean(),
  newClientsOnly: z.boolean(),
  /** Asked when booking online, if the clinic takes card payments online: nothing, a deposit (`depositMinor`) or the full price. */
  onlinePayment: z.enum(ONLINE_PAYMENTS),
  /** The deposit in minor units, with `onlinePayment: deposit`; otherwise null. */
  depositMinor: z.number().int().min(1).max(10_000_000).nullable(),
  /** The kind of room the service needs (matches rooms' `kind`), or null for none. */
  roomKind: plainText(40).min(1).nullable(),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(1000),
  practitionerIds: z.array(uuidParam).max(100),
};
export const serviceBody = z.strictObject({
  ...serviceFields,
  description: serviceFields.description.default(''),
  bufferBeforeMin: serviceFields.bufferBeforeMin.default(0),
  bufferAfterMin: serviceFields.bufferAfterMin.default(0),
  bookableOnline: serviceFields.bookableOnline.default(true),
  requiresConsultation: serviceFields.requiresConsultation.default(false),
  newClientsOnly: serviceFields.newClientsOnly.default(false),
  onlinePayment: serviceFields.onlinePayment.default('none'),
  depositMinor: serviceFields.depositMinor.default(null),
  roomKind: serviceFields.roomKind.default(null),
  active: serviceFields.active.default(true),
  sortOrder: serviceFields.sortOrder.default(0),
  practitionerIds: serviceFields.practitionerIds.default([]),
});
// Zod 4's .partial() keeps .default()s, which would reset every field a PATCH leaves out.
export const updateServiceBody = z.strictObject(serviceFields).partial();
export const staffService = publicService.extend({
  bufferBeforeMin: z.number().int(),
  bufferAfterMin: z.number().int(),
  bookableOnline: z.boolean(),
  onlinePayment: z.enum(ONLINE_PAYMENTS),
  depositMinor: z.number().int().nullable(),
  roomKind: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  /** In the list: who may be booked for it (facial: a verified facial qualification, unless the clinic turned that rule off). */
  bookablePractitionerIds: z.array(z.string()).optional(),
});
export const staffServiceList = z.object({ items: z.array(staffService) });
export const serviceParams = clinicSlugParams.extend({ serviceId: uuidParam });

const roomFields = { name: line(80), kind: plainText(40).min(1), active: z.boolean(), sortOrder: z.number().int().min(0).max(1000) };
export const roomBody = z.strictObject({ ...roomFields, active: roomFields.active.default(true), sortOrder: roomFields.sortOrder.default(0) });
export const updateRoomBody = z.strictObject(roomFields).partial();
export const room = z.object({ id: z.string(), name: z.string(), kind: z.string(), active: z.boolean(), sortOrder: z.number().int() });
export const roomList = z.object({ items: z.array(room) });
export const roomParams = clinicSlugParams.extend({ roomId: uuidParam });

/** `HH:MM` wall-clock time, `24:00` allowed as an end. */
export const timeField = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM, e.g. 09:30');
export const intervalField = z.object({ start: timeField, end: timeField })
  .refine((v) => v.start < v.end, { message: 'The end must be after the start', path: ['end'] });

/** A week of working hours: per weekday (0 = Sunday), the intervals worked; a break is a gap. */
export const weeklyHoursBody = z.strictObject({
  days: z.array(z.object({ weekday: z.number().int().min(0).max(6), intervals: z.array(intervalField).max(8) })).max(7)
    .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, 'Each weekday at most once')
    .refine((days) => days.every((d) => {
      const sorted = [...d.intervals].sort((a, b) => (a.start < b.start ? -1 : 1));
      return sorted.every((iv, i) => i === 0 || sorted[i - 1]!.end <= iv.start);
    }), 'Intervals of one day must not overlap'),
});
export const weeklyHours = z.object({ days: z.array(z.object({ weekday: z.number().int(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) })) });
export const practitionerParams = clinicSlugParams.extend({ userId: uuidParam });

export const dateField = z.iso.date({ message: 'Use a date such as 2027-03-29' });

export const exceptionBody = z.strictObject({
  kind: z.enum(['time_off', 'extra_hours']),
  startDate: dateField,
  /** Last day, inclusive; the start date when omitted. */
  endDate: dateField.optional(),
  /** Part of each day only; whole days when omitted (time off only). */
  start: timeField.optional(),
  end: timeField.optional(),
  note: plainText(200).optional(),
}).refine((v) => (v.start === undefined) === (v.end === undefined), { message: 'Give both start and end, or neither', path: ['end'] })
  .refine((v) => v.start === undefined || v.end === undefined || v.start < v.end, { message: 'The end must be after the start', path: ['end'] })
  .refine((v) => v.kind === 'time_off' || v.start !== undefined, { message: 'Extra hours need a start and an end', path: ['start'] })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { message: 'The last day must not be before the first', path: ['endDate'] })
  .refine((v) => !v.endDate || (Date.parse(v.endDate) - Date.parse(v.startDate)) / 86_400_000 <= 366, { message: 'At most a year at a time', path: ['endDate'] });
export const exception = z.object({
  id: z.string(), kind: z.enum(['time_off', 'extra_hours']), startDate: z.string(), endDate: z.string(),
  start: z.string().nullable(), end: z.string().nullable(), note: z.string().nullable(),
});
export const exceptionList = z.object({ items: z.array(exception) });
export const exceptionParams = practitionerParams.extend({ exceptionId: uuidParam });

export const closureBody = z.strictObject({ date: dateField, name: line(80) });
export const closure = z.object({ date: z.string(), name: z.string() });
export const closureList = z.object({ items: z.array(closure) });
export const closureParams = clinicSlugParams.extend({ date: dateField });

/** Only the origin of a site (scheme, host, port), e.g. https://www.example-clinic.co.uk. */
const originField = z.url({ protocol: /^https?$/, message: 'Use a web address such as https://www.example.com' })
  .transform((v) => new URL(v).origin);

export const bookingSettingsBody = z.strictObject({
  minimumNoticeMin: z.number().int().min(0).max(60 * 24 * 14).optional(),
  horizonDays: z.number().int().min(1).max(730).optional(),
  slotStepMin: z.number().int().refine((v) => [5, 10, 15, 20, 30, 60].includes(v), 'Use 5, 10, 15, 20, 30 or 60').optional(),
  cancellationWindowHours: z.number().int().min(0).max(720).optional(),
  reminderLeadMin: z.number().int().min(0).max(10080).optional(),
  widgetOrigins: z.array(originField).max(20).optional(),
  /** Facial services only with practitioners whose facial qualification the owner verified. */
  requireVerifiedFacialQualification: z.boolean().optional(),
});
export const bookingSettings = z.object({
  minimumNoticeMin: z.number().int(),
  horizonDays: z.number().int(),
  slotStepMin: z.number().int(),
  cancellationWindowHours: z.number().int(),
  reminderLeadMin: z.number().int(),
  widgetOrigins: z.array(z.string()),
  requireVerifiedFacialQualification: z.boolean(),
});
