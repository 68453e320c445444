import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { contentPageVersions, services, users } from '../../data/schema/index.ts';
import type { Queryable } from '../../data/db.ts';
import type { AppContext } from '../../server/context.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../../server/access.ts';
import { recordAudit } from '../../server/audit.ts';
import { TREATMENTS, treatmentBySlug, type TreatmentSlug } from '../../domain/treatments/treatments.ts';
import { sqlState, UNIQUE_VIOLATION } from '../booking/db-errors.ts';
import { getTreatmentPage, renderTreatmentPage } from './treatment-pages.ts';
import type { saveVersionBody } from './content-pages.schema.ts';

const editedMeanwhile = () => new AppError(409, 'edited-meanwhile', 'Saved by someone else',
  'Someone saved this page while you were editing it. Copy your changes, reload the page to see theirs, and apply your changes again.');

/** The owner's list of treatment pages: which show the default and which the clinic's own version. */
export async function listContentPages(ctx: AppContext, actor: Actor) {
  const q = ctx.database.db;
  const published = await q.select({ slug: contentPageVersions.slug, version: contentPageVersions.version }).from(contentPageVersions)
    .where(and(eq(contentPageVersions.clinicId, actor.clinicId), eq(contentPageVersions.published, true)));
  const kinds = new Set((await q.select({ kind: services.kind }).from(services).where(and(eq(services.clinicId, actor.clinicId), eq(services.active, true)))).map((s) => s.kind));
  return {
    items: TREATMENTS.map((t) => {
      const own = published.find((p) => p.slug === t.slug);
      return { slug: t.slug, treatment: t.name, source: own ? 'clinic' as const : 'default' as const, version: own?.version ?? null, offered: kinds.has(t.kind) };
    }),
  };
}

async function pageView(q: Queryable, clinicId: string, page: TreatmentSlug) {
  const current = (await getTreatmentPage(q, clinicId, page))!;
  const versions = await q.select({
    version: contentPageVersions.version, title: contentPageVersions.title, createdAt: contentPageVersions.createdAt,
    createdBy: users.name, published: contentPageVersions.published,
  }).from(contentPageVersions).leftJoin(users, eq(users.id, contentPageVersions.createdBy))
    .where(and(eq(contentPageVersions.clinicId, clinicId), eq(contentPageVersions.slug, page)))
    .orderBy(desc(contentPageVersions.version)).limit(100);
  return {
    slug: page, treatment: current.treatment.name, source: current.source, version: current.version ?? null,
    title: current.title, description: current.description, markdown: current.markdown,
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy ?? null })),
  };
}

/** One page as the editor opens it: what is shown now, and every saved version. */
export async function getContentPage(ctx: AppContext, actor: Actor, page: TreatmentSlug) {
  return pageView(ctx.database.db, actor.clinicId, page);
}

/** Renders Markdown as the public page would (sanitised), with the prices' place marked. */
export function previewContent(_actor: Actor, markdown: string) {
  const r = renderTreatmentPage(markdown);
  return { html: `${r.before}<p class="preview-prices"><em>[The clinic’s prices appear here.]</em></p>${r.after}` };
}

/** Publishes `content` as the page's newest version, in one transaction with its audit entry. */
async function publishVersion(ctx: AppContext, actor: Actor, page: TreatmentSlug,
  content: { title: string; description: string; markdown: string }, expected: number | null | 'any', audit: { action: string; details?: Record<string, unknown> }) {
  const { clinicId } = actor;
  try {
    return await ctx.database.transaction(async (tx) => {
      const [latest] = await tx.select({ version: sql<number>`max(${contentPageVersions.version})`.mapWith(Number) }).from(contentPageVersions)
        .where(and(eq(contentPageVersions.clinicId, clinicId), eq(contentPageVersions.slug, page)));
      const top = latest?.version || null;
      if (expected !== 'any' && top !== expected) throw editedMeanwhile();
      const version = (top ?? 0) + 1;
      const now = new Date();
      await tx.update(contentPageVersions).set({ published: false, publishedAt: null })
        .where(and(eq(contentPageVersions.clinicId, clinicId), eq(contentPageVersions.slug, page), eq(contentPageVersions.published, true)));
      await tx.insert(contentPageVersions).values({
        clinicId, slug: page, version, title: content.title, description: content.description, bodyMarkdown: content.markdown,
        createdBy: actor.userId, published: true, publishedAt: now,
      });
      await recordAudit(tx, actor, { action: audit.action, entityType: 'content_page', entityId: page, details: { page, version, ...audit.details } });
      return pageView(tx, clinicId, page);
    });
  } catch (error) {
    // Two saves at once: the unique keys on the version and the published page refuse the second.
    if (sqlState(error) === UNIQUE_VIOLATION) throw editedMeanwhile();
    throw error;
  }
}

/** Saves an edit as a new, published version. */
export async function saveContentVersion(ctx: AppContext, actor: Actor, page: TreatmentSlug, body: z.infer<typeof saveVersionBody>) {
  return publishVersion(ctx, actor, page, body, body.baseVersion, { action: 'content_page.saved' });
}

/** Undo: publishes an earlier version again, as the newest version (history is never rewritten). */
export async function restoreContentVersion(ctx: AppContext, actor: Actor, page: TreatmentSlug, version: number) {
  const [old] = await ctx.database.db.select().from(contentPageVersions)
    .where(and(eq(contentPageVersions.clinicId, actor.clinicId), eq(contentPageVersions.slug, page), eq(contentPageVersions.version, version)));
  if (!old) throw notFound('That version');
  return publishVersion(ctx, actor, page, { title: old.title, description: old.description, markdown: old.bodyMarkdown }, 'any',
    { action: 'content_page.restored', details: { from: version } });
}

/** Shows Yintang's default page again; the clinic's versions are kept and can be restored. */
export async function useDefaultContent(ctx: AppContext, actor: Actor, page: TreatmentSlug) {
  if (!treatmentBySlug(page)) throw notFound('The page');
  return ctx.database.transaction(async (tx) => {
    await tx.update(contentPageVersions).set({ published: false, publishedAt: null })
      .where(and(eq(contentPageVersions.clinicId, actor.clinicId), eq(contentPageVersions.slug, page), eq(contentPageVersions.published, true)));
    await recordAudit(tx, actor, { action: 'content_page.default_restored', entityType: 'content_page', entityId: page, clinicId: actor.clinicId, actorRole: actor.role, details: { page } });
    return pageView(tx, actor.clinicId, page);
  });
}
