import { z } from 'zod';
import { clearable, emailField, line, optionalLine, personName, phoneField, postcodeField, slugField, timeZoneField, plainText, multilineText } from '../common/fields.schema.ts';

export const clinicSlugParams = z.object({ clinicSlug: slugField });

export const registerClinicBody = z.strictObject({
  name: line(120),
  slug: slugField,
  addressLine1: line(200),
  addressLine2: optionalLine(200),
  town: line(80),
  postcode: postcodeField,
  timeZone: timeZoneField.default('Europe/London'),
  phone: phoneField.optional(),
  email: emailField,
});
export type RegisterClinicBody = z.infer<typeof registerClinicBody>;

export const updateClinicBody = z.strictObject({
  name: line(120).optional(),
  addressLine1: line(200).optional(),
  addressLine2: clearable(line(200)),
  town: line(80).optional(),
  postcode: postcodeField.optional(),
  timeZone: timeZoneField.optional(),
  phone: clearable(phoneField),
  email: emailField.optional(),
  website: clearable(z.url().max(300)),
  description: multilineText(5000).optional(),
  hygieneStatement: multilineText(2000).optional(),
  requireStaffTwoFactor: z.boolean().optional(),
  /** Let reception open the practice reports. */
  receptionSeesReports: z.boolean().optional(),
  /** Let each practitioner see the takings of their own visits. */
  practitionersSeeOwnTakings: z.boolean().optional(),
});

export const clinicSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  town: z.string(),
  postcode: z.string(),
  timeZone: z.string(),
});

export const clinicDetail = clinicSummary.extend({
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  email: z.string(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  hygieneStatement: z.string().nullable(),
  currency: z.string(),
});

export const clinicSettings = clinicDetail.extend({ requireStaffTwoFactor: z.boolean(), receptionSeesReports: z.boolean(), practitionersSeeOwnTakings: z.boolean() });

export const clinicListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  town: plainText(80).optional(),
});

export const clinicListResponse = z.object({ items: z.array(clinicSummary), next: z.string().nullable() });

export const staffRole = z.enum(['owner', 'practitioner', 'reception']);

export const inviteBody = z.strictObject({ email: emailField, role: staffRole });
export const invitationResponse = z.object({ id: z.string(), email: z.string(), role: staffRole, expiresAt: z.iso.datetime() });

/** Invitations not yet accepted (expired ones too, so the owner can send them again). */
export const pendingInvitationList = z.object({
  items: z.array(z.object({
    id: z.string(), email: z.string(), role: staffRole, invitedByName: z.string(),
    sentAt: z.iso.datetime(), expiresAt: z.iso.datetime(), expired: z.boolean(),
  })),
});
export const invitationParams = z.object({ clinicSlug: z.string(), invitationId: z.uuid() });

export const invitationPreview = z.object({ clinicName: z.string(), clinicSlug: z.string(), email: z.string(), role: staffRole, hasAccount: z.boolean() });
export const acceptInvitationBody = z.strictObject({
  token: z.string().min(20).max(100),
  /** Only for someone without an account yet. */
  name: personName.optional(),
  password: z.string().min(10, 'Use at least 10 characters').max(200).optional(),
});

export const member = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: staffRole,
  seesAllClients: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** Their 160 × 160 photo (a path on this server), or null: the app shows initials. */
  photoThumbnailUrl: z.string().nullable(),
  /** When the owner deactivated them (they left), or null. */
  deactivatedAt: z.iso.datetime().nullable(),
});
export const memberList = z.object({ items: z.array(member) });
export const updateMemberBody = z.strictObject({ role: staffRole.optional(), seesAllClients: z.boolean().optional() });
export const memberParams = clinicSlugParams.extend({ userId: z.uuid() });

export const deactivationResponse = z.object({ userId: z.string(), deactivatedAt: z.iso.datetime().nullable() });
export const futureBookingsResponse = z.object({
  items: z.array(z.object({
    id: z.string(), start: z.iso.datetime(), end: z.iso.datetime(), status: z.string(),
    /** The day in the clinic's time zone, for the link to the diary. */
    date: z.iso.date(),
    serviceName: z.string().nullable(), clientName: z.string().nullable(), practitionerName: z.string().nullable(),
  })),
});
