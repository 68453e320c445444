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
export const COURSE_INTERVAL_WEEKS = [1, 2, 3, 4, 6, 8] as const;

/** "Every week", "Every 2 weeks" … */
export const intervalLabel = (weeks: number) => (weeks === 1 ? 'Every week' : `Every ${weeks} weeks`);

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

/** An interval in days as the whole weeks the forms offer (at least one, the nearest offered). */
export function weeksOf(days: number): number {
  const weeks = Math.max(1, Math.round(days / 7));
  return COURSE_INTERVAL_WEEKS.reduce((best, w) => (Math.abs(w - weeks) < Math.abs(best - weeks) ? w : best), COURSE_INTERVAL_WEEKS[0]);
}

/** Care in a treatment plan that can be booked as a course of its own, with the choice to start from. */
export interface PlanCare {
  key: string;
  /** "Sports massage: 4 sessions", "Maintenance: facial acupuncture". */
  label: string;
  choice: Pick<CourseChoice, 'serviceId' | 'practitionerId' | 'count' | 'weeks'>;
}

/** Maintenance is booked a few sessions at a time. */
const MAINTENANCE_SESSIONS = 3;

/**
 * The plan's complementary care (when it names one of the clinic's services) and its
 * maintenance rhythm (the plan's own treatment, with the plan's practitioner), as course
 * choices: booked through the same course booking as the plan's main course.
 */
export function planCare(plan: {
  id: string;
  service: { id: string; name: string };
  practitioner: { id: string };
  complementary: { serviceId: string | null; name: string; sessions: number; intervalDays: number }[];
  maintenance: { intervalDays: number } | null;
}): PlanCare[] {
  const care: PlanCare[] = plan.complementary.flatMap((c, i) => (c.serviceId ? [{
    key: `${plan.id}-c${i}`,
    label: `${c.name}: ${c.sessions} ${c.sessions === 1 ? 'session' : 'sessions'}`,
    choice: { serviceId: c.serviceId, practitionerId: '', count: String(Math.max(2, c.sessions)), weeks: String(weeksOf(c.intervalDays)) },
  }] : []));
  if (plan.maintenance) {
    care.push({
      key: `${plan.id}-m`,
      label: `Maintenance: ${plan.service.name.toLowerCase()}`,
      choice: { serviceId: plan.service.id, practitionerId: plan.practitioner.id, count: String(MAINTENANCE_SESSIONS), weeks: String(weeksOf(plan.maintenance.intervalDays)) },
    });
  }
  return care;
}
