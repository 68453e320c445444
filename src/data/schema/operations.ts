import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per readiness probe, rewritten by `/health/ready` to prove the database takes
 * writes (a full disk or a read-only server refuses it). Holds no clinic data.
 */
export const healthProbes = pgTable('health_probes', {
  name: text('name').primaryKey(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
