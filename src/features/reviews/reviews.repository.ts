import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { clients, reviews, users } from '../../data/schema/index.ts';

export interface ReviewAggregate {
  average: number | null;
  count: number;
  hiddenCount: number;
}

export interface PublicReview {
  id: string;
  rating: number;
  body: string;
  createdAt: string;
  author: string;
  practitioner: { id: string; name: string };
  reply: { body: string; repliedAt: string } | null;
}

export interface ReviewSummary {
  aggregate: ReviewAggregate;
  items: PublicReview[];
}

/** "Jane Doe" → "Jane D.": enough to be a person, not enough to find them. */
export function authorName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'A client';
  const last = words.length > 1 ? ` ${Array.from(words.at(-1)!)[0]!.toUpperCase()}.` : '';
  return `${words[0]}${last}`;
}

const scope = (clinicId: string, practitionerId?: string) =>
  and(eq(reviews.clinicId, clinicId), practitionerId ? eq(reviews.practitionerId, practitionerId) : undefined);

/** Average and count of visible reviews, and how many the clinic hid. */
export async function reviewAggregate(q: Queryable, clinicId: string, practitionerId?: string): Promise<ReviewAggregate> {
  const [row] = await q.select({
    average: sql<string | null>`round(avg(${reviews.rating}) filter (where ${reviews.hiddenAt} is null), 1)`,
    count: sql<number>`count(*) filter (where ${reviews.hiddenAt} is null)`.mapWith(Number),
    hiddenCount: sql<number>`count(*) filter (where ${reviews.hiddenAt} is not null)`.mapWith(Number),
  }).from(reviews).where(scope(clinicId, practitionerId));
  return { average: row?.average == null ? null : Number(row.average), count: row?.count ?? 0, hiddenCount: row?.hiddenCount ?? 0 };
}

const practitionerUser = sql`(select ${users.name} from ${users} where ${users.id} = ${reviews.practitionerId})`;

/** Reviews of a clinic (or one practitioner), newest first; hidden ones only when asked (staff). */
export async function listReviews(q: Queryable, clinicId: string, options: { practitionerId?: string; includeHidden?: boolean; limit?: number; offset?: number } = {}) {
  const rows = await q.select({
    review: reviews,
    clientName: clients.name,
    practitionerName: sql<string>`${practitionerUser}`,
  }).from(reviews)
    .innerJoin(clients, and(eq(clients.clinicId, reviews.clinicId), eq(clients.id, reviews.clientId)))
    .where(and(scope(clinicId, options.practitionerId), options.includeHidden ? undefined : sql`${reviews.hiddenAt} is null`))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
  return rows.map(({ review: r, clientName, practitionerName }) => ({
    public: {
      id: r.id,
      rating: r.rating,
      body: r.body,
      createdAt: r.createdAt.toISOString(),
      author: authorName(clientName),
      practitioner: { id: r.practitionerId, name: practitionerName ?? '' },
      reply: r.replyBody && r.repliedAt ? { body: r.replyBody, repliedAt: r.repliedAt.toISOString() } : null,
    } satisfies PublicReview,
    row: r,
  }));
}

/** What the public pages show: the aggregate and the latest visible reviews (`offset` for later pages). */
export async function publicReviews(q: Queryable, clinicId: string, practitionerId?: string, limit = 20, offset = 0): Promise<ReviewSummary> {
  const [aggregate, rows] = await Promise.all([reviewAggregate(q, clinicId, practitionerId), listReviews(q, clinicId, { practitionerId, limit, offset })]);
  return { aggregate, items: rows.map((r) => r.public) };
}
