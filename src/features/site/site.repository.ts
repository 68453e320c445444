import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../data/db.ts';
import { memberships, qualifications, users } from '../../data/schema/index.ts';

export interface PublicPractitioner {
  userId: string;
  name: string;
  title: string | null;
  bio: string | null;
  yearsExperience: number | null;
  qualifications: { title: string; awardingBody: string; year: number | null; verified: boolean }[];
}

/** Practitioners shown on a clinic's public page, with their qualifications (two queries). */
export async function listPublicPractitioners(q: Queryable, clinicId: string): Promise<PublicPractitioner[]> {
  const people = await q
    .select({ userId: users.id, name: users.name, title: memberships.title, bio: memberships.bio, yearsExperience: memberships.yearsExperience })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, ['practitioner', 'owner'])))
    .orderBy(asc(users.name));
  const quals = people.length
    ? await q.select().from(qualifications).where(and(eq(qualifications.clinicId, clinicId), inArray(qualifications.userId, people.map((p) => p.userId))))
    : [];
  return people
    .filter((p) => p.bio !== null || quals.some((x) => x.userId === p.userId))
    .map((p) => ({
      ...p,
      qualifications: quals
        .filter((x) => x.userId === p.userId)
        .map((x) => ({ title: x.title, awardingBody: x.awardingBody, year: x.year, verified: x.verifiedAt !== null })),
    }));
}
