import { z } from 'zod';
import { clinicSlugParams } from '../clinics/clinics.schema.ts';

export const outboxParams = clinicSlugParams;
export const outboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const outboxItem = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  /**
   * The e-mail's text with every secret link withheld (only the recipient may use those);
   * null for e-mails queued before links were withheld, which staff see by subject only.
   */
  text: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'kept', 'failed']),
  createdAt: z.iso.datetime(),
  /** File names only: staff do not get the attachments themselves. */
  attachments: z.array(z.string()),
});
export type OutboxItem = z.infer<typeof outboxItem>;

export const outboxList = z.object({ smtpConfigured: z.boolean(), items: z.array(outboxItem) });
export type OutboxList = z.infer<typeof outboxList>;
