import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The three headers of a Standard Webhooks message: `webhook-id` (the same on every
 * retry and replay, so receivers de-duplicate by it), `webhook-timestamp` (seconds) and
 * `webhook-signature` (`v1,` + HMAC-SHA256 of `id.timestamp.body`), made by the
 * `standardwebhooks` library that receivers verify with.
 */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}
