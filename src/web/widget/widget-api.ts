import type { z } from 'zod';
import type { availabilityResponse, publicPractitionerList, publicServiceList } from '../../features/scheduling/scheduling.schema.ts';
import type { bookingCreated } from '../../features/booking/booking.schema.ts';
import type { WidgetClinic } from '../../features/booking-widget/booking-widget.schema.ts';
import type { bookedSeries, seriesProposal, seriesProposalBody } from '../../features/series/series.schema.ts';

/**
 * The widget's own small fetch wrapper (it does not load the app's): the public booking
 * API of one clinic, from this site or from the clinic's own website (CORS). It sends no
 * cookies, except on Yintang's own site to someone who is signed in there: `session()`
 * says who they are, and `book` with `signedIn` books with the session's details (the
 * widget says so and offers to book with other details instead). On a clinic's own
 * website no session is ever used.
 */

export type Service = z.infer<typeof publicServiceList>['items'][number];
export type Practitioner = z.infer<typeof publicPractitionerList>['items'][number];
export type Availability = z.infer<typeof availabilityResponse>;
export type Slot = Availability['slots'][number];
export type BookingCreated = z.infer<typeof bookingCreated>;
export type CourseProposal = z.infer<typeof seriesProposal>;
export type CourseBooked = z.infer<typeof bookedSeries>;
export type { WidgetClinic };

export interface Problem {
  status: number;
  /** The last part of the problem type, e.g. `slot-taken`. */
  code: string;
  title: string;
  detail: string;
  errors: { field: string; message: string }[];
  retryAfterSec?: number;
  /** With a course: the session (from 0) the problem is about. */
  index?: number;
  consultationServiceId?: string | null;
  /** With `screening-wait`: the earliest date the client can be offered. */
  earliestDate?: string;
  /** Somewhere to go instead (e.g. the clinic's own booking page). */
  link?: { href: string; text: string };
}

export class WidgetError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

const offline: Problem = {
  status: 0, code: 'network', title: 'No connection', errors: [],
  detail: 'We could not reach the booking service. Please check your internet connection and try again.',
};

/** Who is signed in on Yintang's own site, as the widget needs it. */
export interface SignedInPerson {
  name: string;
  email: string;
  csrfToken: string;
}

export function createApi(origin: string, clinicSlug: string) {
  const base = `${origin}/api/v1/clinics/${encodeURIComponent(clinicSlug)}`;
  // Only on Yintang's own pages may the widget use the session there.
  const sameSite = typeof window !== 'undefined' && new URL(origin, window.location.href).origin === window.location.origin;

  async function request<T>(url: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit', ...init, headers: { Accept: 'application/json', ...init?.headers } });
    } catch {
      throw new WidgetError(offline);
    }
    if (response.ok) return (await response.json()) as T;
    let body: Record<string, unknown> = {};
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // Not JSON: keep the generic wording below.
    }
    const retry = Number(response.headers.get('Retry-After'));
    throw new WidgetError({
      status: response.status,
      code: String(body.type ?? '').split('/').pop() ?? '',
      title: String(body.title ?? 'Something went wrong'),
      detail: typeof body.detail === 'string' ? body.detail : 'Something went wrong on our side. Please try again in a moment.',
      errors: Array.isArray(body.errors) ? (body.errors as Problem['errors']) : [],
      retryAfterSec: Number.isFinite(retry) && retry > 0 ? retry : undefined,
      index: typeof body.index === 'number' ? body.index : undefined,
      consultationServiceId: typeof body.consultationServiceId === 'string' ? body.consultationServiceId : null,
      earliestDate: typeof body.earliestDate === 'string' ? body.earliestDate : undefined,
    });
  }

  /** A POST with JSON; as the signed-in person (their session and CSRF token) only on Yintang's own site. */
  const post = <T>(url: string, body: unknown, headers: Record<string, string> = {}, signedIn?: SignedInPerson) => request<T>(url, {
    method: 'POST',
    credentials: signedIn && sameSite ? 'same-origin' : 'omit',
    headers: { 'Content-Type': 'application/json', ...headers, ...(signedIn && sameSite ? { 'X-CSRF-Token': signedIn.csrfToken } : {}) },
    body: JSON.stringify(body),
  });

  return {
    clinic: () => request<WidgetClinic>(`${origin}/widget/clinics/${encodeURIComponent(clinicSlug)}`),
    services: () => request<{ items: Service[] }>(`${base}/services`),
    practitioners: () => request<{ items: Practitioner[] }>(`${base}/practitioners`),
    /**
     * Free times. For someone signed in on this site it carries the session, so the server
     * offers only what their health answers allow (a later earliest date, or "please call").
     */
    availability: (q: { serviceId: string; practitionerId?: string; from: string; to: string }, signedIn?: SignedInPerson | null) => {
      const params = new URLSearchParams({ serviceId: q.serviceId, from: q.from, to: q.to });
      if (q.practitionerId) params.set('practitionerId', q.practitionerId);
      return request<Availability>(`${base}/availability?${params}`, { credentials: signedIn && sameSite ? 'same-origin' : 'omit' });
    },
    /**
     * The person signed in on this site with a confirmed address, or null (a visitor, a
     * clinic's own website, or anything that goes wrong: the widget then asks for details).
     */
    session: async (): Promise<SignedInPerson | null> => {
      if (!sameSite) return null;
      try {
        const s = await request<{ user: { name: string; email: string; emailVerified: boolean } | null; csrfToken: string | null }>(
          `${origin}/api/v1/auth/session`, { credentials: 'same-origin' });
        return s.user?.emailVerified && s.csrfToken ? { name: s.user.name, email: s.user.email, csrfToken: s.csrfToken } : null;
      } catch {
        return null;
      }
    },
    /** Books with `client`'s details, or, with `signedIn`, as the signed-in person (confirmed at once). */
    book: (
      body: { serviceId: string; practitionerId: string | null; start: string; client?: { name: string; email: string; phone?: string }; voucherCode?: string },
      idempotencyKey: string, signedIn?: SignedInPerson,
    ) => post<BookingCreated>(`${base}/bookings`, body, { 'Idempotency-Key': idempotencyKey }, signedIn),
    /** The proposed dates of a course, under the public rules (nothing is booked). */
    proposeCourse: (body: z.input<typeof seriesProposalBody>) => post<CourseProposal>(`${base}/series/proposals`, body),
    /** Books every session of a course: held until the e-mail is confirmed, or, with `signedIn`, confirmed at once. */
    bookCourse: (
      body: { serviceId: string; practitionerId: string; starts: string[]; client?: { name: string; email: string; phone?: string } },
      idempotencyKey: string, signedIn?: SignedInPerson,
    ) => post<CourseBooked>(`${base}/series`, body, { 'Idempotency-Key': idempotencyKey }, signedIn),
  };
}

export type WidgetApi = ReturnType<typeof createApi>;

/** A key that makes a retried request (a double tap, a flaky connection) book only once. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
