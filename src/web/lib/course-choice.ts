/**
 * What a course is made of, as someone types it, and the words about its proposed dates:
 * the same for reception in the diary, a client in the portal and a visitor in the
 * booking widget. The dates themselves come from the server (`POST …/series/proposals`,
 * `src/domain/courses/series-dates.ts`); nothing here computes one.
 */

/** A course choice as typed (strings, as form fields hold them). */
export interface CourseChoice {
  serviceId: string;
  practitionerId: string;
  count: string;
  weeks: string;
  firstDate: string;
  time: string;
}

/** How often sessions may be, in weeks, as the forms offer it. */
export const COURSE_INTERVAL_WEEKS = [1, 2, 3, 4] as const;

/** "Every week", "Every 2 weeks" … */
export const intervalLabel = (weeks: number) => (weeks === 1 ? 'Every week' : weeks === 2 ? 'Every two weeks' : `Every ${weeks} weeks`);

/** A course is of treatments: not of a free consultation, nor of a visit for new clients only. */
export const isCourseable = (s: { kind: string; newClientsOnly?: boolean }) => s.kind !== 'consultation' && !s.newClientsOnly;

/** The field messages for a course choice (empty when it can be proposed). */
export function courseProblems(v: CourseChoice): Record<string, string> {
  const found: Record<string, string> = {};
  const count = Number(v.count);
  if (!v.serviceId) found.serviceId = 'Choose a treatment';
  if (!v.practitionerId) found.practitionerId = 'Choose a practitioner';
  if (!/^\d+$/.test(v.count.trim()) || !Number.isInteger(count) || count < 2 || count > 52) found.count = 'Enter between 2 and 52 sessions';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.firstDate)) found.firstDate = 'Choose the date of the first session';
  if (!/^\d{2}:\d{2}$/.test(v.time)) found.time = 'Enter a time such as 10:00';
  return found;
}

/** The body of `POST …/series/proposals` for a choice (the caller adds `clientId` when staff book). */
export const courseProposalBody = (v: CourseChoice) => ({
  serviceId: v.serviceId, practitionerId: v.practitionerId, count: Number(v.count), every: { n: Number(v.weeks), unit: 'weeks' as const }, firstDate: v.firstDate, time: v.time,
});

/** The sentence above the proposed dates: all free, or how many clash and what to do. */
export function proposalSummary(sessions: { status: string }[]): string {
  const moved = sessions.filter((s) => s.status !== 'available').length;
  return moved === 0
    ? `All ${sessions.length} sessions are free at the usual time.`
    : `${moved} of ${sessions.length} sessions clash with the usual time: choose one of the nearest free times for ${moved === 1 ? 'it' : 'each'}.`;
}

/** The starts first proposed, one per session (null where nothing near is free). */
export const proposedStarts = (sessions: { start: string | null }[]) => sessions.map((s) => s.start);
