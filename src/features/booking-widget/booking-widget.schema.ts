import { z } from 'zod';

/** What the booking widget needs to know about a clinic before the first step (public facts only). */
export const widgetClinic = z.object({
  slug: z.string(),
  name: z.string(),
  /** E.164, for "please call the clinic" messages. */
  phone: z.string().nullable(),
  email: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  /**
   * False when the page asking is on a website the clinic has not listed for its widget:
   * the widget then says so plainly instead of failing on the browser's CORS refusal.
   */
  siteAllowed: z.boolean(),
  /** The clinic's own booking page on Yintang, to book from instead. */
  bookingPageUrl: z.string(),
});
export type WidgetClinic = z.infer<typeof widgetClinic>;

export const widgetClinicParams = z.object({ clinicSlug: z.string().regex(/^[a-z0-9-]{3,60}$/) });
