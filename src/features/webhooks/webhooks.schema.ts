import { z } from 'zod';
import { plainText, uuidParam } from '../common/fields.schema.ts';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';
import { WEBHOOK_EVENT_TYPES } from '../../data/schema/integrations.ts';

const eventList = z.array(z.enum(WEBHOOK_EVENT_TYPES, { message: 'Choose events from the list' }))
  .min(1, 'Choose at least one event').max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)]);

/** A new endpoint: where to send (checked against the address rules by the service) and which events. */
export const createWebhookBody = z.strictObject({
  url: z.string().trim().min(1, 'Enter the address that will receive the events').max(2000, 'Use an address of at most 2,000 characters'),
  description: plainText(120).default(''),
  events: eventList,
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

/** Change the events, or pause and resume sending. */
export const updateWebhookBody = z.strictObject({
  events: eventList.optional(),
  paused: z.boolean().optional(),
});

/** An endpoint as listed: never its secret. */
export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  status: z.enum(['active', 'paused']),
  pausedReason: z.enum(['owner', 'failing']).nullable(),
  failingSince: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookView = z.infer<typeof webhookView>;

export const webhookCreated = webhookView.extend({
  secret: z.string().describe('The signing secret (`whsec_…`) for verifying the `webhook-signature` header. Shown once; never returned again.'),
});

export const webhookEventInfo = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES),
  label: z.string(),
  fields: z.array(z.string()),
  example: z.object({ type: z.string(), timestamp: z.string(), clinic: z.string(), data: z.record(z.string(), z.unknown()) }),
});

export const webhookList = z.object({
  endpoints: z.array(webhookView),
  events: z.array(webhookEventInfo),
});

export const webhookAttemptView = z.object({
  attemptedAt: z.iso.datetime(),
  ok: z.boolean(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const webhookDeliveryView = z.object({
  id: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  attempts: z.array(webhookAttemptView),
});

export const webhookDeliveryList = z.object({ deliveries: z.array(webhookDeliveryView) });

export const webhookParams = clinicSlugParams.extend({ endpointId: uuidParam });
export const webhookDeliveryParams = webhookParams.extend({ deliveryId: uuidParam });
