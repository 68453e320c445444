import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { clinics } from './clinics.ts';

/** The longest treatment page a clinic may save, in characters of Markdown. */
export const CONTENT_PAGE_MAX = 60000;

/**
 * A clinic's own versions of a treatment page (Markdown). Every save is a new version;
 * at most one version per page is published, and without one the clinic shows Yintang's
 * default page. Restoring an old version saves it again as the newest.
 */
export const contentPageVersions = pgTable(
  'content_page_versions',
  {
    clinicId: uuid().notNull().references(() => clinics.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    slug: text().notNull(),
    version: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    bodyMarkdown: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    published: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique('content_page_versions_version_uq').on(t.clinicId, t.slug, t.version),
    uniqueIndex('content_page_versions_published_uq').on(t.clinicId, t.slug).where(sql`${t.published}`),
    check('content_page_versions_version_ck', sql`${t.version} >= 1`),
    check('content_page_versions_slug_ck', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,79}$'`),
    check('content_page_versions_text_ck', sql`char_length(${t.title}) between 1 and 200 and char_length(${t.description}) between 1 and 400
      and char_length(${t.bodyMarkdown}) between 1 and ${sql.raw(String(CONTENT_PAGE_MAX))}`),
    check('content_page_versions_published_ck', sql`${t.published} = (${t.publishedAt} is not null)`),
  ],
);
