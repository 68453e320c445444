import { z } from 'zod';
import { emailField, newPassword, password, personName, slugField } from '../common/fields.schema.ts';

export const signUpBody = z.strictObject({
  name: personName,
  email: emailField,
  password: newPassword,
  /** The clinic whose site the person signed up from; they become its client once verified. */
  clinicSlug: slugField.optional(),
});
export type SignUpBody = z.infer<typeof signUpBody>;

export const signInBody = z.strictObject({ email: emailField, password });
export const twoFactorCodeBody = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code') });
const emailedToken = z.string().min(20).max(100);
/** Confirming a sign-up: the link's token and the password chosen at that sign-up. */
export const verifyEmailBody = z.strictObject({ token: emailedToken, password });
export const forgotPasswordBody = z.strictObject({ email: emailField });
export const resetPasswordBody = z.strictObject({ token: emailedToken, password: newPassword });
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword });
export const disableTwoFactorBody = z.strictObject({ password });
export const switchClinicBody = z.strictObject({ clinicId: z.uuid() });

export const acceptedResponse = z.object({ message: z.string() });

export const sessionResponse = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      twoFactorEnabled: z.boolean(),
    })
    .nullable(),
  csrfToken: z.string().nullable(),
  /** Password accepted; the 6-digit code is still owed. */
  twoFactorPending: z.boolean(),
  staffOf: z.array(
    z.object({
      clinicId: z.string(),
      slug: z.string(),
      name: z.string(),
      role: z.enum(['owner', 'practitioner', 'reception']),
      /** The clinic requires two-factor sign-in and this account has not turned it on. */
      mustSetUpTwoFactor: z.boolean(),
      /** May open the practice reports: the owner, and reception when the owner allows it. */
      seesReports: z.boolean(),
      /** A practitioner who may see the takings of their own visits (the owner allows it). */
      seesOwnTakings: z.boolean(),
    }),
  ),
  clientOf: z.array(z.object({ clinicId: z.string(), slug: z.string(), name: z.string(), clientId: z.string() })),
  activeClinicId: z.string().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const signInResponse = z.object({ twoFactorRequired: z.boolean() });

export const twoFactorSetupResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as an SVG QR code, for authenticator apps. */
  qrSvg: z.string(),
});
